/*-------------------------------------------------------------------------
 * collector/log.c
 *	  Log lines go to stderr, which is unbuffered: each line is formatted
 *	  first and written with one call, so lines from concurrent request
 *	  threads do not interleave.
 *-------------------------------------------------------------------------
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

/* Write "<UTC time> crashpipe-collector: <message>" and a newline. */
void
log_msg(const char *fmt,...)
{
	char		message[1024];
	char		stamp[32];
	time_t		now = time(NULL);
	struct tm	tm;
	va_list		args;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(args, fmt);
	vsnprintf(message, sizeof(message), fmt, args);
	va_end(args);
	fprintf(stderr, "%s crashpipe-collector: %s\n", stamp, message);
}
