/*-------------------------------------------------------------------------
 * web/api_raw.c
 *	  GET /api/RawCrash/: a crash report as it was received, as Crash
 *	  Stats serves it.  format=meta (the default) is the annotations as
 *	  JSON, only the public ones unless the caller has view_pii (which adds
 *	  the collector metadata); format=raw is the bytes of one dump (name,
 *	  default upload_file_minidump) and needs view_rawdump.
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "api.h"
#include "params.h"

#define RAW_CRASH_SQL "SELECT crashpipe.api_raw_crash($1, $2)"
#define RAW_DUMP_SQL "SELECT crashpipe.api_raw_dump($1, $2)"
#define CONTENT_TYPE_DUMP "application/octet-stream"

/* GET /api/RawCrash/?crash_id=<id>[&format=meta|raw][&name=<dump>] */
enum MHD_Result
api_raw_crash(Request *req)
{
	static const char *const known[] = {"crash_id", "format", "name", NULL};
	static const char *const formats[] = {"meta", "raw", NULL};
	const char *format;
	const char *params[2];

	if (!params_known(req, known) || !param_choice(req, "format", formats, &format) ||
		!param_text(req, "crash_id", true, &params[0]) ||
		!param_text(req, "name", false, &params[1]))
		return MHD_YES;
	if (strcmp(format, "raw") == 0)
	{
		if (!require_permission(req, PERM_VIEW_RAWDUMP))
			return MHD_YES;
		if (params[1] == NULL || params[1][0] == '\0')
			params[1] = "upload_file_minidump";
		return respond_value(req, pgpool_query_binary(req->site->pool, RAW_DUMP_SQL, 2, params),
							 CONTENT_TYPE_DUMP, params[0]);
	}
	if (params[1] != NULL)
		return respond_json_error(req, MHD_HTTP_BAD_REQUEST,
								  "parameter name is only for format=raw");
	params[1] = pg_bool(auth_has(&req->auth, PERM_VIEW_PII));
	return api_call_crash_json(req, RAW_CRASH_SQL, params);
}
