/*-------------------------------------------------------------------------
 * extension/core/processor/pc_stack_summary.c
 *	  Searchable summaries of the walk: TopMostFilesRule (the first source
 *	  file on the crashing stack), ModulesInStackRule (filename/debugid of
 *	  every module on it), MissingSymbolsRule (the modules the walker had
 *	  no symbols for), SoftErrorsRule and ThreadCountRule.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdlib.h>
#include <string.h>

#define PC_MAX_SOFT_ERRORS	4096

/* The frames of the thread pc.crashing_thread points at, or NULL. */
static const json_value *
frames_of_crashing_thread(const pc_ctx *ctx)
{
	const json_value *ct = pc_get(ctx, "crashing_thread");
	const json_value *frames;

	if (ct == NULL || ct->type != JV_NUMBER || !ct->is_int || ct->ival < 0)
		return NULL;
	frames = pc_path(jv_at(pc_dump_at(ctx, "threads"), (size_t) ct->ival), "frames");
	return frames && frames->type == JV_ARRAY ? frames : NULL;
}

/* TopMostFilesRule: the first file of an inline or a frame on the crashing stack. */
void
pc_rule_topmost_files(pc_ctx *ctx)
{
	const json_value *frames = frames_of_crashing_thread(ctx);
	size_t		i, k;

	for (i = 0; frames != NULL && i < frames->count; i++)
	{
		const json_value *inlines = jv_get(frames->items[i], "inlines");
		const json_value *file;

		for (k = 0; inlines != NULL && inlines->type == JV_ARRAY && k < inlines->count; k++)
			if (jv_truthy(file = jv_get(inlines->items[k], "file")))
			{
				pc_set(ctx, "topmost_filenames", file);
				return;
			}
		if (jv_truthy(file = jv_get(frames->items[i], "file")))
		{
			pc_set(ctx, "topmost_filenames", file);
			return;
		}
	}
}

/* s with only the characters keep accepts (Socorro's BAD_*_CHARACTERS). */
static char *
only(pc_ctx *ctx, const char *s, bool (*keep) (char))
{
	size_t		len = s ? strlen(s) : 0;
	char	   *out = pc_alloc(ctx, len + 1);
	size_t		i, n = 0;

	for (i = 0; out != NULL && i < len; i++)
		if (keep(s[i]))
			out[n++] = s[i];
	return out;
}

static bool
filename_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		c == '_' || c == '.' || c == '-';
}

static bool
hex_char(char c)
{
	return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9');
}

