/*-------------------------------------------------------------------------
 * web/api.h
 *	  What the /api/ handlers share: answering the result of the one SQL
 *	  call a route makes (its JSON value, or the error mapped to a status),
 *	  and turning request values into statement parameters.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_API_H
#define CRASHPIPE_WEB_API_H

#include <stdbool.h>

#include "buf.h"
#include "form.h"
#include "server.h"

extern enum MHD_Result respond_value(Request *req, PGresult *res,
									 const char *content_type, const char *crash_id);
extern enum MHD_Result api_call_json(Request *req, const char *sql, int nparams,
									 const char *const *params);
extern enum MHD_Result api_call_crash_json(Request *req, const char *sql,
										   const char *const params[2]);
extern void append_array_literal(Buf *buf, const FormValues *values);
extern const char *pg_bool(bool value);

#endif							/* CRASHPIPE_WEB_API_H */
