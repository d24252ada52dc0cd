/*-------------------------------------------------------------------------
 * extension/core/siggen/json_access.c
 *	  Lookups on the json_value tree (object key, array index, string,
 *	  Python-style truthiness) and freeing it.
 *
 *	  Every accessor takes NULL and wrong types quietly, so callers can
 *	  chain lookups the way the Python generator chains .get() calls.
 *-------------------------------------------------------------------------
 */
#include "json_value.h"

#include <stdlib.h>
#include <string.h>

/* Free a tree and everything it owns. */
void
jv_free(json_value *v)
{
	size_t		i;

	if (!v)
		return;
	free(v->text);
	for (i = 0; v->type == JV_ARRAY && i < v->count; i++)
		jv_free(v->items[i]);
	for (i = 0; v->type == JV_OBJECT && i < v->count; i++)
	{
		free(v->members[i].key);
		jv_free(v->members[i].value);
	}
	free(v->items);
	free(v->members);
	free(v);
}

/*
 * The value of key in an object.  With duplicate keys the last one wins,
 * as in Python's json module.
 */
const json_value *
jv_get(const json_value *obj, const char *key)
{
	return jv_get_len(obj, key, strlen(key));
}

/* The value of the klen bytes of key in an object (last duplicate wins). */
const json_value *
jv_get_len(const json_value *obj, const char *key, size_t klen)
{
	size_t		i;

	if (!obj || obj->type != JV_OBJECT)
		return NULL;
	for (i = obj->count; i > 0; i--)
	{
		const jv_member *m = &obj->members[i - 1];

		if (m->key_len == klen && memcmp(m->key, key, klen) == 0)
			return m->value;
	}
	return NULL;
}

/* Element index of an array. */
const json_value *
jv_at(const json_value *arr, size_t index)
{
	if (!arr || arr->type != JV_ARRAY || index >= arr->count)
		return NULL;
	return arr->items[index];
}

/* The text of a string value, or NULL for anything else. */
const char *
jv_str(const json_value *v)
{
	return v && v->type == JV_STRING ? v->text : NULL;
}

/* Python truthiness: null, false, 0, "", [] and {} are false. */
bool
jv_truthy(const json_value *v)
{
	if (!v)
		return false;
	switch (v->type)
	{
		case JV_NULL:
			return false;
		case JV_BOOL:
			return v->boolean;
		case JV_NUMBER:
			return v->dval != 0.0;
		case JV_STRING:
			return v->len > 0;
		default:
			return v->count > 0;
	}
}

/* True for a missing value or JSON null. */
bool
jv_is_null(const json_value *v)
{
	return !v || v->type == JV_NULL;
}
