/*-------------------------------------------------------------------------
 * web/main.c
 *	  crashpipe-web: the HTTP front of crashpipe, serving the Crash Stats
 *	  style API, the server-rendered pages and the health endpoints from
 *	  the crashpipe database.
 *
 *	  main parses the options, starts the server and waits for SIGINT or
 *	  SIGTERM.  The stop signals are blocked before any thread starts, so
 *	  every thread inherits the mask and only sigwait here receives them;
 *	  no signal handler runs, so shutting down can do anything it likes.
 *-------------------------------------------------------------------------
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "server.h"

/* Block SIGINT and SIGTERM for sigwait, and ignore SIGPIPE from closed sockets. */
static void
block_stop_signals(sigset_t *stop_signals)
{
	sigemptyset(stop_signals);
	sigaddset(stop_signals, SIGINT);
	sigaddset(stop_signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, stop_signals, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Serve until SIGINT or SIGTERM. */
static int
serve(const WebOptions *opts, const sigset_t *stop_signals)
{
	Site		site;
	struct MHD_Daemon *daemon;
	int			sig;

	site.pool = pgpool_create(opts->dsn, opts->pool_size);
	site.static_dir = opts->static_dir[0] ? opts->static_dir : NULL;
	site.max_body_size = opts->max_body_size;
	if (site.pool == NULL)
	{
		fprintf(stderr, "crashpipe-web: out of memory creating the connection pool\n");
		return 1;
	}
	daemon = server_start((const struct sockaddr *) &opts->address, &site);
	if (daemon == NULL)
	{
		fprintf(stderr, "crashpipe-web: could not listen on %s\n", opts->listen);
		pgpool_destroy(site.pool);
		return 1;
	}
	fprintf(stderr, "crashpipe-web %s listening on %s\n", CRASHPIPE_VERSION, opts->listen);
	sigwait(stop_signals, &sig);
	fprintf(stderr, "crashpipe-web: %s, shutting down\n", strsignal(sig));
	MHD_stop_daemon(daemon);
	pgpool_destroy(site.pool);
	return 0;
}

/* Parse the options, then serve; exit 2 for bad options, 1 for failure. */
int
main(int argc, char **argv)
{
	WebOptions	opts;
	sigset_t	stop_signals;

	switch (options_parse(argc, argv, &opts))
	{
		case OPTIONS_DONE:
			return 0;
		case OPTIONS_INVALID:
			return 2;
		case OPTIONS_RUN:
			break;
	}
	block_stop_signals(&stop_signals);
	return serve(&opts, &stop_signals);
}
