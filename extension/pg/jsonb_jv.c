/*-------------------------------------------------------------------------
 * extension/pg/jsonb_jv.c
 *	  jsonb to json_value and back, for the signature generator.
 *
 *	  Walking the binary jsonb directly is several times cheaper than
 *	  printing it as text for the generator's own parser, and lets a crash
 *	  be pruned to the keys signature generation reads (a processed crash
 *	  also holds modules, every thread's registers and so on).  The tree
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

/* Which object keys to keep at one level (NULL: all). */
typedef bool (*key_filter) (const char *key, size_t len);

static void fill_container(json_value *node, JsonbContainer *c, key_filter filter);

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

/* Convert v and append it to the array or object node (under key). */
static void
append(json_value *node, const JsonbValue *key, const JsonbValue *v, key_filter filter)
{
	json_value *child = new_node(v);
	bool		ok = node->type == JV_ARRAY ? jv_array_append(node, child) :
		jv_object_append(node, key->val.string.val, key->val.string.len, child);

	if (!ok)
		out_of_memory();
	if (v->type == jbvBinary)
		fill_container(child, v->val.binary.data, filter);
}

/*
 * Fill an empty array or object node from a jsonb container; filter picks
 * the keys kept at this level, and a kept "json_dump" object is pruned with
 * siggen_json_dump_key_wanted.  Deeper levels are kept whole.
 */
static void
fill_container(json_value *node, JsonbContainer *c, key_filter filter)
{
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbValue	key;
	JsonbValue	v;
	JsonbIteratorToken tok;

	check_stack_depth();
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = v;
		else if (tok == WJB_ELEM)
			append(node, NULL, &v, NULL);
		else if (tok == WJB_VALUE && (!filter || filter(key.val.string.val, key.val.string.len)))
			append(node, &key, &v,
				   filter && key.val.string.len == 9 &&
				   memcmp(key.val.string.val, "json_dump", 9) == 0 ?
				   siggen_json_dump_key_wanted : NULL);
	}
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
		fill_container(root, &crash->root, siggen_crash_key_wanted);
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
