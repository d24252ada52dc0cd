/*-------------------------------------------------------------------------
 * extension/core/walker/wk_print_human.c
 *	  Breakpad's "minidump_stackwalk" output without -m: the system and
 *	  crash header, one block per thread (the requesting one first) with
 *	  each frame's symbol, its registers and how it was found, then the
 *	  loaded modules by address with their symbol status.
 *
 *	  Registers, inline frames and each module's symbol status come from
 *	  the walk result; modules whose symbols the supplier lacked are
 *	  flagged.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <inttypes.h>
#include <string.h>

#define MAX_WIDTH				80
#define X86_EFLAGS				9	/* index in the x86 register set */
#define MD_STREAM_MISC_INFO		15
#define MD_MISC1_PROCESS_TIMES	0x2
#define MD_STREAM_ASSERTION		0x47670002
#define ASSERTION_CHARS			128 /* UTF-16 units per assertion string */
#define ASSERTION_SIZE			(3 * 2 * ASSERTION_CHARS + 8)
#define ASSERTION_INVALID_PARAMETER	1
#define ASSERTION_PURE_VIRTUAL_CALL	2

/* The last component of a '/' or '\' path (NULL as empty). */
static const char *
file_part(const char *path)
{
	const char *p;

	if (path == NULL)
		return "";
	for (p = path + strlen(path); p > path; p--)
		if (p[-1] == '/' || p[-1] == '\\')
			break;
	return p;
}

/* s, or "" for NULL. */
static const char *
str(const char *s)
{
	return s ? s : "";
}

/* The Operating system and CPU lines. */
static void
print_system(const md_system_info *si, FILE *out)
{
	int			cpus = si ? si->number_of_processors : 0;

	fprintf(out, "Operating system: %s\n", str(si ? si->os : NULL));
	fprintf(out, "                  %s\n", str(si ? si->os_version : NULL));
	fprintf(out, "CPU: %s\n", str(si ? si->cpu_arch : NULL));
	if (si && si->cpu_info && si->cpu_info[0])
		fprintf(out, "     %s\n", si->cpu_info);
	fprintf(out, "     %d CPU%s\n\nGPU: UNKNOWN\n\n", cpus, cpus != 1 ? "s" : "");
}

/* The Crash lines, with the exception's parameters when it has some. */
static void
print_crash(const wk_result *res, FILE *out)
{
	const md_exception *e = res->dump->exception;
	uint32_t	i;

	if (!res->crashed)
	{
		fputs("No crash\n", out);
		return;
	}
	fprintf(out, "Crash reason:  %s\nCrash address: 0x%" PRIx64 "\n",
			str(res->crash_reason), res->crash_address);
	if (e->number_parameters == 0)
		return;
	fputs("Crash parameters:\n", out);
	for (i = 0; i < e->number_parameters && i < MD_EXCEPTION_MAX_PARAMETERS; i++)
		fprintf(out, "    value: 0x%016" PRIx64 "  description: \n",
				e->exception_information[i]);
}

/* Print code point c as UTF-8. */
static void
put_utf8(uint32_t c, FILE *out)
{
	if (c < 0x80)
		fputc((int) c, out);
	else if (c < 0x800)
		fprintf(out, "%c%c", 0xc0 | (c >> 6), 0x80 | (c & 0x3f));
	else if (c < 0x10000)
		fprintf(out, "%c%c%c", 0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f),
				0x80 | (c & 0x3f));
	else
		fprintf(out, "%c%c%c%c", 0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f),
				0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
}

/* A NUL-terminated UTF-16LE array of ASSERTION_CHARS units, as UTF-8. */
static void
put_utf16(const char *before, const uint8_t *p, FILE *out)
{
	uint32_t	i;

	if (p[0] == 0 && p[1] == 0)
		return;
	fputs(before, out);
	for (i = 0; i < ASSERTION_CHARS; i++)
	{
		uint32_t	c = p[2 * i] | (p[2 * i + 1] << 8);
		uint32_t	lo;

		if (c == 0)
			break;
		if (c >= 0xd800 && c < 0xdc00 && i + 1 < ASSERTION_CHARS &&
			(lo = p[2 * i + 2] | (p[2 * i + 3] << 8)) >= 0xdc00 && lo < 0xe000)
		{
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			i++;
		}
		put_utf8(c, out);
	}
}

