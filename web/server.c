/*-------------------------------------------------------------------------
 * web/server.c
 *	  The HTTP side of crashpipe-web: starting libmicrohttpd, dispatching
 *	  each request through a static route table, the response helpers every
 *	  handler answers with, and one log line per request.
 *
 *	  The daemon runs a thread per connection, so handlers may block on
 *	  libpq.  Requests follow libmicrohttpd's largepost.c pattern: the
 *	  first call of the access handler allocates a Request into *req_cls,
 *	  a later call answers, and the completion callback logs and frees it.
 *	  Only GET and HEAD are served (libmicrohttpd drops the body of a HEAD
 *	  answer), and any other method is refused on the first call, before a
 *	  request body would be read.
 *-------------------------------------------------------------------------
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "server.h"
#include "session.h"

/*
 * Limits: clients at once, idle seconds before a connection is dropped,
 * and the memory for one connection's request line and headers.
 */
#define MAX_CONNECTIONS 64
#define CONNECTION_TIMEOUT_SECONDS 30
#define CONNECTION_MEMORY_LIMIT (64 * 1024)

/* Methods a route takes; GET includes HEAD. */
#define METHOD_GET 1
#define METHOD_POST 2
#define METHOD_OPTIONS 4

/* A route: an exact path, or with prefix set every path under it. */
typedef struct Route
{
	const char *path;
	bool		prefix;
	unsigned	methods;
	enum MHD_Result (*handler) (Request *req);
} Route;

static const Route routes[] = {
	{"/", false, METHOD_GET, page_index},
	{"/api/ProcessedCrash/", false, METHOD_GET, api_processed_crash},
	{"/api/RawCrash/", false, METHOD_GET, api_raw_crash},
	{"/api/Reprocessing/", false, METHOD_POST, api_reprocessing},
	{"/api/Status/", false, METHOD_GET, api_status},
	{"/api/SignatureFirstDate/", false, METHOD_GET, api_signature_first_date},
	{"/api/Bugs/", false, METHOD_GET, api_bugs},
	{"/api/JobStatus/", false, METHOD_GET, api_job_status},
	{"/api/Products/", false, METHOD_GET, api_products},
	{"/api/CrashesPerDay/", false, METHOD_GET, api_crashes_per_day},
	{"/api/Session/", false, METHOD_GET, api_session},
	{"/session/login", false, METHOD_POST, session_login},
	{"/session/logout", false, METHOD_POST, session_logout},
	{"/search/", false, METHOD_GET, page_shell},
	{"/topcrashers/", false, METHOD_GET, page_shell},
	{"/signature/", false, METHOD_GET, page_shell},
	{"/report/index/", true, METHOD_GET, page_shell},
	{"/home/product/", true, METHOD_GET, page_shell},
	{"/jobs/", false, METHOD_GET, page_shell},
	{"/login/", false, METHOD_GET, page_shell},
	{"/static/", true, METHOD_GET, static_file},
	{"/__lbheartbeat__", false, METHOD_GET, health_lbheartbeat},
	{"/__heartbeat__", false, METHOD_GET, health_heartbeat},
	{"/__version__", false, METHOD_GET, health_version},
};

/* The Allow header of a route. */
static const char *
allowed_methods(const Route *route)
{
	switch (route->methods)
	{
		case METHOD_GET:
			return "GET, HEAD";
		case METHOD_POST:
			return "POST";
		case METHOD_POST | METHOD_OPTIONS:
			return "POST, OPTIONS";
		case METHOD_GET | METHOD_POST:
			return "GET, HEAD, POST";
		default:
			return "GET, HEAD, POST, OPTIONS";
	}
}

/* Is this an /api/ path, whose errors are JSON? */
static bool
is_api_path(const char *path)
{
	return strncmp(path, "/api/", 5) == 0;
}

/* Queue a response with its status, content type and security headers. */
static enum MHD_Result
queue(Request *req, unsigned int status, const char *content_type,
	  struct MHD_Response *response)
{
	enum MHD_Result ret;

	if (response == NULL)
		return MHD_NO;
	MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(response, "X-Frame-Options", "DENY");
	MHD_add_response_header(response, "Referrer-Policy", "same-origin");
	/* Answers can depend on the caller's token: no cache may keep them. */
	MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL,
							strncmp(req->path, "/static/", 8) == 0 ? "no-cache" : "no-store");
	/* Documents that a browser renders get a policy; SVG can hold scripts. */
	if (strncmp(content_type, "text/html", 9) == 0 ||
		strncmp(content_type, "image/svg+xml", 13) == 0)
		MHD_add_response_header(response, "Content-Security-Policy",
								"default-src 'self'");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, allowed_methods(req->route));
	ret = MHD_queue_response(req->connection, status, response);
	MHD_destroy_response(response);
	req->status = status;
	return ret;
}

