/*-------------------------------------------------------------------------
 * extension/core/siggen/normalize.c
 *	  Normalizing one stack frame to one signature string: the function
 *	  (C++ or Rust rules), else file#line, else the module, else the
 *	  unloaded module, else @offset, else "" (siggen-spec.md 3.2).
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdlib.h>
#include <string.h>

/* A frame's line as Python's str() would print it. */
char *
sg_line_text(const json_value *line)
{
	if (jv_is_null(line))
		return sg_strdup("None");
	if (line->type == JV_STRING || line->type == JV_NUMBER)
		return sg_strndup(line->text, strlen(line->text));
	if (line->type == JV_BOOL)
		return sg_strdup(line->boolean ? "True" : "False");
	return sg_strdup("?");
}

/* Does the function come from a .rs file (by its bare path)? */
static bool
is_rust_file(const char *file)
{
	char	   *path = sg_parse_source_file(file);
	bool		rust = path && sg_ends(path, ".rs");

	free(path);
	return rust;
}

/* "dir/sub/name.cpp" + line 12 -> "name.cpp#12". */
static char *
file_line(const char *file, const json_value *line)
{
	size_t		n = strlen(file);
	const char *base;
	char	   *trimmed;
	char	   *lt;
	char	   *res;

	while (n > 0 && (file[n - 1] == '/' || file[n - 1] == '\\'))
		n--;
	if (!(trimmed = sg_strndup(file, n)))
		return NULL;
	base = strrchr(trimmed, '\\');
	if (!base)
		base = strrchr(trimmed, '/');
	base = base ? base + 1 : trimmed;
	lt = sg_line_text(line);
	res = lt ? sg_concat3(base, "#", lt) : NULL;
	free(lt);
	free(trimmed);
	return res;
}

/* The module without leading and trailing '[' and ']'. */
static char *
module_name(const char *module)
{
	size_t		n;

	while (*module == '[' || *module == ']')
		module++;
	n = strlen(module);
	while (n > 0 && (module[n - 1] == '[' || module[n - 1] == ']'))
		n--;
	return sg_strndup(module, n);
}

/* "(unloaded <module of the first entry>)". */
static char *
unloaded_name(const json_value *unloaded)
{
	const char *m = jv_str(jv_get(jv_at(unloaded, 0), "module"));

	return sg_concat3("(unloaded ", m ? m : "None", ")");
}

/* "@0x32ec0" from an offset string. */
static char *
offset_name(const char *offset)
{
	char	   *hex = sg_strip_leading_zeros(offset);
	char	   *res = hex ? sg_concat3("@", hex, "") : NULL;

	free(hex);
	return res;
}

/* Normalize one (pseudo-)frame. */
char *
sg_normalize_frame(const siggen_lists *lists, const sg_frame *f)
{
	if (f->function && *f->function)
	{
		if (f->file && is_rust_file(f->file))
			return sg_normalize_rust(lists, f->function, f->line);
		return sg_normalize_cpp(lists, f->function, f->line);
	}
	if (f->file && *f->file && jv_truthy(f->line))
		return file_line(f->file, f->line);
	if (f->module && *f->module)
		return module_name(f->module);
	if (f->unloaded_modules && f->unloaded_modules->type == JV_ARRAY &&
		f->unloaded_modules->count > 0)
		return unloaded_name(f->unloaded_modules);
	if (f->offset && *f->offset)
		return offset_name(f->offset);
	return sg_strdup("");
}
