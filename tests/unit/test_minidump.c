/*-------------------------------------------------------------------------
 * tests/unit/test_minidump.c
 *	  Unit tests for the portable minidump reader (extension/core).
 *
 *	  1. Synthetic dumps written by code here (header, directory, system
 *	     info, exception, thread list and names, module list with PDB 7.0
 *	     and ELF CodeView records, Breakpad info), checked field by field
 *	     and against the exact JSON summary.
 *	  2. Robustness: every truncation and many random corruptions of them
 *	     must give a clean error or a result, never a crash or a read out
 *	     of bounds (each case is copied to a buffer of exactly its length,
 *	     so valgrind or ASan catch any overrun).
 *	  3. Real dumps from ../shared/testdata (Breakpad's and rust-minidump's
 *	     test data): our OS and CPU lines must equal the first two lines
 *	     Breakpad's "minidump_stackwalk -m" printed, our crash address its
 *	     Crash line, and our counts, thread names and module identifiers
 *	     what its minidump_dump printed.
 *
 *	  Build and run from the repository root:
 *	    cc -std=gnu11 -Wall -Wextra -Werror -I extension/core \
 *	       -o /tmp/test_minidump tests/unit/test_minidump.c extension/core/[a-z]*.c
 *	    /tmp/test_minidump
 *	  CRASHPIPE_TESTDATA overrides where the shared test data is looked for.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "json_out.h"
#include "minidump.h"

/* ---------------------------------------------------------------------
 * Synthetic dumps
 * ---------------------------------------------------------------------
 */

#define FX_STREAMS 8

/* A dump under construction: bytes appended little-endian. */
typedef struct fixture
{
	uint8_t		data[4096];
	size_t		len;
} fixture;

/* Append n bytes; returns their offset. */
static size_t
fx_bytes(fixture *f, const void *p, size_t n)
{
	size_t		at = f->len;

	memcpy(f->data + f->len, p, n);
	f->len += n;
	return at;
}

/* Overwrite a 32-bit value at an offset. */
static void
fx_set_u32(fixture *f, size_t at, uint32_t v)
{
	uint8_t		b[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};

	memcpy(f->data + at, b, 4);
}

/* Append a 16-bit value. */
static size_t
fx_u16(fixture *f, uint16_t v)
{
	uint8_t		b[2] = {v & 0xff, v >> 8};

	return fx_bytes(f, b, 2);
}

/* Append a 32-bit value. */
static size_t
fx_u32(fixture *f, uint32_t v)
{
	size_t		at = fx_bytes(f, "\0\0\0\0", 4);

	fx_set_u32(f, at, v);
	return at;
}

/* Append a 64-bit value. */
static size_t
fx_u64(fixture *f, uint64_t v)
{
	size_t		at = fx_u32(f, (uint32_t) v);

	fx_u32(f, (uint32_t) (v >> 32));
	return at;
}

/* Append a MINIDUMP_STRING of UTF-16 units; returns its RVA. */
static uint32_t
fx_utf16(fixture *f, const uint16_t *units, size_t n)
{
	size_t		at = fx_u32(f, (uint32_t) (n * 2));
	size_t		i;

	for (i = 0; i < n; i++)
		fx_u16(f, units[i]);
	fx_u16(f, 0);
	return (uint32_t) at;
}

/* Append a MINIDUMP_STRING of an ASCII string; returns its RVA. */
static uint32_t
fx_string(fixture *f, const char *s)
{
	uint16_t	units[256];
	size_t		i;

	for (i = 0; s[i] != '\0'; i++)
		units[i] = (uint8_t) s[i];
	return fx_utf16(f, units, i);
}

/* Where directory entry i's stream starts. */
static size_t
fx_stream_rva(const fixture *f, int i)
{
	return f->data[32 + 12 * i + 8] | (f->data[32 + 12 * i + 9] << 8);
}

/* Point directory entry i at a stream of this type starting here. */
static void
fx_stream_begin(fixture *f, int i, uint32_t type)
{
	fx_set_u32(f, 32 + 12 * i, type);
	fx_set_u32(f, 32 + 12 * i + 8, (uint32_t) f->len);
}

/* Set directory entry i's size to end here. */
static void
fx_stream_end(fixture *f, int i)
{
	fx_set_u32(f, 32 + 12 * i + 4, (uint32_t) (f->len - fx_stream_rva(f, i)));
}

/* MINIDUMP_HEADER and an empty directory of FX_STREAMS entries. */
static void
fx_header(fixture *f)
{
	int			i;

	f->len = 0;
	fx_bytes(f, "MDMP", 4);
	fx_u32(f, 0x5128a793);
	fx_u32(f, FX_STREAMS);
	fx_u32(f, 32);
	fx_u32(f, 0);
	fx_u32(f, 0x45d35f73);
	fx_u64(f, 0x421);
	for (i = 0; i < FX_STREAMS * 3; i++)
		fx_u32(f, 0);
}

