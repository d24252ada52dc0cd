/*-------------------------------------------------------------------------
 * extension/core/processor/pc_text.c
 *	  Text helpers with Python's meaning, since the rules are Socorro's
 *	  Python: str.strip()'s white space (ASCII and the Unicode spaces, in
 *	  UTF-8) and float()'s accepted forms.
 *-------------------------------------------------------------------------
 */
#include "pc_text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Unicode white space beyond ASCII, as UTF-8 (what str.isspace() accepts). */
static const char *const wide_spaces[] = {
	"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81",
	"\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86",
	"\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\xa8",
	"\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80"
};

/* Is the byte an ASCII white-space character of Python's? */
static bool
ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* Length of the white-space character ending s[0..len), or 0. */
static size_t
space_before(const char *s, size_t len)
{
	size_t		i;

	if (len > 0 && ascii_space((unsigned char) s[len - 1]))
		return 1;
	for (i = 0; i < sizeof(wide_spaces) / sizeof(wide_spaces[0]); i++)
	{
		size_t		n = strlen(wide_spaces[i]);

		if (len >= n && memcmp(s + len - n, wide_spaces[i], n) == 0)
			return n;
	}
	return 0;
}

/* Length of the white-space character starting s[0..len), or 0. */
static size_t
space_at(const char *s, size_t len)
{
	size_t		i;

	if (len > 0 && ascii_space((unsigned char) s[0]))
		return 1;
	for (i = 0; i < sizeof(wide_spaces) / sizeof(wide_spaces[0]); i++)
	{
		size_t		n = strlen(wide_spaces[i]);

		if (len >= n && memcmp(s, wide_spaces[i], n) == 0)
			return n;
	}
	return 0;
}

/* Length of s[0..len) without trailing white space (str.rstrip). */
size_t
pc_rstrip_len(const char *s, size_t len)
{
	size_t		n;

	while ((n = space_before(s, len)) > 0)
		len -= n;
	return len;
}

/* Bytes of leading white space in s[0..len) (str.lstrip). */
size_t
pc_lstrip_skip(const char *s, size_t len)
{
	size_t		skip = 0;
	size_t		n;

	while ((n = space_at(s + skip, len - skip)) > 0)
		skip += n;
	return skip;
}

/*
 * Parse s[0..len) as Python's float() parses a string, except that the
 * result must be finite (JSON has no NaN or infinity).  False if not.
 */
bool
pc_parse_double(const char *s, size_t len, double *out)
{
	char		buf[128];
	char	   *end;
	size_t		skip = pc_lstrip_skip(s, len);

	len = pc_rstrip_len(s, len);
	if (len <= skip || len - skip >= sizeof(buf))
		return false;
	memcpy(buf, s + skip, len - skip);
	buf[len - skip] = '\0';
	if (strpbrk(buf, "xXpP") != NULL)	/* strtod's hex floats; Python has none */
		return false;
	*out = strtod(buf, &end);
	return end != buf && *end == '\0' && isfinite(*out);
}
