/*-------------------------------------------------------------------------
 * extension/core/siggen/crash_data.c
 *	  The crash_data object signature generation reads, made from what a
 *	  caller has: a processed crash (Socorro's convert_to_crash_data), the
 *	  JSON of a stack walk (rust-minidump's minidump-stackwalk --json, the
 *	  processed crash's json_dump on its own), or a crash_data object.
 *
 *	  Raw annotations may come separately: a key the crash lacks is taken
 *	  from them, which is what the processor's "annotations || processed"
 *	  means.  The result borrows every value it does not make (only the
 *	  coerced OOM size is made), so building it copies no stack.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A crash_data key read from the crash (or its annotations) by name. */
typedef struct cd_key
{
	const char *name;			/* the crash_data key */
	const char *from[2];		/* processed-crash keys, first present wins */
} cd_key;

/* Keys other than the four that come from json_dump and the OOM size. */
static const cd_key crash_keys[] = {
	{"java_stack_trace", {"java_stack_trace", NULL}},
	{"java_exception", {"java_exception", NULL}},
	{"js_large_allocation_failure", {"js_large_allocation_failure", "JSLargeAllocationFailure"}},
	{"abort_message", {"abort_message", "AbortMessage"}},
	{"async_shutdown_timeout", {"async_shutdown_timeout", "AsyncShutdownTimeout"}},
	{"ipc_channel_error", {"ipc_channel_error", NULL}},
	{"ipc_message_name", {"ipc_message_name", "IPCMessageName"}},
	{"additional_minidumps", {"additional_minidumps", NULL}},
	{"mdsw_status_string", {"mdsw_status_string", NULL}},
	{"hang", {"hang", "Hang"}},
	{"original_signature", {"signature", NULL}},
};

#define N_CRASH_KEYS (sizeof(crash_keys) / sizeof(crash_keys[0]))

/* The four keys that come from json_dump: crash_data key, path in json_dump. */
static const char *const dump_keys[4][3] = {
	{"crashing_thread", "crash_info", "crashing_thread"},
	{"reason", "crash_info", "type"},
	{"threads", "threads", NULL},
	{"os", "system_info", "os"},
};

static const char *const oom_from[2] = {"oom_allocation_size", "OOMAllocationSize"};

/* The built object, the value made for the OOM size, and its digits. */
typedef struct cd_object
{
	json_value	object;			/* first, so a json_value * is a cd_object * */
	json_value	oom;
	char		digits[24];
} cd_object;

/* A crash with its annotations under it. */
typedef struct cd_source
{
	const json_value *crash;
	const json_value *annotations;
} cd_source;

static json_value json_null = {JV_NULL};

/* The value of key: the crash's, else the annotations'. */
static const json_value *
source_get(const cd_source *src, const char *key)
{
	const json_value *v = jv_get(src->crash, key);

	return v ? v : jv_get(src->annotations, key);
}

/* Add a member; values are borrowed (never freed through the object). */
static void
add(json_value *obj, const char *key, const json_value *value)
{
	jv_member  *m = &obj->members[obj->count++];

	m->key = (char *) key;
	m->key_len = strlen(key);
	m->value = (json_value *) (value ? value : &json_null);
}

/*
 * oom_allocation_size as the processor coerces it: a string or number of
 * at most 18 digits (optional sign, surrounding white space) becomes that
 * integer; anything else null.
 */
static const json_value *
coerce_oom(cd_object *cd, const json_value *v)
{
	const char *p;
	char	   *end;
	long long	n;
	size_t		digits;

	if (!v || (v->type != JV_STRING && v->type != JV_NUMBER))
		return NULL;
	for (p = v->text; isspace((unsigned char) *p); p++)
		;
	if (*p == '+' || *p == '-')
		p++;
	digits = strspn(p, "0123456789");
	for (end = (char *) p + digits; isspace((unsigned char) *end); end++)
		;
	if (digits < 1 || digits > 18 || (size_t) (end - v->text) != v->len)
		return NULL;
	n = strtoll(v->text, NULL, 10);
	cd->oom.type = JV_NUMBER;
	cd->oom.len = (size_t) snprintf(cd->digits, sizeof(cd->digits), "%lld", n);
	cd->oom.text = cd->digits;
	cd->oom.is_int = true;
	cd->oom.ival = n;
	cd->oom.dval = (double) n;
	return &cd->oom;
}

/* The first of two keys present in the source (JSON null counts). */
static const json_value *
first_present(const cd_source *src, const char *const from[2])
{
	const json_value *v = source_get(src, from[0]);

	return v || !from[1] ? v : source_get(src, from[1]);
}

/* The first of two keys with a value other than null. */
static const json_value *
first_not_null(const cd_source *src, const char *const from[2])
{
	const json_value *v = source_get(src, from[0]);

	return !jv_is_null(v) ? v : source_get(src, from[1]);
}

/* Fill the object from a processed crash whose json_dump is dump. */
static void
fill_from_dump(cd_object *cd, const cd_source *src, const json_value *dump)
{
	size_t		i;

	for (i = 0; i < 4; i++)
	{
		const json_value *v = jv_get(dump, dump_keys[i][1]);

		add(&cd->object, dump_keys[i][0], dump_keys[i][2] ? jv_get(v, dump_keys[i][2]) : v);
	}
	for (i = 0; i < N_CRASH_KEYS; i++)
		add(&cd->object, crash_keys[i].name, first_present(src, crash_keys[i].from));
	add(&cd->object, "oom_allocation_size", coerce_oom(cd, first_not_null(src, oom_from)));
}