/* MINIDUMP_SYSTEM_INFO for a platform and CPU, CSD string after it. */
static void
fx_system_info(fixture *f, uint32_t platform, uint16_t arch, const char *csd)
{
	size_t		csd_at;

	fx_stream_begin(f, 0, 7);
	fx_u16(f, arch);
	fx_u16(f, 6);				/* level: family 6 */
	fx_u16(f, 0x1a05);			/* revision: model 26, stepping 5 */
	fx_bytes(f, "\x04\x01", 2); /* 4 CPUs, workstation */
	fx_u32(f, 6);
	fx_u32(f, 1);
	fx_u32(f, 7601);
	fx_u32(f, platform);
	csd_at = fx_u32(f, 0);
	fx_u32(f, 0x100);			/* suite mask, reserved */
	fx_bytes(f, "GenuineIntel", 12);
	fx_u32(f, 0x106a5);
	fx_u32(f, 0xbfebfbff);
	fx_u32(f, 0);
	fx_stream_end(f, 0);
	fx_set_u32(f, csd_at, fx_string(f, csd));
}

/* MINIDUMP_EXCEPTION_STREAM: an access violation writing 0x45. */
static void
fx_exception(fixture *f)
{
	int			i;

	fx_stream_begin(f, 1, 6);
	fx_u32(f, 0x1000);
	fx_u32(f, 0);
	fx_u32(f, 0xc0000005);
	fx_u32(f, 0);
	fx_u64(f, 0);
	fx_u64(f, 0x401000);
	fx_u32(f, 2);
	fx_u32(f, 0);
	fx_u64(f, 1);
	fx_u64(f, 0xdead000000000045);	/* high half dropped on x86 */
	for (i = 2; i < 15; i++)
		fx_u64(f, 0);
	fx_u32(f, 716);
	fx_u32(f, 0x40);
	fx_stream_end(f, 1);
}

/* A thread list of two threads, 0x1000 and 0x2000. */
static void
fx_threads(fixture *f)
{
	uint32_t	id;

	fx_stream_begin(f, 2, 3);
	fx_u32(f, 2);
	for (id = 0x1000; id <= 0x2000; id += 0x1000)
	{
		fx_u32(f, id);
		fx_u32(f, 0);
		fx_u32(f, 0x20);
		fx_u32(f, 8);
		fx_u64(f, 0x7ffdf000);
		fx_u64(f, 0x12f000);	/* stack */
		fx_u32(f, 0x100);
		fx_u32(f, 0x200);
		fx_u32(f, 716);			/* context */
		fx_u32(f, 0x300);
	}
	fx_stream_end(f, 2);
}

/* A thread name list naming thread 0x2000 and an unlisted 0x3000. */
static void
fx_thread_names(fixture *f)
{
	static const uint16_t name[] = {'w', '\t', '"', 0xe9, 0xd83d, 0xde00};
	size_t		rva_at;
	size_t		unlisted_at;

	fx_stream_begin(f, 3, 24);
	fx_u32(f, 2);
	fx_u32(f, 0x2000);
	rva_at = fx_u64(f, 0);
	fx_u32(f, 0x3000);
	unlisted_at = fx_u64(f, 0);
	fx_stream_end(f, 3);
	fx_set_u32(f, rva_at, fx_utf16(f, name, 6));
	fx_set_u32(f, unlisted_at, fx_string(f, "ghost"));
}

/* One MINIDUMP_MODULE; returns where its name RVA and CV location go. */
static size_t
fx_module(fixture *f, uint64_t base, uint32_t size, uint32_t stamp,
		  uint32_t file_version_hi, uint32_t file_version_lo)
{
	size_t		at = fx_u64(f, base);
	int			i;

	fx_u32(f, size);
	fx_u32(f, 0);
	fx_u32(f, stamp);
	fx_u32(f, 0);				/* name RVA, patched */
	fx_u32(f, file_version_hi ? 0xfeef04bd : 0);
	fx_u32(f, 0x10000);
	fx_u32(f, file_version_hi);
	fx_u32(f, file_version_lo);
	for (i = 0; i < 9; i++)
		fx_u32(f, 0);
	for (i = 0; i < 8; i++)
		fx_u32(f, 0);			/* cv, misc, reserved; cv patched */
	return at;
}

/* A CodeView record of n bytes; sets the module's CV location to it. */
static void
fx_codeview(fixture *f, size_t module_at, const void *cv, size_t n)
{
	fx_set_u32(f, module_at + 76, (uint32_t) n);
	fx_set_u32(f, module_at + 80, (uint32_t) fx_bytes(f, cv, n));
}

/*
 * Two modules: app.exe with a PDB 7.0 record, libfoo.so with an ELF one.
 * Breakpad's ELF signature 'BpEL' is a multi-character constant, so it is
 * stored as the bytes "LEpB".
 */
