/*-------------------------------------------------------------------------
 * web/options.h
 *	  The command-line options of crashpipe-web, with their environment
 *	  fallbacks, parsed and checked before anything starts.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_OPTIONS_H
#define CRASHPIPE_WEB_OPTIONS_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

typedef struct WebOptions
{
	const char *listen;			/* HOST:PORT as given */
	const char *dsn;			/* libpq connection string */
	int			pool_size;		/* database connections */
	uint64_t	max_body_size;	/* largest POST body, bytes */
	struct sockaddr_storage address;	/* listen, resolved */
	char		static_dir[PATH_MAX];	/* resolved; empty: none */
} WebOptions;

/* What main should do after parsing. */
typedef enum OptionsResult
{
	OPTIONS_RUN,				/* start serving */
	OPTIONS_DONE,				/* --help or --version answered: exit 0 */
	OPTIONS_INVALID				/* an error was printed: exit 2 */
} OptionsResult;

extern OptionsResult options_parse(int argc, char **argv, WebOptions *opts);

#endif							/* CRASHPIPE_WEB_OPTIONS_H */
