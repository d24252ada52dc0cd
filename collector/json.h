/*-------------------------------------------------------------------------
 * collector/json.h
 *	  The little JSON the collector needs: check that a part is one JSON
 *	  value PostgreSQL's jsonb will take, and write strings as JSON.  The
 *	  collector never builds a tree; it checks the client's text and
 *	  splices it, so a 13 KB extra part costs one pass.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_JSON_H
#define COLLECTOR_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "buffer.h"

/* Deepest nesting json_validate accepts. */
#define JSON_MAX_DEPTH 256

typedef enum JsonType
{
	JSON_INVALID = 0,
	JSON_OBJECT,
	JSON_ARRAY,
	JSON_STRING,
	JSON_NUMBER,
	JSON_LITERAL				/* true, false or null */
} JsonType;

extern JsonType json_validate(const char *text, size_t len, size_t *members);
extern bool json_utf8_valid(const char *s, size_t len);
extern bool json_append_string(Buffer *out, const char *s, size_t len);

#endif							/* COLLECTOR_JSON_H */
