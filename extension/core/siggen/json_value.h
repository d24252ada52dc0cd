/*-------------------------------------------------------------------------
 * extension/core/siggen/json_value.h
 *	  A small, strict, bounded JSON parser that builds a read-only tree.
 *
 *	  Objects keep their key order, strings are UTF-8 with an explicit
 *	  length (so "\u0000" survives), numbers keep their source text plus
 *	  an int64 (when exact) and a double.  Depth and size are limited so
 *	  hostile input cannot exhaust the stack or memory.  Portable C: no
 *	  postgres.h, so the signature generator and its fuzzer can use it.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_JSON_VALUE_H
#define CRASHPIPE_JSON_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum jv_type
{
	JV_NULL,
	JV_BOOL,
	JV_NUMBER,
	JV_STRING,
	JV_ARRAY,
	JV_OBJECT
} jv_type;

typedef struct json_value json_value;

/* One key/value pair of an object, in source order. */
typedef struct jv_member
{
	char	   *key;
	size_t		key_len;
	json_value *value;
} jv_member;

struct json_value
{
	jv_type		type;
	bool		boolean;		/* JV_BOOL */
	char	   *text;			/* JV_STRING: bytes; JV_NUMBER: source text */
	size_t		len;			/* length of text */
	bool		is_int;			/* JV_NUMBER fits int64 exactly */
	int64_t		ival;
	double		dval;
	json_value **items;			/* JV_ARRAY */
	jv_member  *members;		/* JV_OBJECT */
	size_t		count;			/* items or members */
};

/* Bounds on what the parser accepts; zero fields take the defaults. */
typedef struct jv_limits
{
	size_t		max_input;		/* bytes of JSON text (default 64 MB) */
	int			max_depth;		/* nesting of arrays/objects (default 128) */
} jv_limits;

extern json_value *jv_parse(const char *text, size_t len,
							const jv_limits *limits, char *err, size_t errlen);
extern void jv_free(json_value *v);

/* Lookups; each accepts NULL and returns NULL on a type mismatch. */
extern const json_value *jv_get(const json_value *obj, const char *key);
extern const json_value *jv_get_len(const json_value *obj, const char *key, size_t klen);
extern const json_value *jv_at(const json_value *arr, size_t index);
extern const char *jv_str(const json_value *v);
extern bool jv_truthy(const json_value *v);
extern bool jv_is_null(const json_value *v);

/*
 * Building trees (json_build.c): constructors return NULL when out of
 * memory; the append functions take the new child over and return false
 * (freeing it) when out of memory.
 */
extern json_value *jv_new(jv_type type);
extern json_value *jv_new_string(const char *s, size_t len);
extern json_value *jv_new_number(const char *text, size_t len);
extern bool jv_array_append(json_value *arr, json_value *item);
extern bool jv_object_append(json_value *obj, const char *key, size_t key_len,
							 json_value *value);

#endif							/* CRASHPIPE_JSON_VALUE_H */
