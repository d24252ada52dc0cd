/*-------------------------------------------------------------------------
 * extension/core/processor/pc_internal.h
 *	  What the processor rules share: the run's state (the annotations
 *	  and the processed crash as mutable JSON objects, the notes), value
 *	  constructors, and lookups along paths.
 *
 *	  Glossary.  The raw crash is the annotations object as the client
 *	  sent them (Socorro's raw_crash); the processed crash (pc) is what
 *	  the rules build.  Values the rules make live in the run's arena;
 *	  parsed JSON trees (json_value.c, malloc) are borrowed by pointer and
 *	  freed once at the end, so a value may sit in several trees.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_PC_INTERNAL_H
#define CRASHPIPE_PC_INTERNAL_H

#include "json_value.h"
#include "processor.h"

/* A JSON object the rules add to, replace in and remove from. */
typedef struct pc_object
{
	json_value *v;				/* JV_OBJECT */
	size_t		cap;			/* room in v->members */
} pc_object;

/* State of one pc_process run. */
typedef struct pc_ctx
{
	const pc_input *in;
	const md_allocator *allocator;	/* the caller's, for the result */
	md_arena	arena;
	pc_object	raw;			/* the annotations */
	pc_object	pc;				/* the processed crash */
	char	  **notes;
	int			nnotes;
	int			notes_cap;
	json_value **parsed;		/* trees to jv_free at the end */
	int			nparsed;
	int			parsed_cap;
	const char *rule;			/* name of the running rule, for notes */
	bool		nomem;			/* an allocation failed: the run is lost */
} pc_ctx;

/* One rule: its Socorro name and what it does. */
typedef void (*pc_rule_fn) (pc_ctx *ctx);

typedef struct pc_rule
{
	const char *name;
	pc_rule_fn	fn;
} pc_rule;

/* pc_doc.c: memory, values, objects, notes */
extern void *pc_alloc(pc_ctx *ctx, size_t size);
extern char *pc_strdup(pc_ctx *ctx, const char *s, size_t len);
extern char *pc_printf(pc_ctx *ctx, const char *fmt,...) __attribute__((format(printf, 2, 3)));
extern char *pc_join(pc_ctx *ctx, const char *const *items, int n, const char *sep);
extern json_value *pc_string(pc_ctx *ctx, const char *s);	/* NULL gives null */
extern json_value *pc_string_n(pc_ctx *ctx, const char *s, size_t len);
extern json_value *pc_int(pc_ctx *ctx, int64_t i);
extern json_value *pc_double(pc_ctx *ctx, double d);
extern json_value *pc_bool(pc_ctx *ctx, bool b);
extern json_value *pc_null(pc_ctx *ctx);
extern json_value *pc_array(pc_ctx *ctx, size_t cap);
extern void pc_push(json_value *array, const json_value *item);	/* within cap */
extern bool pc_object_init(pc_ctx *ctx, pc_object *obj, size_t cap);
extern json_value *pc_empty_object(pc_ctx *ctx);
extern bool pc_object_copy(pc_ctx *ctx, const json_value *src, pc_object *dst);
extern void pc_object_set(pc_ctx *ctx, pc_object *obj, const char *key,
						  size_t key_len, const json_value *value);
extern void pc_object_remove(pc_object *obj, size_t index);
extern void pc_set(pc_ctx *ctx, const char *key, const json_value *value);
extern const json_value *pc_get(const pc_ctx *ctx, const char *key);
extern void pc_note(pc_ctx *ctx, const char *fmt,...) __attribute__((format(printf, 2, 3)));
extern void pc_note_text(pc_ctx *ctx, const char *text);	/* as given */
extern json_value *pc_parse(pc_ctx *ctx, const char *text, size_t len,
							char *err, size_t errlen);

/* pc_access.c: lookups */
extern const json_value *pc_raw(const pc_ctx *ctx, const char *annotation);
extern const char *pc_raw_str(const pc_ctx *ctx, const char *annotation);
extern const json_value *pc_path(const json_value *v, const char *path);
extern const json_value *pc_dump_at(const pc_ctx *ctx, const char *path);
extern const char *pc_dump_str(const pc_ctx *ctx, const char *path);
extern bool pc_parse_int(const char *s, size_t len, int64_t *out);
extern const json_value *pc_crashing_frames(const pc_ctx *ctx);
extern bool pc_str_eq(const json_value *v, const char *s);
extern bool pc_starts_with(const char *s, const char *prefix);

/* pc_write.c: JSON text */
extern char *pc_write(pc_ctx *ctx, pc_status *status);
extern char *pc_to_text(pc_ctx *ctx, const json_value *v, bool sort_keys);
extern json_value *pc_copy_node(pc_ctx *ctx, const json_value *v, size_t extra);

/* pc_rules.c: the rule table */
extern const pc_rule *pc_rules(int *count);

#endif							/* CRASHPIPE_PC_INTERNAL_H */
