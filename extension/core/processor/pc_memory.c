/*-------------------------------------------------------------------------
 * extension/core/processor/pc_memory.c
 *	  OutOfMemoryBinaryRule (the gzipped about:memory report Firefox sends
 *	  with out-of-memory crashes, as memory_report, or why it could not be
 *	  read as memory_report_error) and MemoryReportExtraction (the key
 *	  measurements of the crashing process, as memory_measures).
 *
 *	  Decompression stops at 20 MB, so a small "zip bomb" cannot take
 *	  more than that.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define PC_MAX_MEMORY_REPORT	((size_t) 20 * 1024 * 1024)

/* zlib's allocator callbacks over the run's arena (freed with the run). */
static voidpf
z_alloc(voidpf opaque, uInt items, uInt size)
{
	return pc_alloc((pc_ctx *) opaque, (size_t) items * size);
}

static void
z_free(voidpf opaque, voidpf address)
{
	(void) opaque;
	(void) address;
}

/* Double out's room (up to limit + 1 bytes), keeping what it holds; false when out of memory. */
static bool
grow_output(pc_ctx *ctx, z_stream *z, char **out, size_t *cap)
{
	size_t		used = *cap - z->avail_out;
	size_t		want = *cap * 2 > PC_MAX_MEMORY_REPORT + 1 ? PC_MAX_MEMORY_REPORT + 1 : *cap * 2;
	char	   *bigger = md_arena_alloc(&ctx->arena, want);

	if (bigger == NULL)
	{
		ctx->nomem = true;
		return false;
	}
	memcpy(bigger, *out, used);
	*out = bigger;
	*cap = want;
	z->next_out = (Bytef *) bigger + used;
	z->avail_out = (uInt) (want - used);
	return true;
}

/*
 * Gunzip data (every gzip member, as Python's gzip does) into at most
 * PC_MAX_MEMORY_REPORT bytes; NULL with the reason in err.  The output
 * buffer grows by doubling, so a small report costs little.
 */
static char *
gunzip(pc_ctx *ctx, const pc_dump *d, size_t *len, char *err, size_t errlen)
{
	z_stream	z = {0};
	size_t		cap = 64 * 1024;
	char	   *out = md_arena_alloc(&ctx->arena, cap);
	int			rc = Z_OK;

	z.zalloc = z_alloc;
	z.zfree = z_free;
	z.opaque = ctx;
	if (out == NULL || inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return NULL;
	z.next_in = (Bytef *) d->data;
	z.avail_in = (uInt) d->len;
	z.next_out = (Bytef *) out;
	z.avail_out = (uInt) cap;
	while (rc == Z_OK)
	{
		if (z.avail_out == 0 && (cap > PC_MAX_MEMORY_REPORT || !grow_output(ctx, &z, &out, &cap)))
			break;
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END && z.avail_in > 0)
			rc = inflateReset(&z);
	}
	*len = cap - z.avail_out;
	inflateEnd(&z);
	if (ctx->nomem)
		return NULL;
	if (*len > PC_MAX_MEMORY_REPORT)
		snprintf(err, errlen, "Uncompressed memory info too large (max: %zu)", PC_MAX_MEMORY_REPORT);
	else if (rc != Z_STREAM_END)
		snprintf(err, errlen, "error in gzip for %s: %s", d->name,
				 z.msg ? z.msg : "truncated or not gzip data");
	else
		return out;
	return NULL;
}

/* The memory_report part of the crash report, or NULL. */
static const pc_dump *
memory_report_dump(const pc_ctx *ctx)
{
	int			i;

	for (i = 0; i < ctx->in->ndumps; i++)
		if (strcmp(ctx->in->dumps[i].name, "memory_report") == 0)
			return &ctx->in->dumps[i];
	return NULL;
}

/* OutOfMemoryBinaryRule: memory_report, or memory_report_error and a note. */
void
pc_rule_out_of_memory_binary(pc_ctx *ctx)
{
	const pc_dump *d = memory_report_dump(ctx);
	char		err[256];
	char		jerr[128];
	size_t		len;
	char	   *text;
	json_value *report;

	if (d == NULL)
		return;
	if ((text = gunzip(ctx, d, &len, err, sizeof(err))) != NULL)
	{
		if ((report = pc_parse(ctx, text, len, jerr, sizeof(jerr))) != NULL)
		{
			pc_set(ctx, "memory_report", report);
			return;
		}
		snprintf(err, sizeof(err), "error in json for %s: %s", d->name, jerr);
	}
	else if (ctx->nomem)
		return;
	pc_note(ctx, "%s", err);
	pc_set(ctx, "memory_report_error", pc_string(ctx, err));
}

/* Measurements taken as they are from the report: path and field name. */
static const char *const measured[][2] = {
	{"gfx-textures", "gfx_textures"}, {"ghost-windows", "ghost_windows"},
	{"heap-allocated", "heap_allocated"}, {"host-object-urls", "host_object_urls"},
	{"private", "private"}, {"resident", "resident"},
	{"resident-unique", "resident_unique"}, {"system-heap-allocated", "system_heap_allocated"},
	{"vsize-max-contiguous", "vsize_max_contiguous"}, {"vsize", "vsize"}
};

#define PC_NMEASURED	(sizeof(measured) / sizeof(measured[0]))

