/*-------------------------------------------------------------------------
 * collector/pgpool.c
 *	  Connection pool: a mutex, a condition variable and one slot per
 *	  connection.  A request thread takes a free slot (waiting up to
 *	  PGPOOL_WAIT_SECONDS when all are busy), connects it if it has no
 *	  live connection, and gives it back when done.  A connection that
 *	  broke, or was left inside a transaction, is closed on return, so the
 *	  next user of the slot reconnects.
 *
 *	  Connecting happens outside the mutex: a slow or unreachable server
 *	  must not block threads that only want to return a connection.  Add
 *	  connect_timeout to the DSN to bound how long a connection attempt
 *	  may take.
 *-------------------------------------------------------------------------
 */
#include "pgpool.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

/* How long a request waits for a free connection before giving up. */
#define PGPOOL_WAIT_SECONDS 10

struct PgPool
{
	pthread_mutex_t lock;
	pthread_cond_t freed;		/* signalled when a slot is returned */
	char	   *dsn;
	int			size;
	PGconn	  **conns;			/* per slot: the connection, or NULL */
	bool	   *busy;			/* per slot: lent out */
};

/* Make a pool of size slots for the given libpq connection string. */
PgPool *
pgpool_create(const char *dsn, int size)
{
	PgPool	   *pool = calloc(1, sizeof(*pool));

	if (pool == NULL)
		return NULL;
	pthread_mutex_init(&pool->lock, NULL);
	pthread_cond_init(&pool->freed, NULL);
	pool->dsn = strdup(dsn);
	pool->conns = calloc((size_t) size, sizeof(PGconn *));
	pool->busy = calloc((size_t) size, sizeof(bool));
	if (pool->dsn == NULL || pool->conns == NULL || pool->busy == NULL)
	{
		pgpool_destroy(pool);
		return NULL;
	}
	pool->size = size;
	return pool;
}

/* Take a free slot, waiting a while if there is none; -1 on timeout. */
static int
take_slot(PgPool *pool)
{
	struct timespec deadline;
	int			slot = -1;
	int			rc = 0;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += PGPOOL_WAIT_SECONDS;
	pthread_mutex_lock(&pool->lock);
	while (slot < 0 && rc != ETIMEDOUT)
	{
		for (int i = 0; i < pool->size && slot < 0; i++)
			if (!pool->busy[i])
				slot = i;
		if (slot < 0)
			rc = pthread_cond_timedwait(&pool->freed, &pool->lock, &deadline);
	}
	if (slot >= 0)
		pool->busy[slot] = true;
	pthread_mutex_unlock(&pool->lock);
	return slot;
}

/* Open a new connection; on failure copy libpq's message to error. */
static PGconn *
connect_db(const char *dsn, char *error, size_t errcap)
{
	const char *keys[] = {"dbname", "fallback_application_name", NULL};
	const char *values[] = {dsn, "crashpipe-collector", NULL};
	PGconn	   *conn = PQconnectdbParams(keys, values, 1);

	if (conn != NULL && PQstatus(conn) == CONNECTION_OK)
		return conn;
	snprintf(error, errcap, "could not connect to the database: %s",
			 conn ? PQerrorMessage(conn) : "out of memory");
	error[strcspn(error, "\n")] = '\0';
	PQfinish(conn);
	return NULL;
}

/*
 * Put conn (NULL if none) in a slot and, if release is set, free the slot.
 * conns[] is only written under the lock, because pgpool_put searches it.
 */
static void
set_slot(PgPool *pool, int slot, PGconn *conn, bool release)
{
	pthread_mutex_lock(&pool->lock);
	pool->conns[slot] = conn;
	if (release)
	{
		pool->busy[slot] = false;
		pthread_cond_signal(&pool->freed);
	}
	pthread_mutex_unlock(&pool->lock);
}

/*
 * Borrow a connection.  *fresh tells whether it was just opened.  Returns
 * NULL with a message in error when none can be had.
 */
static PGconn *
pool_get(PgPool *pool, bool *fresh, char *error, size_t errcap)
{
	int			slot = take_slot(pool);
	PGconn	   *conn;

	if (slot < 0)
	{
		snprintf(error, errcap, "all %d database connections stayed busy for %d s",
				 pool->size, PGPOOL_WAIT_SECONDS);
		return NULL;
	}
	/* only this thread writes this slot while it is busy */
	conn = pool->conns[slot];
	*fresh = conn == NULL;
	if (conn == NULL)
	{
		conn = connect_db(pool->dsn, error, errcap);
		set_slot(pool, slot, conn, conn == NULL);
	}
	return conn;
}

/* Give a borrowed connection back; a broken or busy one is closed. */
static void
pool_put(PgPool *pool, PGconn *conn)
{
	bool		broken = PQstatus(conn) != CONNECTION_OK ||
		PQtransactionStatus(conn) != PQTRANS_IDLE;
	int			slot = -1;

	pthread_mutex_lock(&pool->lock);
	for (int i = 0; i < pool->size && slot < 0; i++)
		if (pool->conns[i] == conn)
			slot = i;
	pthread_mutex_unlock(&pool->lock);
	if (slot < 0)
		return;
	set_slot(pool, slot, broken ? NULL : conn, true);
	if (broken)
		PQfinish(conn);
}

/*
 * Run work on a pooled connection.  Returns false, with a message in
 * error, when no connection could be had.
 *
 * A pooled connection may have been closed by the server while idle (a
 * restart, idle_session_timeout), which shows only when it is used.  So if
 * the connection is found lost after work on a reused one, work runs once
 * more on a fresh connection.  Should the first run have committed just
 * before the connection died, work must be safe to repeat: a crash
 * submission is, because it carries the crash id made before the first try.
 */
bool
pgpool_run(PgPool *pool, PgPoolWork work, void *arg, char *error, size_t errcap)
{
	for (int attempt = 0; attempt < 2; attempt++)
	{
		bool		fresh;
		bool		lost;
		PGconn	   *conn = pool_get(pool, &fresh, error, errcap);

		if (conn == NULL)
			return false;
		work(conn, arg);
		lost = PQstatus(conn) != CONNECTION_OK;
		pool_put(pool, conn);
		if (!lost || fresh)
			break;
		log_msg("a pooled database connection was found closed; trying a new one");
	}
	return true;
}

/* Close every connection and free the pool; no connection may be lent. */
void
pgpool_destroy(PgPool *pool)
{
	if (pool == NULL)
		return;
	for (int i = 0; i < pool->size; i++)
		PQfinish(pool->conns[i]);
	pthread_cond_destroy(&pool->freed);
	pthread_mutex_destroy(&pool->lock);
	free(pool->conns);
	free(pool->busy);
	free(pool->dsn);
	free(pool);
}
