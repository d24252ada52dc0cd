/*-------------------------------------------------------------------------
 * extension/core/siggen/json_build.c
 *	  Building json_value trees by hand, for callers that have JSON in
 *	  another form (PostgreSQL's jsonb) or make new values (the crash_data
 *	  conversion).  Nodes are allocated exactly as jv_parse allocates them,
 *	  so jv_free frees either kind of tree.
 *-------------------------------------------------------------------------
 */
#include "json_value.h"
#include "sg_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A zeroed node of the given type, or NULL when out of memory. */
json_value *
jv_new(jv_type type)
{
	json_value *v = calloc(1, sizeof(json_value));

	if (v)
		v->type = type;
	return v;
}

/* A string node holding a copy of len bytes of s. */
json_value *
jv_new_string(const char *s, size_t len)
{
	json_value *v = jv_new(JV_STRING);

	if (v && !(v->text = sg_strndup(s, len)))
	{
		free(v);
		return NULL;
	}
	if (v)
		v->len = len;
	return v;
}

/*
 * A number node from its JSON text (the caller vouches that it is a JSON
 * number), with the int64 and double values jv_parse would give it.
 */
json_value *
jv_new_number(const char *text, size_t len)
{
	json_value *v = jv_new_string(text, len);
	bool		is_int;

	if (!v)
		return NULL;
	is_int = strcspn(v->text, ".eE") == len;
	v->type = JV_NUMBER;
	v->dval = strtod(v->text, NULL);
	errno = 0;
	v->ival = is_int ? strtoll(v->text, NULL, 10) : (int64_t) 0;
	v->is_int = is_int && errno == 0;
	return v;
}

/*
 * Make room for one more element in an array of count elements of size
 * elem: capacities are 4, 8, 16, ..., so growing happens at those counts.
 */
static bool
room_for_one(void **arr, size_t elem, size_t count)
{
	void	   *n;

	if (count != 0 && (count < 4 || (count & (count - 1)) != 0))
		return true;
	n = realloc(*arr, (count < 4 ? 4 : count * 2) * elem);
	if (!n)
		return false;
	*arr = n;
	return true;
}

/*
 * Append item to an array, which takes it over.  Returns false when out
 * of memory; item is freed then.
 */
bool
jv_array_append(json_value *arr, json_value *item)
{
	if (!item || !room_for_one((void **) &arr->items, sizeof(json_value *), arr->count))
	{
		jv_free(item);
		return false;
	}
	arr->items[arr->count++] = item;
	return true;
}

/*
 * Append a member (a copy of the key) to an object, which takes value
 * over.  Returns false when out of memory; value is freed then.
 */
bool
jv_object_append(json_value *obj, const char *key, size_t key_len, json_value *value)
{
	char	   *k = value ? sg_strndup(key, key_len) : NULL;

	if (!k || !room_for_one((void **) &obj->members, sizeof(jv_member), obj->count))
	{
		free(k);
		jv_free(value);
		return false;
	}
	obj->members[obj->count].key = k;
	obj->members[obj->count].key_len = key_len;
	obj->members[obj->count].value = value;
	obj->count++;
	return true;
}
