/*-------------------------------------------------------------------------
 * web/pgpool.h
 *	  A small fixed pool of libpq connections shared by the request threads.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_PGPOOL_H
#define CRASHPIPE_WEB_PGPOOL_H

#include <libpq-fe.h>

typedef struct PgPool PgPool;

extern PgPool *pgpool_create(const char *dsn, int size);
extern void pgpool_destroy(PgPool *pool);
extern PGresult *pgpool_query(PgPool *pool, const char *sql,
							  int nparams, const char *const *params);
extern PGresult *pgpool_query_binary(PgPool *pool, const char *sql,
									 int nparams, const char *const *params);
extern void pgpool_log_error(const char *what, const PGresult *res);

#endif							/* CRASHPIPE_WEB_PGPOOL_H */
