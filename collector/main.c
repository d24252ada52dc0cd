/*-------------------------------------------------------------------------
 * collector/main.c
 *	  crashpipe-collector: read the settings, open the connection pool,
 *	  serve HTTP until SIGINT or SIGTERM, then stop cleanly.
 *
 *	  The stop signals are blocked before any thread starts, so every
 *	  thread inherits the mask, and the main thread takes them with
 *	  sigwait: no signal handler, nothing async-signal-unsafe.
 *-------------------------------------------------------------------------
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "options.h"
#include "pgpool.h"
#include "server.h"

/* Block SIGINT and SIGTERM in this thread and those it starts. */
static void
block_stop_signals(sigset_t *signals)
{
	sigemptyset(signals);
	sigaddset(signals, SIGINT);
	sigaddset(signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, signals, NULL);
	/* a client that hangs up must not kill us; write errors say enough */
	signal(SIGPIPE, SIG_IGN);
}

int
main(int argc, char **argv)
{
	Config		config;
	Server		server;
	PgPool	   *pool;
	sigset_t	signals;
	int			sig = 0;

	switch (options_parse(argc, argv, &config))
	{
		case OPTIONS_DONE:
			return EXIT_SUCCESS;
		case OPTIONS_FAILED:
			return 2;
		case OPTIONS_RUN:
			break;
	}
	block_stop_signals(&signals);
	pool = pgpool_create(config.dsn, (int) config.pool_size);
	if (pool == NULL)
	{
		log_msg("out of memory while creating the connection pool");
		return EXIT_FAILURE;
	}
	memset(&server, 0, sizeof(server));
	if ((config.spool_dir[0] != '\0' &&
		 (server.spool = spool_start(config.spool_dir, pool)) == NULL) ||
		!server_start(&server, &config, pool))
	{
		spool_stop(server.spool);
		pgpool_destroy(pool);
		return EXIT_FAILURE;
	}
	sigwait(&signals, &sig);
	log_msg("received %s, stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop(&server);
	spool_stop(server.spool);
	pgpool_destroy(pool);
	log_msg("stopped");
	return EXIT_SUCCESS;
}
