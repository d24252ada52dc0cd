/*-------------------------------------------------------------------------
 * collector/server.h
 *	  The HTTP server: a libmicrohttpd daemon, its route table, and the
 *	  per-request state every handler gets.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_SERVER_H
#define COLLECTOR_SERVER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "options.h"
#include "pgpool.h"
#include "spool.h"

typedef struct Server
{
	const Config *config;
	PgPool	   *pool;
	Spool	   *spool;			/* NULL: answer 503 when the database is down */
	struct MHD_Daemon *daemon;
	atomic_int	active;			/* requests dispatched and not completed */
} Server;

typedef struct Request Request;

/*
 * A route handler, called like an MHD access handler: first with *size 0
 * right after the headers, then once per piece of body, then with *size 0
 * at the end.  It must consume the body (set *size to 0).
 */
typedef enum MHD_Result (*RouteHandler) (Request *req,
										 struct MHD_Connection *conn,
										 const char *data, size_t *size);

/* One request's state, made on its first call and freed when it ends. */
struct Request
{
	Server	   *server;
	RouteHandler handle;
	void	   *state;			/* the handler's own, or NULL */
	void		(*free_state) (void *state);
};

extern bool server_start(Server *server, const Config *config, PgPool *pool);
extern void server_stop(Server *server);
extern enum MHD_Result server_reply(struct MHD_Connection *conn,
									unsigned int status,
									const char *content_type,
									const char *body);

/* Route handlers: upload.c */
extern enum MHD_Result upload_handle(Request *req, struct MHD_Connection *conn,
									 const char *data, size_t *size);

/* Route handlers: health.c */
extern enum MHD_Result health_metrics(Request *req, struct MHD_Connection *conn,
									  const char *data, size_t *size);
extern enum MHD_Result health_lbheartbeat(Request *req,
										  struct MHD_Connection *conn,
										  const char *data, size_t *size);
extern enum MHD_Result health_heartbeat(Request *req,
										struct MHD_Connection *conn,
										const char *data, size_t *size);
extern enum MHD_Result health_version(Request *req,
									  struct MHD_Connection *conn,
									  const char *data, size_t *size);

#endif							/* COLLECTOR_SERVER_H */
