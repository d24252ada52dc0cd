/*-------------------------------------------------------------------------
 * web/pgpool.c
 *	  A small fixed pool of libpq connections shared by the request threads.
 *
 *	  Each request thread borrows one connection for one statement and gives
 *	  it back, so a handful of connections serve many HTTP clients.  The
 *	  mutex only guards which slot is borrowed; connecting and querying
 *	  happen outside it, on the borrowed slot alone.  Connections are opened
 *	  lazily, so the program starts (and answers 503) while the database is
 *	  down.  A connection found broken during a statement (the server was
 *	  restarted, or the backend terminated) is reopened and the statement
 *	  run once more: every statement the web runs is a read, so repeating
 *	  it is safe.
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pgpool.h"

/* How long a request waits for a free connection before giving up. */
#define POOL_WAIT_SECONDS 5

/* One connection of the pool; conn is NULL until first used or after a failure. */
typedef struct PoolSlot
{
	PGconn	   *conn;
	bool		borrowed;
} PoolSlot;

struct PgPool
{
	pthread_mutex_t lock;		/* guards borrowed flags */
	pthread_cond_t returned;	/* signalled when a slot is given back */
	char	   *dsn;
	int			size;
	PoolSlot	slots[];
};

/* Make a pool of size connections to dsn, none of them opened yet. */
PgPool *
pgpool_create(const char *dsn, int size)
{
	PgPool	   *pool = calloc(1, sizeof(PgPool) + size * sizeof(PoolSlot));
	pthread_condattr_t attr;

	if (pool == NULL || (pool->dsn = strdup(dsn)) == NULL)
	{
		free(pool);
		return NULL;
	}
	pool->size = size;
	pthread_mutex_init(&pool->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&pool->returned, &attr);
	pthread_condattr_destroy(&attr);
	return pool;
}

/* Close every connection and free the pool; no request may be running. */
void
pgpool_destroy(PgPool *pool)
{
	for (int i = 0; i < pool->size; i++)
		PQfinish(pool->slots[i].conn);
	pthread_cond_destroy(&pool->returned);
	pthread_mutex_destroy(&pool->lock);
	free(pool->dsn);
	free(pool);
}

/* Borrow a free slot, waiting up to POOL_WAIT_SECONDS; NULL on timeout. */
static PoolSlot *
pool_borrow(PgPool *pool)
{
	struct timespec deadline;
	int			rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += POOL_WAIT_SECONDS;
	pthread_mutex_lock(&pool->lock);
	while (rc != ETIMEDOUT)
	{
		for (int i = 0; i < pool->size; i++)
		{
			if (!pool->slots[i].borrowed)
			{
				pool->slots[i].borrowed = true;
				pthread_mutex_unlock(&pool->lock);
				return &pool->slots[i];
			}
		}
		rc = pthread_cond_timedwait(&pool->returned, &pool->lock, &deadline);
	}
	pthread_mutex_unlock(&pool->lock);
	fprintf(stderr, "crashpipe-web: no free database connection after %d s (pool of %d)\n",
			POOL_WAIT_SECONDS, pool->size);
	return NULL;
}

/* Give a borrowed slot back and wake one waiting request. */
static void
pool_return(PgPool *pool, PoolSlot *slot)
{
	pthread_mutex_lock(&pool->lock);
	slot->borrowed = false;
	pthread_cond_signal(&pool->returned);
	pthread_mutex_unlock(&pool->lock);
}

/* Log a libpq message on one line: its newlines and tabs become spaces. */
static void
log_pq_message(const char *what, const char *message)
{
	char		line[1024];
	size_t		len = 0;

	for (const char *p = message; *p != '\0' && len + 1 < sizeof(line); p++)
	{
		bool		space = (*p == '\n' || *p == '\t' || *p == ' ');

		if (!space)
			line[len++] = *p;
		else if (len > 0 && line[len - 1] != ' ')
			line[len++] = ' ';
	}
	while (len > 0 && line[len - 1] == ' ')
		len--;
	line[len] = '\0';
	fprintf(stderr, "crashpipe-web: %s: %s\n", what, line);
}

