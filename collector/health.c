/*-------------------------------------------------------------------------
 * collector/health.c
 *	  The Dockerflow health endpoints that Antenna also serves:
 *	  /__lbheartbeat__ answers as long as the process runs (for load
 *	  balancers), /__heartbeat__ also checks the database with SELECT 1
 *	  on a pooled connection, and /__version__ names the build.  /metrics
 *	  serves the counters of metrics.c to Prometheus.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "json.h"
#include "metrics.h"
#include "server.h"

/* What the database check found, for pgpool_run. */
typedef struct HeartbeatCheck
{
	bool		ok;
	char		error[512];
} HeartbeatCheck;

/* Route handler for GET /__lbheartbeat__. */
enum MHD_Result
health_lbheartbeat(Request *req, struct MHD_Connection *conn,
				   const char *data, size_t *size)
{
	(void) req;
	(void) data;
	(void) size;
	return server_reply(conn, MHD_HTTP_OK, "application/json", "{\"ok\": true}\n");
}

/* Route handler for GET /__version__. */
enum MHD_Result
health_version(Request *req, struct MHD_Connection *conn,
			   const char *data, size_t *size)
{
	(void) req;
	(void) data;
	(void) size;
	return server_reply(conn, MHD_HTTP_OK, "application/json",
						"{\"name\":\"crashpipe-collector\",\"version\":\""
						COLLECTOR_VERSION "\"}\n");
}

/* PgPoolWork: run SELECT 1 and note how it went. */
static void
check_database(PGconn *conn, void *arg)
{
	HeartbeatCheck *check = arg;
	PGresult   *res = PQexec(conn, "SELECT 1");

	check->ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!check->ok)
		snprintf(check->error, sizeof(check->error), "SELECT 1 failed: %s",
				 PQerrorMessage(conn));
	PQclear(res);
}

/* Route handler for GET /__heartbeat__: 200 if the database answers. */
enum MHD_Result
health_heartbeat(Request *req, struct MHD_Connection *conn,
				 const char *data, size_t *size)
{
	HeartbeatCheck check = {false, ""};
	Buffer		body;
	enum MHD_Result ret;

	(void) data;
	(void) size;
	if (pgpool_run(req->server->pool, check_database, &check, check.error,
				   sizeof(check.error)) && check.ok)
		return server_reply(conn, MHD_HTTP_OK, "application/json",
							"{\"ok\": true, \"database\": \"ok\"}\n");
	check.error[strcspn(check.error, "\n")] = '\0';
	buffer_init(&body);
	if (!buffer_append_str(&body, "{\"ok\": false, \"database\": ") ||
		!json_append_string(&body, check.error, strlen(check.error)) ||
		!buffer_append_str(&body, "}\n"))
	{
		buffer_free(&body);
		return MHD_NO;
	}
	ret = server_reply(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "application/json",
					   body.data);
	buffer_free(&body);
	return ret;
}

/* Route handler for GET /metrics. */
enum MHD_Result
health_metrics(Request *req, struct MHD_Connection *conn,
			   const char *data, size_t *size)
{
	Buffer		page;
	enum MHD_Result ret;

	(void) req;
	(void) data;
	(void) size;
	buffer_init(&page);
	if (metrics_render(&page))
		ret = server_reply(conn, MHD_HTTP_OK, "text/plain; version=0.0.4", buffer_str(&page));
	else
		ret = server_reply(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "text/plain", "out of memory\n");
	buffer_free(&page);
	return ret;
}