/* Breakpad's Assertion line, from its assertion stream when present. */
static void
print_assertion(const md_dump *dump, FILE *out)
{
	const md_directory_entry *e = md_find_stream(dump, MD_STREAM_ASSERTION);
	const uint8_t *p;
	uint32_t	line;
	uint32_t	type;

	if (e == NULL || e->location.data_size < ASSERTION_SIZE ||
		(p = wk_bytes_at(dump, e->location)) == NULL)
		return;
	line = wk_u32(p + 6 * ASSERTION_CHARS);
	type = wk_u32(p + 6 * ASSERTION_CHARS + 4);
	if (type == ASSERTION_INVALID_PARAMETER)
		fputs("Assertion: Invalid parameter passed to library function", out);
	else if (type == ASSERTION_PURE_VIRTUAL_CALL)
		fputs("Assertion: Pure virtual function called", out);
	else
		fprintf(out, "Assertion: Unknown assertion type 0x%08x", type);
	put_utf16(" ", p, out);
	put_utf16(" in function ", p + 2 * ASSERTION_CHARS, out);
	put_utf16(", in file ", p + 4 * ASSERTION_CHARS, out);
	if (line != 0)
		fprintf(out, " at line %u", line);
	fputc('\n', out);
}

/* The Process uptime line, from MiscInfo's process creation time. */
static void
print_uptime(const md_dump *dump, FILE *out)
{
	const md_directory_entry *e = md_find_stream(dump, MD_STREAM_MISC_INFO);
	const uint8_t *p = NULL;
	uint32_t	now = dump->header.time_date_stamp;
	uint32_t	created = 0;

	if (e && e->location.data_size >= 24)
		p = wk_bytes_at(dump, e->location);
	if (p && (wk_u32(p + 4) & MD_MISC1_PROCESS_TIMES))
		created = wk_u32(p + 12);
	if (now != 0 && created != 0 && now >= created)
		fprintf(out, "Process uptime: %u seconds\n", now - created);
	else
		fputs("Process uptime: not available\n", out);
}

/* Breakpad's PrintRegister: wrap before column 80; the new column. */
static int
print_register(const char *name, uint64_t value, int word, int col,
			   FILE *out)
{
	char		buf[64];
	int			n;

	n = snprintf(buf, sizeof(buf), " %5s = 0x%0*" PRIx64, name, word * 2,
				 value);
	if (col + n > MAX_WIDTH)
	{
		fputs("\n ", out);
		col = 0;
	}
	fputs(buf, out);
	return col + n;
}

/*
 * A frame's known registers in Breakpad's order; caller frames print the
 * first caller_print_count of them (x86: eip esp ebp ebx esi edi), and
 * x86 eflags prints as "efl".
 */
static void
print_registers(const wk_arch *arch, const wk_frame *f, FILE *out)
{
	int			n = f->trust == WK_TRUST_CONTEXT ? arch->print_count :
		arch->caller_print_count;
	int			col = 0;
	int			i;

	fputc(' ', out);
	for (i = 0; i < n; i++)
	{
		int			r = arch->print_order[i];

		if (WK_VALID(&f->regs, r))
			col = print_register(arch->cpu == MD_CPU_X86 && r == X86_EFLAGS ?
								 "efl" : arch->regs[r].print,
								 f->regs.v[r], arch->word, col, out);
	}
	fputc('\n', out);
}

/* Breakpad's description of how a frame was found. */
static const char *
found_by(const wk_frame *f)
{
	static const char *const text[] = {
		"unknown", "stack scanning", "call frame info with scanning",
		"previous frame's frame pointer", "call frame info",
		"given as instruction pointer in context", "inline record"
	};

	return f->leaf ? "simulating a return from leaf function" : text[f->trust];
}

/* The frame's symbol line: module!function [file : line + 0xoffset]. */
static void
print_frame_line(const wk_result *res, uint32_t i, const wk_frame *f,
				 FILE *out)
{
	uint64_t	addr = f->return_address;

	fprintf(out, "%2u  ", i);
	if (f->module < 0)
	{
		fprintf(out, "0x%" PRIx64 "\n", addr);
		return;
	}
	fputs(file_part(res->dump->modules[f->module].code_file), out);
	if (f->function == NULL)
		fprintf(out, " + 0x%" PRIx64 "\n",
				addr - res->dump->modules[f->module].base_of_image);
	else if (f->source_file == NULL)
		fprintf(out, "!%s + 0x%" PRIx64 "\n", f->function,
				addr - f->function_base);
	else
		fprintf(out, "!%s [%s : %u + 0x%" PRIx64 "]\n", f->function,
				file_part(f->source_file), f->source_line,
				addr - f->source_line_base);
}

