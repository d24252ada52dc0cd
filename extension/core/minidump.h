/*-------------------------------------------------------------------------
 * extension/core/minidump.h
 *	  The portable minidump reader: opens a dump from untrusted bytes and
 *	  exposes its header, stream directory, system info, exception, thread
 *	  list and module list as plain C structs.
 *
 *	  The reader never includes postgres.h.  It reports fatal problems
 *	  (not a minidump, header or directory out of bounds, out of memory)
 *	  as an md_error, and damage further in (a truncated module list, an
 *	  unreadable string) as notes beside whatever it could still read.
 *	  Every read is bounds-checked against the input, so no input can make
 *	  it read outside the buffer it was given.
 *
 *	  Derived names (OS, CPU, debug identifiers, crash address) follow what
 *	  Breakpad's minidump_stackwalk prints, so later stages can be checked
 *	  against its output byte for byte.
 *
 *	  The dump keeps a pointer to the input: the caller must keep the bytes
 *	  alive until md_close.  Everything in an md_dump is read-only to callers.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_MINIDUMP_H
#define CRASHPIPE_MINIDUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "md_alloc.h"

/* MINIDUMP_HEADER.signature ("MDMP") and the low 16 bits of .version. */
#define MD_HEADER_SIGNATURE			0x504d444d
#define MD_HEADER_VERSION			0xa793

/* Stream types this reader parses (MINIDUMP_STREAM_TYPE). */
#define MD_STREAM_THREAD_LIST		3
#define MD_STREAM_MODULE_LIST		4
#define MD_STREAM_EXCEPTION			6
#define MD_STREAM_SYSTEM_INFO		7
#define MD_STREAM_THREAD_NAMES		24
#define MD_STREAM_BREAKPAD_INFO		0x47670001

/* MINIDUMP_SYSTEM_INFO.platform_id values; 0x8000 and up are Breakpad's. */
#define MD_OS_WIN32_WINDOWS			1
#define MD_OS_WIN32_NT				2
#define MD_OS_MAC_OS_X				0x8101
#define MD_OS_IOS					0x8102
#define MD_OS_LINUX					0x8201
#define MD_OS_SOLARIS				0x8202
#define MD_OS_ANDROID				0x8203
#define MD_OS_PS3					0x8204
#define MD_OS_NACL					0x8205
#define MD_OS_FUCHSIA				0x8206

/* MINIDUMP_SYSTEM_INFO.processor_architecture values. */
#define MD_CPU_X86					0
#define MD_CPU_MIPS					1
#define MD_CPU_PPC					3
#define MD_CPU_SHX					4
#define MD_CPU_ARM					5
#define MD_CPU_AMD64				9
#define MD_CPU_X86_WIN64			10
#define MD_CPU_ARM64				12
#define MD_CPU_SPARC				0x8001
#define MD_CPU_PPC64				0x8002
#define MD_CPU_ARM64_OLD			0x8003
#define MD_CPU_MIPS64				0x8004
#define MD_CPU_RISCV				0x8005
#define MD_CPU_RISCV64				0x8006

/* Fatal outcomes of md_open and md_info_json. */
typedef enum md_status
{
	MD_OK = 0,
	MD_ERR_NOMEM,				/* an allocation failed */
	MD_ERR_TOO_SHORT,			/* shorter than the 32-byte header */
	MD_ERR_SIGNATURE,			/* does not start with MDMP */
	MD_ERR_VERSION,				/* header version is not 0xa793 */
	MD_ERR_DIRECTORY,			/* stream directory out of bounds */
	MD_ERR_TOO_LARGE			/* the JSON summary would be too large */
} md_status;

#define MD_ERROR_LEN 256

/* An error code and a one-line message saying what was wrong and where. */
typedef struct md_error
{
	md_status	code;
	char		message[MD_ERROR_LEN];
} md_error;

/* MINIDUMP_LOCATION_DESCRIPTOR: a byte range of the file. */
typedef struct md_location
{
	uint32_t	data_size;
	uint32_t	rva;
} md_location;

/* MINIDUMP_HEADER. */
typedef struct md_header
{
	uint32_t	signature;
	uint32_t	version;		/* low 16 bits 0xa793; high 16 bits vary */
	uint32_t	stream_count;
	uint32_t	stream_directory_rva;
	uint32_t	checksum;
	uint32_t	time_date_stamp;
	uint64_t	flags;
} md_header;

/* MINIDUMP_DIRECTORY: one stream's type and place. */
typedef struct md_directory_entry
{
	uint32_t	stream_type;
	md_location location;
} md_directory_entry;

