/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_open.c
 *	  Open a symbol cache in place: check magic, version and header
 *	  checksum, and that every section lies inside the buffer, then hand
 *	  out bounds-checked access to records and strings.
 *
 *	  Opening is O(1): record contents are not scanned.  Instead every
 *	  index and string offset read from a record is checked at lookup
 *	  time (symc_record, symc_string), so a corrupt body gives wrong but
 *	  in-bounds answers, never an out-of-bounds read.
 *-------------------------------------------------------------------------
 */
#include "sym_internal.h"

#include <string.h>

/* FNV-1a over the header bytes before the checksum field. */
uint32_t
symc_checksum(const uint8_t *header)
{
	uint32_t	h = 2166136261u;
	int			i;

	for (i = 0; i < SYMC_CHECKSUM_OFFSET; i++)
		h = (h ^ header[i]) * 16777619u;
	return h;
}

/* Check one section's offset and count against the buffer. */
static bool
sym_check_section(symcache *c, int i, uint64_t off, uint64_t count)
{
	uint64_t	size = symc_record_size[i];

	if (off < SYMC_HEADER_SIZE || off > c->len ||
		count > (c->len - off) / size)
		return false;
	c->sect[i] = c->base + off;
	c->count[i] = count;
	return true;
}

/* Check every section and the string table's terminating NUL. */
static sym_status
sym_check_layout(symcache *c)
{
	const uint8_t *h = c->base;
	int			i;

	for (i = 0; i < SYMC_NSECT; i++)
		if (!sym_check_section(c, i, symc_get64(h + SYMC_SECT_OFFSET + 16 * i),
							   symc_get64(h + SYMC_SECT_OFFSET + 16 * i + 8)))
			return SYM_ERR_BAD_LAYOUT;
	if (c->count[SYMC_STRTAB] == 0 || c->count[SYMC_STRTAB] > UINT32_MAX ||
		c->sect[SYMC_STRTAB][c->count[SYMC_STRTAB] - 1] != '\0')
		return SYM_ERR_BAD_LAYOUT;
	c->strtab = (const char *) c->sect[SYMC_STRTAB];
	c->strtab_size = (uint32_t) c->count[SYMC_STRTAB];
	for (i = 0; i < 6; i++)
		c->module_str[i] = symc_get32(h + SYMC_MODULE_OFFSET + 4 * i);
	c->bad_lines = symc_get32(h + SYMC_BAD_OFFSET);
	return SYM_OK;
}

/* Validate a cache of len bytes and fill out to use it in place. */
sym_status
symcache_open(const void *bytes, size_t len, symcache *out)
{
	const uint8_t *h = bytes;

	memset(out, 0, sizeof(*out));
	if (bytes == NULL || len < SYMC_HEADER_SIZE)
		return SYM_ERR_TRUNCATED;
	if (memcmp(h, SYMC_MAGIC, 8) != 0)
		return SYM_ERR_BAD_MAGIC;
	if (symc_get32(h + 8) != SYMC_VERSION ||
		symc_get32(h + 12) != SYMC_HEADER_SIZE)
		return SYM_ERR_BAD_VERSION;
	if (symc_get32(h + SYMC_CHECKSUM_OFFSET) != symc_checksum(h))
		return SYM_ERR_BAD_CHECKSUM;
	if (symc_get64(h + 16) > len)
		return SYM_ERR_TRUNCATED;
	out->base = h;
	out->len = (size_t) symc_get64(h + 16);
	return sym_check_layout(out);
}

/* A string of the table, or NULL for absent or out-of-range offsets. */
const char *
symc_string(const symcache *c, uint32_t off)
{
	if (off >= c->strtab_size)
		return NULL;
	return c->strtab + off;
}

/* Record i of a section, or NULL when i is out of range. */
const uint8_t *
symc_record(const symcache *c, int sect, uint64_t i)
{
	if (i >= c->count[sect])
		return NULL;
	return c->sect[sect] + i * symc_record_size[sect];
}

/*
 * Index of the last record in [lo, hi) whose (group, address) is <=
 * (group, addr), or -1.  group_off < 0 means the section has no group
 * field.  The caller has checked hi against the section count.
 */
int64_t
symc_last_le(const symcache *c, int sect, uint64_t lo, uint64_t hi,
			 int group_off, uint32_t group, uint64_t addr)
{
	uint64_t	start = lo;
	uint32_t	size = symc_record_size[sect];

	while (lo < hi)
	{
		uint64_t	mid = lo + (hi - lo) / 2;
		const uint8_t *r = c->sect[sect] + mid * size;
		uint32_t	g = group_off < 0 ? group : symc_get32(r + group_off);

		if (g < group || (g == group && symc_get64(r) <= addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > start ? (int64_t) lo - 1 : -1;
}

/* A module string of the cache (NULL when absent). */
const char *
symcache_module(const symcache *cache, symcache_module_field field)
{
	if ((int) field < 0 || (int) field >= 6)
		return NULL;
	return symc_string(cache, cache->module_str[field]);
}

/* A short English description of a status. */
const char *
sym_status_string(sym_status status)
{
	switch (status)
	{
		case SYM_OK:
			return "ok";
		case SYM_ERR_NOMEM:
			return "out of memory";
		case SYM_ERR_TOO_LARGE:
			return "symbol file too large";
		case SYM_ERR_TRUNCATED:
			return "symbol cache truncated";
		case SYM_ERR_BAD_MAGIC:
			return "not a symbol cache";
		case SYM_ERR_BAD_VERSION:
			return "unsupported symbol cache version";
		case SYM_ERR_BAD_CHECKSUM:
			return "symbol cache header checksum mismatch";
		case SYM_ERR_BAD_LAYOUT:
			return "symbol cache section out of bounds";
	}
	return "unknown error";
}
