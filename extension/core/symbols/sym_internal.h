/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_internal.h
 *	  The symbol cache's on-disk layout, shared by the builder, the loader
 *	  and the lookups, plus the small helpers they share.
 *
 *	  Layout (all integers little-endian, read byte by byte so a cache
 *	  works at any alignment and on any host):
 *
 *	  header (SYMC_HEADER_SIZE bytes)
 *		0	magic "CPSYMCH\0"
 *		8	u32 format version, u32 header size
 *		16	u64 total size
 *		24	8 x (u64 offset, u64 count): the sections below
 *		152 6 x u32 module strings (os, arch, debug id, debug file,
 *			code id, code file) as string-table offsets
 *		176 u32 malformed lines skipped while parsing, u32 reserved
 *		184 u32 FNV-1a of bytes 0..183, u32 reserved
 *
 *	  sections, each an array of fixed-size records sorted for binary
 *	  search (see the SYMC_*_SIZE and field offsets below); the string
 *	  table is NUL-separated and its last byte is NUL, so any in-range
 *	  offset reads a terminated string.  String fields hold
 *	  SYMC_NO_STRING when absent.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SYM_INTERNAL_H
#define CRASHPIPE_SYM_INTERNAL_H

#include <stdint.h>

#include "symcache.h"

#define SYMC_MAGIC			"CPSYMCH"	/* plus its NUL: 8 bytes */
#define SYMC_VERSION		1
#define SYMC_HEADER_SIZE	192
#define SYMC_SECT_OFFSET	24
#define SYMC_MODULE_OFFSET	152
#define SYMC_BAD_OFFSET		176
#define SYMC_CHECKSUM_OFFSET 184
#define SYMC_NO_STRING		UINT32_MAX

/* Section numbers, in file order. */
enum
{
	SYMC_FUNCS,
	SYMC_LINES,
	SYMC_PUBLICS,
	SYMC_INLINES,
	SYMC_CFI_INITS,
	SYMC_CFI_DELTAS,
	SYMC_WINS,
	SYMC_STRTAB,				/* count is the size in bytes */
	SYMC_NSECT
};

/* FUNC: addr u64, size u64, param u32, name u32, line first/count,
 * inline first/count, flags u32, pad. */
#define SYMC_FUNC_SIZE		48
/* LINE: addr u64, size u32, line u32, file u32, pad. */
#define SYMC_LINE_SIZE		24
/* PUBLIC: addr u64, param u32, name u32, flags u32, pad. */
#define SYMC_PUBLIC_SIZE	24
/* INLINE range: addr u64, size u32, depth u32, call line u32,
 * call file u32, origin name u32, pad.  Sorted by (depth, addr). */
#define SYMC_INLINE_SIZE	32
/* CFI INIT: addr u64, size u32, rules u32, delta first u32, count u32. */
#define SYMC_CFI_INIT_SIZE	24
/* CFI delta: addr u64, rules u32, pad. */
#define SYMC_CFI_DELTA_SIZE 16
/* STACK WIN: addr u64, size u32, type u32, then prologue, epilogue,
 * param, saved regs, locals, max stack, flags (1 = has program,
 * 2 = allocates base pointer), program u32.  Sorted by (type, addr). */
#define SYMC_WIN_SIZE		48

#define SYMC_FLAG_MULTIPLE	1

/* Record sizes indexed by section (the string table's "record" is a byte). */
extern const uint32_t symc_record_size[SYMC_NSECT];

/* Read a little-endian u32 at p. */
static inline uint32_t
symc_get32(const uint8_t *p)
{
	return (uint32_t) p[0] | ((uint32_t) p[1] << 8) |
		((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24);
}

/* Read a little-endian u64 at p. */
static inline uint64_t
symc_get64(const uint8_t *p)
{
	return (uint64_t) symc_get32(p) | ((uint64_t) symc_get32(p + 4) << 32);
}

/* Write a little-endian u32 at p. */
static inline void
symc_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) v;
	p[1] = (uint8_t) (v >> 8);
	p[2] = (uint8_t) (v >> 16);
	p[3] = (uint8_t) (v >> 24);
}

/* Write a little-endian u64 at p. */
static inline void
symc_put64(uint8_t *p, uint64_t v)
{
	symc_put32(p, (uint32_t) v);
	symc_put32(p + 4, (uint32_t) (v >> 32));
}

/* sym_open.c */
extern uint32_t symc_checksum(const uint8_t *header);
extern const char *symc_string(const symcache *cache, uint32_t off);
extern const uint8_t *symc_record(const symcache *cache, int sect,
								  uint64_t i);
extern int64_t symc_last_le(const symcache *cache, int sect, uint64_t lo,
							uint64_t hi, int group_off, uint32_t group,
							uint64_t addr);

#endif							/* CRASHPIPE_SYM_INTERNAL_H */