static void
fx_modules(fixture *f)
{
	static const uint8_t rsds[] =
		"RSDS\xe5\x32\x98\x5a\x72\x28\xc1\x41\x83\x8e\xd9\x89\x14\xe9\xb7\xff"
		"\x01\x00\x00\x00" "c:\\app.pdb";
	static const uint8_t bpel[] =
		"LEpB\x10\xfa\xa6\xbb\xaa\xb8\x3d\xb3\x01\x02\x03\x04\x05\x06\x07\x08"
		"\x09\x0a\x0b\x0c";
	size_t		app;
	size_t		lib;

	fx_stream_begin(f, 4, 4);
	fx_u32(f, 2);
	app = fx_module(f, 0x400000, 0x2d000, 0x45d35f6c, 0x00010002, 0x00030004);
	lib = fx_module(f, 0x7c800000, 0xf4000, 0x44ab9a84, 0, 0);
	fx_stream_end(f, 4);
	fx_set_u32(f, app + 20, fx_string(f, "c:\\app.exe"));
	fx_set_u32(f, lib + 20, fx_string(f, "/lib/libfoo.so"));
	fx_codeview(f, app, rsds, sizeof(rsds));	/* with the NUL */
	fx_codeview(f, lib, bpel, sizeof(bpel) - 1);
}

/* Breakpad info, an unknown stream, and an unused directory slot. */
static void
fx_extras(fixture *f)
{
	fx_stream_begin(f, 5, 0x47670001);
	fx_u32(f, 3);
	fx_u32(f, 0x2000);
	fx_u32(f, 0x1000);
	fx_stream_end(f, 5);
	fx_stream_begin(f, 6, 0x12345678);
	fx_u32(f, 0);
	fx_stream_end(f, 6);
}

/* A complete synthetic dump for a platform and CPU. */
static void
fx_build(fixture *f, uint32_t platform, uint16_t arch, const char *csd)
{
	fx_header(f);
	fx_system_info(f, platform, arch, csd);
	fx_exception(f);
	fx_threads(f);
	fx_thread_names(f);
	fx_modules(f);
	fx_extras(f);
}

static const char expected_json[] =
"{\"header\": {\"version\": 42899, \"implementation_version\": 20776, "
"\"stream_count\": 8, \"time_date_stamp\": 1171480435, \"flags\": \"0x421\"}, "
"\"streams\": ["
"{\"type\": 7, \"name\": \"SystemInfoStream\", \"size\": 56, \"offset\": 128}, "
"{\"type\": 6, \"name\": \"ExceptionStream\", \"size\": 168, \"offset\": 218}, "
"{\"type\": 3, \"name\": \"ThreadListStream\", \"size\": 100, \"offset\": 386}, "
"{\"type\": 24, \"name\": \"ThreadNamesStream\", \"size\": 28, \"offset\": 486}, "
"{\"type\": 4, \"name\": \"ModuleListStream\", \"size\": 220, \"offset\": 548}, "
"{\"type\": 1197932545, \"name\": \"BreakpadInfoStream\", \"size\": 12, \"offset\": 887}, "
"{\"type\": 305419896, \"name\": null, \"size\": 4, \"offset\": 899}, "
"{\"type\": 0, \"name\": \"UnusedStream\", \"size\": 0, \"offset\": 0}], "
"\"system_info\": {\"os\": \"Windows NT\", \"os_ver\": \"6.1.7601 Service Pack 1\", "
"\"cpu_arch\": \"x86\", \"cpu_info\": \"GenuineIntel family 6 model 26 stepping 5\", "
"\"cpu_count\": 4, \"platform_id\": 2, \"csd_version\": \"Service Pack 1\"}, "
"\"crash_info\": {\"exception_code\": \"0xc0000005\", \"exception_flags\": \"0x0\", "
"\"address\": \"0x45\", \"crashing_thread_id\": 4096, \"crashing_thread\": 0}, "
"\"thread_count\": 2, \"threads\": [{\"thread_id\": 4096, \"name\": null}, "
"{\"thread_id\": 8192, \"name\": \"w\\t\\\"\xc3\xa9\xf0\x9f\x98\x80\"}], "
"\"module_count\": 2, \"modules\": ["
"{\"base_address\": \"0x400000\", \"end_address\": \"0x42cfff\", "
"\"code_file\": \"c:\\\\app.exe\", \"code_id\": \"45D35F6C2d000\", "
"\"debug_file\": \"c:\\\\app.pdb\", \"debug_id\": \"5A9832E5287241C1838ED98914E9B7FF1\", "
"\"version\": \"1.2.3.4\"}, "
"{\"base_address\": \"0x7c800000\", \"end_address\": \"0x7c8f3fff\", "
"\"code_file\": \"/lib/libfoo.so\", \"code_id\": \"44AB9A84f4000\", "
"\"debug_file\": \"/lib/libfoo.so\", \"debug_id\": \"BBA6FA10B8AAB33D01020304050607080\", "
"\"version\": null}], "
"\"notes\": []}";

/* Open a fixture's bytes and return the JSON summary (or NULL). */
static char *
fx_json(const fixture *f, md_error *error)
{
	md_dump    *dump = md_open(f->data, f->len, NULL, error);
	char	   *json;

	if (dump == NULL)
		return NULL;
	json = md_info_json(dump, error);
	md_close(dump);
	return json;
}

