/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_text.h
 *	  A cursor over one line of a .sym file and the field readers the
 *	  record parsers share: hex and decimal numbers, and "the rest of the
 *	  line" for names that may hold spaces.
 *
 *	  Inline because they run for every field of every line.  Fields are
 *	  separated by spaces or tabs; every read stops at the line's end, and
 *	  a number must be followed by a separator or the end, so "12x" and an
 *	  overflowing value are errors rather than silent truncation.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SYM_TEXT_H
#define CRASHPIPE_SYM_TEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "symcache.h"

/* The unread part of one line (without its newline). */
typedef struct sym_cursor
{
	const char *p;
	const char *end;
} sym_cursor;

/* Skip field separators. */
static inline void
sym_skip_space(sym_cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* True at the end of a field: end of line or a separator. */
static inline bool
sym_at_field_end(const sym_cursor *c)
{
	return c->p == c->end || *c->p == ' ' || *c->p == '\t';
}

/* Value of a hex digit, or -1. */
static inline int
sym_hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Read a hex number of at most 64 bits as the next field. */
static inline bool
sym_hex64(sym_cursor *c, uint64_t *out)
{
	uint64_t	v = 0;
	const char *start;
	int			d;

	sym_skip_space(c);
	start = c->p;
	while (c->p < c->end && (d = sym_hex_digit(*c->p)) >= 0)
	{
		if (v >> 60)
			return false;
		v = (v << 4) | (uint64_t) d;
		c->p++;
	}
	*out = v;
	return c->p > start && sym_at_field_end(c);
}

/* Read a hex number that must fit in 32 bits. */
static inline bool
sym_hex32(sym_cursor *c, uint32_t *out)
{
	uint64_t	v;

	if (!sym_hex64(c, &v) || v > UINT32_MAX)
		return false;
	*out = (uint32_t) v;
	return true;
}

/* Read a decimal number that must fit in 32 bits. */
static inline bool
sym_dec32(sym_cursor *c, uint32_t *out)
{
	uint64_t	v = 0;
	const char *start;

	sym_skip_space(c);
	start = c->p;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
	{
		v = v * 10 + (uint64_t) (*c->p - '0');
		if (v > UINT32_MAX)
			return false;
		c->p++;
	}
	*out = (uint32_t) v;
	return c->p > start && sym_at_field_end(c);
}

/* Read the next separator-delimited field as a string of the text. */
static inline bool
sym_token(sym_cursor *c, const char *text, sym_str *out)
{
	const char *start;

	sym_skip_space(c);
	start = c->p;
	while (!sym_at_field_end(c))
		c->p++;
	out->off = (uint32_t) (start - text);
	out->len = (uint32_t) (c->p - start);
	return out->len > 0;
}

/* The rest of the line after separators, as a string of the text. */
static inline bool
sym_rest(sym_cursor *c, const char *text, sym_str *out)
{
	sym_skip_space(c);
	out->off = (uint32_t) (c->p - text);
	out->len = (uint32_t) (c->end - c->p);
	c->p = c->end;
	return out->len > 0;
}

/* Consume "m" (the multiple flag) if it is the next field. */
static inline bool
sym_multiple_flag(sym_cursor *c)
{
	sym_skip_space(c);
	if (c->end - c->p >= 2 && c->p[0] == 'm' &&
		(c->p[1] == ' ' || c->p[1] == '\t'))
	{
		c->p += 1;
		return true;
	}
	return false;
}

/* True when only separators remain. */
static inline bool
sym_at_end(sym_cursor *c)
{
	sym_skip_space(c);
	return c->p == c->end;
}

#endif							/* CRASHPIPE_SYM_TEXT_H */
