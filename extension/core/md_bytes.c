/*-------------------------------------------------------------------------
 * extension/core/md_bytes.c
 *	  Bounds checks, little-endian reads, MINIDUMP_STRING decoding and the
 *	  formatted strings and notes every stream reader uses.
 *
 *	  Strings are decoded the way Breakpad decodes them: a byte length that
 *	  is odd or a surrogate without its partner makes the whole string
 *	  unreadable (NULL).  Decoding stops at the first U+0000, which is
 *	  where Breakpad's printed output stops too, and which PostgreSQL's
 *	  jsonb could not store anyway.
 *-------------------------------------------------------------------------
 */
#include "md_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* True if [offset, offset + length) lies inside the file; overflow-safe. */
bool
md_range_ok(const md_dump *dump, uint64_t offset, uint64_t length)
{
	uint64_t	size = (uint64_t) dump->size;

	return offset <= size && length <= size - offset;
}

/* Read a little-endian 16-bit value. */
uint16_t
md_u16(const uint8_t *p)
{
	return (uint16_t) (p[0] | (p[1] << 8));
}

/* Read a little-endian 32-bit value. */
uint32_t
md_u32(const uint8_t *p)
{
	return (uint32_t) p[0] | ((uint32_t) p[1] << 8) |
		((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24);
}

/* Read a little-endian 64-bit value. */
uint64_t
md_u64(const uint8_t *p)
{
	return (uint64_t) md_u32(p) | ((uint64_t) md_u32(p + 4) << 32);
}

/* Append one code point as UTF-8; returns the bytes written. */
static size_t
put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xc0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xe0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char) (0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char) (0xf0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char) (0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Decode count UTF-16LE units into an arena string.  Every unit yields at
 * most 3 UTF-8 bytes (a surrogate pair yields 4 for 2 units).
 */
static char *
utf16_to_utf8(md_dump *dump, const uint8_t *units, uint32_t count)
{
	char	   *out = md_arena_alloc(&dump->arena, (size_t) count * 3 + 1);
	size_t		len = 0;
	uint32_t	i;

	if (out == NULL)
		return NULL;
	for (i = 0; i < count; i++)
	{
		uint32_t	cp = md_u16(units + 2 * i);

		if (cp == 0)
			break;
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return NULL;		/* low surrogate without a high one */
		if (cp >= 0xd800 && cp <= 0xdbff)
		{
			uint32_t	low = (i + 1 < count) ? md_u16(units + 2 * (i + 1)) : 0;

			if (low < 0xdc00 || low > 0xdfff)
				return NULL;	/* high surrogate without a low one */
			cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
			i++;
		}
		len += put_utf8(out + len, cp);
	}
	out[len] = '\0';
	return out;
}

/*
 * Charge bytes of string or CodeView data against the dump's budget;
 * false once it is used up (noted the first time only).
 */
bool
md_take_budget(md_dump *dump, uint32_t bytes)
{
	if (bytes <= dump->string_budget)
	{
		dump->string_budget -= bytes;
		return true;
	}
	if (!dump->budget_exhausted)
		md_note(dump, "string budget of %d bytes used up; later strings skipped",
				MD_STRING_BUDGET);
	dump->budget_exhausted = true;
	return false;
}

/*
 * Read the MINIDUMP_STRING at rva as UTF-8; NULL if it is out of bounds,
 * malformed, longer than MD_MAX_STRING_BYTES or past the string budget.
 */
char *
md_read_string(md_dump *dump, uint64_t rva)
{
	uint32_t	bytes;

	if (!md_range_ok(dump, rva, 4))
		return NULL;
	bytes = md_u32(dump->data + rva);
	if (bytes % 2 != 0 || bytes > MD_MAX_STRING_BYTES ||
		!md_range_ok(dump, rva + 4, bytes))
		return NULL;
	if (!md_take_budget(dump, bytes))
		return NULL;
	return utf16_to_utf8(dump, dump->data + rva + 4, bytes / 2);
}

/* printf into a new arena string of any length; NULL if out of memory. */
char *
md_sprintf(md_dump *dump, const char *fmt,...)
{
	va_list		args;
	va_list		again;
	int			len;
	char	   *out = NULL;

	va_start(args, fmt);
	va_copy(again, args);
	len = vsnprintf(NULL, 0, fmt, args);
	if (len >= 0)
		out = md_arena_alloc(&dump->arena, (size_t) len + 1);
	if (out != NULL)
		vsnprintf(out, (size_t) len + 1, fmt, again);
	va_end(again);
	va_end(args);
	return out;
}

/*
 * Record a note about damage that did not stop the parse.  A repeat of
 * the last note is dropped, and past MD_MAX_NOTES only a count is kept
 * (without even formatting), so hostile input cannot flood the summary.
 */
void
md_note(md_dump *dump, const char *fmt,...)
{
	va_list		args;
	char		buf[512];
	size_t		len;
	char	   *note;

	if (dump->note_count == MD_MAX_NOTES)
	{
		dump->notes_dropped++;
		return;
	}
	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (dump->note_count > 0 && strcmp(dump->notes[dump->note_count - 1], buf) == 0)
		return;
	len = strlen(buf);
	note = md_arena_alloc(&dump->arena, len + 1);
	if (note == NULL)
		return;
	memcpy(note, buf, len + 1);
	dump->notes[dump->note_count++] = note;
}
