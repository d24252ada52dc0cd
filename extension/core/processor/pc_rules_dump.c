/*-------------------------------------------------------------------------
 * extension/core/processor/pc_rules_dump.c
 *	  Rules that read what the stack walk found: ModuleURLRewriteRule,
 *	  CrashingThreadInfoRule, PossibleBitFlipsRule,
 *	  CrashInconsistenciesRule and HasGuardPageAccessRule.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <string.h>

/* The host part of a URL ("scheme://host/..."), as start and length. */
static const char *
url_host(const char *url, size_t *len)
{
	const char *p = strstr(url, "://");
	const char *end;

	p = p ? p + 3 : url;
	end = p + strcspn(p, "/?#");
	*len = (size_t) (end - p);
	return p;
}

/* Does the URL's host contain needle? */
static bool
host_contains(const char *url, const char *needle)
{
	size_t		len;
	const char *host = url_host(url, &len);
	size_t		n = strlen(needle);
	size_t		i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(host + i, needle, n) == 0)
			return true;
	return false;
}

/* A module's symbol_url as ModuleURLRewriteRule wants it, or NULL to keep. */
static json_value *
rewrite_url(pc_ctx *ctx, const json_value *module, const char *url)
{
	const char *name = jv_str(jv_get(module, "filename"));

	if (host_contains(url, "localhost"))
	{
		if (name == NULL && (name = jv_str(jv_get(module, "debug_file"))) == NULL)
			name = "unknown";
		pc_note(ctx, "Redacting symbol url for module %s", name);
		return pc_null(ctx);
	}
	if (host_contains(url, "symbols.mozilla.org") && strchr(url, '?') != NULL)
		return pc_string_n(ctx, url, (size_t) (strchr(url, '?') - url));
	return NULL;
}

/* ModuleURLRewriteRule: no localhost symbol URLs, no query strings on Mozilla's. */
void
pc_rule_module_url_rewrite(pc_ctx *ctx)
{
	const json_value *modules = pc_dump_at(ctx, "modules");
	json_value *copy = NULL;
	pc_object	dump;
	pc_object	mod;
	size_t		i;

	for (i = 0; modules != NULL && modules->type == JV_ARRAY && i < modules->count; i++)
	{
		const char *url = jv_str(jv_get(modules->items[i], "symbol_url"));
		json_value *now = url && *url ? rewrite_url(ctx, modules->items[i], url) : NULL;

		if (now == NULL || !pc_object_copy(ctx, modules->items[i], &mod) ||
			(copy == NULL && (copy = pc_copy_node(ctx, modules, 0)) == NULL))
			continue;
		pc_object_set(ctx, &mod, "symbol_url", 10, now);
		copy->items[i] = mod.v;
	}
	if (copy != NULL && pc_object_copy(ctx, pc_get(ctx, "json_dump"), &dump))
	{
		pc_object_set(ctx, &dump, "modules", 7, copy);
		pc_set(ctx, "json_dump", dump.v);
	}
}

/* The crash address, adjusted as crash_info.adjusted_address says. */
static const json_value *
crash_address(pc_ctx *ctx, const json_value *crash_info)
{
	const json_value *address = jv_get(crash_info, "address");
	const json_value *adjusted = jv_get(crash_info, "adjusted_address");
	const json_value *kind = jv_get(adjusted, "kind");

	if (pc_str_eq(kind, "null-pointer"))
		return pc_string(ctx, address && address->len == 18 ? "0x0000000000000000" : "0x00000000");
	if (pc_str_eq(kind, "non-canonical") && jv_truthy(jv_get(adjusted, "address")))
		return jv_get(adjusted, "address");
	return address ? address : pc_null(ctx);
}

/* A value found in json_dump, or null. */
static const json_value *
or_null(pc_ctx *ctx, const json_value *v)
{
	return v ? v : pc_null(ctx);
}

/* CrashingThreadInfoRule: crashing thread, its name, reason, address, last error. */
void
pc_rule_crashing_thread_info(pc_ctx *ctx)
{
	const json_value *crash_info = pc_dump_at(ctx, "crash_info");
	const json_value *thread = jv_get(crash_info, "crashing_thread");

	if (pc_get(ctx, "json_dump") == NULL)
		return;
	pc_set(ctx, "crashing_thread", or_null(ctx, thread));
	if (jv_is_null(thread))
		pc_note(ctx, "mdsw did not identify the crashing thread");
	pc_set(ctx, "crashing_thread_name", or_null(ctx, pc_dump_at(ctx, "crashing_thread.thread_name")));
	pc_set(ctx, "reason", jv_get(crash_info, "type") ? jv_get(crash_info, "type")
		   : pc_string(ctx, ""));
	pc_set(ctx, "address", crash_address(ctx, crash_info));
	pc_set(ctx, "last_error_value",
		   or_null(ctx, pc_dump_at(ctx, "crashing_thread.last_error_value")));
}

/* PossibleBitFlipsRule: the highest bit-flip confidence, 0 to 100. */
void
pc_rule_possible_bit_flips(pc_ctx *ctx)
{
	const json_value *flips = pc_dump_at(ctx, "crash_info.possible_bit_flips");
	double		best = -1;
	size_t		i;

	for (i = 0; flips != NULL && flips->type == JV_ARRAY && i < flips->count; i++)
	{
		const json_value *c = jv_get(flips->items[i], "confidence");
		double		d = c && c->type == JV_NUMBER ? c->dval : 0.0;

		if (d > best)
			best = d;
	}
	if (best > 1)
		best = 1;
	if (best >= 0)
		pc_set(ctx, "possible_bit_flips_max_confidence", pc_int(ctx, (int64_t) (best * 100)));
}

/* CrashInconsistenciesRule: what the walker found inconsistent about the crash. */
void
pc_rule_crash_inconsistencies(pc_ctx *ctx)
{
	const json_value *found = pc_dump_at(ctx, "crash_info.crash_inconsistencies");

	if (found != NULL && found->type == JV_ARRAY)
		pc_set(ctx, "crash_inconsistencies", found);
}

/* HasGuardPageAccessRule: true when a memory access likely hit a guard page. */
void
pc_rule_has_guard_page_access(pc_ctx *ctx)
{
	const json_value *accesses = pc_dump_at(ctx, "crash_info.memory_accesses");
	size_t		i;

	for (i = 0; accesses != NULL && accesses->type == JV_ARRAY && i < accesses->count; i++)
		if (jv_truthy(jv_get(accesses->items[i], "is_likely_guard_page")))
		{
			pc_set(ctx, "has_guard_page_access", pc_bool(ctx, true));
			return;
		}
}
