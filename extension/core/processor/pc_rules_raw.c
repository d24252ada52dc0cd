/*-------------------------------------------------------------------------
 * extension/core/processor/pc_rules_raw.c
 *	  The rules that tidy the raw crash before anything reads it
 *	  (DeNullRule, DeNoneRule, ConvertModuleSignatureInfoRule) and the two
 *	  that record what the report held (CrashReportKeysRule,
 *	  CollectorMetadataRule).
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdlib.h>
#include <string.h>

#define PC_MAX_KEY_LENGTH 100

/* s (len bytes) without its NUL bytes, or NULL when it has none. */
static char *
drop_nuls(pc_ctx *ctx, const char *s, size_t len, size_t *out_len)
{
	char	   *copy;
	size_t		i;

	if (memchr(s, '\0', len) == NULL || (copy = pc_alloc(ctx, len + 1)) == NULL)
		return NULL;
	*out_len = 0;
	for (i = 0; i < len; i++)
		if (s[i] != '\0')
			copy[(*out_len)++] = s[i];
	return copy;
}

/* DeNullRule: remove NUL characters from annotation names and values. */
void
pc_rule_de_null(pc_ctx *ctx)
{
	size_t		i;
	size_t		n;
	int			changed = 0;
	char	   *clean;

	for (i = 0; i < ctx->raw.v->count; i++)
	{
		jv_member  *m = &ctx->raw.v->members[i];
		const json_value *v = m->value;
		bool		hit = false;

		if ((clean = drop_nuls(ctx, m->key, m->key_len, &n)) != NULL)
		{
			m->key = clean;
			m->key_len = n;
			hit = true;
		}
		if (v->type == JV_STRING &&
			(clean = drop_nuls(ctx, v->text, v->len, &n)) != NULL)
		{
			m->value = pc_string_n(ctx, clean, n);
			hit = true;
		}
		changed += hit;
	}
	if (changed > 0)
		pc_note(ctx, "removed NUL characters from %d annotations", changed);
}

/* DeNoneRule: drop annotations whose value is null. */
void
pc_rule_de_none(pc_ctx *ctx)
{
	size_t		i = 0;
	int			removed = 0;

	while (i < ctx->raw.v->count)
	{
		if (ctx->raw.v->members[i].value->type == JV_NULL)
		{
			pc_object_remove(&ctx->raw, i);
			removed++;
		}
		else
			i++;
	}
	if (removed > 0)
		pc_note(ctx, "removed %d annotations whose value was null", removed);
}

/* Is the name made only of letters, digits, '_' and '-' (and not empty)? */
static bool
valid_key(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			  (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return len > 0;
}

/* qsort comparison of two string values, byte-wise. */
static int
compare_strings(const void *a, const void *b)
{
	const json_value *x = *(json_value *const *) a;
	const json_value *y = *(json_value *const *) b;
	size_t		n = x->len < y->len ? x->len : y->len;
	int			c = memcmp(x->text, y->text, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Add one name to the key list; false when it was invalid or truncated. */
static bool
add_key(pc_ctx *ctx, json_value *keys, const char *name, size_t len)
{
	if (!valid_key(name, len))
		return false;
	pc_push(keys, pc_string_n(ctx, name, len > PC_MAX_KEY_LENGTH ? PC_MAX_KEY_LENGTH : len));
	return len <= PC_MAX_KEY_LENGTH;
}

/* Sort a string array and drop repeats. */
static void
sort_unique(json_value *keys)
{
	size_t		i;
	size_t		n = 0;

	qsort(keys->items, keys->count, sizeof(json_value *), compare_strings);
	for (i = 0; i < keys->count; i++)
		if (n == 0 || compare_strings(&keys->items[n - 1], &keys->items[i]) != 0)
			keys->items[n++] = keys->items[i];
	keys->count = n;
}

/* CrashReportKeysRule: the sorted names of the annotations and dumps. */
void
pc_rule_crash_report_keys(pc_ctx *ctx)
{
	const json_value *raw = ctx->raw.v;
	json_value *keys = pc_array(ctx, raw->count + (size_t) ctx->in->ndumps);
	bool		clean = true;
	size_t		i;
	int			d;

	if (keys == NULL)
		return;
	for (i = 0; i < raw->count; i++)
		clean &= add_key(ctx, keys, raw->members[i].key, raw->members[i].key_len);
	for (d = 0; d < ctx->in->ndumps; d++)
		clean &= add_key(ctx, keys, ctx->in->dumps[d].name, strlen(ctx->in->dumps[d].name));
	sort_unique(keys);
	pc_set(ctx, "crash_report_keys", keys);
	if (!clean)
		pc_note(ctx, "invalidkeys: Crash report contains invalid keys");
}

/* CollectorMetadataRule: the collector's metadata, as stored with the crash. */
void
pc_rule_collector_metadata(pc_ctx *ctx)
{
	char		err[128];
	json_value *meta = NULL;
	pc_object	empty;

	if (ctx->in->metadata != NULL)
		meta = pc_parse(ctx, ctx->in->metadata, strlen(ctx->in->metadata), err, sizeof(err));
	if (meta != NULL && meta->type == JV_OBJECT)
		pc_set(ctx, "collector_metadata", meta);
	else if (pc_object_init(ctx, &empty, 1))
		pc_set(ctx, "collector_metadata", empty.v);
}

/* ConvertModuleSignatureInfoRule: ModuleSignatureInfo as JSON text. */
void
pc_rule_convert_module_signature_info(pc_ctx *ctx)
{
	const json_value *v = pc_raw(ctx, "ModuleSignatureInfo");
	const char *text;

	if (v == NULL || v->type == JV_STRING)
		return;
	if ((text = pc_to_text(ctx, v, false)) != NULL)
		pc_object_set(ctx, &ctx->raw, "ModuleSignatureInfo",
					  strlen("ModuleSignatureInfo"), pc_string(ctx, text));
}