/* The Windows/x86 fixture: every parsed field and the exact JSON. */
static void
test_synthetic_windows(void)
{
	fixture		f;
	md_error	error;
	md_dump    *dump;
	char	   *json;

	fx_build(&f, 2, 0, "Service Pack 1");
	dump = md_open(f.data, f.len, NULL, &error);
	CHECK(dump != NULL);
	if (dump == NULL)
		return;
	CHECK_INT(error.code, MD_OK);
	CHECK_STR(dump->system_info->os_version, "6.1.7601 Service Pack 1");
	CHECK_INT(dump->exception->exception_address, 0x401000);
	CHECK_INT(dump->exception->crash_address, 0x45);
	CHECK_INT(dump->exception->number_parameters, 2);
	CHECK_INT(dump->exception->thread_context.rva, 0x40);
	CHECK_INT(dump->threads[1].stack_start, 0x12f000);
	CHECK_INT(dump->threads[1].thread_context.data_size, 716);
	CHECK(dump->breakpad_info != NULL && dump->breakpad_info->has_dump_thread_id);
	CHECK_INT(dump->breakpad_info->dump_thread_id, 0x2000);
	CHECK_INT(dump->modules[0].cv_signature, 0x53445352);
	CHECK_INT(dump->modules[1].cv_signature, 0x4270454c);
	CHECK(md_find_stream(dump, 0x12345678) == &dump->directory[6]);
	CHECK(md_find_stream(dump, 5) == NULL);
	md_close(dump);
	json = fx_json(&f, &error);
	CHECK_STR(json, expected_json);
	free(json);
}

/* The same dump as Linux/amd64: Linux naming and ELF code ids. */
static void
test_synthetic_linux(void)
{
	fixture		f;
	md_error	error;
	md_dump    *dump;

	fx_build(&f, 0x8201, 9, "Linux 5.10.0 #1 SMP x86_64");
	dump = md_open(f.data, f.len, NULL, &error);
	CHECK(dump != NULL);
	if (dump == NULL)
		return;
	CHECK_STR(dump->system_info->os, "Linux");
	CHECK_STR(dump->system_info->os_version, "6.1.7601 Linux 5.10.0 #1 SMP x86_64");
	CHECK_STR(dump->system_info->cpu_arch, "amd64");
	CHECK_STR(dump->system_info->cpu_info, "family 6 model 26 stepping 5");
	CHECK_INT(dump->exception->crash_address, 0x401000);
	CHECK_STR(dump->modules[0].code_id, "id");
	CHECK_STR(dump->modules[1].code_id, "10faa6bbaab83db30102030405060708090a0b0c");
	CHECK_STR(dump->modules[1].debug_file, "/lib/libfoo.so");
	md_close(dump);
}

/* Names for other platforms and CPUs, including unknown ones. */
static void
test_naming(void)
{
	static const struct
	{
		uint32_t	platform;
		uint16_t	arch;
		const char *os;
		const char *cpu;
		const char *info;
	}			cases[] = {
		{0x8101, 0x8003, "Mac OS X", "arm64", ""},
		{0x8102, 12, "iOS", "arm64", ""},
		{0x8203, 5, "Android", "arm", "ARMv6"},
		{0x8206, 0x8006, "Fuchsia", "riscv64", ""},
		{0x8205, 0x8005, "NaCl", "riscv", ""},
		{0x8204, 3, "PS3", "ppc", ""},
		{0x8202, 0x8001, "Solaris", "sparc", ""},
		{1, 0x8004, "Windows", "mips64", ""},
		{0x9999, 10, "0x00009999", "0x000a", ""},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		fixture		f;
		md_dump    *dump;

		fx_build(&f, cases[i].platform, cases[i].arch, "");
		memset(f.data + fx_stream_rva(&f, 0) + 32, 0, 24);
		dump = md_open(f.data, f.len, NULL, NULL);
		CHECK(dump != NULL);
		if (dump == NULL)
			continue;
		CHECK_STR(dump->system_info->os, cases[i].os);
		CHECK_STR(dump->system_info->cpu_arch, cases[i].cpu);
		CHECK_STR(dump->system_info->cpu_info, cases[i].info);
		md_close(dump);
	}
}

