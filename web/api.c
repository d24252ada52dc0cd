/*-------------------------------------------------------------------------
 * web/api.c
 *	  The /api/ routes, shaped like Crash Stats' so its clients work here.
 *	  Each is one call of an SQL function from extension/sql/40_web_api.sql
 *	  with bound parameters; the database does the validation, and this file
 *	  only maps its answers onto HTTP statuses.
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "api.h"
#include "params.h"

#define PROCESSED_CRASH_SQL "SELECT crashpipe.api_processed_crash($1, $2)"
#define REPROCESS_SQL "SELECT crashpipe.api_reprocess($1::text[])"
#define MAX_REPROCESS_IDS 1000

/*
 * Answer a failed statement: bad input (SQLSTATE class 22, data exception,
 * such as an invalid crash id) is the client's error, a missing crash
 * (no_data_found) a 404, anything else ours.
 */
static enum MHD_Result
respond_sql_error(Request *req, const PGresult *res)
{
	const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

	if (sqlstate != NULL && strncmp(sqlstate, "22", 2) == 0 && message != NULL)
		return respond_json_error(req, MHD_HTTP_BAD_REQUEST, message);
	if (sqlstate != NULL && strcmp(sqlstate, "P0002") == 0 && message != NULL)
		return respond_json_error(req, MHD_HTTP_NOT_FOUND, message);
	pgpool_log_error(req->path, res);
	return respond_json_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal error");
}

/* Answer 404 for a well-formed crash id that has no (processed) crash. */
static enum MHD_Result
respond_crash_not_found(Request *req, const char *crash_id)
{
	Buf			body;
	enum MHD_Result ret;

	buf_init(&body);
	buf_append(&body, "{\"error\": \"crash not found\", \"crash_id\": ");
	buf_append_json(&body, crash_id);
	buf_append(&body, "}");
	ret = respond(req, MHD_HTTP_NOT_FOUND, CONTENT_TYPE_JSON, body.data, body.len);
	buf_free(&body);
	return ret;
}

/*
 * Answer the one value a query returned, with the content type, then clear
 * the result: 503 when there was no database (res NULL), the error when it
 * failed, and 404 for a null value when crash_id names what was asked for.
 */
enum MHD_Result
respond_value(Request *req, PGresult *res, const char *content_type, const char *crash_id)
{
	enum MHD_Result ret;

	if (res == NULL)
		return respond_json_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "database unavailable");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		ret = respond_sql_error(req, res);
	else if (crash_id != NULL && PQgetisnull(res, 0, 0))
		ret = respond_crash_not_found(req, crash_id);
	else
		ret = respond(req, MHD_HTTP_OK, content_type,
					  PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0));
	PQclear(res);
	return ret;
}

/* Run a statement returning one JSON value and answer it. */
enum MHD_Result
api_call_json(Request *req, const char *sql, int nparams, const char *const *params)
{
	return respond_value(req, pgpool_query(req->site->pool, sql, nparams, params),
						 CONTENT_TYPE_JSON, NULL);
}

/*
 * Run a statement with the parameters crash id and one more that returns
 * one crash as JSON, or null (answered 404) when there is no such crash.
 */
enum MHD_Result
api_call_crash_json(Request *req, const char *sql, const char *const params[2])
{
	return respond_value(req, pgpool_query(req->site->pool, sql, 2, params),
						 CONTENT_TYPE_JSON, params[0]);
}

/* A boolean as a statement parameter. */
const char *
pg_bool(bool value)
{
	return value ? "true" : "false";
}

/*
 * GET /api/ProcessedCrash/?crash_id=<id>: the processed crash as stored,
 * only its public keys unless the caller has view_pii.  The id may carry
 * the bp- prefix.  datatype=processed, which Crash Stats clients send, is
 * the only kind there is.
 */
enum MHD_Result
api_processed_crash(Request *req)
{
	static const char *const known[] = {"crash_id", "datatype", NULL};
	static const char *const datatypes[] = {"processed", NULL};
	const char *params[2];
	const char *datatype;

	if (!params_known(req, known) || !param_choice(req, "datatype", datatypes, &datatype) ||
		!param_text(req, "crash_id", true, &params[0]))
		return MHD_YES;
	params[1] = pg_bool(auth_has(&req->auth, PERM_VIEW_PII));
	return api_call_crash_json(req, PROCESSED_CRASH_SQL, params);
}

/* The values as a PostgreSQL array literal, each element quoted. */
void
append_array_literal(Buf *buf, const FormValues *values)
{
	buf_append(buf, "{");
	for (int i = 0; i < values->count; i++)
	{
		char		one[2] = {0, 0};

		buf_append(buf, i > 0 ? ",\"" : "\"");
		for (const char *p = values->values[i]; *p; p++)
		{
			if (*p == '"' || *p == '\\')
				buf_append(buf, "\\");
			one[0] = *p;
			buf_append(buf, one);
		}
		buf_append(buf, "\"");
	}
	buf_append(buf, "}");
}

/* Run the reprocess call for the ids and answer its result. */
static enum MHD_Result
reprocess_ids(Request *req, const FormValues *ids)
{
	Buf			array;
	PGresult   *res;
	const char *param;

	buf_init(&array);
	append_array_literal(&array, ids);
	param = array.data;
	res = pgpool_query(req->site->pool, REPROCESS_SQL, 1, &param);
	buf_free(&array);
	return respond_value(req, res, CONTENT_TYPE_JSON, NULL);
}

/*
 * POST /api/Reprocessing/ with one or more crash_ids (form body or query
 * string): queue those crashes again, ahead of new ones; answers true.
 * Needs the permission reprocess_crashes.  All ids are queued or none.
 */
enum MHD_Result
api_reprocessing(Request *req)
{
	FormValues	ids;
	enum MHD_Result ret;

	if (!require_permission(req, PERM_REPROCESS_CRASHES))
		return MHD_YES;
	form_values(req, "crash_ids", MAX_REPROCESS_IDS, &ids);
	if (ids.failed)
		ret = respond_json_error(req, MHD_HTTP_BAD_REQUEST,
								 "could not read the form: send crash_ids as "
								 "application/x-www-form-urlencoded or multipart/form-data");
	else if (ids.too_many)
		ret = respond_json_error(req, MHD_HTTP_BAD_REQUEST,
								 "too many crash_ids (at most 1000 a request)");
	else if (ids.count == 0)
		ret = respond_json_error(req, MHD_HTTP_BAD_REQUEST, "missing parameter crash_ids");
	else
		ret = reprocess_ids(req, &ids);
	form_values_free(&ids);
	return ret;
}