/* Every frame of stack s (inline frames included) with its registers. */
static void
print_frames(const wk_result *res, const wk_stack *s, FILE *out)
{
	const wk_arch *arch = wk_arch_for(res->dump);
	uint32_t	n = 0;
	uint32_t	i;
	uint32_t	k;
	wk_frame	f;

	if (s->frame_count == 0 || arch == NULL)
	{
		fputs(" <no frames>\n", out);
		return;
	}
	for (i = 0; i < s->frame_count; i++)
		for (k = 0; k < wk_printed_frames(&s->frames[i]); k++)
		{
			wk_printed_frame(&s->frames[i], k, &f);
			print_frame_line(res, n++, &f, out);
			if (f.trust == WK_TRUST_INLINE)
				fputs(" \n", out);
			else
				print_registers(arch, &f, out);
			fprintf(out, "    Found by: %s\n", found_by(&f));
		}
}

/* One thread block, after a blank line. */
static void
print_thread(const wk_result *res, int64_t t, FILE *out)
{
	bool		requesting = t == res->requesting_thread;

	fprintf(out, "\nThread %" PRId64 "%s\n", t,
			!requesting ? "" : res->crashed ? " (crashed)" :
			" (requested dump, did not crash)");
	print_frames(res, &res->stacks[t], out);
}

/* Whether two modules have the same debug file and identifier. */
static bool
same_debug(const md_module *a, const md_module *b)
{
	return strcmp(str(a->debug_file), str(b->debug_file)) == 0 &&
		strcmp(str(a->debug_id), str(b->debug_id)) == 0;
}

/*
 * Breakpad's "No symbols" warning: some frame lies in a module whose
 * symbols were missing and which has this module's debug file and
 * identifier (Breakpad matches modules by those, so modules without
 * either all share the warning of one that has frames).
 */
static bool
without_symbols(const wk_result *res, const md_module *mod)
{
	uint32_t	s;
	uint32_t	i;

	if (!res->has_supplier)
		return false;
	for (s = 0; s < res->stack_count; s++)
		for (i = 0; i < res->stacks[s].frame_count; i++)
		{
			int64_t		m = res->stacks[s].frames[i].module;

			if (m >= 0 && res->symbols[m] == WK_SYMBOLS_MISSING &&
				same_debug(&res->dump->modules[m], mod))
				return true;
		}
	return false;
}

/* The Loaded modules list, by address. */
static void
print_modules(const wk_result *res, FILE *out)
{
	const md_dump *dump = res->dump;
	uint32_t	i;

	fputs("\nLoaded modules:\n", out);
	for (i = 0; i < res->module_count; i++)
	{
		const md_module *mod = &dump->modules[res->module_order[i]];

		fprintf(out, "0x%08" PRIx64 " - 0x%08" PRIx64 "  %s  %s%s",
				mod->base_of_image,
				mod->base_of_image + mod->size_of_image - 1,
				file_part(mod->code_file),
				mod->version && mod->version[0] ? mod->version : "???",
				mod->base_of_image == dump->modules[0].base_of_image ?
				"  (main)" : "");
		if (without_symbols(res, mod))
			fprintf(out, "  (WARNING: No symbols, %s, %s)",
					file_part(mod->debug_file), str(mod->debug_id));
		fputc('\n', out);
	}
}

/* The whole human-readable output; nothing for a dump without threads. */
void
wk_print_human(const wk_result *res, FILE *out)
{
	uint32_t	t;

	if (!res->dump->has_thread_list)
		return;
	print_system(res->dump->system_info, out);
	print_crash(res, out);
	print_assertion(res->dump, out);
	print_uptime(res->dump, out);
	if (res->requesting_thread >= 0)
		print_thread(res, res->requesting_thread, out);
	for (t = 0; t < res->stack_count; t++)
		if ((int64_t) t != res->requesting_thread)
			print_thread(res, t, out);
	if (res->dump->has_module_list)
		print_modules(res, out);
}
