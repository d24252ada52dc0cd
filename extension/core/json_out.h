/*-------------------------------------------------------------------------
 * extension/core/json_out.h
 *	  A small growable JSON text writer: objects, arrays, keys, strings,
 *	  integers, number texts, hex strings, booleans and null.
 *
 *	  Callers write values in order and the writer places commas and
 *	  separators ("a": 1, "b": [1, 2], the layout jsonb prints).  Strings
 *	  are escaped fully: quotes, backslashes, every control character, and
 *	  invalid UTF-8 replaced by U+FFFD, so the text always parses.  Errors
 *	  (out of memory, text past the size limit) are sticky: later calls do
 *	  nothing and json_finish reports the first failure.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_JSON_OUT_H
#define CRASHPIPE_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "md_alloc.h"

typedef enum json_status
{
	JSON_OK = 0,
	JSON_NOMEM,					/* an allocation failed */
	JSON_TOO_LARGE				/* the text would pass the limit */
} json_status;

/* Writer state; fields are private to json_out.c. */
typedef struct json_out
{
	const md_allocator *allocator;
	char	   *buf;
	size_t		len;
	size_t		cap;
	size_t		limit;			/* maximum text length in bytes */
	bool		need_comma;		/* a value precedes at this level */
	json_status status;
} json_out;

extern void json_init(json_out *out, const md_allocator *allocator, size_t limit);
extern void json_object_begin(json_out *out);
extern void json_object_end(json_out *out);
extern void json_array_begin(json_out *out);
extern void json_array_end(json_out *out);
extern void json_key(json_out *out, const char *key);
extern void json_string(json_out *out, const char *s);	/* NULL writes null */
extern void json_int(json_out *out, int64_t value);
extern void json_uint(json_out *out, uint64_t value);
extern void json_hex(json_out *out, uint64_t value);	/* "0x1a2b" */
extern void json_number_text(json_out *out, const char *text);	/* valid JSON */
extern void json_bool(json_out *out, bool value);
extern void json_null(json_out *out);

/*
 * The finished NUL-terminated text (free it with md_free_raw), or NULL
 * after a failure, with out->status saying which.
 */
extern char *json_finish(json_out *out);

#endif							/* CRASHPIPE_JSON_OUT_H */