/* Sums over the crashing process's reports. */
typedef struct pc_measures
{
	int64_t		measured[PC_NMEASURED];
	int64_t		explicit_heap;
	int64_t		explicit_nonheap;
	int64_t		images;
	int64_t		top_none_detached;
	int64_t		heap_overhead;
	int64_t		js_main_runtime;
	bool		overflow;
} pc_measures;

/* total += amount, remembering an overflow. */
static void
add(pc_measures *m, int64_t *total, int64_t amount)
{
	m->overflow |= __builtin_add_overflow(*total, amount, total);
}

/* An integer member of a report, or false. */
static bool
report_int(const json_value *report, const char *key, int64_t *out)
{
	const json_value *v = jv_get(report, key);

	if (v == NULL || v->type != JV_NUMBER || !v->is_int)
		return false;
	*out = v->ival;
	return true;
}

/* Count one report of the crashing process; false (why in err) if malformed. */
static bool
count_report(pc_measures *m, const char *path, const json_value *r, char *err, size_t errlen)
{
	int64_t		kind, units, amount;
	size_t		i;

	if (!report_int(r, "kind", &kind) || !report_int(r, "units", &units) ||
		!report_int(r, "amount", &amount))
	{
		snprintf(err, errlen, "report %s lacks kind, units or amount", path);
		return false;
	}
	if (pc_starts_with(path, "explicit/"))
	{
		if (units != 0 || (kind != 0 && kind != 1))
		{
			snprintf(err, errlen, "bad units or kind for an explicit/ report: %s", path);
			return false;
		}
		add(m, kind == 0 ? &m->explicit_nonheap : &m->explicit_heap, amount);
		if (pc_starts_with(path, "explicit/images/"))
			add(m, &m->images, amount);
		else if (strstr(path, "top(none)/detached") != NULL)
			add(m, &m->top_none_detached, amount);
		else if (pc_starts_with(path, "explicit/heap-overhead/"))
			add(m, &m->heap_overhead, amount);
	}
	else if (pc_starts_with(path, "js-main-runtime/"))
		add(m, &m->js_main_runtime, amount);
	else
		for (i = 0; i < PC_NMEASURED; i++)
			if (strcmp(path, measured[i][0]) == 0)
				add(m, &m->measured[i], amount);
	return true;
}

/* Sum the reports of process "(pid N)"; false (why in err) if there are none. */
static bool
sum_reports(const json_value *reports, const char *pid, pc_measures *m, char *err, size_t errlen)
{
	bool		found = false;
	size_t		i;

	for (i = 0; reports->type == JV_ARRAY && i < reports->count; i++)
	{
		const char *process = jv_str(jv_get(reports->items[i], "process"));
		const char *path = jv_str(jv_get(reports->items[i], "path"));

		if (process == NULL || strstr(process, pid) == NULL)
			continue;
		found = true;
		if (path == NULL)
		{
			snprintf(err, errlen, "a report lacks its path");
			return false;
		}
		if (!count_report(m, path, reports->items[i], err, errlen))
			return false;
	}
	if (!found)
		snprintf(err, errlen, "no measurements found for %s", pid);
	return found && !m->overflow;
}

/* memory_measures from the sums. */
static json_value *
measures_object(pc_ctx *ctx, const pc_measures *m)
{
	pc_object	o;
	size_t		i;
	int64_t		unclassified, explicit;

	if (!pc_object_init(ctx, &o, PC_NMEASURED + 6))
		return NULL;
	for (i = 0; i < PC_NMEASURED; i++)
		pc_object_set(ctx, &o, measured[i][1], strlen(measured[i][1]), pc_int(ctx, m->measured[i]));
	if (__builtin_sub_overflow(m->measured[2], m->explicit_heap, &unclassified) ||
		__builtin_add_overflow(m->measured[2], m->explicit_nonheap, &explicit))
		return NULL;
	pc_object_set(ctx, &o, "explicit", 8, pc_int(ctx, explicit));
	pc_object_set(ctx, &o, "heap_overhead", 13, pc_int(ctx, m->heap_overhead));
	pc_object_set(ctx, &o, "heap_unclassified", 17, pc_int(ctx, unclassified));
	pc_object_set(ctx, &o, "images", 6, pc_int(ctx, m->images));
	pc_object_set(ctx, &o, "js_main_runtime", 15, pc_int(ctx, m->js_main_runtime));
	pc_object_set(ctx, &o, "top_none_detached", 17, pc_int(ctx, m->top_none_detached));
	return o.v;
}

/* MemoryReportExtraction: memory_measures of the process that crashed. */
void
pc_rule_memory_report_extraction(pc_ctx *ctx)
{
	const json_value *report = pc_get(ctx, "memory_report");
	const json_value *pid = pc_dump_at(ctx, "pid");
	pc_measures m;
	char		err[256] = "measurements overflow 64 bits";
	char	   *needle;
	json_value *out;

	if (pid == NULL || pid->type != JV_NUMBER || !jv_truthy(report) ||
		jv_get(report, "version") == NULL || jv_get(report, "reports") == NULL ||
		jv_get(report, "hasMozMallocUsableSize") == NULL)
		return;
	memset(&m, 0, sizeof(m));
	needle = pc_printf(ctx, "(pid %s)", pid->text);
	if (needle == NULL)
		return;
	if (!sum_reports(jv_get(report, "reports"), needle, &m, err, sizeof(err)) ||
		(out = measures_object(ctx, &m)) == NULL)
	{
		if (!ctx->nomem)
			pc_note(ctx, "unable to extract measurements from memory report: %s", err);
		return;
	}
	pc_set(ctx, "memory_measures", out);
}
