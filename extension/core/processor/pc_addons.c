/*-------------------------------------------------------------------------
 * extension/core/processor/pc_addons.c
 *	  AddonsRule (the Add-ons annotation as a list of "id:version", URL-
 *	  unquoted, with :NO_VERSION where the version is missing, and whether
 *	  compatibility was checked) and ThemePrettyNameRule (the default
 *	  theme's id gets a readable suffix).
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <string.h>
#include <strings.h>

#define PC_DEFAULT_THEME "{972ce4c6-7e08-4474-a285-3208198ce6fd}"

/* The value of one hex digit, or -1. */
static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* s[0..len) as Python's urllib.parse.unquote_plus decodes it. */
static json_value *
unquote_plus(pc_ctx *ctx, const char *s, size_t len)
{
	char	   *out = pc_alloc(ctx, len + 1);
	size_t		i;
	size_t		n = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++)
	{
		if (s[i] == '+')
			out[n++] = ' ';
		else if (s[i] == '%' && i + 2 < len && hex_value(s[i + 1]) >= 0 &&
				 hex_value(s[i + 2]) >= 0)
		{
			out[n++] = (char) (hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
			i += 2;
		}
		else
			out[n++] = s[i];
	}
	return pc_string_n(ctx, out, n);
}

/* One add-on entry: "id:version", or "id:NO_VERSION" when there is no ':'. */
static json_value *
addon(pc_ctx *ctx, const char *s, size_t len)
{
	const char *entry = s;

	if (memchr(s, ':', len) == NULL)
	{
		entry = pc_printf(ctx, "%.*s:NO_VERSION", (int) len, s);
		if (entry == NULL)
			return NULL;
		len += strlen(":NO_VERSION");
	}
	return unquote_plus(ctx, entry, len);
}

/* AddonsRule: addons_checked and the list of add-ons. */
void
pc_rule_addons(pc_ctx *ctx)
{
	const char *checked = pc_raw_str(ctx, "EMCheckCompatibility");
	const char *all = pc_raw_str(ctx, "Add-ons");
	json_value *list;
	const char *p;

	if (pc_raw(ctx, "EMCheckCompatibility") == NULL)
		pc_set(ctx, "addons_checked", pc_null(ctx));
	else
		pc_set(ctx, "addons_checked", pc_bool(ctx, checked && strcasecmp(checked, "true") == 0));
	if ((list = pc_array(ctx, all ? strlen(all) / 2 + 1 : 0)) == NULL)
		return;
	for (p = all; p != NULL && *p != '\0'; p++)
	{
		size_t		len = strcspn(p, ",");

		pc_push(list, addon(ctx, p, len));
		p += len;
		if (*p == '\0')
			break;
	}
	if (p != NULL && *p == '\0' && p > all && p[-1] == ',')
		pc_push(list, addon(ctx, "", 0));
	pc_set(ctx, "addons", list);
}

/* ThemePrettyNameRule: "<default theme id> (default theme):<version>". */
void
pc_rule_theme_pretty_name(pc_ctx *ctx)
{
	const json_value *addons = pc_get(ctx, "addons");
	json_value *copy = NULL;
	size_t		n = strlen(PC_DEFAULT_THEME);
	size_t		i;

	for (i = 0; addons != NULL && addons->type == JV_ARRAY && i < addons->count; i++)
	{
		const json_value *a = addons->items[i];

		if (a->type != JV_STRING || a->len < n || memcmp(a->text, PC_DEFAULT_THEME, n) != 0 ||
			(a->len > n && a->text[n] != ':'))
			continue;
		if (copy == NULL && (copy = pc_copy_node(ctx, addons, 0)) == NULL)
			return;
		copy->items[i] = pc_string(ctx, pc_printf(ctx, "%s (default theme)%s", PC_DEFAULT_THEME,
												  a->text + n));
	}
	if (copy != NULL)
		pc_set(ctx, "addons", copy);
}
