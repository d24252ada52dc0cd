/*-------------------------------------------------------------------------
 * extension/core/processor/pc_access.c
 *	  Lookups the rules make: annotations, dotted paths into json_dump
 *	  (as Socorro's glom does, a missing step gives NULL), the crashing
 *	  thread's frames, and integer parsing as Python's int() reads an
 *	  annotation.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"

#include <ctype.h>
#include <string.h>

/* The value of an annotation, or NULL. */
const json_value *
pc_raw(const pc_ctx *ctx, const char *annotation)
{
	return jv_get(ctx->raw.v, annotation);
}

/* The value of an annotation if it is a string, else NULL. */
const char *
pc_raw_str(const pc_ctx *ctx, const char *annotation)
{
	return jv_str(pc_raw(ctx, annotation));
}

/* Follow a dotted path of object keys from v ("crash_info.type"). */
const json_value *
pc_path(const json_value *v, const char *path)
{
	char		key[64];
	const char *dot;
	size_t		n;

	while (v != NULL && *path != '\0')
	{
		dot = strchr(path, '.');
		n = dot ? (size_t) (dot - path) : strlen(path);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = jv_get(v, key);
		path += dot ? n + 1 : n;
	}
	return v;
}

/* A path inside the processed crash's json_dump. */
const json_value *
pc_dump_at(const pc_ctx *ctx, const char *path)
{
	return pc_path(pc_get(ctx, "json_dump"), path);
}

/* A string at a path inside json_dump, or NULL. */
const char *
pc_dump_str(const pc_ctx *ctx, const char *path)
{
	return jv_str(pc_dump_at(ctx, path));
}

/*
 * Parse len bytes as Python's int() parses a string: optional blanks
 * around an optional sign and decimal digits.  False when that is not
 * what it is, or it does not fit 64 bits.
 */
bool
pc_parse_int(const char *s, size_t len, int64_t *out)
{
	size_t		i = 0;
	bool		neg = false;
	uint64_t	v = 0;
	size_t		digits = 0;

	while (i < len && isspace((unsigned char) s[i]))
		i++;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++)
	{
		if (v > (UINT64_C(1) << 63) / 10)
			return false;
		v = v * 10 + (uint64_t) (s[i] - '0');
		if (v > (UINT64_C(1) << 63) - (neg ? 0 : 1))
			return false;
	}
	while (i < len && isspace((unsigned char) s[i]))
		i++;
	if (digits == 0 || i != len)
		return false;
	*out = neg ? (int64_t) (0 - v) : (int64_t) v;
	return true;
}

/*
 * The frames of the crashing thread: json_dump.threads[crashing_thread]
 * as Socorro's rules find them, or NULL.
 */
const json_value *
pc_crashing_frames(const pc_ctx *ctx)
{
	const json_value *index = pc_dump_at(ctx, "crash_info.crashing_thread");
	const json_value *threads = pc_dump_at(ctx, "threads");

	if (index == NULL || index->type != JV_NUMBER || !index->is_int ||
		index->ival < 0)
		return NULL;
	return pc_path(jv_at(threads, (size_t) index->ival), "frames");
}

/* Is v the string s? */
bool
pc_str_eq(const json_value *v, const char *s)
{
	return v != NULL && v->type == JV_STRING && v->len == strlen(s) &&
		memcmp(v->text, s, v->len) == 0;
}

/* Does s start with prefix? */
bool
pc_starts_with(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}
