/*-------------------------------------------------------------------------
 * extension/core/walker/wk_json.c
 *	  A walk as rust-minidump's "minidump-stackwalk --json" writes it:
 *	  status, system_info, crash_info, crashing_thread, threads, modules,
 *	  main_module, thread_count and pid, with its field names and value
 *	  formats (addresses as "0x" plus 8 or 16 hex digits by word size).
 *
 *	  Threads and modules are listed in dump order, as rust-minidump
 *	  does; a thread the walker skips (the one that wrote the dump) is
 *	  listed with no frames.  Symbol status per module, registers and
 *	  inline frames come from the walk.  Fields this code cannot know yet
 *	  are written as null; DEVIATIONS.md lists them.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include "json_out.h"

#include <inttypes.h>
#include <string.h>

#define MD_STREAM_MISC_INFO			15
#define MD_MISC1_PROCESS_ID			0x1
#define MD_MISC1_PROCESS_TIMES		0x2

/* What the writers share. */
typedef struct json_ctx
{
	const wk_result *res;
	const md_dump *dump;
	json_out   *out;
	int			width;			/* hex digits of an address */
} json_ctx;

/* An address as rust-minidump formats it: 0x and width hex digits. */
static void
put_hex(const json_ctx *c, uint64_t value)
{
	char		buf[24];

	snprintf(buf, sizeof(buf), "0x%0*" PRIx64, c->width, value);
	json_string(c->out, buf);
}

/* key: value as an address. */
static void
key_hex(const json_ctx *c, const char *key, uint64_t value)
{
	json_key(c->out, key);
	put_hex(c, value);
}

/* key: s, or null when s is NULL. */
static void
key_string(const json_ctx *c, const char *key, const char *s)
{
	json_key(c->out, key);
	json_string(c->out, s);
}

/* key: null. */
static void
key_null(const json_ctx *c, const char *key)
{
	json_key(c->out, key);
	json_null(c->out);
}

/* The last component of a '/' or '\' path; NULL stays NULL. */
static const char *
base_name(const char *path)
{
	const char *p;

	if (path == NULL)
		return NULL;
	for (p = path + strlen(path); p > path; p--)
		if (p[-1] == '/' || p[-1] == '\\')
			break;
	return p;
}

/* Hex digits of an address: 16 on 64-bit CPUs, 8 otherwise. */
static int
address_width(const md_dump *dump)
{
	if (dump->system_info == NULL)
		return 8;
	switch (dump->system_info->processor_architecture)
	{
		case MD_CPU_AMD64:
		case MD_CPU_X86_WIN64:
		case MD_CPU_ARM64:
		case MD_CPU_ARM64_OLD:
		case MD_CPU_PPC64:
		case MD_CPU_MIPS64:
		case MD_CPU_RISCV64:
			return 16;
		default:
			return 8;
	}
}

/* The MiscInfo stream's flags1 and bytes, or NULL when it is absent. */
static const uint8_t *
misc_info(const md_dump *dump, uint32_t *flags)
{
	const md_directory_entry *e = md_find_stream(dump, MD_STREAM_MISC_INFO);
	const uint8_t *p;

	if (e == NULL || e->location.data_size < 24 ||
		(p = wk_bytes_at(dump, e->location)) == NULL)
		return NULL;
	*flags = wk_u32(p + 4);
	return p;
}

/* pid and process_uptime, from MiscInfo when it has them. */
static void
write_process(const json_ctx *c)
{
	uint32_t	flags = 0;
	const uint8_t *p = misc_info(c->dump, &flags);
	uint32_t	created;

	json_key(c->out, "pid");
	if (p && (flags & MD_MISC1_PROCESS_ID))
		json_uint(c->out, wk_u32(p + 8));
	else
		json_null(c->out);
	json_key(c->out, "process_uptime");
	if (p && (flags & MD_MISC1_PROCESS_TIMES) &&
		(created = wk_u32(p + 12)) <= c->dump->header.time_date_stamp)
		json_uint(c->out, c->dump->header.time_date_stamp - created);
	else
		json_null(c->out);
}

/* The system_info object. */
static void
write_system_info(const json_ctx *c)
{
	const md_system_info *si = c->dump->system_info;

	json_key(c->out, "system_info");
	json_object_begin(c->out);
	key_string(c, "os", si ? si->os : NULL);
	key_string(c, "os_ver", si ? si->os_version : NULL);
	key_string(c, "cpu_arch", si ? si->cpu_arch : NULL);
	key_string(c, "cpu_info", si ? si->cpu_info : NULL);
	json_key(c->out, "cpu_count");
	json_uint(c->out, si ? si->number_of_processors : 0);
	key_null(c, "cpu_microcode_version");
	json_object_end(c->out);
}

