/*-------------------------------------------------------------------------
 * web/form.h
 *	  The values of one field of a request, from its query string and from
 *	  a form body (application/x-www-form-urlencoded or multipart/form-data).
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_FORM_H
#define CRASHPIPE_WEB_FORM_H

#include "server.h"

/* Values of a field, in the order sent; free with form_values_free. */
typedef struct FormValues
{
	char	  **values;
	int			count;
	int			max;			/* more than this sets too_many */
	bool		too_many;
	bool		failed;			/* out of memory, or an unreadable body */
} FormValues;

extern void form_values(Request *req, const char *name, int max, FormValues *out);
extern void form_values_free(FormValues *values);

#endif							/* CRASHPIPE_WEB_FORM_H */
