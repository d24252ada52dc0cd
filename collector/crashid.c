/*-------------------------------------------------------------------------
 * collector/crashid.c
 *	  A new crash id: a random UUID version 4 whose last seven hex digits
 *	  are replaced by a throttle digit (0 here; crashpipe.submit sets the
 *	  one the throttler decides) and the UTC day YYMMDD, Antenna's layout.
 *	  The randomness comes from getrandom(2), the kernel's CSPRNG.
 *-------------------------------------------------------------------------
 */
#include "crashid.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

/* Fill buf with len random bytes; false if the kernel would not. */
static bool
random_bytes(unsigned char *buf, size_t len)
{
	size_t		got = 0;

	while (got < len)
	{
		ssize_t		n = getrandom(buf + got, len - got, 0);

		if (n <= 0)
			return false;
		got += (size_t) n;
	}
	return true;
}

/* Write a new crash id for a report received at now into out. */
bool
crashid_new(time_t now, char out[CRASHID_LEN + 1])
{
	unsigned char b[16];
	struct tm	day;
	char		id[64];

	if (!random_bytes(b, sizeof(b)) || gmtime_r(&now, &day) == NULL)
		return false;
	b[6] = (b[6] & 0x0f) | 0x40;	/* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	if (snprintf(id, sizeof(id),
				 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%x0%02d%02d%02d",
				 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
				 b[10], b[11], b[12] & 0x0f, day.tm_year % 100, day.tm_mon + 1,
				 day.tm_mday) != CRASHID_LEN)
		return false;
	memcpy(out, id, CRASHID_LEN + 1);
	return true;
}