/* The dump index of walked stack s, or -1. */
static int64_t
dump_index_of_stack(const json_ctx *c, int64_t s)
{
	uint32_t	i;

	if (s < 0)
		return -1;
	for (i = 0; i < c->dump->thread_count; i++)
		if (c->dump->threads[i].thread_id == c->res->stacks[s].thread_id)
			return i;
	return -1;
}

/* The crash_info object; crashing is a dump thread index or -1. */
static void
write_crash_info(const json_ctx *c, int64_t crashing)
{
	json_key(c->out, "crash_info");
	json_object_begin(c->out);
	key_string(c, "type", c->res->crashed ? c->res->crash_reason : NULL);
	json_key(c->out, "address");
	if (c->res->crashed)
		put_hex(c, c->res->crash_address);
	else
		json_null(c->out);
	json_key(c->out, "crashing_thread");
	if (crashing >= 0)
		json_int(c->out, crashing);
	else
		json_null(c->out);
	key_null(c, "assertion");
	key_null(c, "adjusted_address");
	json_key(c->out, "crash_inconsistencies");
	json_array_begin(c->out);
	json_array_end(c->out);
	key_null(c, "instruction");
	key_null(c, "instruction_pointer_update");
	key_null(c, "memory_accesses");
	key_null(c, "possible_bit_flips");
	json_object_end(c->out);
}

/* One entry of an inlines array. */
static void
write_inline(const json_ctx *c, const char *function, const char *file,
			 uint32_t line)
{
	json_object_begin(c->out);
	key_string(c, "function", function);
	key_string(c, "file", file);
	json_key(c->out, "line");
	json_uint(c->out, line);
	json_object_end(c->out);
}

/* The inlines array (innermost first), or null. */
static void
write_inlines(const json_ctx *c, const wk_frame *f)
{
	uint32_t	k;

	json_key(c->out, "inlines");
	if (f->inline_count == 0)
	{
		json_null(c->out);
		return;
	}
	json_array_begin(c->out);
	for (k = 0; k < f->inline_count; k++)
		write_inline(c, f->inlines[k].function, f->inlines[k].source_file,
					 f->inlines[k].source_line);
	json_array_end(c->out);
}

/* The symbol fields of one frame: function, offsets, inlines, file, line. */
static void
write_frame_symbols(const json_ctx *c, const wk_frame *f)
{
	key_string(c, "function", f->function);
	json_key(c->out, "function_offset");
	if (f->function)
		put_hex(c, f->instruction - f->function_base);
	else
		json_null(c->out);
	write_inlines(c, f);
	key_string(c, "file", f->function ? f->source_file : NULL);
	json_key(c->out, "line");
	if (f->function && f->source_file)
		json_uint(c->out, f->source_line);
	else
		json_null(c->out);
	json_key(c->out, "missing_symbols");
	json_bool(c->out, f->function == NULL);
}

/* The registers object: every register the frame knows, by name. */
static void
write_registers(const json_ctx *c, const wk_frame *f)
{
	const wk_arch *arch = wk_arch_for(c->dump);
	int			i;

	if (arch == NULL)
		return;
	json_key(c->out, "registers");
	json_object_begin(c->out);
	for (i = 0; i < arch->nregs; i++)
		if (WK_VALID(&f->regs, i))
		{
			char		buf[24];

			json_key(c->out, arch->regs[i].print);
			snprintf(buf, sizeof(buf), "0x%0*" PRIx64, arch->word * 2,
					 f->regs.v[i]);
			json_string(c->out, buf);
		}
	json_object_end(c->out);
}

/* Does unloaded module u contain addr? */
static bool
unloaded_contains(const md_unloaded_module *u, uint64_t addr)
{
	return addr >= u->base_of_image && addr - u->base_of_image < u->size_of_image;
}

/* The sorted distinct offsets of addr in the unloaded modules named name. */
static void
write_unloaded_offsets(const json_ctx *c, const char *name, uint64_t addr)
{
	uint64_t	last = 0;
	bool		any = false;

	json_array_begin(c->out);
	for (;;)
	{
		uint64_t	best = UINT64_MAX;
		uint32_t	i;

		for (i = 0; i < c->dump->unloaded_count; i++)
		{
			const md_unloaded_module *u = &c->dump->unloaded[i];
			uint64_t	off = addr - u->base_of_image;

			if (unloaded_contains(u, addr) && u->name && strcmp(u->name, name) == 0 &&
				(!any || off > last) && off < best)
				best = off;
		}
		if (best == UINT64_MAX)
			break;
		put_hex(c, best);
		last = best;
		any = true;
	}
	json_array_end(c->out);
}

/* Is u the first unloaded module named like it that contains addr? */
static bool
first_of_name(const json_ctx *c, uint32_t k, uint64_t addr)
{
	const md_unloaded_module *u = &c->dump->unloaded[k];
	uint32_t	i;

	for (i = 0; i < k; i++)
		if (unloaded_contains(&c->dump->unloaded[i], addr) &&
			c->dump->unloaded[i].name && strcmp(c->dump->unloaded[i].name, u->name) == 0)
			return false;
	return true;
}

