/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_strtab.c
 *	  The symbol cache's string table under construction: NUL-terminated
 *	  strings appended to one buffer, each distinct string stored once.
 *
 *	  CFI rules and file names repeat heavily, so deduplication through a
 *	  small open-addressing hash of offsets keeps the cache compact.
 *	  Offsets are 32-bit, which the 4 GB input limit guarantees.
 *-------------------------------------------------------------------------
 */
#include "sym_build_internal.h"

#include <string.h>

/* An empty table. */
void
sym_strtab_init(sym_strtab *st, const md_allocator *allocator)
{
	memset(st, 0, sizeof(*st));
	st->allocator = allocator;
}

/* FNV-1a of a string. */
static uint32_t
sym_strhash(const char *s, uint32_t len)
{
	uint32_t	h = 2166136261u;
	uint32_t	i;

	for (i = 0; i < len; i++)
		h = (h ^ (uint8_t) s[i]) * 16777619u;
	return h;
}

/* Double the hash slots (or create them) and re-insert every string. */
static bool
sym_strtab_rehash(sym_strtab *st)
{
	uint32_t	n = st->nslots ? st->nslots * 2 : 1024;
	uint32_t   *slots;
	uint32_t	off;
	uint32_t	len;
	uint32_t	i;

	if (n > UINT32_MAX / 4 / 2)
		return false;
	slots = md_alloc_raw(st->allocator, (size_t) n * sizeof(uint32_t));
	if (slots == NULL)
		return false;
	memset(slots, 0, (size_t) n * sizeof(uint32_t));
	for (off = 0; off < st->size; off += len + 1)
	{
		len = (uint32_t) strlen(st->data + off);
		i = sym_strhash(st->data + off, len) & (n - 1);
		while (slots[i] != 0)
			i = (i + 1) & (n - 1);
		slots[i] = off + 1;
	}
	md_free_raw(st->allocator, st->slots);
	st->slots = slots;
	st->nslots = n;
	return true;
}

/* Make room for len more bytes of data. */
static bool
sym_strtab_reserve(sym_strtab *st, uint32_t len)
{
	uint64_t	need = (uint64_t) st->size + len;
	uint64_t	cap = st->cap ? st->cap : 4096;
	char	   *data;

	if (need <= st->cap)
		return true;
	while (cap < need)
		cap *= 2;
	if (cap >= UINT32_MAX)
		return false;
	data = md_alloc_raw(st->allocator, (size_t) cap);
	if (data == NULL)
		return false;
	if (st->data)
		memcpy(data, st->data, st->size);
	md_free_raw(st->allocator, st->data);
	st->data = data;
	st->cap = (uint32_t) cap;
	return true;
}

/* Offset of s in the table, adding it if new; SYMC_NO_STRING on failure. */
uint32_t
sym_strtab_add(sym_strtab *st, const char *s, uint32_t len)
{
	uint32_t	i;
	uint32_t	off;

	if (memchr(s, '\0', len) != NULL)
		len = (uint32_t) strlen(s);	/* an embedded NUL ends the string */
	if (st->nomem || ((st->used + 1) * 2 > st->nslots && !sym_strtab_rehash(st)))
		goto nomem;
	i = sym_strhash(s, len) & (st->nslots - 1);
	for (; st->slots[i] != 0; i = (i + 1) & (st->nslots - 1))
	{
		off = st->slots[i] - 1;
		if ((uint64_t) off + len < st->size &&
			st->data[off + len] == '\0' && memcmp(st->data + off, s, len) == 0)
			return off;
	}
	if (!sym_strtab_reserve(st, len + 1))
		goto nomem;
	off = st->size;
	memcpy(st->data + off, s, len);
	st->data[off + len] = '\0';
	st->size += len + 1;
	st->slots[i] = off + 1;
	st->used++;
	return off;
nomem:
	st->nomem = true;
	return SYMC_NO_STRING;
}

/* Free the table's memory. */
void
sym_strtab_free(sym_strtab *st)
{
	md_free_raw(st->allocator, st->data);
	md_free_raw(st->allocator, st->slots);
	memset(st, 0, sizeof(*st));
}
