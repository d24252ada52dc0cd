/*-------------------------------------------------------------------------
 * extension/core/walker/wk_cfi.c
 *	  Unwinding by STACK CFI rules: collect the rules in force at an
 *	  address (the INIT record's, then each delta's, later ones replacing
 *	  earlier ones for the same register), evaluate .cfa, then .ra, then
 *	  every register rule, and build the caller's registers from them.
 *
 *	  As in Breakpad, CFI is unusable without both a .cfa and a .ra rule,
 *	  any failing rule fails the whole step, and a callee-saves register
 *	  the rules do not mention keeps the callee's value if it was known.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

#define WK_MAX_RULES	40

/* One "name: expression" rule, pointing into the cache's strings. */
typedef struct cfi_rule
{
	const char *name;
	size_t		name_len;
	const char *expr;
	size_t		expr_len;
} cfi_rule;

/* The rule set in force at one address. */
typedef struct cfi_rules
{
	int			count;
	cfi_rule	rules[WK_MAX_RULES];
} cfi_rules;

/* Set (or replace) the rule for a name; false when the table is full. */
static bool
set_rule(cfi_rules *set, const cfi_rule *rule)
{
	int			i;

	for (i = 0; i < set->count; i++)
		if (set->rules[i].name_len == rule->name_len &&
			memcmp(set->rules[i].name, rule->name, rule->name_len) == 0)
		{
			set->rules[i] = *rule;
			return true;
		}
	if (set->count >= WK_MAX_RULES)
		return false;
	set->rules[set->count++] = *rule;
	return true;
}

/* Add every rule of one "a: x y + b: z" string; false if malformed. */
static bool
add_rules(cfi_rules *set, const char *s)
{
	cfi_rule	rule = {NULL, 0, NULL, 0};

	while (*s)
	{
		const char *tok;
		size_t		len;

		while (*s == ' ' || *s == '\t')
			s++;
		tok = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if ((len = (size_t) (s - tok)) == 0)
			break;
		if (tok[len - 1] == ':')
		{
			if (rule.name && (rule.expr == NULL || !set_rule(set, &rule)))
				return false;
			rule.name = tok;
			rule.name_len = len - 1;
			rule.expr = NULL;
		}
		else if (rule.name == NULL)
			return false;
		else if (rule.expr == NULL)
			rule.expr = tok;
		if (rule.expr)
			rule.expr_len = (size_t) (s - rule.expr);
	}
	return rule.name && rule.expr && set_rule(set, &rule);
}

/* The rule named name, or NULL. */
static const cfi_rule *
find_rule(const cfi_rules *set, const char *name)
{
	int			i;

	for (i = 0; i < set->count; i++)
		if (set->rules[i].name_len == strlen(name) &&
			memcmp(set->rules[i].name, name, set->rules[i].name_len) == 0)
			return &set->rules[i];
	return NULL;
}

/* Gather the rules at addr (module-relative); false if none usable. */
static bool
collect_rules(const symcache *cache, uint64_t addr, cfi_rules *set)
{
	symcache_cfi cfi;
	const char *delta;
	uint32_t	i;

	set->count = 0;
	if (!symcache_lookup_cfi(cache, addr, &cfi) || cfi.init_rules == NULL ||
		!add_rules(set, cfi.init_rules))
		return false;
	for (i = 0; (delta = symcache_cfi_delta(cache, &cfi, i, NULL)) != NULL; i++)
		if (!add_rules(set, delta))
			return false;
	return find_rule(set, ".cfa") && find_rule(set, ".ra");
}

/* Evaluate one rule with the callee's registers plus .cfa (if known). */
static bool
eval_rule(wk_ctx *ctx, const cfi_rule *rule, const wk_regs *callee,
		  const uint64_t *cfa, uint64_t *out)
{
	wk_var		vars[WK_MAX_REGS + 1];
	int			n = 0;
	int			i;

	for (i = 0; i < ctx->arch->nregs; i++)
		if (WK_VALID(callee, i))
		{
			vars[n].name = ctx->arch->regs[i].name;
			vars[n++].value = callee->v[i];
		}
	if (cfa)
	{
		vars[n].name = ".cfa";
		vars[n++].value = *cfa;
	}
	return wk_postfix_eval(rule->expr, rule->expr_len, vars, n, &ctx->mem,
						   ctx->arch->word, out);
}

/* Set caller register i from the rule named name, if there is one. */
static bool
apply_named(wk_ctx *ctx, const cfi_rules *set, const char *name, int i,
			const wk_regs *callee, uint64_t cfa, wk_regs *caller, bool *ok)
{
	const cfi_rule *rule = name ? find_rule(set, name) : NULL;

	if (rule == NULL)
		return false;
	if (!eval_rule(ctx, rule, callee, &cfa, &caller->v[i]))
		*ok = false;
	caller->valid |= WK_BIT(i);
	return true;
}

/* Recover the caller's registers by CFI; false if CFI does not apply. */
bool
wk_cfi_caller(wk_ctx *ctx, const wk_regs *callee, uint64_t instruction,
			  wk_regs *caller)
{
	int64_t		m = wk_module_for(ctx->res, instruction);
	const symcache *cache = wk_symbols_for(ctx, m);
	cfi_rules	set;
	uint64_t	cfa;
	bool		ok = true;
	int			i;

	if (cache == NULL ||
		!collect_rules(cache, instruction - ctx->dump->modules[m].base_of_image,
					   &set) ||
		!eval_rule(ctx, find_rule(&set, ".cfa"), callee, NULL, &cfa))
		return false;
	memset(caller, 0, sizeof(*caller));
	for (i = 0; i < ctx->arch->nregs && ok; i++)
	{
		const wk_regdef *r = &ctx->arch->regs[i];

		if (apply_named(ctx, &set, r->name, i, callee, cfa, caller, &ok))
			continue;
		if (r->alt && strcmp(r->alt, ".cfa") == 0)
		{
			caller->v[i] = cfa;
			caller->valid |= WK_BIT(i);
		}
		else if (apply_named(ctx, &set, r->alt, i, callee, cfa, caller, &ok))
			continue;
		else if (r->callee_saves && WK_VALID(callee, i))
		{
			caller->v[i] = callee->v[i];
			caller->valid |= WK_BIT(i);
		}
	}
	return ok;
}
