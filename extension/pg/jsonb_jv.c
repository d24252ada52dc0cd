/*-------------------------------------------------------------------------
 * extension/pg/jsonb_jv.c
 *	  jsonb to json_value and back, for the signature generator.
 *
 *	  Walking the binary jsonb directly is several times cheaper than
 *	  printing it as text for the generator's own parser, and lets a crash
 *	  be pruned to what signature generation reads: of a processed crash,
 *	  only some keys, and of its threads only thread 0 and the crashing
 *	  one, without registers (a Firefox crash has some sixty threads and
 *	  every module's details).  The tree
 *	  is malloc'd, as the portable code expects; it is always attached to
 *	  its root before it is filled, so an error half-way frees it whole.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "jsonb_jv.h"
#include "siggen.h"

/*
 * Where in a crash a container is, which says what of it to keep: the
 * pruning follows siggen_crash_data and the generator (siggen.h).
 */
typedef enum crash_level
{
	LEVEL_ALL,					/* keep everything below */
	LEVEL_TOP,					/* the crash (or its annotations) */
	LEVEL_DUMP,					/* json_dump */
	LEVEL_THREADS,				/* a threads array */
	LEVEL_THREAD,				/* one thread */
	LEVEL_FRAMES,				/* a thread's frames */
	LEVEL_FRAME					/* one frame */
} crash_level;

static void fill_container(json_value *node, JsonbContainer *c, crash_level level,
						   const json_value *crashing_thread);

/* Fail for a malloc that returned NULL. */
static void
out_of_memory(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_OUT_OF_MEMORY),
			 errmsg("out of memory"),
			 errdetail("Converting a crash for signature generation failed.")));
}

/* A new node for a scalar jsonb value, or an empty container for a binary one. */
static json_value *
new_node(const JsonbValue *v)
{
	json_value *n;

	switch (v->type)
	{
		case jbvNull:
			n = jv_new(JV_NULL);
			break;
		case jbvBool:
			n = jv_new(JV_BOOL);
			if (n)
				n->boolean = v->val.boolean;
			break;
		case jbvString:
			n = jv_new_string(v->val.string.val, v->val.string.len);
			break;
		case jbvNumeric:
			{
				char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out,
																	   NumericGetDatum(v->val.numeric)));

				n = jv_new_number(text, strlen(text));
				pfree(text);
				break;
			}
		case jbvBinary:
			n = jv_new(JsonContainerIsObject(v->val.binary.data) ? JV_OBJECT : JV_ARRAY);
			break;
		default:
			elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
	}
	if (!n)
		out_of_memory();
	return n;
}

/* The level of the value of key in an object at level. */
static crash_level
child_level(crash_level level, const JsonbValue *key)
{
	const char *k = key->val.string.val;
	int			len = key->val.string.len;

	if (level == LEVEL_TOP && len == 9 && memcmp(k, "json_dump", 9) == 0)
		return LEVEL_DUMP;
	if ((level == LEVEL_TOP || level == LEVEL_DUMP) && len == 7 && memcmp(k, "threads", 7) == 0)
		return LEVEL_THREADS;
	if (level == LEVEL_THREAD && len == 6 && memcmp(k, "frames", 6) == 0)
		return LEVEL_FRAMES;
	return LEVEL_ALL;
}

/* Whether an object at level keeps key. */
static bool
keeps_key(crash_level level, const JsonbValue *key)
{
	const char *k = key->val.string.val;
	size_t		len = key->val.string.len;

	switch (level)
	{
		case LEVEL_TOP:
			return siggen_crash_key_wanted(k, len);
		case LEVEL_DUMP:
			return siggen_json_dump_key_wanted(k, len);
		case LEVEL_THREAD:
			return siggen_thread_key_wanted(k, len);
		case LEVEL_FRAME:
			return siggen_frame_key_wanted(k, len);
		default:
			return true;
	}
}

/*
 * The crashing_thread value that picks the threads read from a threads
 * array in container c: c.crash_info.crashing_thread when c has crash_info
 * (json_dump, a stack walk), else c.crashing_thread (crash_data).  Sets
 * *known false when c has neither, as when annotations would supply it.
 */
static json_value *
crashing_thread_of(JsonbContainer *c, bool *known)
{
	JsonbValue	holder;
	JsonbValue *info = getKeyJsonValueFromContainer(c, "crash_info", 10, &holder);
	JsonbValue	v;
	JsonbValue *ct;

	if (info && info->type == jbvBinary && JsonContainerIsObject(info->val.binary.data))
		ct = getKeyJsonValueFromContainer(info->val.binary.data, "crashing_thread", 15, &v);
	else
		ct = info ? NULL : getKeyJsonValueFromContainer(c, "crashing_thread", 15, &v);
	*known = info != NULL || ct != NULL;
	if (!ct || ct->type == jbvBinary)
		return NULL;
	return new_node(ct);
}

/* Convert v and append it to the array or object node (under key). */
static void
append(json_value *node, const JsonbValue *key, const JsonbValue *v, crash_level level,
	   const json_value *crashing_thread)
{
	json_value *child = new_node(v);
	bool		ok = node->type == JV_ARRAY ? jv_array_append(node, child) :
		jv_object_append(node, key->val.string.val, key->val.string.len, child);

	if (!ok)
		out_of_memory();
	if (v->type == jbvBinary)
		fill_container(child, v->val.binary.data, level, crashing_thread);
}