/*
 * Open the slot's connection unless it has a healthy one.  The DSN comes
 * last so it can override the defaults before it: a connect timeout, the
 * application name seen in pg_stat_activity, UTF-8 for the HTML and JSON
 * we write, and UTC timestamps on the pages.
 */
static bool
slot_connect(PgPool *pool, PoolSlot *slot)
{
	static const char *const keywords[] = {
		"connect_timeout", "fallback_application_name", "client_encoding",
		"options", "dbname", NULL
	};
	const char *const values[] = {
		"5", "crashpipe-web", "UTF8", "-c TimeZone=UTC", pool->dsn, NULL
	};

	if (slot->conn != NULL && PQstatus(slot->conn) == CONNECTION_OK)
		return true;
	PQfinish(slot->conn);
	slot->conn = PQconnectdbParams(keywords, values, 1);
	if (slot->conn != NULL && PQstatus(slot->conn) == CONNECTION_OK)
		return true;
	log_pq_message("could not connect to the database",
				   slot->conn ? PQerrorMessage(slot->conn) : "out of memory");
	PQfinish(slot->conn);
	slot->conn = NULL;
	return false;
}

/*
 * Did this result come from a server that is going away rather than from
 * the statement?  Errors libpq makes itself carry no SQLSTATE; class 08 is
 * a connection exception, and 57P01-57P03 are shutdown and crash restarts.
 */
static bool
connection_failed(const PGresult *res)
{
	const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	if (PQresultStatus(res) != PGRES_FATAL_ERROR)
		return false;
	return sqlstate == NULL || strncmp(sqlstate, "08", 2) == 0 ||
		strcmp(sqlstate, "57P01") == 0 || strcmp(sqlstate, "57P02") == 0 ||
		strcmp(sqlstate, "57P03") == 0;
}

/*
 * Run the statement on the slot, results in text (0) or binary (1)
 * format; NULL (and the slot closed) when the connection failed.
 */
static PGresult *
slot_exec(PoolSlot *slot, const char *sql, int nparams, const char *const *params,
		  int result_format)
{
	PGresult   *res = PQexecParams(slot->conn, sql, nparams, NULL, params,
								   NULL, NULL, result_format);

	if (res != NULL && PQstatus(slot->conn) == CONNECTION_OK && !connection_failed(res))
		return res;
	log_pq_message("database connection lost",
				   res ? PQresultErrorMessage(res) : PQerrorMessage(slot->conn));
	PQclear(res);
	PQfinish(slot->conn);
	slot->conn = NULL;
	return NULL;
}

/*
 * Run one statement with text parameters on a pooled connection, retrying
 * once on a fresh connection if the first one turns out broken.  Returns
 * the result, which may be an SQL error, or NULL when the database cannot
 * be reached.
 */
static PGresult *
pool_exec(PgPool *pool, const char *sql, int nparams, const char *const *params,
		  int result_format)
{
	PoolSlot   *slot = pool_borrow(pool);
	PGresult   *res = NULL;

	if (slot == NULL)
		return NULL;
	for (int attempt = 0; attempt < 2 && res == NULL; attempt++)
	{
		if (!slot_connect(pool, slot))
			break;
		res = slot_exec(slot, sql, nparams, params, result_format);
	}
	pool_return(pool, slot);
	return res;
}

/* pool_exec with results as text. */
PGresult *
pgpool_query(PgPool *pool, const char *sql, int nparams, const char *const *params)
{
	return pool_exec(pool, sql, nparams, params, 0);
}

/* pool_exec with results in binary, for bytea values sent as they are. */
PGresult *
pgpool_query_binary(PgPool *pool, const char *sql, int nparams, const char *const *params)
{
	return pool_exec(pool, sql, nparams, params, 1);
}

/* Log a failed statement's full error message, with what was being done. */
void
pgpool_log_error(const char *what, const PGresult *res)
{
	log_pq_message(what, PQresultErrorMessage(res));
}
