/*-------------------------------------------------------------------------
 * tests/unit/test_walker_arm.c
 *	  The arm64 and arm walkers, on dumps made by tests/unit/dump_builder.h
 *	  (no binary arm minidump exists in the shared test data):
 *
 *	  1. Breakpad's own microdumps (text, from Android) of arm64, arm and
 *	     x86 are rewritten here as minidumps with the same CPU, context,
 *	     stack and modules, walked with Breakpad's symbols, and every
 *	     frame and register line must equal Breakpad's microdump_stackwalk
 *	     output (human and -m): CFI on arm64 and arm, scanning on arm,
 *	     frame pointers and scanning on x86.
 *	  2. Hand-made arm64 and arm stacks whose frames are known exactly:
 *	     a frame-record chain (arm64, with the stack in the thread's own
 *	     memory and in a Memory64List) and scanning (arm).
 *
 *	  CRASHPIPE_TESTDATA overrides where the shared test data is looked for.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <stdbool.h>
#include <stdlib.h>

#include "dump_builder.h"
#include "walker.h"

#define MAX_STACK	(1 << 20)

/* What a microdump holds that a minidump needs. */
typedef struct microdump
{
	uint16_t	cpu;
	uint8_t		cpus;
	uint64_t	stack_start;
	uint8_t    *stack;
	size_t		stack_len;
	uint8_t		context[1024];
	size_t		context_len;
	db_module	modules[DB_MAX_MODULES];
	char	   *names[DB_MAX_MODULES];
	char	   *ids[DB_MAX_MODULES];
	int			module_count;
} microdump;

/* Decode hex text into out (at most max bytes); the byte count. */
static size_t
unhex(const char *s, uint8_t *out, size_t max)
{
	size_t		n = 0;

	while (s[0] && s[1] && s[0] != '\n' && n < max)
	{
		out[n++] = db_hex_byte(s, 0);
		s += 2;
	}
	return n;
}

/* One "S addr hex" line: copy its bytes into the stack image. */
static void
stack_line(microdump *md, const char *rest)
{
	char	   *end;
	uint64_t	addr = strtoull(rest, &end, 16);

	if (addr < md->stack_start || addr - md->stack_start >= md->stack_len)
		return;
	unhex(end + 1, md->stack + (addr - md->stack_start),
		  md->stack_len - (addr - md->stack_start));
}

/* One "M base offset size id name" line. */
static void
module_line(microdump *md, const char *rest)
{
	char	   *p;
	db_module  *m = &md->modules[md->module_count];
	char		id[64];
	char		name[256];

	if (md->module_count >= DB_MAX_MODULES)
		return;
	m->base = strtoull(rest, &p, 16);
	strtoull(p, &p, 16);
	m->size = (uint32_t) strtoull(p, &p, 16);
	if (sscanf(p, " %63s %255s", id, name) != 2)
		return;
	md->ids[md->module_count] = strdup(id);
	md->names[md->module_count] = strdup(name);
	m->debug_id = md->ids[md->module_count];
	m->name = md->names[md->module_count];
	md->module_count++;
}

/* The CPU of an "O A arch cpus ..." line. */
static void
os_line(microdump *md, const char *rest)
{
	char		arch[32];
	unsigned	cpus;

	if (sscanf(rest, "A %31s %x", arch, &cpus) != 2)
		return;
	md->cpus = (uint8_t) cpus;
	md->cpu = strcmp(arch, "arm64") == 0 ? 0x8003 :
		strcmp(arch, "arm") == 0 ? 5 : strcmp(arch, "x86") == 0 ? 0 : 0xffff;
}

/* One line of the microdump in the text; false at its end. */
static bool
microdump_line(microdump *md, const char *line)
{
	const char *p = strstr(line, "): ");
	uint64_t	sp;
	uint64_t	size;

	line = p ? p + 3 : line;
	if (strncmp(line, "-----END", 8) == 0)
		return false;
	if (strncmp(line, "O ", 2) == 0)
		os_line(md, line + 2);
	else if (strncmp(line, "S 0 ", 4) == 0 &&
			 sscanf(line + 4, "%" SCNx64 " %" SCNx64 " %" SCNx64, &sp,
					&md->stack_start, &size) == 3 && size <= MAX_STACK)
		md->stack = calloc(1, md->stack_len = size);
	else if (strncmp(line, "S ", 2) == 0 && md->stack)
		stack_line(md, line + 2);
	else if (strncmp(line, "C ", 2) == 0)
		md->context_len = unhex(line + 2, md->context, sizeof(md->context));
	else if (strncmp(line, "M ", 2) == 0)
		module_line(md, line + 2);
	return true;
}

