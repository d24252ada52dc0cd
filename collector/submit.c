/*-------------------------------------------------------------------------
 * collector/submit.c
 *	  The call to crashpipe.submit(annotations, dump_names, dumps,
 *	  metadata).  It is one statement, so with autocommit it is one
 *	  transaction: when PQexecParams returns the row, the crash is
 *	  committed, and only then may the client hear its crash id.
 *
 *	  The dump arrays go in PostgreSQL's binary array format (the format
 *	  of array_send): a megabyte of minidump as bytea text would be two
 *	  megabytes of hex for the server to decode.  The JSON goes as text.
 *
 *	  The crash id is made when the report arrives, before the first try:
 *	  should the answer of a call that committed be lost with its
 *	  connection, the pool's retry (or the spool's replay) passes the same
 *	  id and the database stores the crash only once.
 *
 *	  Errors: SQLSTATE class 22 (data exception) means the server refused
 *	  the client's data, so it is the client's fault (400).  Anything else,
 *	  and no SQLSTATE at all (the connection failed), is ours (503), so
 *	  that the client keeps the report and tries again later.
 *-------------------------------------------------------------------------
 */
#include "submit.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buffer.h"

#define SUBMIT_SQL \
	"SELECT crash_id, result, rule FROM crashpipe.submit" \
	"($1::jsonb, $2::text[], $3::bytea[], $4::jsonb, $5::uuid, $6::boolean)"

/* Type oids, from PostgreSQL's pg_type.dat; they never change. */
#define TEXTOID 25
#define BYTEAOID 17
#define TEXTARRAYOID 1009
#define BYTEAARRAYOID 1001

/* Append a 32-bit integer in network byte order. */
static bool
append_be32(Buffer *buf, uint32_t value)
{
	unsigned char bytes[4] = {value >> 24, value >> 16, value >> 8, value};

	return buffer_append(buf, bytes, sizeof(bytes));
}

/*
 * Build the dump names (names true) or the dump bytes as a binary
 * one-dimensional array: ndim, has-nulls flag, element type, then the
 * dimension and lower bound, then each element as length and bytes.  An
 * empty array has ndim 0 and nothing after the element type.
 */
static bool
build_array(Buffer *out, const Report *report, bool names)
{
	int			n = report->ndumps;
	bool		ok = append_be32(out, n > 0 ? 1 : 0) && append_be32(out, 0) &&
		append_be32(out, names ? TEXTOID : BYTEAOID);

	if (n > 0)
		ok = ok && append_be32(out, (uint32_t) n) && append_be32(out, 1);
	for (int i = 0; ok && i < n; i++)
	{
		const ReportDump *dump = &report->dumps[i];
		const char *data = names ? dump->name : buffer_str(&dump->data);
		size_t		len = names ? strlen(dump->name) : dump->data.len;

		ok = len <= INT32_MAX && append_be32(out, (uint32_t) len) &&
			buffer_append(out, data, len);
	}
	return ok && out->len <= INT32_MAX;
}

/* Copy a result column, or "" if it is NULL. */
static void
copy_field(const PGresult *res, int column, char *out, size_t cap)
{
	snprintf(out, cap, "%s", PQgetisnull(res, 0, column) ? "" :
			 PQgetvalue(res, 0, column));
}

/* Turn the statement's result into the outcome. */
static void
read_result(PGconn *conn, const PGresult *res, SubmitResult *out)
{
	const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
		PQnfields(res) == 3)
	{
		copy_field(res, 0, out->crash_id, sizeof(out->crash_id));
		copy_field(res, 1, out->result, sizeof(out->result));
		copy_field(res, 2, out->rule, sizeof(out->rule));
		if (out->crash_id[0] != '\0' &&
			(strcmp(out->result, "accept") == 0 || strcmp(out->result, "defer") == 0 ||
			 strcmp(out->result, "fakeaccept") == 0 || strcmp(out->result, "reject") == 0))
		{
			out->verdict = VERDICT_OK;
			return;
		}
		snprintf(out->error, sizeof(out->error),
				 "crashpipe.submit returned an unknown result \"%s\" for crash id \"%s\"",
				 out->result, out->crash_id);
		out->verdict = VERDICT_DATABASE_UNAVAILABLE;
		return;
	}
	snprintf(out->error, sizeof(out->error), "crashpipe.submit failed: %s",
			 res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	out->error[strcspn(out->error, "\n")] = '\0';
	out->verdict = sqlstate && strncmp(sqlstate, "22", 2) == 0 ?
		VERDICT_INVALID_JSON : VERDICT_DATABASE_UNAVAILABLE;
}

/* What one call of crashpipe.submit needs, for pgpool_run. */
typedef struct SubmitCall
{
	const Report *report;
	const char *metadata;
	const char *proposed_id;	/* the same in every retry */
	const char *spooled;		/* "true" when replayed from the spool */
	Buffer		names;			/* dump names, binary text[] */
	Buffer		dumps;			/* dump bytes, binary bytea[] */
	SubmitResult *out;
} SubmitCall;

/* PgPoolWork: run the statement on conn and read its result. */
static void
run_submit(PGconn *conn, void *arg)
{
	SubmitCall *call = arg;
	const Oid	types[6] = {0, TEXTARRAYOID, BYTEAARRAYOID, 0, 0, 0};
	const char *values[6] = {buffer_str(&call->report->annotations),
		call->names.data, call->dumps.data, call->metadata, call->proposed_id,
	call->spooled};
	const int	lengths[6] = {0, (int) call->names.len, (int) call->dumps.len, 0, 0, 0};
	const int	formats[6] = {0, 1, 1, 0, 0, 0};
	PGresult   *res = PQexecParams(conn, SUBMIT_SQL, 6, types, values, lengths,
								   formats, 0);

	read_result(conn, res, call->out);
	PQclear(res);
}

/*
 * Store a finished report under crash_id (made by crashid_new when it
 * arrived); metadata is its metadata JSON object.  spooled says it was
 * acknowledged already, during an outage, so it must be stored whatever
 * the throttler says now.
 */
void
submit_report(PgPool *pool, const Report *report, const char *metadata,
			  const char *crash_id, bool spooled, SubmitResult *out)
{
	SubmitCall	call = {report, metadata, crash_id, spooled ? "true" : "false",
	{0}, {0}, out};

	memset(out, 0, sizeof(*out));
	out->verdict = VERDICT_DATABASE_UNAVAILABLE;
	if (!build_array(&call.names, report, true) ||
		!build_array(&call.dumps, report, false))
	{
		out->verdict = VERDICT_OUT_OF_MEMORY;
		snprintf(out->error, sizeof(out->error), "could not build the dump arrays");
	}
	else
		pgpool_run(pool, run_submit, &call, out->error, sizeof(out->error));
	buffer_free(&call.names);
	buffer_free(&call.dumps);
}