/* Fill the object with the crash's members, then the annotations' others. */
static void
fill_merged(cd_object *cd, const cd_source *src)
{
	size_t		i;

	for (i = 0; src->crash && src->crash->type == JV_OBJECT && i < src->crash->count; i++)
		cd->object.members[cd->object.count++] = src->crash->members[i];
	for (i = 0; src->annotations && src->annotations->type == JV_OBJECT &&
		 i < src->annotations->count; i++)
	{
		const jv_member *m = &src->annotations->members[i];

		if (!jv_get_len(src->crash, m->key, m->key_len))
			cd->object.members[cd->object.count++] = *m;
	}
}

/* Members an object has (0 for anything else). */
static size_t
members_of(const json_value *v)
{
	return v && v->type == JV_OBJECT ? v->count : 0;
}

/* An empty crash_data object with room for the members it may get. */
static cd_object *
new_object(const json_value *crash, const json_value *annotations)
{
	cd_object  *cd = calloc(1, sizeof(cd_object));
	size_t		room = 5 + N_CRASH_KEYS + members_of(crash) + members_of(annotations);

	if (!cd || !(cd->object.members = calloc(room, sizeof(jv_member))))
	{
		free(cd);
		return NULL;
	}
	cd->object.type = JV_OBJECT;
	return cd;
}

/*
 * The crash_data of crash (a processed crash, a stack walk or crash_data),
 * with annotations (may be NULL) filling keys the crash lacks.  Borrows
 * from both; free with siggen_crash_data_free before them.  NULL when out
 * of memory.
 */
json_value *
siggen_crash_data(const json_value *crash, const json_value *annotations)
{
	cd_source	src = {crash, annotations};
	const json_value *dump = source_get(&src, "json_dump");
	cd_object  *cd;

	if (!dump && jv_get(crash, "crash_info"))
		dump = crash;			/* a stack walk: it is the json_dump */
	if (dump)
		return siggen_processed_crash_data(crash, annotations, dump);
	if ((cd = new_object(crash, annotations)) == NULL)
		return NULL;
	fill_merged(cd, &src);
	return &cd->object;
}

/*
 * The crash_data of a processed crash whose json_dump is dump (NULL when
 * it has none), as convert_to_crash_data makes it whatever the crash
 * holds: the processor's SignatureGeneratorRule and crashpipe.resignature
 * read a processed crash this way.
 */
json_value *
siggen_processed_crash_data(const json_value *crash, const json_value *annotations,
							const json_value *dump)
{
	cd_source	src = {crash, annotations};
	cd_object  *cd = new_object(crash, annotations);

	if (cd == NULL)
		return NULL;
	fill_from_dump(cd, &src, dump);
	return &cd->object;
}

/* Free what siggen_crash_data made (not the values it borrowed). */
void
siggen_crash_data_free(json_value *crash_data)
{
	if (!crash_data)
		return;
	free(crash_data->members);
	free((cd_object *) crash_data);
}

/* Whether name is the len bytes of key. */
static bool
same(const char *name, const char *key, size_t len)
{
	return name && strlen(name) == len && memcmp(name, key, len) == 0;
}

/*
 * Whether key is one that siggen_crash_data reads at the top of a crash
 * (of any of the three kinds) or of its annotations.
 */
bool
siggen_crash_key_wanted(const char *key, size_t len)
{
	size_t		i;

	if (same("json_dump", key, len) || same(oom_from[0], key, len) || same(oom_from[1], key, len))
		return true;
	for (i = 0; i < 4; i++)
		if (same(dump_keys[i][0], key, len) || same(dump_keys[i][1], key, len))
			return true;
	for (i = 0; i < N_CRASH_KEYS; i++)
		if (same(crash_keys[i].name, key, len) || same(crash_keys[i].from[0], key, len) ||
			same(crash_keys[i].from[1], key, len))
			return true;
	return false;
}

/* Whether key is one that siggen_crash_data reads inside json_dump. */
bool
siggen_json_dump_key_wanted(const char *key, size_t len)
{
	size_t		i;

	for (i = 0; i < 4; i++)
		if (same(dump_keys[i][1], key, len))
			return true;
	return false;
}

/* Whether key is one the generator reads in a thread object. */
bool
siggen_thread_key_wanted(const char *key, size_t len)
{
	return same("frames", key, len) || same("last_error_value", key, len);
}

/* Whether key is one the generator reads in a frame object. */
bool
siggen_frame_key_wanted(const char *key, size_t len)
{
	static const char *const frame_keys[] = {"function", "file", "line", "module", "offset",
	"inlines", "unloaded_modules"};
	size_t		i;

	for (i = 0; i < sizeof(frame_keys) / sizeof(frame_keys[0]); i++)
		if (same(frame_keys[i], key, len))
			return true;
	return false;
}

/*
 * Whether the generator reads thread index of a threads array of count,
 * given the crashing_thread value beside it (NULL when missing): thread 0
 * (SignatureRunWatchDog) and the crashing thread, counted from the end
 * when negative, as Python indexes.
 */
bool
siggen_thread_wanted(const json_value *crashing_thread, size_t count, size_t index)
{
	long		ct = sg_thread_index(crashing_thread);

	if (ct < 0)
		ct += (long) count;
	return index == 0 || (ct >= 0 && (size_t) ct == index);
}