/* qsort comparison of C strings. */
static int
compare_cstrings(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Sorted, distinct entries joined with ';' (NULL entries skipped), or NULL if none. */
static char *
join_sorted(pc_ctx *ctx, const char **items, size_t n)
{
	size_t		i, m = 0;

	for (i = 0; i < n; i++)
		if (items[i] != NULL)
			items[m++] = items[i];
	qsort(items, m, sizeof(char *), compare_cstrings);
	for (i = 1; i < m; i++)
		if (items[i - 1] != NULL && strcmp(items[i], items[i - 1]) == 0)
			items[i - 1] = NULL;
	return m > 0 ? pc_join(ctx, (const char *const *) items, (int) m, ";") : NULL;
}

/* "filename/debugid" of the last module named file, or NULL. */
static const char *
module_id(pc_ctx *ctx, const json_value *modules, const char *file)
{
	size_t		i;

	for (i = modules ? modules->count : 0; file != NULL && i > 0; i--)
	{
		const json_value *m = modules->items[i - 1];
		const char *name = jv_str(jv_get(m, "filename"));

		if (name != NULL && strcmp(name, file) == 0)
			return pc_printf(ctx, "%s/%s", only(ctx, name, filename_char),
							 only(ctx, jv_str(jv_get(m, "debug_id")), hex_char));
	}
	return NULL;
}

/* ModulesInStackRule. */
void
pc_rule_modules_in_stack(pc_ctx *ctx)
{
	const json_value *frames = frames_of_crashing_thread(ctx);
	const json_value *modules = pc_dump_at(ctx, "modules");
	const char **ids;
	char	   *joined;
	size_t		i;

	if (frames == NULL || modules == NULL || modules->type != JV_ARRAY ||
		(ids = pc_alloc(ctx, sizeof(char *) * (frames->count + 1))) == NULL)
		return;
	for (i = 0; i < frames->count; i++)
		ids[i] = module_id(ctx, modules, jv_str(jv_get(frames->items[i], "module")));
	if ((joined = join_sorted(ctx, ids, frames->count)) != NULL)
		pc_set(ctx, "modules_in_stack", pc_string(ctx, joined));
}

/* "filename/version/debugid[/codeid]" of a module without symbols. */
static const char *
missing_entry(pc_ctx *ctx, const json_value *m)
{
	const char *version = jv_str(jv_get(m, "version"));
	const char *debug_id = jv_str(jv_get(m, "debug_id"));
	const char *code_id = only(ctx, jv_str(jv_get(m, "code_id")), hex_char);
	char	   *v;
	size_t		i, n = 0;

	version = version && *version ? version : "None";
	if ((v = pc_alloc(ctx, strlen(version) * 2 + 1)) == NULL)
		return NULL;
	for (i = 0; version[i] != '\0'; i++)
	{
		if (version[i] == '/')
			v[n++] = '\\';
		v[n++] = version[i];
	}
	debug_id = only(ctx, debug_id ? debug_id : "000000000000000000000000000000000", hex_char);
	return code_id && *code_id
		? pc_printf(ctx, "%s/%s/%s/%s", only(ctx, jv_str(jv_get(m, "filename")), filename_char),
					v, debug_id, code_id)
		: pc_printf(ctx, "%s/%s/%s", only(ctx, jv_str(jv_get(m, "filename")), filename_char),
					v, debug_id);
}

/* MissingSymbolsRule. */
void
pc_rule_missing_symbols(pc_ctx *ctx)
{
	const json_value *modules = pc_dump_at(ctx, "modules");
	const char **entries;
	char	   *joined;
	size_t		i, n = 0;

	if (modules == NULL || modules->type != JV_ARRAY ||
		(entries = pc_alloc(ctx, sizeof(char *) * (modules->count + 1))) == NULL)
		return;
	for (i = 0; i < modules->count; i++)
	{
		const json_value *m = modules->items[i];
		const json_value *missing = jv_get(m, "missing_symbols");

		if (jv_truthy(jv_get(m, "filename")) && missing && missing->type == JV_BOOL &&
			missing->boolean)
			entries[n++] = missing_entry(ctx, m);
	}
	if ((joined = join_sorted(ctx, entries, n)) != NULL)
		pc_set(ctx, "missing_symbols", pc_string(ctx, joined));
}

/* SoftErrorsRule: the walker's soft errors as JSON, at most 4096 bytes. */
void
pc_rule_soft_errors(pc_ctx *ctx)
{
	const json_value *errors = pc_dump_at(ctx, "soft_errors");
	char	   *text;
	size_t		len;

	if (jv_is_null(errors) || (text = pc_to_text(ctx, errors, false)) == NULL)
		return;
	len = strlen(text);
	if (len > PC_MAX_SOFT_ERRORS)
	{
		len = PC_MAX_SOFT_ERRORS;
		while (len > 0 && ((unsigned char) text[len] & 0xc0) == 0x80)
			len--;				/* do not cut a UTF-8 sequence */
	}
	pc_set(ctx, "soft_errors", pc_string_n(ctx, text, len));
}

/* ThreadCountRule: how many threads the dump lists. */
void
pc_rule_thread_count(pc_ctx *ctx)
{
	const json_value *n = pc_dump_at(ctx, "thread_count");

	if (n != NULL)
		pc_set(ctx, "thread_count", n);
}