/*
 * The first whole microdump of the text (from its BEGIN line to its END
 * line, as Breakpad reads it) as a minidump of Android with one thread;
 * NULL if it has no stack or context.
 */
static uint8_t *
microdump_to_minidump(const char *text, size_t *len)
{
	microdump  *md = calloc(1, sizeof(microdump));
	dump_builder b;
	uint8_t    *out = NULL;
	int			i;

	text = strstr(text, "-----BEGIN BREAKPAD MICRODUMP-----");
	for (; text && *text && microdump_line(md, text); text = strchr(text, '\n'))
		if (*text == '\n')
			text++;
	if (md->stack && md->context_len > 0 && md->cpu != 0xffff)
	{
		db_init(&b);
		db_system_info(&b, md->cpu, 0x8203, md->cpus);
		db_thread(&b, 0, md->stack_start, md->stack, md->stack_len,
				  md->context, md->context_len);
		db_modules(&b, md->modules, md->module_count);
		out = db_finish(&b, len);
	}
	for (i = 0; i < md->module_count; i++)
	{
		free(md->names[i]);
		free(md->ids[i]);
	}
	free(md->stack);
	free(md);
	return out;
}

/* Walk dump bytes and print them (-m or human); malloc'd text. */
static char *
walk_print(const uint8_t *data, size_t len, const char *symdir, bool human)
{
	md_dump    *dump = md_open(data, len, NULL, NULL);
	wk_symdir  *syms = symdir ? wk_symdir_new(&symdir, 1, NULL) : NULL;
	wk_result  *res = dump ? wk_walk(dump, syms ? wk_symdir_lookup : NULL,
									 syms, NULL) : NULL;
	char	   *out = NULL;
	size_t		out_len = 0;
	FILE	   *f = open_memstream(&out, &out_len);

	if (res && human)
		wk_print_human(res, f);
	else if (res)
		wk_print_machine(res, f);
	fclose(f);
	wk_free(res);
	wk_symdir_free(syms);
	md_close(dump);
	return out;
}

/* The frame lines of an output: human from " 0  " to the modules, or -m "0|". */
static char *
frames_part(const char *text, bool human)
{
	const char *start;
	const char *end;
	char	   *out;

	if (text == NULL)
		return strdup("");
	if (!human)
	{
		start = strstr(text, "\n0|0|");
		start = start ? start + 1 : text + strlen(text);
		end = start + strlen(start);
	}
	else
	{
		start = strstr(text, "\n 0  ");
		start = start ? start + 1 : text + strlen(text);
		end = strstr(start, "\nLoaded modules:");
		end = end ? end + 1 : start + strlen(start);
	}
	out = strndup(start, (size_t) (end - start));
	return out;
}

/* One microdump against Breakpad's microdump_stackwalk, both formats. */
static void
check_microdump(const char *root, const char *name)
{
	char		path[4096];
	char		symdir[4096];
	char	   *text;
	uint8_t    *dump;
	size_t		len;
	int			human;

	snprintf(path, sizeof(path), "%s/breakpad/%s.dmp", root, name);
	snprintf(symdir, sizeof(symdir), "%s/breakpad/symbols/microdump", root);
	if ((text = unit_read_file(path, &len)) == NULL)
	{
		unit_skip(name);
		return;
	}
	dump = microdump_to_minidump(text, &len);
	CHECK(dump != NULL);
	for (human = 0; human < 2 && dump; human++)
	{
		char	   *want_text;
		char	   *got_text = walk_print(dump, len, symdir, human);
		char	   *want;
		char	   *got;
		size_t		wl;

		snprintf(path, sizeof(path), "%s/breakpad/%s.stackwalk%s.ours-breakpad.out",
				 root, name, human ? "" : ".machine_readable");
		want_text = unit_read_file(path, &wl);
		want = frames_part(want_text, human);
		got = frames_part(got_text, human);
		CHECK(want[0] != '\0');
		CHECK_STR(got, want);
		printf("  %-28s %-6s %zu bytes of frames compared\n", name,
			   human ? "human" : "-m", strlen(want));
		free(want);
		free(got);
		free(want_text);
		free(got_text);
	}
	free(dump);
	free(text);
}

/*
 * A one-thread dump of cpu (Linux) with two modules, app and libc.so;
 * with in_memory64 the stack is in a Memory64List, not the thread's own
 * descriptor.
 */