/* ARM cpu info from cpuid and hwcaps, and x86 with an empty vendor. */
static void
test_cpu_info_details(void)
{
	fixture		f;
	md_dump    *dump;

	fx_build(&f, 0x8203, 5, "");
	fx_set_u32(&f, fx_stream_rva(&f, 0) + 32, 0x4100c090);	/* Cortex-A9 */
	fx_set_u32(&f, fx_stream_rva(&f, 0) + 36, (1 << 0) | (1 << 12) | (1 << 18));
	dump = md_open(f.data, f.len, NULL, NULL);
	CHECK_STR(dump ? dump->system_info->cpu_info : NULL,
			  "ARMv6 ARM Cortex-A9 features: swp,neon,idivt");
	md_close(dump);
	fx_set_u32(&f, fx_stream_rva(&f, 0) + 32, 0x12345678);
	dump = md_open(f.data, f.len, NULL, NULL);
	CHECK_STR(dump ? dump->system_info->cpu_info : NULL,
			  "ARMv6 vendor(0x12) part(0x12005670) features: swp,neon,idivt");
	md_close(dump);
	fx_build(&f, 2, 0, "");
	memset(f.data + fx_stream_rva(&f, 0) + 32, 0, 12);
	dump = md_open(f.data, f.len, NULL, NULL);
	CHECK_STR(dump ? dump->system_info->cpu_info : NULL,
			  " family 6 model 26 stepping 5");
	CHECK_STR(dump ? dump->system_info->os_version : NULL, "6.1.7601 ");
	md_close(dump);
}

/* Fatal errors: exact codes and messages. */
static void
test_fatal_errors(void)
{
	fixture		f;
	md_error	error;

	fx_build(&f, 2, 0, "");
	CHECK(md_open(f.data, 31, NULL, &error) == NULL);
	CHECK_INT(error.code, MD_ERR_TOO_SHORT);
	CHECK_STR(error.message, "file is 31 bytes, too short for the 32-byte minidump header");
	fx_build(&f, 2, 0, "");
	memcpy(f.data, "PMDM", 4);
	CHECK(md_open(f.data, f.len, NULL, &error) == NULL);
	CHECK_INT(error.code, MD_ERR_SIGNATURE);
	CHECK_STR(error.message, "signature is 0x4d444d50, not 0x504d444d (\"MDMP\"); big-endian minidumps are not supported");
	fx_build(&f, 2, 0, "");
	f.data[4] = 0x94;
	CHECK(md_open(f.data, f.len, NULL, &error) == NULL);
	CHECK_INT(error.code, MD_ERR_VERSION);
	CHECK_STR(error.message, "header version is 0xa794, not 0xa793");
	fx_build(&f, 2, 0, "");
	CHECK(md_open(f.data, 100, NULL, &error) == NULL);
	CHECK_INT(error.code, MD_ERR_DIRECTORY);
	CHECK_STR(error.message, "stream directory (8 entries at 0x20) extends past end of file (100 bytes)");
}

/* Damage past the directory: notes, and what could still be read. */
static void
test_partial_results(void)
{
	fixture		f;
	md_dump    *dump;
	char		want[256];

	fx_build(&f, 2, 0, "");
	fx_set_u32(&f, fx_stream_rva(&f, 4), 40);	/* 40 modules claimed */
	fx_set_u32(&f, 32 + 12 * 1 + 4, 100000);	/* exception past the end */
	dump = md_open(f.data, f.len, NULL, NULL);
	CHECK(dump != NULL);
	if (dump == NULL)
		return;
	CHECK(dump->exception == NULL);
	CHECK(dump->system_info != NULL && dump->thread_count == 2);
	CHECK_INT(dump->module_count, 2);
	CHECK_INT(dump->note_count, 2);
	snprintf(want, sizeof(want),
			 "stream 1 (ExceptionStream) at 0x%zx, 100000 bytes, extends past end of file (%zu bytes)",
			 fx_stream_rva(&f, 1), f.len);
	CHECK_STR(dump->notes[0], want);
	CHECK_STR(dump->notes[1], "ModuleListStream claims 40 entries but has room for 2");
	md_close(dump);
}

/* A lone surrogate makes a string unreadable, as in Breakpad. */
static void
test_bad_string(void)
{
	fixture		f;
	md_dump    *dump;
	uint32_t	rva;

	fx_build(&f, 2, 0, "");
	rva = f.data[fx_stream_rva(&f, 3) + 8] | (f.data[fx_stream_rva(&f, 3) + 9] << 8);
	f.data[rva + 4 + 2 * 4] = 0x00;
	f.data[rva + 4 + 2 * 4 + 1] = 0xdc;
	dump = md_open(f.data, f.len, NULL, NULL);
	CHECK(dump != NULL && dump->threads[1].name == NULL);
	CHECK(dump != NULL && dump->note_count == 1 &&
		  strstr(dump->notes[0], "name of thread 8192 at 0x") != NULL);
	md_close(dump);
}