/*
 * A frame's unloaded_modules: for a frame in no loaded module, each
 * unloaded module (by name, in dump order) holding its address, with the
 * address's offsets in it; null otherwise.
 */
static void
write_frame_unloaded(const json_ctx *c, const wk_frame *f)
{
	bool		open = false;
	uint32_t	k;

	json_key(c->out, "unloaded_modules");
	for (k = 0; f->module < 0 && k < c->dump->unloaded_count; k++)
	{
		const md_unloaded_module *u = &c->dump->unloaded[k];

		if (u->name == NULL || !unloaded_contains(u, f->instruction) ||
			!first_of_name(c, k, f->instruction))
			continue;
		if (!open)
			json_array_begin(c->out);
		open = true;
		json_object_begin(c->out);
		key_string(c, "module", base_name(u->name));
		json_key(c->out, "offsets");
		write_unloaded_offsets(c, u->name, f->instruction);
		json_object_end(c->out);
	}
	if (open)
		json_array_end(c->out);
	else
		json_null(c->out);
}

/* One frame object; registers only where rust-minidump writes them. */
static void
write_frame(const json_ctx *c, uint32_t i, const wk_frame *f, bool registers)
{
	const md_module *mod = f->module >= 0 ? &c->dump->modules[f->module] : NULL;

	json_object_begin(c->out);
	json_key(c->out, "frame");
	json_uint(c->out, i);
	key_string(c, "module", mod ? base_name(mod->code_file) : NULL);
	key_hex(c, "offset", f->instruction);
	json_key(c->out, "module_offset");
	if (mod)
		put_hex(c, f->instruction - mod->base_of_image);
	else
		json_null(c->out);
	write_frame_symbols(c, f);
	if (registers)
		write_registers(c, f);
	key_string(c, "trust", wk_trust_name(f->trust));
	write_frame_unloaded(c, f);
	json_object_end(c->out);
}

/*
 * The fields of one thread; s is its walked stack or NULL.  The crashing
 * thread's context frame also gets its registers.
 */
static void
write_thread_fields(const json_ctx *c, const md_thread *t, const wk_stack *s,
					bool crashing)
{
	uint32_t	n = s ? s->frame_count : 0;
	uint32_t	i;

	json_key(c->out, "thread_id");
	json_uint(c->out, t->thread_id);
	key_string(c, "thread_name", t->name);
	key_null(c, "last_error_value");
	json_key(c->out, "frame_count");
	json_uint(c->out, n);
	json_key(c->out, "frames");
	json_array_begin(c->out);
	for (i = 0; i < n; i++)
		write_frame(c, i, &s->frames[i], crashing && i == 0);
	json_array_end(c->out);
}

/* The walked stack of dump thread i, or NULL if it was not walked. */
static const wk_stack *
stack_of(const json_ctx *c, uint32_t i)
{
	uint32_t	s;

	for (s = 0; s < c->res->stack_count; s++)
		if (c->res->stacks[s].thread_id == c->dump->threads[i].thread_id)
			return &c->res->stacks[s];
	return NULL;
}

/* thread_count and the threads array, in dump order. */
static void
write_threads(const json_ctx *c)
{
	uint32_t	i;

	json_key(c->out, "thread_count");
	json_uint(c->out, c->dump->thread_count);
	json_key(c->out, "threads");
	json_array_begin(c->out);
	for (i = 0; i < c->dump->thread_count; i++)
	{
		json_object_begin(c->out);
		write_thread_fields(c, &c->dump->threads[i], stack_of(c, i), false);
		json_object_end(c->out);
	}
	json_array_end(c->out);
}

/* The crashing_thread object, or null. */
static void
write_crashing_thread(const json_ctx *c, int64_t crashing)
{
	json_key(c->out, "crashing_thread");
	if (crashing < 0)
	{
		json_null(c->out);
		return;
	}
	json_object_begin(c->out);
	json_key(c->out, "threads_index");
	json_int(c->out, crashing);
	write_thread_fields(c, &c->dump->threads[crashing],
						&c->res->stacks[c->res->requesting_thread], true);
	json_object_end(c->out);
}

/* Does any walked frame lie in dump module m? */
static bool
module_has_frames(const json_ctx *c, int64_t m)
{
	uint32_t	s;
	uint32_t	i;

	for (s = 0; s < c->res->stack_count; s++)
		for (i = 0; i < c->res->stacks[s].frame_count; i++)
			if (c->res->stacks[s].frames[i].module == m)
				return true;
	return false;
}

