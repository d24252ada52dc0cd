/*-------------------------------------------------------------------------
 * collector/pgpool.h
 *	  A fixed-size pool of libpq connections shared by the request
 *	  threads.  Connections are opened when first needed and reopened
 *	  after they break, so the collector starts, and keeps answering (503),
 *	  while the database is down.  Callers never hold a connection: they
 *	  hand the pool a function to run on one.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_PGPOOL_H
#define COLLECTOR_PGPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include <libpq-fe.h>

typedef struct PgPool PgPool;

/* Work done on a borrowed connection; it must leave no transaction open. */
typedef void (*PgPoolWork) (PGconn *conn, void *arg);

extern PgPool *pgpool_create(const char *dsn, int size);
extern bool pgpool_run(PgPool *pool, PgPoolWork work, void *arg,
					   char *error, size_t errcap);
extern void pgpool_destroy(PgPool *pool);

#endif							/* COLLECTOR_PGPOOL_H */