/* Answer with a copy of body. */
enum MHD_Result
respond(Request *req, unsigned int status, const char *content_type,
		const char *body, size_t len)
{
	return queue(req, status, content_type,
				 MHD_create_response_from_buffer(len, (void *) body,
												 MHD_RESPMEM_MUST_COPY));
}

/* Answer 200 with the size bytes of an open file, which is then closed. */
enum MHD_Result
respond_fd(Request *req, const char *content_type, int fd, uint64_t size)
{
	struct MHD_Response *response = MHD_create_response_from_fd64(size, fd);

	if (response == NULL)
		close(fd);
	return queue(req, MHD_HTTP_OK, content_type, response);
}

/* Answer 303 See Other to location, setting the NULL-terminated cookies. */
enum MHD_Result
respond_see_other(Request *req, const char *location, const char *const *cookies)
{
	struct MHD_Response *response = MHD_create_response_from_buffer(0, (void *) "",
																	MHD_RESPMEM_PERSISTENT);

	if (response == NULL)
		return MHD_NO;
	MHD_add_response_header(response, MHD_HTTP_HEADER_LOCATION, location);
	for (int i = 0; cookies[i] != NULL; i++)
		MHD_add_response_header(response, MHD_HTTP_HEADER_SET_COOKIE, cookies[i]);
	return queue(req, MHD_HTTP_SEE_OTHER, CONTENT_TYPE_TEXT, response);
}

/* Answer {"error": message} with the status. */
enum MHD_Result
respond_json_error(Request *req, unsigned int status, const char *message)
{
	Buf			body;
	enum MHD_Result ret;

	buf_init(&body);
	buf_append(&body, "{\"error\": ");
	buf_append_json(&body, message);
	buf_append(&body, "}");
	ret = respond(req, status, CONTENT_TYPE_JSON, body.data, body.len);
	buf_free(&body);
	return ret;
}

/* Answer an error in the form the path calls for: JSON under /api/, else text. */
enum MHD_Result
respond_error(Request *req, unsigned int status, const char *message)
{
	char		text[320];

	if (is_api_path(req->path))
		return respond_json_error(req, status, message);
	snprintf(text, sizeof(text), "%s\n", message);
	return respond(req, status, CONTENT_TYPE_TEXT, text, strlen(text));
}

/* Answer 404. */
enum MHD_Result
respond_not_found(Request *req)
{
	return respond_error(req, MHD_HTTP_NOT_FOUND, "not found");
}

/* Copy text for the log, cut to size, with control characters made '?'. */
static void
copy_printable(char *dest, size_t size, const char *text)
{
	size_t		i;

	for (i = 0; i + 1 < size && text[i] != '\0'; i++)
		dest[i] = isprint((unsigned char) text[i]) ? text[i] : '?';
	dest[i] = '\0';
}

/* Allocate the Request of a new request; NULL when out of memory. */
static Request *
request_new(const Site *site, struct MHD_Connection *connection,
			const char *method, const char *url)
{
	Request    *req = calloc(1, sizeof(Request));

	if (req == NULL)
		return NULL;
	req->connection = connection;
	req->site = site;
	copy_printable(req->method, sizeof(req->method), method);
	copy_printable(req->path, sizeof(req->path), url);
	clock_gettime(CLOCK_MONOTONIC, &req->started);
	req->body.fd = -1;
	return req;
}

/* The route for a path, or NULL. */
static const Route *
find_route(const char *url)
{
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
	{
		const Route *route = &routes[i];
		bool		match = route->prefix
			? strncmp(url, route->path, strlen(route->path)) == 0
			: strcmp(url, route->path) == 0;

		if (match)
			return route;
	}
	return NULL;
}

/* The METHOD_ bit of a request method; 0 for methods no route takes. */
static unsigned
method_bit(const char *method)
{
	if (strcmp(method, MHD_HTTP_METHOD_GET) == 0 || strcmp(method, MHD_HTTP_METHOD_HEAD) == 0)
		return METHOD_GET;
	if (strcmp(method, MHD_HTTP_METHOD_POST) == 0)
		return METHOD_POST;
	if (strcmp(method, MHD_HTTP_METHOD_OPTIONS) == 0)
		return METHOD_OPTIONS;
	return 0;
}