/* A list whose count is padded to 8 bytes, as some writers do. */
static void
test_padded_list(void)
{
	fixture		f;
	md_dump    *dump;

	fx_header(&f);
	fx_stream_begin(&f, 0, 3);
	fx_u32(&f, 1);
	fx_u32(&f, 0xffffffff);		/* padding */
	fx_u32(&f, 0x77);
	fx_bytes(&f, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
			 "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 44);
	fx_stream_end(&f, 0);
	dump = md_open(f.data, f.len, NULL, NULL);
	CHECK(dump != NULL && dump->thread_count == 1 && dump->threads[0].thread_id == 0x77);
	CHECK(dump != NULL && dump->system_info == NULL && dump->exception == NULL);
	md_close(dump);
}

/* The JSON writer: escaping, invalid UTF-8, the size limit. */
static void
test_json_writer(void)
{
	json_out	out;
	char	   *text;

	json_init(&out, NULL, 1000);
	json_array_begin(&out);
	json_string(&out, "a\x01\"\\\n\xff\xc3\xa9\xed\xa0\x80\xf0\x9f\x98z");
	json_int(&out, -5);
	json_bool(&out, true);
	json_null(&out);
	json_hex(&out, 0xABC);
	json_object_begin(&out);
	json_key(&out, "k\x7f");
	json_uint(&out, 18446744073709551615u);
	json_object_end(&out);
	json_array_end(&out);
	text = json_finish(&out);
	CHECK_STR(text, "[\"a\\u0001\\\"\\\\\\n\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd"
			  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz\", -5, true, null, "
			  "\"0xabc\", {\"k\x7f\": 18446744073709551615}]");
	free(text);
	json_init(&out, NULL, 10);
	json_string(&out, "0123456789");
	CHECK(json_finish(&out) == NULL);
	CHECK_INT(out.status, JSON_TOO_LARGE);
}

/* ---------------------------------------------------------------------
 * Robustness
 * ---------------------------------------------------------------------
 */

/*
 * Parse len bytes from a heap copy of exactly that size and summarise
 * them.  Returns true if the outcome is clean: a result with JSON, or an
 * error with a code and a message.
 */
static bool
clean_outcome(const uint8_t *data, size_t len, md_status *status)
{
	uint8_t    *copy = malloc(len ? len : 1);
	md_error	error;
	md_dump    *dump;
	char	   *json;
	bool		ok;

	memcpy(copy, data, len);
	dump = md_open(copy, len, NULL, &error);
	*status = error.code;
	if (dump == NULL)
		ok = error.code != MD_OK && error.message[0] != '\0';
	else
	{
		json = md_info_json(dump, &error);
		ok = json != NULL && json[0] == '{' && json[strlen(json) - 1] == '}';
		free(json);
		md_close(dump);
	}
	free(copy);
	return ok;
}

/* Every prefix of the fixture: the right error, or a result. */
static void
test_truncations(void)
{
	fixture		f;
	size_t		len;
	int			bad = 0;
	int			wrong_status = 0;
	md_status	status;

	fx_build(&f, 2, 0, "Service Pack 1");
	for (len = 0; len <= f.len; len++)
	{
		md_status	want = len < 32 ? MD_ERR_TOO_SHORT :
			len < 32 + 12 * FX_STREAMS ? MD_ERR_DIRECTORY : MD_OK;

		if (!clean_outcome(f.data, len, &status))
			bad++;
		if (status != want)
			wrong_status++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(wrong_status, 0);
}

/* xorshift64: a small, seeded, reproducible random source. */
static uint64_t
next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* Corrupt a copy of the fixture: flip bits, or plant a nasty 32-bit value. */
static void
corrupt(fixture *f, uint64_t *rng)
{
	static const uint32_t nasty[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff,
	0xfffffff0, 0x10000, 0x3e4};
	int			flips = 1 + next_random(rng) % 8;
	int			i;

	for (i = 0; i < flips; i++)
	{
		size_t		at = next_random(rng) % f->len;

		if (next_random(rng) % 4 == 0 && at + 4 <= f->len)
			fx_set_u32(f, at & ~(size_t) 3, nasty[next_random(rng) % 8]);
		else
			f->data[at] ^= (uint8_t) (1 << (next_random(rng) % 8));
	}
}

/* Many random corruptions: each gives a clean outcome. */
static void
test_corruptions(void)
{
	fixture		pristine;
	uint64_t	rng = 0x9e3779b97f4a7c15;
	int			bad = 0;
	int			results = 0;
	int			i;
	md_status	status;

	fx_build(&pristine, 2, 0, "Service Pack 1");
	for (i = 0; i < 20000; i++)
	{
		fixture		f = pristine;

		corrupt(&f, &rng);
		if (!clean_outcome(f.data, f.len, &status))
			bad++;
		if (status == MD_OK)
			results++;
	}
	CHECK_INT(bad, 0);
	CHECK(results > 0);
}

/* ---------------------------------------------------------------------
 * Real dumps against Breakpad's output
 * ---------------------------------------------------------------------
 */

/* Copy line n (0-based) of text into out; "" if there is none. */
static void
nth_line(const char *text, int n, char *out, size_t size)
{
	size_t		len;

	while (text != NULL && n-- > 0)
	{
		text = strchr(text, '\n');
		if (text != NULL)
			text++;
	}
	len = text ? strcspn(text, "\n") : 0;
	if (len >= size)
		len = size - 1;
	memcpy(out, text ? text : "", len);
	out[len] = '\0';
}

/* Breakpad's StripSeparator: drop every '|' and newline. */
static void
strip_separator(const char *in, char *out, size_t size)
{
	size_t		n = 0;

	for (; *in != '\0' && n + 1 < size; in++)
		if (*in != '|' && *in != '\n')
			out[n++] = *in;
	out[n] = '\0';
}

/* Our "OS|..." and "CPU|..." lines, as minidump_stackwalk -m prints them. */
static void
format_os_cpu(const md_system_info *si, char *os, char *cpu, size_t size)
{
	char		a[1024];
	char		b[1024];

	strip_separator(si->os, a, sizeof(a));
	strip_separator(si->os_version, b, sizeof(b));
	snprintf(os, size, "OS|%s|%s", a, b);
	strip_separator(si->cpu_arch, a, sizeof(a));
	strip_separator(si->cpu_info, b, sizeof(b));
	snprintf(cpu, size, "CPU|%s|%s|%d", a, b, si->number_of_processors);
}

/*
 * The value of "label = value" within a minidump_dump block, unquoted,
 * "(null)" read as empty; the block ends at a blank line.
 */
static bool
block_value(const char *block, const char *label, char *out, size_t size)
{
	const char *end = strstr(block, "\n\n");
	const char *p = block;
	size_t		len;

	while ((p = strstr(p, label)) != NULL && (end == NULL || p < end))
	{
		if (p[-1] == ' ' && (p[strlen(label)] == ' ' || p[strlen(label)] == '='))
		{
			p = strstr(p, "= ") + 2;
			len = strcspn(p, "\n");
			if (len >= 2 && p[0] == '"' && p[len - 1] == '"')
			{
				p++;
				len -= 2;
			}
			else if (strncmp(p, "(null)", 6) == 0)
				len = 0;
			snprintf(out, size, "%.*s", (int) len, p);
			return true;
		}
		p++;
	}
	return false;
}

/* The number after "label = " at the first match in text, or -1. */
static long
dump_count(const char *text, const char *label)
{
	const char *p = strstr(text, label);

	if (p == NULL || (p = strstr(p, "= ")) == NULL)
		return -1;
	return strtol(p + 2, NULL, 0);
}

/* Each module's identifiers against minidump_dump's MDRawModule blocks. */
static void
compare_modules(const md_dump *dump, const char *text)
{
	const char *p = text;
	uint32_t	i = 0;
	char		want[1024];

	while ((p = strstr(p, "\nMDRawModule\n")) != NULL && i < dump->module_count)
	{
		const md_module *m = &dump->modules[i++];

		p++;
		if (block_value(p, "(code_file)", want, sizeof(want)))
			CHECK_STR(m->code_file ? m->code_file : "", want);
		if (block_value(p, "(code_identifier)", want, sizeof(want)))
			CHECK_STR(m->code_id ? m->code_id : "", want);
		if (block_value(p, "(debug_file)", want, sizeof(want)))
			CHECK_STR(m->debug_file ? m->debug_file : "", want);
		if (block_value(p, "(debug_identifier)", want, sizeof(want)))
			CHECK_STR(m->debug_id ? m->debug_id : "", want);
		if (block_value(p, "(version)", want, sizeof(want)))
			CHECK_STR(m->version ? m->version : "", want);
	}
}

/* Thread ids and thread names against minidump_dump's blocks. */
static void
compare_threads(const md_dump *dump, const char *text)
{
	const char *p = text;
	uint32_t	i = 0;
	char		want[1024];
	char		name[1024];

	while ((p = strstr(p, "\nMDRawThread\n")) != NULL && i < dump->thread_count)
	{
		p++;
		if (block_value(p, "thread_id", want, sizeof(want)))
			CHECK_INT(dump->threads[i].thread_id, strtol(want, NULL, 0));
		i++;
	}
	p = text;
	while ((p = strstr(p, "\nMDRawThreadName\n")) != NULL)
	{
		int64_t		index;

		p++;
		if (!block_value(p, "thread_id", want, sizeof(want)) ||
			!block_value(p, "thread_name", name, sizeof(name)))
			continue;
		index = -1;
		for (i = 0; i < dump->thread_count; i++)
			if (dump->threads[i].thread_id == (uint32_t) strtoul(want, NULL, 0))
				index = i;
		CHECK(index >= 0);
		if (index >= 0)
			CHECK_STR(dump->threads[index].name, name);
	}
}

/* The crash address against the "Crash|reason|address|thread" line. */
static void
compare_crash(const md_dump *dump, const char *crash_line)
{
	char		got[64];
	const char *want;

	CHECK(strncmp(crash_line, "Crash|", 6) == 0);
	if (strcmp(crash_line, "Crash|No crash||") == 0 ||
		strncmp(crash_line, "Crash|", 6) != 0)
	{
		CHECK(dump->exception == NULL);
		return;
	}
	want = strchr(crash_line + 6, '|');
	CHECK(dump->exception != NULL && want != NULL);
	if (dump->exception == NULL || want == NULL)
		return;
	snprintf(got, sizeof(got), "0x%" PRIx64 "|", dump->exception->crash_address);
	CHECK(strncmp(want + 1, got, strlen(got)) == 0);
}

/* Check one parsed real dump against Breakpad's two outputs. */
static void
check_against_breakpad(const md_dump *dump, const char *walk, const char *text)
{
	char		want[2][2048];
	char		os[4096];
	char		cpu[4096];
	char		crash[2048];
	const char *crash_line = strstr(walk, "\nCrash|");

	CHECK(dump->system_info != NULL);
	if (dump->system_info == NULL)
		return;
	nth_line(walk, 0, want[0], sizeof(want[0]));
	nth_line(walk, 1, want[1], sizeof(want[1]));
	format_os_cpu(dump->system_info, os, cpu, sizeof(os));
	CHECK_STR(os, want[0]);
	CHECK_STR(cpu, want[1]);
	nth_line(crash_line ? crash_line + 1 : "", 0, crash, sizeof(crash));
	compare_crash(dump, crash);
	CHECK_INT(dump->header.stream_count, dump_count(text, "stream_count"));
	CHECK_INT(dump->has_thread_list ? (int64_t) dump->thread_count : -1,
			  dump_count(text, "thread_count"));
	CHECK_INT(dump->has_module_list ? (int64_t) dump->module_count : -1,
			  dump_count(text, "module_count"));
	compare_threads(dump, text);
	compare_modules(dump, text);
}

/*
 * One real dump.  Where Breakpad's stackwalker printed nothing (the
 * malformed fuzz cases), ours must fail cleanly or find no thread list,
 * which is why Breakpad gave up.
 */
static void
compare_dump(const char *dir, const char *file, const uint8_t *bytes,
			 size_t size, const char *walk, const char *text)
{
	md_error	error;
	md_dump    *dump = md_open(bytes, size, NULL, &error);
	md_status	status;
	int			failed_before = unit_failed;

	CHECK(clean_outcome(bytes, size, &status));
	if (walk[0] == '\0')
		CHECK(dump == NULL || !dump->has_thread_list);
	else if (dump == NULL)
		CHECK_STR(error.message, "(no error)");
	else
		check_against_breakpad(dump, walk, text);
	md_close(dump);
	if (unit_failed > failed_before)
		fprintf(stderr, "  in %s/%s\n", dir, file);
}

/* Read X.dmp and Breakpad's outputs for it, then compare. */
static void
compare_file(const char *dir, const char *file)
{
	char		path[4096];
	int			stem = (int) strlen(file) - 4;
	size_t		size;
	size_t		ignored;
	char	   *bytes;
	char	   *walk;
	char	   *text;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	bytes = unit_read_file(path, &size);
	snprintf(path, sizeof(path), "%s/%.*s.stackwalk.machine_readable.nosyms.ours-breakpad.out",
			 dir, stem, file);
	walk = unit_read_file(path, &ignored);
	snprintf(path, sizeof(path), "%s/%.*s.dump.ours-breakpad.out", dir, stem, file);
	text = unit_read_file(path, &ignored);
	CHECK(bytes != NULL && walk != NULL && text != NULL);
	if (bytes != NULL && walk != NULL && text != NULL)
		compare_dump(dir, file, (const uint8_t *) bytes, size, walk, text);
	free(bytes);
	free(walk);
	free(text);
}

/* scandir filter: binary dumps, i.e. *.dmp except the text microdumps. */
static int
is_binary_dump(const struct dirent *entry)
{
	size_t		len = strlen(entry->d_name);

	return len > 4 && strcmp(entry->d_name + len - 4, ".dmp") == 0 &&
		strncmp(entry->d_name, "microdump", 9) != 0;
}

/* Compare every binary dump in one directory; returns how many. */
static int
compare_directory(const char *dir)
{
	struct dirent **entries;
	int			n = scandir(dir, &entries, is_binary_dump, alphasort);
	int			i;

	for (i = 0; i < n; i++)
	{
		compare_file(dir, entries[i]->d_name);
		free(entries[i]);
	}
	if (n >= 0)
		free(entries);
	return n < 0 ? 0 : n;
}

/* Every real dump against Breakpad's outputs, if the data is here. */
static void
test_real_dumps(void)
{
	const char *root = unit_testdata_root();
	char		dir[4096];
	int			n;

	if (root == NULL)
	{
		unit_skip("Breakpad comparison: shared test data not found "
				  "(../shared/testdata, or CRASHPIPE_TESTDATA)");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/breakpad", root);
	n = compare_directory(dir);
	snprintf(dir, sizeof(dir), "%s/rust-minidump/testdata", root);
	n += compare_directory(dir);
	CHECK(n > 0);
	fprintf(stderr, "compared %d real dumps with Breakpad's output\n", n);
}

int
main(void)
{
	test_synthetic_windows();
	test_synthetic_linux();
	test_naming();
	test_cpu_info_details();
	test_fatal_errors();
	test_partial_results();
	test_bad_string();
	test_padded_list();
	test_json_writer();
	test_truncations();
	test_corruptions();
	test_real_dumps();
	return unit_finish("minidump");
}
