/*-------------------------------------------------------------------------
 * extension/core/md_internal.h
 *	  What the minidump reader's source files share with each other and
 *	  with nobody else: bounded little-endian reads, MINIDUMP_STRING
 *	  decoding, notes, and one reader per stream type.
 *
 *	  The rule every parser follows: get a stream's bytes from
 *	  md_stream_data (which has checked them against the file), read only
 *	  inside the size it returns, and check any RVA found inside a stream
 *	  with md_range_ok before touching what it points at.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_MD_INTERNAL_H
#define CRASHPIPE_MD_INTERNAL_H

#include "minidump.h"

#if defined(__GNUC__) || defined(__clang__)
#define MD_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define MD_PRINTF_LIKE(fmt, args)
#endif

/* Fixed sizes of the on-disk records. */
#define MD_HEADER_SIZE			32
#define MD_DIRECTORY_SIZE		12
#define MD_SYSTEM_INFO_SIZE		56
#define MD_EXCEPTION_SIZE		168
#define MD_BREAKPAD_INFO_SIZE	12
#define MD_THREAD_SIZE			48
#define MD_THREAD_NAME_SIZE		12
#define MD_MODULE_SIZE			108

/*
 * Limits that bound memory and output for hostile input; real dumps stay
 * far below them.  The string budget caps the UTF-16 bytes decoded per
 * dump, so many records pointing at one long string cannot blow up.
 */
#define MD_MAX_LIST_ENTRIES		65536
#define MD_MAX_STRING_BYTES		65536
#define MD_STRING_BUDGET		(16 * 1024 * 1024)
#define MD_MAX_CV_BYTES			65536

/* md_bytes.c */
extern bool md_range_ok(const md_dump *dump, uint64_t offset, uint64_t length);
extern uint16_t md_u16(const uint8_t *p);
extern uint32_t md_u32(const uint8_t *p);
extern uint64_t md_u64(const uint8_t *p);
extern bool md_take_budget(md_dump *dump, uint32_t bytes);
extern char *md_read_string(md_dump *dump, uint64_t rva);
extern char *md_sprintf(md_dump *dump, const char *fmt,...) MD_PRINTF_LIKE(2, 3);
extern void md_note(md_dump *dump, const char *fmt,...) MD_PRINTF_LIKE(2, 3);

/* minidump.c */
extern const uint8_t *md_stream_data(md_dump *dump, uint32_t stream_type,
									 uint32_t min_size, uint32_t *size);
extern uint32_t md_list_entries(md_dump *dump, uint32_t stream_type,
								const uint8_t *stream, uint32_t size,
								uint32_t entry_size, uint32_t *first);

/* One reader per stream; each records a note and returns on damage. */
extern void md_read_system_info(md_dump *dump);
extern void md_read_exception(md_dump *dump);
extern void md_read_breakpad_info(md_dump *dump);
extern void md_read_threads(md_dump *dump);
extern void md_read_thread_names(md_dump *dump);
extern void md_read_modules(md_dump *dump);
extern void md_read_unloaded_modules(md_dump *dump);
extern int64_t md_thread_index(const md_dump *dump, uint32_t thread_id);

#endif							/* CRASHPIPE_MD_INTERNAL_H */