/* MINIDUMP_SYSTEM_INFO, the CSD string, and Breakpad's names for them. */
typedef struct md_system_info
{
	uint16_t	processor_architecture;
	uint16_t	processor_level;
	uint16_t	processor_revision;
	uint8_t		number_of_processors;
	uint8_t		product_type;
	uint32_t	major_version;
	uint32_t	minor_version;
	uint32_t	build_number;
	uint32_t	platform_id;
	uint32_t	csd_version_rva;
	uint16_t	suite_mask;
	char		x86_vendor[13]; /* CPU_INFORMATION as x86: vendor id */
	uint32_t	x86_version_information;
	uint32_t	x86_feature_information;
	uint32_t	x86_amd_extended_features;
	uint32_t	arm_cpuid;		/* the same bytes read as ARM cpu info */
	uint32_t	arm_elf_hwcaps;
	char	   *csd_version;	/* UTF-8; NULL if absent or unreadable */
	char	   *os;				/* "Windows NT", "Linux", ... */
	char	   *os_version;		/* "6.1.7600 Service Pack 1" */
	char	   *cpu_arch;		/* "x86", "amd64", "arm64", ... */
	char	   *cpu_info;		/* "GenuineIntel family 6 model 26 ..." */
} md_system_info;

#define MD_EXCEPTION_MAX_PARAMETERS 15

/* MINIDUMP_EXCEPTION_STREAM plus the address Breakpad calls the crash's. */
typedef struct md_exception
{
	uint32_t	thread_id;
	uint32_t	exception_code;
	uint32_t	exception_flags;
	uint64_t	exception_record;
	uint64_t	exception_address;
	uint32_t	number_parameters;
	uint64_t	exception_information[MD_EXCEPTION_MAX_PARAMETERS];
	md_location thread_context;
	uint64_t	crash_address;
} md_exception;

/* MDRawBreakpadInfo: which threads wrote and requested the dump. */
typedef struct md_breakpad_info
{
	uint32_t	validity;
	bool		has_dump_thread_id;
	bool		has_requesting_thread_id;
	uint32_t	dump_thread_id;
	uint32_t	requesting_thread_id;
} md_breakpad_info;

/* MINIDUMP_THREAD, with its name from the thread name list. */
typedef struct md_thread
{
	uint32_t	thread_id;
	uint32_t	suspend_count;
	uint32_t	priority_class;
	uint32_t	priority;
	uint64_t	teb;
	uint64_t	stack_start;
	md_location stack_memory;
	md_location thread_context;
	char	   *name;			/* UTF-8; NULL if unnamed */
} md_thread;

/* MINIDUMP_MODULE, with the identifiers Breakpad derives from it. */
typedef struct md_module
{
	uint64_t	base_of_image;
	uint32_t	size_of_image;
	uint32_t	checksum;
	uint32_t	time_date_stamp;
	uint32_t	module_name_rva;
	uint32_t	version_signature;	/* VS_FIXEDFILEINFO */
	uint32_t	version_struct_version;
	uint32_t	file_version_hi;
	uint32_t	file_version_lo;
	md_location cv_record;
	md_location misc_record;
	uint32_t	cv_signature;	/* "RSDS", "NB10", "BpEL"; 0 if none */
	char	   *code_file;		/* module name; NULL if unreadable */
	char	   *code_id;		/* "45D35F6C2d000", build id, "id", NULL */
	char	   *debug_file;		/* PDB name, or code_file for ELF */
	char	   *debug_id;		/* "5A9832E5287241C1838ED98914E9B7FF1" */
	char	   *version;		/* "5.1.2600.2180"; NULL if none */
} md_module;

/* MINIDUMP_UNLOADED_MODULE, with Breakpad's code identifier for it. */
typedef struct md_unloaded_module
{
	uint64_t	base_of_image;
	uint32_t	size_of_image;
	uint32_t	checksum;
	uint32_t	time_date_stamp;
	char	   *name;			/* NULL if unreadable */
	char	   *code_id;		/* "B1054D2A1000" */
} md_unloaded_module;

#define MD_MAX_NOTES 32

/* A parsed minidump; NULL pointers mean the stream is absent or unreadable. */
typedef struct md_dump
{
	const uint8_t *data;
	size_t		size;
	md_arena	arena;
	md_header	header;
	md_directory_entry *directory;	/* header.stream_count entries */
	md_system_info *system_info;
	md_exception *exception;
	md_breakpad_info *breakpad_info;
	bool		has_thread_list;
	uint32_t	thread_count;
	md_thread  *threads;
	bool		has_module_list;
	uint32_t	module_count;
	md_module  *modules;
	bool		has_unloaded_list;
	uint32_t	unloaded_count;
	md_unloaded_module *unloaded;
	int64_t		crashing_thread;	/* index of the exception's thread or -1 */
	size_t		string_budget;	/* string and CodeView bytes left to read */
	bool		budget_exhausted;
	uint32_t	note_count;
	uint32_t	notes_dropped;	/* notes past MD_MAX_NOTES */
	char	   *notes[MD_MAX_NOTES];
} md_dump;

extern md_dump *md_open(const uint8_t *data, size_t size,
						const md_allocator *allocator, md_error *error);
extern void md_close(md_dump *dump);
extern const md_directory_entry *md_find_stream(const md_dump *dump,
												uint32_t stream_type);
extern const char *md_stream_name(uint32_t stream_type);

/*
 * The JSON summary SQL's crashpipe.minidump_info returns.  The text is
 * allocated with the dump's allocator; free it with md_free_raw.
 */
extern char *md_info_json(const md_dump *dump, md_error *error);

#endif							/* CRASHPIPE_MINIDUMP_H */
