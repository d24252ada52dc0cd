/*-------------------------------------------------------------------------
 * web/params.c
 *	  Query-string checks shared by the routes.  libmicrohttpd has already
 *	  decoded the %-escapes, so a name or value may hold any byte: names
 *	  are quoted in error messages with everything but printable ASCII
 *	  shown as '?', and values must be valid UTF-8 without control
 *	  characters before they are bound to a statement.
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

/* A name quoted for an error message: printable ASCII, at most 64 bytes. */
static void
quote_name(char *dest, size_t size, const char *name)
{
	size_t		i;

	for (i = 0; i + 1 < size && i < 64 && name[i] != '\0'; i++)
		dest[i] = (name[i] >= 0x20 && name[i] < 0x7f) ? name[i] : '?';
	dest[i] = '\0';
}

/* Answer 400 with a message about the parameter name: fmt has one %s. */
static bool
refuse(Request *req, const char *fmt, const char *name)
{
	char		quoted[80];
	char		message[256];

	quote_name(quoted, sizeof(quoted), name);
	snprintf(message, sizeof(message), fmt, quoted);
	respond_error(req, MHD_HTTP_BAD_REQUEST, message);
	return false;
}

/* Is name one of the NULL-terminated names? */
static bool
is_listed(const char *name, const char *const *names)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* What the argument iterators look for and find. */
typedef struct ArgScan
{
	const char *const *names;	/* params_known: the names allowed */
	const char *name;			/* param_text: the name looked for */
	const char *unknown;		/* first name not allowed */
	const char *value;			/* last value of name */
	int			count;			/* how often name was given */
} ArgScan;

/* libmicrohttpd's iterator: note the first name that is not allowed. */
static enum MHD_Result
scan_unknown(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	ArgScan    *scan = cls;

	(void) kind;
	(void) value;
	if (!is_listed(key, scan->names))
	{
		scan->unknown = key;
		return MHD_NO;
	}
	return MHD_YES;
}

/* Are all query-string names among names?  Else 400 and false. */
bool
params_known(Request *req, const char *const *names)
{
	ArgScan		scan = {.names = names};

	MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND, scan_unknown, &scan);
	if (scan.unknown != NULL)
		return refuse(req, "unknown parameter \"%s\"", scan.unknown);
	return true;
}

/* libmicrohttpd's iterator: count the values of one name, keep the last. */
static enum MHD_Result
scan_value(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	ArgScan    *scan = cls;

	(void) kind;
	if (strcmp(key, scan->name) == 0)
	{
		scan->count++;
		scan->value = value != NULL ? value : "";
	}
	return MHD_YES;
}

/* Is text valid UTF-8 with no control characters? */
static bool
is_clean_utf8(const unsigned char *p)
{
	while (*p != '\0')
	{
		int			extra = (*p >= 0xf0 && *p <= 0xf4) ? 3 : (*p >= 0xe0) ? 2 : (*p >= 0xc2) ? 1 : 0;

		if (*p < 0x20 || *p == 0x7f || (*p >= 0x80 && extra == 0) || *p > 0xf4)
			return false;
		p++;
		for (int i = 0; i < extra; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return false;
	}
	return true;
}

/*
 * The one value of parameter name into *value (NULL when absent and not
 * required).  Refuses a repeated, overlong, control-character or
 * non-UTF-8 value, and a missing required one.
 */
bool
param_text(Request *req, const char *name, bool required, const char **value)
{
	ArgScan		scan = {.name = name};

	MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND, scan_value, &scan);
	*value = scan.value;
	if (scan.count == 0 || (scan.value[0] == '\0' && required))
		return required ? refuse(req, "missing parameter %s", name) : true;
	if (scan.count > 1)
		return refuse(req, "parameter %s given more than once", name);
	if (strlen(scan.value) > PARAM_VALUE_MAX)
		return refuse(req, "parameter %s is too long (at most 1024 bytes)", name);
	if (!is_clean_utf8((const unsigned char *) scan.value))
		return refuse(req, "parameter %s is not UTF-8 text without control characters", name);
	return true;
}

/* Parameter name as a whole number from min to max; fallback when absent. */
bool
param_int(Request *req, const char *name, int fallback, int min, int max, int *value)
{
	const char *text;
	char	   *end;
	long		number;
	char		message[160];

	if (!param_text(req, name, false, &text))
		return false;
	if (text == NULL || text[0] == '\0')
	{
		*value = fallback;
		return true;
	}
	errno = 0;
	number = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || number < min || number > max ||
		text[0] == ' ' || text[0] == '+')
	{
		snprintf(message, sizeof(message), "parameter %%s must be a whole number from %d to %d",
				 min, max);
		return refuse(req, message, name);
	}
	*value = (int) number;
	return true;
}

/* Parameter name as one of the choices (the first when absent). */
bool
param_choice(Request *req, const char *name, const char *const *choices, const char **value)
{
	if (!param_text(req, name, false, value))
		return false;
	if (*value == NULL || (*value)[0] == '\0')
	{
		*value = choices[0];
		return true;
	}
	if (!is_listed(*value, choices))
	{
		char		message[160] = "parameter %s must be one of:";

		for (int i = 0; choices[i] != NULL; i++)
			snprintf(message + strlen(message), sizeof(message) - strlen(message),
					 "%s %s", i > 0 ? "," : "", choices[i]);
		return refuse(req, message, name);
	}
	return true;
}

/*
 * Every value of a parameter that may repeat, at most max of them, each
 * checked as param_text checks one; free them with form_values_free.
 */
bool
param_values(Request *req, const char *name, int max, FormValues *values)
{
	char		message[160];

	form_values(req, name, max, values);
	if (values->too_many)
	{
		snprintf(message, sizeof(message), "too many values of parameter %%s (at most %d)", max);
		return refuse(req, message, name);
	}
	if (values->failed)
		return refuse(req, "could not read the values of parameter %s", name);
	for (int i = 0; i < values->count; i++)
	{
		if (strlen(values->values[i]) > PARAM_VALUE_MAX)
			return refuse(req, "parameter %s is too long (at most 1024 bytes)", name);
		if (!is_clean_utf8((const unsigned char *) values->values[i]))
			return refuse(req, "parameter %s is not UTF-8 text without control characters", name);
	}
	return true;
}
