/*-------------------------------------------------------------------------
 * web/params.h
 *	  Checking the query-string parameters of a request before anything is
 *	  asked of the database: only the names a route knows, each at most
 *	  once unless it may repeat, of a bounded length, without control
 *	  characters, and numbers in range.  Every check that fails answers a
 *	  400 naming the parameter, so a handler only tests the return value.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_PARAMS_H
#define CRASHPIPE_WEB_PARAMS_H

#include <stdbool.h>

#include "form.h"
#include "server.h"

/* Longest value a parameter may have, in bytes. */
#define PARAM_VALUE_MAX 1024

extern bool params_known(Request *req, const char *const *names);
extern bool param_text(Request *req, const char *name, bool required,
					   const char **value);
extern bool param_int(Request *req, const char *name, int fallback, int min,
					  int max, int *value);
extern bool param_values(Request *req, const char *name, int max,
						 FormValues *values);
extern bool param_choice(Request *req, const char *name,
						 const char *const *choices, const char **value);

#endif							/* CRASHPIPE_WEB_PARAMS_H */
