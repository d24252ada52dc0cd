/*-------------------------------------------------------------------------
 * web/api_info.c
 *	  The public overview routes: /api/Status/, /api/SignatureFirstDate/,
 *	  /api/Bugs/, /api/JobStatus/, /api/Products/ and /api/CrashesPerDay/,
 *	  each one call of a function of extension/sql/43_web_info.sql after
 *	  its parameters are checked.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "params.h"

#define MAX_SIGNATURES 100

static const char *const no_params[] = {NULL};

/* GET /api/Status/: queue, workers, version. */
enum MHD_Result
api_status(Request *req)
{
	if (!params_known(req, no_params))
		return MHD_YES;
	return api_call_json(req, "SELECT crashpipe.api_status()", 0, NULL);
}

/* GET /api/JobStatus/: the housekeeping jobs. */
enum MHD_Result
api_job_status(Request *req)
{
	if (!params_known(req, no_params))
		return MHD_YES;
	return api_call_json(req, "SELECT crashpipe.api_job_status()", 0, NULL);
}

/* GET /api/Products/: the enabled products. */
enum MHD_Result
api_products(Request *req)
{
	if (!params_known(req, no_params))
		return MHD_YES;
	return api_call_json(req, "SELECT crashpipe.api_products()", 0, NULL);
}

/* Call sql with the repeated parameter signatures as its text[] parameter. */
static enum MHD_Result
call_with_signatures(Request *req, const char *sql)
{
	static const char *const known[] = {"signatures", NULL};
	FormValues	signatures;
	Buf			array;
	const char *param;
	enum MHD_Result ret = MHD_YES;

	memset(&signatures, 0, sizeof(signatures));
	buf_init(&array);
	if (params_known(req, known) &&
		param_values(req, "signatures", MAX_SIGNATURES, &signatures))
	{
		append_array_literal(&array, &signatures);
		param = array.data;
		ret = api_call_json(req, sql, 1, &param);
	}
	form_values_free(&signatures);
	buf_free(&array);
	return ret;
}

/* GET /api/SignatureFirstDate/?signatures=<s>[&signatures=<s2>...] */
enum MHD_Result
api_signature_first_date(Request *req)
{
	return call_with_signatures(req, "SELECT crashpipe.api_signature_first_date($1::text[])");
}

/* GET /api/Bugs/?signatures=<s>[&signatures=<s2>...] */
enum MHD_Result
api_bugs(Request *req)
{
	return call_with_signatures(req, "SELECT crashpipe.api_bugs($1::text[])");
}

/* GET /api/CrashesPerDay/?product=<p>[&days=<1..90, default 7>] */
enum MHD_Result
api_crashes_per_day(Request *req)
{
	static const char *const known[] = {"product", "days", NULL};
	const char *params[2];
	char		days_text[16];
	int			days;

	if (!params_known(req, known) || !param_text(req, "product", true, &params[0]) ||
		!param_int(req, "days", 7, 1, 90, &days))
		return MHD_YES;
	snprintf(days_text, sizeof(days_text), "%d", days);
	params[1] = days_text;
	return api_call_json(req, "SELECT crashpipe.api_crashes_per_day($1, $2::integer)",
						 2, params);
}