/* key: the first n bytes of id with hex letters in lower case (or null). */
static void
write_lower_n(const json_ctx *c, const char *key, const char *id, size_t n)
{
	char		buf[128];
	size_t		i;

	json_key(c->out, key);
	if (id == NULL || n >= sizeof(buf))
	{
		json_string(c->out, id);
		return;
	}
	for (i = 0; i < n; i++)
		buf[i] = (id[i] >= 'A' && id[i] <= 'F') ? id[i] - 'A' + 'a' : id[i];
	buf[n] = '\0';
	json_string(c->out, buf);
}

/* key: id in lower case (or null). */
static void
write_lower(const json_ctx *c, const char *key, const char *id)
{
	write_lower_n(c, key, id, id ? strlen(id) : 0);
}

/*
 * code_id as rust-minidump prints it: lower-case hex, and for Mach-O
 * modules (where Breakpad prints "id") the UUID, which is the debug_id
 * without its trailing age.
 */
static void
write_code_id(const json_ctx *c, const md_module *mod)
{
	const char *id = mod->code_id;
	size_t		n = id ? strlen(id) : 0;

	if (id && strcmp(id, "id") == 0 && mod->debug_id &&
		strlen(mod->debug_id) == 33)
	{
		id = mod->debug_id;
		n = 32;
	}
	write_lower_n(c, "code_id", id, n);
}

/* One module object. */
static void
write_module(const json_ctx *c, int64_t m)
{
	const md_module *mod = &c->dump->modules[m];
	bool		asked = c->res->has_supplier && module_has_frames(c, m);
	bool		loaded = asked && c->res->symbols[m] == WK_SYMBOLS_LOADED;

	json_object_begin(c->out);
	key_hex(c, "base_addr", mod->base_of_image);
	key_hex(c, "end_addr", mod->base_of_image + mod->size_of_image);
	write_code_id(c, mod);
	key_string(c, "debug_file", base_name(mod->debug_file));
	key_string(c, "debug_id", mod->debug_id);
	key_string(c, "filename", base_name(mod->code_file));
	key_string(c, "version", mod->version);
	json_key(c->out, "missing_symbols");
	json_bool(c->out, asked && !loaded);
	json_key(c->out, "loaded_symbols");
	json_bool(c->out, loaded);
	json_key(c->out, "corrupt_symbols");
	json_bool(c->out, false);
	key_null(c, "symbol_url");
	key_null(c, "cert_subject");
	json_object_end(c->out);
}

/* main_module, modules (dump order) and unloaded_modules. */
static void
write_modules(const json_ctx *c)
{
	uint32_t	m;

	json_key(c->out, "main_module");
	if (c->dump->module_count > 0)
		json_uint(c->out, 0);
	else
		json_null(c->out);
	json_key(c->out, "modules");
	json_array_begin(c->out);
	for (m = 0; m < c->dump->module_count; m++)
		write_module(c, m);
	json_array_end(c->out);
	json_key(c->out, "modules_contains_cert_info");
	json_bool(c->out, false);
	json_key(c->out, "unloaded_modules");
	json_array_begin(c->out);
	for (m = 0; m < c->dump->unloaded_count; m++)
	{
		const md_unloaded_module *u = &c->dump->unloaded[m];

		json_object_begin(c->out);
		key_hex(c, "base_addr", u->base_of_image);
		key_null(c, "cert_subject");
		write_lower(c, "code_id", u->code_id);
		key_hex(c, "end_addr", u->base_of_image + u->size_of_image);
		key_string(c, "filename", base_name(u->name));
		json_object_end(c->out);
	}
	json_array_end(c->out);
}

/* The platform fields rust-minidump fills from streams not read here. */
static void
write_unread(const json_ctx *c)
{
	static const char *const keys[] = {
		"handles", "linux_memory_map_count", "lsb_release", "mac_boot_args",
		"mac_crash_info", "proc_limits", "soft_errors"
	};
	size_t		i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		key_null(c, keys[i]);
}

/* The whole rust-minidump JSON document of a walk, written into out. */
static void
write_document(const wk_result *res, json_out *out)
{
	json_ctx	c = {res, res->dump, out, address_width(res->dump)};
	int64_t		crashing = dump_index_of_stack(&c, res->requesting_thread);

	json_object_begin(out);
	key_string(&c, "status", "OK");
	write_system_info(&c);
	write_crash_info(&c, crashing);
	write_crashing_thread(&c, crashing);
	write_threads(&c);
	write_modules(&c);
	write_process(&c);
	write_unread(&c);
	json_object_end(out);
}

/* The document as text; see walker.h. */
char *
wk_json(const wk_result *res, const md_allocator *allocator, size_t limit,
		bool *too_large)
{
	json_out	out;
	char	   *text;

	json_init(&out, allocator, limit);
	write_document(res, &out);
	text = json_finish(&out);
	*too_large = text == NULL && out.status == JSON_TOO_LARGE;
	return text;
}