/* Fill an empty threads array node, each thread not read as a null. */
static void
fill_threads(json_value *node, JsonbContainer *c, const json_value *crashing_thread)
{
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbValue	v;
	JsonbValue	null = {.type = jbvNull};
	JsonbIteratorToken tok;
	size_t		count = JsonContainerSize(c);
	size_t		i = 0;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		if (tok == WJB_ELEM)
			append(node, NULL, siggen_thread_wanted(crashing_thread, count, i++) ? &v : &null,
				   LEVEL_THREAD, NULL);
}

/* Append one kept member; ct (the crashing_thread value, or NULL) is freed. */
static void
append_member(json_value *node, const JsonbValue *key, const JsonbValue *v, crash_level level,
			  json_value *ct)
{
	if (ct == NULL)
	{
		append(node, key, v, level, NULL);
		return;
	}
	PG_TRY();
	{
		append(node, key, v, level, ct);
	}
	PG_FINALLY();
	{
		jv_free(ct);
	}
	PG_END_TRY();
}

/* Fill an empty object node from an object container, keeping what level keeps. */
static void
fill_object(json_value *node, JsonbContainer *c, crash_level level)
{
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbValue	key;
	JsonbValue	v;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = v;
		else if (tok == WJB_VALUE && keeps_key(level, &key))
		{
			crash_level sub = child_level(level, &key);
			bool		known = true;
			json_value *ct = sub == LEVEL_THREADS ? crashing_thread_of(c, &known) : NULL;

			append_member(node, &key, &v, known ? sub : LEVEL_ALL, ct);
		}
	}
}

/*
 * Fill an empty array or object node from a jsonb container at level (see
 * crash_level); crashing_thread picks the threads of a threads array.
 */
static void
fill_container(json_value *node, JsonbContainer *c, crash_level level,
			   const json_value *crashing_thread)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	check_stack_depth();
	if (node->type == JV_OBJECT)
	{
		fill_object(node, c, level);
		return;
	}
	if (level == LEVEL_THREADS)
	{
		fill_threads(node, c, crashing_thread);
		return;
	}
	it = JsonbIteratorInit(c);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		if (tok == WJB_ELEM)
			append(node, NULL, &v, level == LEVEL_FRAMES ? LEVEL_FRAME : LEVEL_ALL, NULL);
}

/* The parts of a crash that signature generation reads, as a tree. */
json_value *
crashpipe_crash_to_jv(Jsonb *crash, const char *what)
{
	json_value *root;

	if (!JB_ROOT_IS_OBJECT(crash) || JB_ROOT_IS_SCALAR(crash))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a JSON object", what),
				 errhint("Pass a processed crash, a stack walk or a crash_data object.")));
	root = jv_new(JV_OBJECT);
	if (!root)
		out_of_memory();
	PG_TRY();
	{
		fill_container(root, &crash->root, LEVEL_TOP, NULL);
	}
	PG_CATCH();
	{
		jv_free(root);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return root;
}

static JsonbValue *push_value(JsonbParseState **state, JsonbIteratorToken tok,
							  const json_value *v);

/* A scalar tree value as a jsonb value. */
static void
scalar_value(const json_value *v, JsonbValue *out)
{
	switch (v->type)
	{
		case JV_NULL:
			out->type = jbvNull;
			break;
		case JV_BOOL:
			out->type = jbvBool;
			out->val.boolean = v->boolean;
			break;
		case JV_STRING:
			out->type = jbvString;
			out->val.string.val = v->text;
			out->val.string.len = (int) v->len;
			break;
		case JV_NUMBER:
			out->type = jbvNumeric;
			out->val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in,
																   CStringGetDatum(v->text),
																   ObjectIdGetDatum(InvalidOid),
																   Int32GetDatum(-1)));
			break;
		default:
			elog(ERROR, "unexpected json_value type %d", (int) v->type);
	}
}

/* Push an array or object tree value with everything in it. */
static JsonbValue *
push_container(JsonbParseState **state, const json_value *v)
{
	bool		array = v->type == JV_ARRAY;
	size_t		i;

	check_stack_depth();
	pushJsonbValue(state, array ? WJB_BEGIN_ARRAY : WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < v->count; i++)
	{
		JsonbValue	key;

		if (array)
		{
			push_value(state, WJB_ELEM, v->items[i]);
			continue;
		}
		key.type = jbvString;
		key.val.string.val = v->members[i].key;
		key.val.string.len = (int) v->members[i].key_len;
		pushJsonbValue(state, WJB_KEY, &key);
		push_value(state, WJB_VALUE, v->members[i].value);
	}
	return pushJsonbValue(state, array ? WJB_END_ARRAY : WJB_END_OBJECT, NULL);
}

/* Push one tree value, as an array element or the value of a key. */
static JsonbValue *
push_value(JsonbParseState **state, JsonbIteratorToken tok, const json_value *v)
{
	JsonbValue	jv;

	if (v->type == JV_ARRAY || v->type == JV_OBJECT)
		return push_container(state, v);
	scalar_value(v, &jv);
	return pushJsonbValue(state, tok, &jv);
}

/* An array or object tree as jsonb. */
Jsonb *
crashpipe_jv_to_jsonb(const json_value *v)
{
	JsonbParseState *state = NULL;

	if (v->type != JV_ARRAY && v->type != JV_OBJECT)
		elog(ERROR, "only arrays and objects are converted to jsonb");
	return JsonbValueToJsonb(push_container(&state, v));
}
