/*-------------------------------------------------------------------------
 * collector/server.c
 *	  The libmicrohttpd daemon and request dispatch.
 *
 *	  Each connection gets its own thread (MHD_USE_THREAD_PER_CONNECTION):
 *	  storing a report is a blocking libpq call, and with a thread each, a
 *	  slow database stalls only the requests that wait for it.  The limits
 *	  are explicit: --max-connections threads, --timeout for idle clients,
 *	  and the body limits enforced by upload.c.
 *
 *	  Dispatch follows libmicrohttpd's largepost example: the first call
 *	  for a request finds its route and allocates a Request in *req_cls,
 *	  later calls go to the route's handler, and the completion callback
 *	  frees the Request whatever happened to the connection.
 *-------------------------------------------------------------------------
 */
#include "server.h"

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Per-connection memory for reading; bigger means fewer body callbacks. */
#define SERVER_CONNECTION_MEMORY (128 * 1024)

/* How long server_stop waits for requests in progress. */
#define SERVER_GRACE_SECONDS 10

typedef struct Route
{
	const char *path;
	const char *method;			/* GET routes also answer HEAD */
	RouteHandler handle;
} Route;

static const Route routes[] = {
	{"/submit", MHD_HTTP_METHOD_POST, upload_handle},
	{"/__lbheartbeat__", MHD_HTTP_METHOD_GET, health_lbheartbeat},
	{"/__heartbeat__", MHD_HTTP_METHOD_GET, health_heartbeat},
	{"/__version__", MHD_HTTP_METHOD_GET, health_version},
	{"/metrics", MHD_HTTP_METHOD_GET, health_metrics},
};

/* Queue a reply, with an Allow header when allow is not NULL. */
static enum MHD_Result
reply(struct MHD_Connection *conn, unsigned int status,
	  const char *content_type, const char *body, const char *allow)
{
	struct MHD_Response *response;
	enum MHD_Result ret;

	response = MHD_create_response_from_buffer(strlen(body), (void *) body,
											   MHD_RESPMEM_MUST_COPY);
	if (response == NULL)
		return MHD_NO;
	MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	if (allow)
		MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, allow);
	ret = MHD_queue_response(conn, status, response);
	MHD_destroy_response(response);
	return ret;
}

/* Queue a reply with the given status, content type and body. */
enum MHD_Result
server_reply(struct MHD_Connection *conn, unsigned int status,
			 const char *content_type, const char *body)
{
	return reply(conn, status, content_type, body, NULL);
}

/* The route for a path (the query string is already cut off), or NULL. */
static const Route *
find_route(const char *url)
{
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (strcmp(url, routes[i].path) == 0)
			return &routes[i];
	return NULL;
}

/* Whether a route answers a method. */
static bool
method_allowed(const Route *route, const char *method)
{
	return strcmp(method, route->method) == 0 ||
		(strcmp(route->method, MHD_HTTP_METHOD_GET) == 0 &&
		 strcmp(method, MHD_HTTP_METHOD_HEAD) == 0);
}

/* MHD access handler: dispatch a new request, or continue one. */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
		   const char *method, const char *version, const char *data,
		   size_t *size, void **req_cls)
{
	Request    *req = *req_cls;
	const Route *route;

	(void) version;
	if (req != NULL)
		return req->handle(req, conn, data, size);
	route = find_route(url);
	if (route == NULL)
		return reply(conn, MHD_HTTP_NOT_FOUND, "text/plain", "not found\n", NULL);
	if (!method_allowed(route, method))
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain",
					 "method not allowed\n", route->method);
	req = calloc(1, sizeof(*req));
	if (req == NULL)
		return MHD_NO;
	req->server = cls;
	req->handle = route->handle;
	*req_cls = req;
	atomic_fetch_add(&req->server->active, 1);
	return req->handle(req, conn, data, size);
}

/* MHD completion callback: free the request's state. */
static void
on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	Request    *req = *req_cls;

	(void) cls;
	(void) conn;
	(void) toe;
	if (req == NULL)
		return;
	if (req->free_state)
		req->free_state(req->state);
	atomic_fetch_sub(&req->server->active, 1);
	free(req);
	*req_cls = NULL;
}

/*
 * Resolve --listen (HOST:PORT, or [IPV6]:PORT) to a socket address.
 * Returns NULL after logging why not; the caller frees with freeaddrinfo.
 */
static struct addrinfo *
resolve_listen(const char *listen)
{
	char		host[256];
	const char *colon = strrchr(listen, ':');
	size_t		hostlen = colon ? (size_t) (colon - listen) : 0;
	struct addrinfo hints = {.ai_flags = AI_PASSIVE | AI_NUMERICSERV,
	.ai_socktype = SOCK_STREAM};
	struct addrinfo *addr = NULL;
	int			rc;

	if (colon == NULL || hostlen == 0 || hostlen >= sizeof(host) || colon[1] == '\0')
	{
		log_msg("invalid --listen \"%s\": expected HOST:PORT", listen);
		return NULL;
	}
	if (listen[0] == '[' && colon[-1] == ']')
		snprintf(host, sizeof(host), "%.*s", (int) hostlen - 2, listen + 1);
	else
		snprintf(host, sizeof(host), "%.*s", (int) hostlen, listen);
	rc = getaddrinfo(host, colon + 1, &hints, &addr);
	if (rc != 0)
	{
		log_msg("could not resolve --listen \"%s\": %s", listen, gai_strerror(rc));
		return NULL;
	}
	return addr;
}

/* Start listening and serving; false after logging why not. */
bool
server_start(Server *server, const Config *config, PgPool *pool)
{
	struct addrinfo *addr = resolve_listen(config->listen);
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD |
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
		MHD_USE_ITC;

	if (addr == NULL)
		return false;
	if (addr->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	server->config = config;
	server->pool = pool;
	atomic_init(&server->active, 0);
	server->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, server,
									  MHD_OPTION_SOCK_ADDR, addr->ai_addr,
									  MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int) 1,
									  MHD_OPTION_CONNECTION_TIMEOUT,
									  (unsigned int) config->timeout,
									  MHD_OPTION_CONNECTION_LIMIT,
									  (unsigned int) config->max_connections,
									  MHD_OPTION_CONNECTION_MEMORY_LIMIT,
									  (size_t) SERVER_CONNECTION_MEMORY,
									  MHD_OPTION_NOTIFY_COMPLETED, on_completed, server,
									  MHD_OPTION_END);
	freeaddrinfo(addr);
	if (server->daemon == NULL)
	{
		log_msg("could not listen on %s (address in use, or not allowed?)",
				config->listen);
		return false;
	}
	log_msg("listening on %s (port %u)", config->listen,
			(unsigned int) MHD_get_daemon_info(server->daemon,
											   MHD_DAEMON_INFO_BIND_PORT)->port);
	return true;
}

/*
 * Stop accepting connections, give the requests in progress a few seconds
 * to finish (a client whose crash was stored should hear its crash id),
 * then close everything.  Idle keep-alive connections are not waited for.
 */
void
server_stop(Server *server)
{
	MHD_socket	listener = MHD_quiesce_daemon(server->daemon);
	struct timespec pause = {0, 100 * 1000 * 1000};

	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	for (int i = 0; i < SERVER_GRACE_SECONDS * 10 && atomic_load(&server->active) > 0; i++)
		nanosleep(&pause, NULL);
	if (atomic_load(&server->active) > 0)
		log_msg("stopping with %d requests still in progress",
				atomic_load(&server->active));
	MHD_stop_daemon(server->daemon);
	server->daemon = NULL;
}