static uint8_t *
handmade_dump(uint16_t cpu, uint64_t stack_start, const uint8_t *stack,
			  size_t stack_len, const uint8_t *context, size_t context_len,
			  bool in_memory64, size_t *len)
{
	static const db_module mods[] = {
		{0x10000000, 0x10000, "app", "11111111222233334444555555555555A"},
		{0x20000000, 0x10000, "libc.so", "66666666777788889999AAAAAAAAAAAA0"}
	};
	dump_builder b;

	db_init(&b);
	db_system_info(&b, cpu, 0x8201, 4);
	db_thread(&b, 7, stack_start, in_memory64 ? NULL : stack, stack_len,
			  context, context_len);
	db_modules(&b, mods, 2);
	if (in_memory64)
		db_memory64(&b, stack_start, stack, stack_len);
	return db_finish(&b, len);
}

/*
 * arm64: a leaf in libc.so (no frame record of its own; lr is its return
 * address) called through three frame records: each caller's pc is the
 * callee's lr and its lr the word after the saved fp.  Printed addresses
 * are the calls (return address - 4), as Breakpad prints arm64 frames.
 * The same stack is also read from a Memory64List (a full-memory dump).
 */
static void
test_arm64_frame_records(void)
{
	uint8_t		ctx[912] = {0};
	uint8_t		stack[0x80] = {0};
	uint8_t    *dump;
	size_t		len;
	char	   *full;
	char	   *out;
	int			m64;

	db_le32(ctx, 0x00400002);
	db_le64(ctx + 8 + 8 * 29, 0x80000120);	/* fp */
	db_le64(ctx + 8 + 8 * 30, 0x10002004);	/* lr */
	db_le64(ctx + 8 + 8 * 31, 0x80000100);	/* sp */
	db_le64(ctx + 8 + 8 * 32, 0x20001000);	/* pc */
	db_le64(stack + 0x20, 0x80000140);
	db_le64(stack + 0x28, 0x10003008);
	db_le64(stack + 0x40, 0x80000160);
	db_le64(stack + 0x48, 0x1000500c);
	for (m64 = 0; m64 < 2; m64++)
	{
		dump = handmade_dump(12, 0x80000100, stack, sizeof(stack), ctx,
							 sizeof(ctx), m64, &len);
		full = walk_print(dump, len, NULL, false);
		out = frames_part(full, false);
		free(full);
		CHECK_STR(out, "0|0|libc.so||||0x1000\n0|1|app||||0x2000\n"
				  "0|2|app||||0x3004\n0|3|app||||0x5008\n");
		free(out);
		free(dump);
	}
}

/*
 * arm (Linux: no frame pointer walk): the context frame in libc.so, then
 * two callers found by scanning; the word that is not inside a module
 * is skipped, and each caller's sp is just above its return address.
 */
static void
test_arm_scan(void)
{
	uint8_t		ctx[368] = {0};
	uint8_t		stack[0x40] = {0};
	uint8_t    *dump;
	size_t		len;
	char	   *full;
	char	   *out;

	db_le32(ctx, 0x40000002);
	db_le32(ctx + 4 + 4 * 13, 0x7000);	/* sp */
	db_le32(ctx + 4 + 4 * 14, 0x30000000);	/* lr: no module */
	db_le32(ctx + 4 + 4 * 15, 0x20000100);	/* pc */
	db_le32(stack + 0x04, 0x12345678);
	db_le32(stack + 0x08, 0x10000203);
	db_le32(stack + 0x10, 0x10000401);
	dump = handmade_dump(5, 0x7000, stack, sizeof(stack), ctx, sizeof(ctx),
						 false, &len);
	full = walk_print(dump, len, NULL, false);
	out = frames_part(full, false);
	free(full);
	CHECK_STR(out, "0|0|libc.so||||0x100\n0|1|app||||0x201\n"
			  "0|2|app||||0x3ff\n");
	free(out);
	full = walk_print(dump, len, NULL, true);
	out = frames_part(full, true);
	CHECK_STR(strstr(out, " 1  app + 0x201\n"), " 1  app + 0x201\n"
			  "     sp = 0x0000700c    pc = 0x10000203\n"
			  "    Found by: stack scanning\n"
			  " 2  app + 0x3ff\n"
			  "     sp = 0x00007014    pc = 0x10000401\n"
			  "    Found by: stack scanning\n\n");
	free(out);
	free(full);
	free(dump);
}

int
main(void)
{
	const char *root = unit_testdata_root();
	static const char *const microdumps[] = {
		"microdump-arm64", "microdump-arm", "microdump-multiple",
		"microdump-withcrashreason", "microdump-x86"
	};
	size_t		i;

	test_arm64_frame_records();
	test_arm_scan();
	if (root == NULL)
		unit_skip("walker arm: shared test data not found");
	else
		for (i = 0; i < sizeof(microdumps) / sizeof(microdumps[0]); i++)
			check_microdump(root, microdumps[i]);
	return unit_finish("walker_arm");
}
