/*-------------------------------------------------------------------------
 * web/health.c
 *	  The Dockerflow endpoints Socorro serves and deploy tooling polls:
 *	  __lbheartbeat__ (the process answers), __heartbeat__ (and can use the
 *	  database) and __version__ (which build this is).
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "buf.h"
#include "server.h"

static const char ok_body[] = "{\"ok\": true}";
static const char version_body[] =
	"{\"name\":\"crashpipe-web\",\"version\":\"" CRASHPIPE_VERSION "\"}";

/* Answer 503 {"ok": false, "error": message}. */
static enum MHD_Result
respond_unhealthy(Request *req, const char *message)
{
	Buf			body;
	enum MHD_Result ret;

	buf_init(&body);
	buf_append(&body, "{\"ok\": false, \"error\": ");
	buf_append_json(&body, message);
	buf_append(&body, "}");
	ret = respond(req, MHD_HTTP_SERVICE_UNAVAILABLE, CONTENT_TYPE_JSON,
				  body.data, body.len);
	buf_free(&body);
	return ret;
}

/* GET /__lbheartbeat__: the process is up, whatever the database does. */
enum MHD_Result
health_lbheartbeat(Request *req)
{
	return respond(req, MHD_HTTP_OK, CONTENT_TYPE_JSON, ok_body, strlen(ok_body));
}

/* GET /__heartbeat__: a pooled connection can run SELECT 1. */
enum MHD_Result
health_heartbeat(Request *req)
{
	PGresult   *res = pgpool_query(req->site->pool, "SELECT 1", 0, NULL);
	enum MHD_Result ret;

	if (res == NULL)
		return respond_unhealthy(req, "database unavailable");
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		ret = respond(req, MHD_HTTP_OK, CONTENT_TYPE_JSON, ok_body, strlen(ok_body));
	else
	{
		const char *message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

		ret = respond_unhealthy(req, message ? message : "SELECT 1 failed");
	}
	PQclear(res);
	return ret;
}

/* GET /__version__: the program's name and version. */
enum MHD_Result
health_version(Request *req)
{
	return respond(req, MHD_HTTP_OK, CONTENT_TYPE_JSON,
				   version_body, strlen(version_body));
}
