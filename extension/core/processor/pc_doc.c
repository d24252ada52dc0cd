/*-------------------------------------------------------------------------
 * extension/core/processor/pc_doc.c
 *	  The values and objects the rules build, and the processor notes.
 *
 *	  Everything is allocated from the run's arena and freed with it.  An
 *	  allocation that fails marks the run lost (ctx->nomem) and returns
 *	  NULL; the setters ignore NULL values, so rules need not check each
 *	  step and pc_process reports the failure once at the end.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Arena memory, zeroed; NULL (and the run lost) when out of memory. */
void *
pc_alloc(pc_ctx *ctx, size_t size)
{
	void	   *p = md_arena_alloc(&ctx->arena, size ? size : 1);

	if (p == NULL)
		ctx->nomem = true;
	else
		memset(p, 0, size ? size : 1);
	return p;
}

/* A NUL-terminated copy of len bytes of s. */
char *
pc_strdup(pc_ctx *ctx, const char *s, size_t len)
{
	char	   *d = pc_alloc(ctx, len + 1);

	if (d != NULL)
	{
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

/* A formatted string in the arena. */
char *
pc_printf(pc_ctx *ctx, const char *fmt,...)
{
	va_list		ap;
	int			n;
	char	   *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = pc_alloc(ctx, (size_t) n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t) n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* A new value node of type t. */
static json_value *
new_value(pc_ctx *ctx, jv_type t)
{
	json_value *v = pc_alloc(ctx, sizeof(json_value));

	if (v != NULL)
		v->type = t;
	return v;
}

/* A string value of len bytes (copied). */
json_value *
pc_string_n(pc_ctx *ctx, const char *s, size_t len)
{
	json_value *v = new_value(ctx, JV_STRING);

	if (v == NULL || (v->text = pc_strdup(ctx, s, len)) == NULL)
		return NULL;
	v->len = len;
	return v;
}

/* A string value, or null for NULL. */
json_value *
pc_string(pc_ctx *ctx, const char *s)
{
	return s ? pc_string_n(ctx, s, strlen(s)) : pc_null(ctx);
}

/* An integer value. */
json_value *
pc_int(pc_ctx *ctx, int64_t i)
{
	json_value *v = new_value(ctx, JV_NUMBER);

	if (v == NULL || (v->text = pc_printf(ctx, "%" PRId64, i)) == NULL)
		return NULL;
	v->len = strlen(v->text);
	v->is_int = true;
	v->ival = i;
	v->dval = (double) i;
	return v;
}

/* A number value; the caller makes sure it is finite. */
json_value *
pc_double(pc_ctx *ctx, double d)
{
	json_value *v = new_value(ctx, JV_NUMBER);

	int			digits = 15;

	if (v == NULL)
		return NULL;
	/* the shortest text that reads back as d, as Python's repr writes it */
	do
		v->text = pc_printf(ctx, "%.*g", digits, d);
	while (v->text != NULL && strtod(v->text, NULL) != d && ++digits <= 17);
	if (v->text == NULL)
		return NULL;
	v->len = strlen(v->text);
	v->dval = d;
	return v;
}

/* true or false. */
json_value *
pc_bool(pc_ctx *ctx, bool b)
{
	json_value *v = new_value(ctx, JV_BOOL);

	if (v != NULL)
		v->boolean = b;
	return v;
}

/* null. */
json_value *
pc_null(pc_ctx *ctx)
{
	return new_value(ctx, JV_NULL);
}

/* An empty array with room for cap items. */
json_value *
pc_array(pc_ctx *ctx, size_t cap)
{
	json_value *v = new_value(ctx, JV_ARRAY);

	if (v == NULL || (v->items = pc_alloc(ctx, sizeof(json_value *) * cap)) == NULL)
		return NULL;
	return v;
}

/* Append item to an array made with room for it; NULLs are skipped. */
void
pc_push(json_value *array, const json_value *item)
{
	if (array != NULL && item != NULL)
		array->items[array->count++] = (json_value *) item;
}

/* An empty object with room for cap members. */
bool
pc_object_init(pc_ctx *ctx, pc_object *obj, size_t cap)
{
	obj->v = new_value(ctx, JV_OBJECT);
	obj->cap = cap ? cap : 1;
	if (obj->v == NULL ||
		(obj->v->members = pc_alloc(ctx, sizeof(jv_member) * obj->cap)) == NULL)
		return false;
	return true;
}

/* A new empty object, {}. */
json_value *
pc_empty_object(pc_ctx *ctx)
{
	pc_object	obj;

	return pc_object_init(ctx, &obj, 1) ? obj.v : NULL;
}

/* A shallow copy of object src to change (see pc_copy_node), as dst. */
bool
pc_object_copy(pc_ctx *ctx, const json_value *src, pc_object *dst)
{
	dst->v = pc_copy_node(ctx, src, 4);
	dst->cap = src->count + 4;
	return dst->v != NULL;
}

/* Make room for one more member. */
static bool
grow_object(pc_ctx *ctx, pc_object *obj)
{
	jv_member  *m;

	if (obj->v->count < obj->cap)
		return true;
	m = pc_alloc(ctx, sizeof(jv_member) * obj->cap * 2);
	if (m == NULL)
		return false;
	memcpy(m, obj->v->members, sizeof(jv_member) * obj->v->count);
	obj->v->members = m;
	obj->cap *= 2;
	return true;
}

/*
 * Set key to value, replacing an earlier value; a NULL value does nothing.
 * Values are shared, never changed through the tree (rules copy what they
 * change), so a borrowed const value may be stored.
 */
void
pc_object_set(pc_ctx *ctx, pc_object *obj, const char *key, size_t key_len,
			  const json_value *value)
{
	jv_member  *m;
	size_t		i;

	if (value == NULL || obj->v == NULL)
		return;
	for (i = 0; i < obj->v->count; i++)
	{
		m = &obj->v->members[i];
		if (m->key_len == key_len && memcmp(m->key, key, key_len) == 0)
		{
			m->value = (json_value *) value;
			return;
		}
	}
	if (!grow_object(ctx, obj))
		return;
	m = &obj->v->members[obj->v->count];
	if ((m->key = pc_strdup(ctx, key, key_len)) == NULL)
		return;
	m->key_len = key_len;
	m->value = (json_value *) value;
	obj->v->count++;
}

/* Remove the member at index, keeping the order of the rest. */
void
pc_object_remove(pc_object *obj, size_t index)
{
	memmove(&obj->v->members[index], &obj->v->members[index + 1],
			sizeof(jv_member) * (obj->v->count - index - 1));
	obj->v->count--;
}

/* Set a field of the processed crash. */
void
pc_set(pc_ctx *ctx, const char *key, const json_value *value)
{
	pc_object_set(ctx, &ctx->pc, key, strlen(key), value);
}

/* A field of the processed crash, or NULL. */
const json_value *
pc_get(const pc_ctx *ctx, const char *key)
{
	return jv_get(ctx->pc.v, key);
}

/* n strings joined with sep, in the arena; NULL entries are skipped. */
char *
pc_join(pc_ctx *ctx, const char *const *items, int n, const char *sep)
{
	size_t		len = 1;
	size_t		seplen = strlen(sep);
	char	   *out;
	int			i;
	bool		first = true;

	for (i = 0; i < n; i++)
		len += items[i] ? strlen(items[i]) + seplen : 0;
	if ((out = pc_alloc(ctx, len)) == NULL)
		return NULL;
	for (i = 0, len = 0; i < n; i++)
	{
		if (items[i] == NULL)
			continue;
		if (!first)
		{
			memcpy(out + len, sep, seplen);
			len += seplen;
		}
		first = false;
		memcpy(out + len, items[i], strlen(items[i]));
		len += strlen(items[i]);
	}
	out[len] = '\0';
	return out;
}

/* Add a note exactly as given. */
void
pc_note_text(pc_ctx *ctx, const char *text)
{
	char	  **grown;

	if (text == NULL)
		return;
	if (ctx->nnotes == ctx->notes_cap)
	{
		ctx->notes_cap = ctx->notes_cap ? ctx->notes_cap * 2 : 16;
		if ((grown = pc_alloc(ctx, sizeof(char *) * ctx->notes_cap)) == NULL)
			return;
		if (ctx->nnotes > 0)
			memcpy(grown, ctx->notes, sizeof(char *) * ctx->nnotes);
		ctx->notes = grown;
	}
	ctx->notes[ctx->nnotes++] = pc_strdup(ctx, text, strlen(text));
}

/* Add a note "<running rule>: <text>". */
void
pc_note(pc_ctx *ctx, const char *fmt,...)
{
	char		text[1024];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	pc_note_text(ctx, pc_printf(ctx, "%s: %s", ctx->rule, text));
}

/* Parse JSON text into a tree freed with the run; NULL (err set) if invalid. */
json_value *
pc_parse(pc_ctx *ctx, const char *text, size_t len, char *err, size_t errlen)
{
	jv_limits	limits = {PC_MAX_JSON, 0};
	json_value *tree;
	json_value **grown;

	if (ctx->nparsed == ctx->parsed_cap)
	{
		int			cap = ctx->parsed_cap ? ctx->parsed_cap * 2 : 8;

		if ((grown = pc_alloc(ctx, sizeof(json_value *) * cap)) == NULL)
			return NULL;
		if (ctx->nparsed > 0)
			memcpy(grown, ctx->parsed, sizeof(json_value *) * ctx->nparsed);
		ctx->parsed = grown;
		ctx->parsed_cap = cap;
	}
	tree = jv_parse(text, len, &limits, err, errlen);
	if (tree != NULL)
		ctx->parsed[ctx->nparsed++] = tree;
	return tree;
}
