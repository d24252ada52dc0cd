/*-------------------------------------------------------------------------
 * extension/core/walker/wk_print.c
 *	  Breakpad's "minidump_stackwalk -m" output: OS, CPU, GPU and Crash
 *	  lines, one Module line per module by address (1 marks the main
 *	  module), a blank line, then thread|frame|module|function|file|
 *	  line|offset for the requesting thread first and every other after,
 *	  inline frames printed as frames of their own (wk_frames.c).
 *
 *	  The offset is from the source line's start when there is one, else
 *	  from the function's, else from the module's, else the address.
 *	  A '|' inside a field prints as '_', and paths print as their last
 *	  component, as Breakpad does.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <inttypes.h>
#include <string.h>

/* Print s (NULL as empty) with the separator replaced. */
static void
put_field(FILE *out, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '|' ? '_' : *s, out);
}

/* The last component of a '/' or '\' path. */
static const char *
file_part(const char *path)
{
	const char *p;

	if (path == NULL)
		return NULL;
	for (p = path + strlen(path); p > path; p--)
		if (p[-1] == '/' || p[-1] == '\\')
			break;
	return p;
}

/* The OS, CPU, GPU and Crash lines. */
static void
print_header(const wk_result *res, FILE *out)
{
	const md_system_info *si = res->dump->system_info;

	fputs("OS|", out);
	put_field(out, si ? si->os : NULL);
	fputc('|', out);
	put_field(out, si ? si->os_version : NULL);
	fputs("\nCPU|", out);
	put_field(out, si ? si->cpu_arch : NULL);
	fputc('|', out);
	put_field(out, si ? si->cpu_info : NULL);
	fprintf(out, "|%d\nGPU|||\nCrash|", si ? si->number_of_processors : 0);
	if (res->crashed)
	{
		put_field(out, res->crash_reason);
		fprintf(out, "|0x%" PRIx64 "|", res->crash_address);
	}
	else
		fputs("No crash||", out);
	if (res->requesting_thread >= 0)
		fprintf(out, "%" PRId64, res->requesting_thread);
	fputc('\n', out);
}

/* One Module line per module Breakpad keeps, by address. */
static void
print_modules(const wk_result *res, FILE *out)
{
	uint32_t	i;

	for (i = 0; i < res->module_count; i++)
	{
		uint32_t	m = res->module_order[i];
		const md_module *mod = &res->dump->modules[m];

		fputs("Module|", out);
		put_field(out, file_part(mod->code_file));
		fputc('|', out);
		put_field(out, mod->version);
		fputc('|', out);
		put_field(out, file_part(mod->debug_file));
		fputc('|', out);
		put_field(out, mod->debug_id);
		fprintf(out, "|0x%08" PRIx64 "|0x%08" PRIx64 "|%d\n",
				mod->base_of_image,
				mod->base_of_image + mod->size_of_image - 1, m == 0);
	}
}

/* One frame line. */
static void
print_frame(const wk_result *res, int64_t thread, uint32_t i,
			const wk_frame *f, FILE *out)
{
	uint64_t	addr = f->return_address;

	fprintf(out, "%" PRId64 "|%u|", thread, i);
	if (f->module < 0)
	{
		fprintf(out, "||||0x%" PRIx64 "\n", addr);
		return;
	}
	put_field(out, file_part(res->dump->modules[f->module].code_file));
	fputc('|', out);
	put_field(out, f->function);
	fputc('|', out);
	if (f->function == NULL)
		addr -= res->dump->modules[f->module].base_of_image;
	else if (f->source_file == NULL)
		addr -= f->function_base;
	else
	{
		put_field(out, f->source_file);
		fprintf(out, "|%u", f->source_line);
		addr -= f->source_line_base;
	}
	fprintf(out, "%s|0x%" PRIx64 "\n",
			f->function && f->source_file ? "" : "|", addr);
}

/* Every frame of one stack, inline frames included. */
static void
print_stack(const wk_result *res, int64_t thread, FILE *out)
{
	const wk_stack *s = &res->stacks[thread];
	uint32_t	n = 0;
	uint32_t	i;
	uint32_t	k;
	wk_frame	f;

	for (i = 0; i < s->frame_count; i++)
		for (k = 0; k < wk_printed_frames(&s->frames[i]); k++)
		{
			wk_printed_frame(&s->frames[i], k, &f);
			print_frame(res, thread, n++, &f, out);
		}
}

/* The whole -m output; nothing for a dump without a thread list. */
void
wk_print_machine(const wk_result *res, FILE *out)
{
	uint32_t	t;

	if (!res->dump->has_thread_list)
		return;
	print_header(res, out);
	print_modules(res, out);
	fputc('\n', out);
	if (res->requesting_thread >= 0)
		print_stack(res, res->requesting_thread, out);
	for (t = 0; t < res->stack_count; t++)
		if ((int64_t) t != res->requesting_thread)
			print_stack(res, t, out);
}
