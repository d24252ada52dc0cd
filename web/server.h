/*-------------------------------------------------------------------------
 * web/server.h
 *	  The HTTP server of crashpipe-web: what a route handler is given (the
 *	  request), how it answers (the respond_* helpers, which add the
 *	  security headers every response carries), and the handlers the route
 *	  table in server.c points at.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_SERVER_H
#define CRASHPIPE_WEB_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "auth.h"
#include "body.h"
#include "pgpool.h"

#define CONTENT_TYPE_JSON "application/json"
#define CONTENT_TYPE_HTML "text/html; charset=utf-8"
#define CONTENT_TYPE_TEXT "text/plain; charset=utf-8"

/* What every request can use, fixed for the life of the server. */
typedef struct Site
{
	PgPool	   *pool;
	const char *static_dir;		/* absolute, resolved; NULL serves no files */
	uint64_t	max_body_size;	/* largest POST body taken, in bytes */
} Site;

typedef struct Route Route;

/*
 * One HTTP request, kept in MHD's *req_cls from the first call of the
 * access handler until the completion callback logs and frees it.
 */
typedef struct Request
{
	struct MHD_Connection *connection;
	const Site *site;
	const Route *route;			/* set on the first call */
	const char *url;			/* the decoded path; valid only in a handler */
	Body		body;			/* a POST body; fd -1 for other methods */
	Auth		auth;			/* who asks; resolved before the handler runs */
	bool		via_cookie;		/* auth came from the session cookie */
	char		method[16];		/* copies for the log line */
	char		path[256];
	struct timespec started;
	unsigned int status;		/* 0 until a response is queued */
} Request;

extern struct MHD_Daemon *server_start(const struct sockaddr *address,
									   const Site *site);

extern enum MHD_Result respond(Request *req, unsigned int status,
							   const char *content_type,
							   const char *body, size_t len);
extern enum MHD_Result respond_fd(Request *req, const char *content_type,
								  int fd, uint64_t size);
extern enum MHD_Result respond_see_other(Request *req, const char *location,
										 const char *const *cookies);
extern enum MHD_Result respond_json_error(Request *req, unsigned int status,
										  const char *message);
extern enum MHD_Result respond_error(Request *req, unsigned int status,
									 const char *message);
extern enum MHD_Result respond_not_found(Request *req);
extern bool require_permission(Request *req, Permission permission);

/* Route handlers: api*.c, login.c, health.c, pages*.c, static.c. */
extern enum MHD_Result api_processed_crash(Request *req);
extern enum MHD_Result api_raw_crash(Request *req);
extern enum MHD_Result api_status(Request *req);
extern enum MHD_Result api_job_status(Request *req);
extern enum MHD_Result api_products(Request *req);
extern enum MHD_Result api_signature_first_date(Request *req);
extern enum MHD_Result api_crashes_per_day(Request *req);
extern enum MHD_Result api_bugs(Request *req);
extern enum MHD_Result api_session(Request *req);
extern enum MHD_Result session_login(Request *req);
extern enum MHD_Result session_logout(Request *req);
extern enum MHD_Result page_shell(Request *req);
extern enum MHD_Result api_reprocessing(Request *req);
extern enum MHD_Result health_lbheartbeat(Request *req);
extern enum MHD_Result health_heartbeat(Request *req);
extern enum MHD_Result health_version(Request *req);
extern enum MHD_Result page_index(Request *req);
extern enum MHD_Result static_file(Request *req);
extern enum MHD_Result static_serve(Request *req, const char *name);

#endif							/* CRASHPIPE_WEB_SERVER_H */
