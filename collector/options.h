/*-------------------------------------------------------------------------
 * collector/options.h
 *	  The collector's settings, from command-line flags with environment
 *	  variables as fallbacks.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_OPTIONS_H
#define COLLECTOR_OPTIONS_H

#include <stdint.h>

typedef struct Config
{
	const char *listen;			/* HOST:PORT to listen on */
	const char *dsn;			/* libpq connection string */
	uint64_t	pool_size;		/* database connections */
	uint64_t	max_body_size;	/* bytes of body as sent */
	uint64_t	max_decompressed_size;	/* bytes of body after gzip */
	uint64_t	max_parts;		/* multipart parts per report */
	uint64_t	max_connections;	/* client connections at once */
	uint64_t	timeout;		/* seconds a client may stay idle */
	const char *spool_dir;		/* "" or where reports wait out an outage */
} Config;

typedef enum OptionsOutcome
{
	OPTIONS_RUN,				/* config is ready */
	OPTIONS_DONE,				/* --help or --version was answered */
	OPTIONS_FAILED				/* an error was printed */
} OptionsOutcome;

extern OptionsOutcome options_parse(int argc, char **argv, Config *config);

#endif							/* COLLECTOR_OPTIONS_H */