/*
 * The first call of a request: find its route, refuse a method it does not
 * take and a body declared larger than the limit before any byte of it is
 * read, and open the spool file of a POST body.  Returns MHD_YES to go on.
 */
static enum MHD_Result
request_start(Request *req, const char *url)
{
	const char *length;
	unsigned	bit = method_bit(req->method);

	if ((req->route = find_route(url)) == NULL)
		return respond_not_found(req);
	if ((req->route->methods & bit) == 0)
		return respond_error(req, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
	if (bit != METHOD_POST)
		return MHD_YES;
	length = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND,
										 MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (length != NULL && strtoull(length, NULL, 10) > req->site->max_body_size)
		return respond_error(req, MHD_HTTP_CONTENT_TOO_LARGE, "request body too large");
	if (!body_open(&req->body, req->site->max_body_size))
	{
		fprintf(stderr, "crashpipe-web: no temporary file for a request body\n");
		return respond_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal error");
	}
	return MHD_YES;
}

/* The whole request is in: check the body and the token, then run the handler. */
static enum MHD_Result
dispatch(Request *req)
{
	if (req->body.too_large)
		return respond_error(req, MHD_HTTP_CONTENT_TOO_LARGE, "request body too large");
	if (req->body.failed)
		return respond_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal error");
	switch (session_resolve(req))
	{
		case AUTH_OK:
			if (req->body.fd >= 0 && !session_post_allowed(req))
				return MHD_YES;
			return req->route->handler(req);
		case AUTH_INVALID:
			return respond_error(req, MHD_HTTP_FORBIDDEN, "invalid or expired API token");
		case AUTH_UNAVAILABLE:
			break;
	}
	return respond_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "database unavailable");
}

/*
 * Does the caller have the permission?  If not, answer 403 naming it and
 * return false; handlers call this before doing anything.
 */
bool
require_permission(Request *req, Permission permission)
{
	char		message[96];

	if (auth_has(&req->auth, permission))
		return true;
	snprintf(message, sizeof(message), "this needs an API token with the permission %s",
			 permission_name(permission));
	respond_error(req, MHD_HTTP_FORBIDDEN, message);
	return false;
}

/* libmicrohttpd's access handler, called several times per request. */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *connection, const char *url,
		   const char *method, const char *version, const char *upload_data,
		   size_t *upload_data_size, void **req_cls)
{
	Request    *req = *req_cls;

	(void) version;
	if (req == NULL)
	{
		if ((req = request_new(cls, connection, method, url)) == NULL)
			return MHD_NO;
		*req_cls = req;
		return request_start(req, url);
	}
	if (*upload_data_size != 0)
	{
		/* Spool a POST body; a body of another method is skipped. */
		if (req->body.fd >= 0)
			body_append(&req->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (req->status != 0)
		return MHD_YES;
	req->url = url;
	return dispatch(req);
}

/* libmicrohttpd's completion callback: log the request and free it. */
static void
on_completed(void *cls, struct MHD_Connection *connection, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	Request    *req = *req_cls;
	struct timespec now;
	double		ms;

	(void) cls;
	(void) connection;
	if (req == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - req->started.tv_sec) * 1e3 +
		(now.tv_nsec - req->started.tv_nsec) / 1e6;
	fprintf(stderr, "%s %s %u %.1f ms%s\n", req->method, req->path, req->status, ms,
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
	body_close(&req->body);
	free(req);
	*req_cls = NULL;
}

/* The port of an IPv4 or IPv6 address, for libmicrohttpd's messages. */
static uint16_t
port_of(const struct sockaddr *address)
{
	if (address->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *) address)->sin6_port);
	return ntohs(((const struct sockaddr_in *) address)->sin_port);
}

/* Start serving on address; NULL (libmicrohttpd has said why) on failure. */
struct MHD_Daemon *
server_start(const struct sockaddr *address, const Site *site)
{
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD |
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;

	if (address->sa_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(flags, port_of(address), NULL, NULL,
							on_request, (void *) site,
							MHD_OPTION_SOCK_ADDR, address,
							MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int) 1,
							MHD_OPTION_CONNECTION_LIMIT, (unsigned int) MAX_CONNECTIONS,
							MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int) CONNECTION_TIMEOUT_SECONDS,
							MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t) CONNECTION_MEMORY_LIMIT,
							MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
							MHD_OPTION_END);
}
