/*-------------------------------------------------------------------------
 * extension/core/processor/pc_write.c
 *	  The processed crash as JSON text: a walk over the tree the rules
 *	  built, through the core's JSON writer.
 *
 *	  PostgreSQL's jsonb cannot hold U+0000, which a parsed string may
 *	  contain ("\u0000" in a breadcrumb, say), so NUL characters are
 *	  dropped from every string and key here, as Socorro's DeNullRule
 *	  drops them from the annotations.  Invalid UTF-8 becomes U+FFFD in
 *	  the writer, so the text always loads.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"

#include "json_out.h"

#include <stdlib.h>
#include <string.h>

/* s (len bytes) as a C string without NULs, in the arena when it had some. */
static const char *
without_nuls(pc_ctx *ctx, const char *s, size_t len)
{
	char	   *copy;
	size_t		i;
	size_t		n = 0;

	if (memchr(s, '\0', len) == NULL)
		return s;
	if ((copy = pc_alloc(ctx, len + 1)) == NULL)
		return "";
	for (i = 0; i < len; i++)
		if (s[i] != '\0')
			copy[n++] = s[i];
	copy[n] = '\0';
	return copy;
}

/* How a tree is written: to which writer, keys in order or sorted. */
typedef struct pc_writer
{
	pc_ctx	   *ctx;
	json_out	out;
	bool		sort_keys;
} pc_writer;

static void write_value(pc_writer *w, const json_value *v);

/* qsort comparison of two members by key, byte-wise (Python's sort_keys). */
static int
compare_keys(const void *a, const void *b)
{
	const jv_member *x = *(const jv_member *const *) a;
	const jv_member *y = *(const jv_member *const *) b;
	size_t		n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int			c = memcmp(x->key, y->key, n);

	return c != 0 ? c : (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* An object's members in order, or sorted by key when asked. */
static void
write_object(pc_writer *w, const json_value *v)
{
	const jv_member **order = NULL;
	size_t		i;

	if (w->sort_keys && v->count > 0)
	{
		if ((order = pc_alloc(w->ctx, sizeof(jv_member *) * v->count)) == NULL)
			return;
		for (i = 0; i < v->count; i++)
			order[i] = &v->members[i];
		qsort(order, v->count, sizeof(jv_member *), compare_keys);
	}
	json_object_begin(&w->out);
	for (i = 0; i < v->count; i++)
	{
		const jv_member *m = order ? order[i] : &v->members[i];

		json_key(&w->out, without_nuls(w->ctx, m->key, m->key_len));
		write_value(w, m->value);
	}
	json_object_end(&w->out);
}

/* Any value. */
static void
write_value(pc_writer *w, const json_value *v)
{
	json_out   *out = &w->out;

	size_t		i;

	switch (v ? v->type : JV_NULL)
	{
		case JV_NULL:
			json_null(out);
			break;
		case JV_BOOL:
			json_bool(out, v->boolean);
			break;
		case JV_NUMBER:
			json_number_text(out, v->text);
			break;
		case JV_STRING:
			json_string(out, without_nuls(w->ctx, v->text, v->len));
			break;
		case JV_ARRAY:
			json_array_begin(out);
			for (i = 0; i < v->count; i++)
				write_value(w, v->items[i]);
			json_array_end(out);
			break;
		case JV_OBJECT:
			write_object(w, v);
			break;
	}
}

/* Write v with the run's allocator; NULL with *status on failure. */
static char *
write_text(pc_ctx *ctx, const json_value *v, bool sort_keys, pc_status *status)
{
	pc_writer	w = {ctx, {0}, sort_keys};
	char	   *text;

	json_init(&w.out, ctx->allocator, PC_MAX_JSON);
	write_value(&w, v);
	text = json_finish(&w.out);
	if (text == NULL)
		*status = w.out.status == JSON_TOO_LARGE ? PC_TOO_LARGE : PC_NOMEM;
	else if (ctx->nomem)
	{
		md_free_raw(ctx->allocator, text);
		text = NULL;
		*status = PC_NOMEM;
	}
	else
		*status = PC_OK;
	return text;
}

/* The processed crash as text (allocator memory), or NULL with *status. */
char *
pc_write(pc_ctx *ctx, pc_status *status)
{
	return write_text(ctx, ctx->pc.v, false, status);
}

/* v as JSON text in the arena (Python's json.dumps layout), or NULL. */
char *
pc_to_text(pc_ctx *ctx, const json_value *v, bool sort_keys)
{
	pc_status	status;
	char	   *text = write_text(ctx, v, sort_keys, &status);
	char	   *copy;

	if (text == NULL)
	{
		ctx->nomem |= status == PC_NOMEM;
		return NULL;
	}
	copy = pc_strdup(ctx, text, strlen(text));
	md_free_raw(ctx->allocator, text);
	return copy;
}

/*
 * A shallow copy of an object or array (its members or items point at
 * the same values) with room for extra more, so a rule can change a
 * parsed tree without touching it: parsed trees are freed as parsed.
 */
json_value *
pc_copy_node(pc_ctx *ctx, const json_value *v, size_t extra)
{
	json_value *c = pc_alloc(ctx, sizeof(json_value));
	size_t		n = v->count + extra;

	if (c == NULL)
		return NULL;
	*c = *v;
	c->text = NULL;
	if (v->type == JV_ARRAY &&
		(c->items = pc_alloc(ctx, sizeof(json_value *) * (n ? n : 1))) != NULL)
		memcpy(c->items, v->items, sizeof(json_value *) * v->count);
	if (v->type == JV_OBJECT &&
		(c->members = pc_alloc(ctx, sizeof(jv_member) * (n ? n : 1))) != NULL)
		memcpy(c->members, v->members, sizeof(jv_member) * v->count);
	if ((v->type == JV_ARRAY && c->items == NULL) ||
		(v->type == JV_OBJECT && c->members == NULL))
		return NULL;
	return c;
}
