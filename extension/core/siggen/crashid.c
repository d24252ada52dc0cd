/*-------------------------------------------------------------------------
 * extension/core/siggen/crashid.c
 *	  Recognising a crash id in the forms people paste: the bare id,
 *	  "bp-<id>", or a crash-stats report URL ending in /report/index/<id>.
 *
 *	  A crash id is a lower-case UUID whose last six digits are the
 *	  submission date (YYMMDD), as in Socorro's utils.parse_crashid.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <string.h>

/* Is s exactly a crash id (8-4-4-4-6 hex + 6 decimal digits)? */
static bool
is_crash_id(const char *s)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxdddddd";
	size_t		i;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
	{
		char		c = s[i];

		if (shape[i] == '-' ? c != '-' :
			shape[i] == 'd' ? !(c >= '0' && c <= '9') :
			!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

/* The crash id inside item, or NULL. */
char *
sg_parse_crashid(const char *item)
{
	const char *path;
	const char *last;

	if (is_crash_id(item))
		return sg_strdup(item);
	if (sg_starts(item, "bp-") && is_crash_id(item + 3))
		return sg_strdup(item + 3);
	if (!sg_starts(item, "http") || !(path = strstr(item, "://")))
		return NULL;
	path = strchr(path + 3, '/');
	if (!path || !sg_starts(path, "/report/index"))
		return NULL;
	last = strrchr(path, '/') + 1;
	return is_crash_id(last) ? sg_strdup(last) : NULL;
}
