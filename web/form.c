/*-------------------------------------------------------------------------
 * web/form.c
 *	  Collecting the values of one form field.  Query-string arguments come
 *	  from libmicrohttpd directly; a form body, spooled by body.c, is read
 *	  back (form bodies are small: at most FORM_BODY_MAX bytes) and fed to
 *	  libmicrohttpd's post processor, which decodes both url-encoded and
 *	  multipart forms.  The post processor may hand a value over in pieces;
 *	  a piece at a non-zero offset continues the last value.
 *-------------------------------------------------------------------------
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"

#define FORM_BODY_MAX (1024 * 1024)
#define FORM_VALUE_MAX 4096

/* What the iterators fill. */
typedef struct Collector
{
	const char *name;
	FormValues *out;
} Collector;

/* Add a value, or append a piece to the last one. */
static void
add_piece(FormValues *out, const char *data, size_t size, bool continues)
{
	char	  **grown;
	char	   *value;
	size_t		old;

	if (out->failed || out->too_many)
		return;
	if (continues && out->count > 0)
	{
		old = strlen(out->values[out->count - 1]);
		if (old + size > FORM_VALUE_MAX ||
			(value = realloc(out->values[out->count - 1], old + size + 1)) == NULL)
		{
			out->failed = true;
			return;
		}
		memcpy(value + old, data, size);
		value[old + size] = '\0';
		out->values[out->count - 1] = value;
		return;
	}
	if (out->count == out->max)
	{
		out->too_many = true;
		return;
	}
	grown = realloc(out->values, (out->count + 1) * sizeof(char *));
	value = size <= FORM_VALUE_MAX ? strndup(data ? data : "", size) : NULL;
	if (grown == NULL || value == NULL)
	{
		if (grown != NULL)
			out->values = grown;
		free(value);
		out->failed = true;
		return;
	}
	out->values = grown;
	out->values[out->count++] = value;
}

/* libmicrohttpd's iterator over query-string arguments. */
static enum MHD_Result
on_argument(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	Collector  *c = cls;

	(void) kind;
	if (strcmp(key, c->name) == 0 && value != NULL)
		add_piece(c->out, value, strlen(value), false);
	return MHD_YES;
}

/* libmicrohttpd's post-processor iterator over form fields. */
static enum MHD_Result
on_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
		 const char *content_type, const char *transfer_encoding,
		 const char *data, uint64_t off, size_t size)
{
	Collector  *c = cls;

	(void) kind;
	(void) filename;
	(void) content_type;
	(void) transfer_encoding;
	if (strcmp(key, c->name) == 0)
		add_piece(c->out, data, size, off > 0);
	return MHD_YES;
}

/* Feed the spooled body through a post processor. */
static void
collect_body(Request *req, Collector *c)
{
	struct MHD_PostProcessor *pp;
	char	   *data;
	size_t		len;

	if (req->body.fd < 0 || req->body.size == 0)
		return;
	if ((data = body_read_all(&req->body, FORM_BODY_MAX, &len)) == NULL)
	{
		c->out->failed = true;
		return;
	}
	pp = MHD_create_post_processor(req->connection, 4096, on_field, c);
	if (pp == NULL || MHD_post_process(pp, data, len) != MHD_YES)
		c->out->failed = true;
	if (pp != NULL)
		MHD_destroy_post_processor(pp);
	free(data);
}

/* Every value of field name, from the query string then the body. */
void
form_values(Request *req, const char *name, int max, FormValues *out)
{
	Collector	c = {name, out};

	memset(out, 0, sizeof(*out));
	out->max = max;
	MHD_get_connection_values(req->connection, MHD_GET_ARGUMENT_KIND, on_argument, &c);
	collect_body(req, &c);
}

/* Free the values. */
void
form_values_free(FormValues *values)
{
	for (int i = 0; i < values->count; i++)
		free(values->values[i]);
	free(values->values);
	memset(values, 0, sizeof(*values));
}
