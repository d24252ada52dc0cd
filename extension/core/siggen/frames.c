/*-------------------------------------------------------------------------
 * extension/core/siggen/frames.c
 *	  From crash_data to the list of normalized frames of one thread:
 *	  choosing the thread, expanding inline frames, the Rust 1.34 module
 *	  fix-up, lower-casing Windows module names, and the 40-frame cap
 *	  (siggen-spec.md 3.1).
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Rust 1.34 panic symbols that lost their module: (path, function, full). */
static const char *const rust_fixes[][3] = {
	{"src/liballoc/raw_vec.rs", "capacity_overflow", "alloc::raw_vec::capacity_overflow"},
	{"src/libcore/option.rs", "expect_failed", "core::option::expect_failed"},
	{"src/libcore/panicking.rs", "panic_bounds_check", "core::panicking::panic_bounds_check"},
	{"src/libcore/panicking.rs", "panic_fmt", "core::panicking::panic_fmt"},
	{"src/libcore/panicking.rs", "panic", "core::panicking::panic"},
	{"src/libcore/slice/mod.rs", "slice_index_order_fail", "core::slice::slice_index_order_fail"},
	{"src/libstd/panicking.rs", "begin_panic_fmt", "std::panicking::begin_panic_fmt"},
	{"src/libstd/panicking.rs", "continue_panic_fmt", "std::panicking::continue_panic_fmt"},
	{"src/libstd/panicking.rs", "rust_panic_with_hook", "std::panicking::rust_panic_with_hook"},
};

/* Python int() of a numeric string: optional sign, digits, spaces. */
bool
sg_parse_int(const char *s, long *out)
{
	char	   *t = sg_strip(s);
	char	   *end;
	const char *p = t;
	bool		ok;

	if (!t)
		return false;
	if (*p == '+' || *p == '-')
		p++;
	ok = *p && strspn(p, "0123456789") == strlen(p);
	if (ok)
		*out = strtol(t, &end, 10);
	free(t);
	return ok;
}

/*
 * A JSON number as a thread index, rounded toward zero.  Values past the
 * range of long saturate (Python keeps them exact; either way there is
 * no such thread, only the number in the note can differ).
 */
static long
number_as_index(const json_value *v)
{
	if (v->is_int && v->ival >= LONG_MIN && v->ival <= LONG_MAX)
		return (long) v->ival;
	if (v->dval >= (double) LONG_MAX)
		return LONG_MAX;
	if (v->dval <= (double) LONG_MIN)
		return LONG_MIN;
	return (long) v->dval;
}

/* int(crash_data["crashing_thread"]), or 0 when that fails. */
long
sg_crashing_thread(const json_value *crash_data)
{
	return sg_thread_index(jv_get(crash_data, "crashing_thread"));
}

/* int(ct) for a crashing_thread value (NULL when missing), or 0 when that fails. */
long
sg_thread_index(const json_value *ct)
{
	long		n = 0;

	if (!ct)
		return 0;
	if (ct->type == JV_NUMBER)
		return number_as_index(ct);
	if (ct->type == JV_BOOL)
		return ct->boolean;
	if (ct->type == JV_STRING && sg_parse_int(ct->text, &n))
		return n;
	return 0;
}

/* threads[index] (negative counts from the end, as in Python), or NULL. */
const json_value *
sg_thread(const json_value *crash_data, long index)
{
	const json_value *threads = jv_get(crash_data, "threads");

	if (!threads || threads->type != JV_ARRAY)
		return NULL;
	if (index < 0)
		index += (long) threads->count;
	if (index < 0)
		return NULL;
	return jv_at(threads, (size_t) index);
}

/* The full name of a Rust 1.34 panic function, else function itself. */
const char *
sg_fix_missing_module(const char *file, const char *function)
{
	char	   *path;
	const char *res = function;
	size_t		i;

	if (!file || !*file || !function || !*function)
		return function;
	path = sg_parse_source_file(file);
	for (i = 0; path && i < sizeof(rust_fixes) / sizeof(rust_fixes[0]); i++)
		if (strcmp(path, rust_fixes[i][0]) == 0 && strcmp(function, rust_fixes[i][1]) == 0)
			res = rust_fixes[i][2];
	free(path);
	return res;
}

/* Normalize one pseudo-frame after the fix-ups, appending it to out. */
static void
emit_frame(const siggen_lists *lists, sg_frame *f, bool lower_modules, sg_list *out)
{
	char	   *lowered = NULL;
	size_t		i;

	f->function = sg_fix_missing_module(f->file, f->function);
	if (lower_modules && f->module && *f->module)
	{
		if (!(lowered = sg_strdup(f->module)))
		{
			out->failed = true;
			return;
		}
		for (i = 0; lowered[i]; i++)
			lowered[i] = (char) tolower((unsigned char) lowered[i]);
		f->module = lowered;
	}
	sg_list_push(out, sg_normalize_frame(lists, f));
	free(lowered);
}

/* The frame fields of a physical frame. */
static sg_frame
physical_frame(const json_value *frame)
{
	sg_frame	f;

	f.function = jv_str(jv_get(frame, "function"));
	f.file = jv_str(jv_get(frame, "file"));
	f.module = jv_str(jv_get(frame, "module"));
	f.offset = jv_str(jv_get(frame, "offset"));
	f.line = jv_get(frame, "line");
	f.unloaded_modules = jv_get(frame, "unloaded_modules");
	return f;
}

/* Emit a frame's inline pseudo-frames, then the frame itself. */
static void
expand_frame(const siggen_lists *lists, const json_value *frame,
			 bool lower_modules, sg_list *out)
{
	const json_value *inl = jv_get(frame, "inlines");
	sg_frame	phys = physical_frame(frame);
	size_t		i;

	for (i = 0; inl && inl->type == JV_ARRAY && i < inl->count; i++)
	{
		sg_frame	f = phys;

		if (out->count >= SG_MAX_FRAMES)
			return;
		f.function = jv_str(jv_get(inl->items[i], "function"));
		f.file = jv_str(jv_get(inl->items[i], "file"));
		f.line = jv_get(inl->items[i], "line");
		f.unloaded_modules = NULL;
		emit_frame(lists, &f, lower_modules, out);
	}
	if (out->count < SG_MAX_FRAMES)
		emit_frame(lists, &phys, lower_modules, out);
}

/* Normalized frames of a thread object, at most 40. */
void
sg_create_frame_list(const siggen_lists *lists, const json_value *thread,
					 bool lower_modules, sg_list *out)
{
	const json_value *frames = jv_get(thread, "frames");
	size_t		i;

	for (i = 0; frames && frames->type == JV_ARRAY && i < frames->count; i++)
	{
		if (out->count >= SG_MAX_FRAMES || out->failed)
			return;
		expand_frame(lists, frames->items[i], lower_modules, out);
	}
}
