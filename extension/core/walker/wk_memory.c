/*-------------------------------------------------------------------------
 * extension/core/walker/wk_memory.c
 *	  Stack memory: finding the bytes of a thread's stack (its own memory
 *	  descriptor, or else the MemoryList or, in full-memory dumps, the
 *	  Memory64List region holding its start) and bounds-checked word
 *	  reads from it.
 *
 *	  Like Breakpad, the walker reads only the thread's own stack region:
 *	  an address outside it is unreadable, which ends frame-pointer and
 *	  scan recovery cleanly.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

#define MD_STREAM_MEMORY_LIST	5
#define MD_STREAM_MEMORY64_LIST	9
#define MD_MEMORY_DESC_SIZE		16

/* Read a little-endian 32-bit value. */
uint32_t
wk_u32(const uint8_t *p)
{
	return (uint32_t) p[0] | ((uint32_t) p[1] << 8) |
		((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24);
}

/* Read a little-endian 64-bit value. */
uint64_t
wk_u64(const uint8_t *p)
{
	return (uint64_t) wk_u32(p) | ((uint64_t) wk_u32(p + 4) << 32);
}

/* The bytes a location descriptor names, or NULL if out of the file. */
const uint8_t *
wk_bytes_at(const md_dump *dump, md_location where)
{
	if (where.rva == 0 || where.data_size == 0 || where.rva > dump->size ||
		where.data_size > dump->size - where.rva)
		return NULL;
	return dump->data + where.rva;
}

/* The bytes of a stream of at least min bytes (its size in *size), or NULL. */
static const uint8_t *
stream_bytes(const md_dump *dump, uint32_t type, uint32_t min, uint32_t *size)
{
	const md_directory_entry *e = md_find_stream(dump, type);

	if (e == NULL || e->location.data_size < min)
		return NULL;
	*size = e->location.data_size;
	return wk_bytes_at(dump, e->location);
}

/* The memory list region containing addr, if any. */
static bool
memory_list_region(const md_dump *dump, uint64_t addr, wk_memory *out)
{
	uint32_t	size;
	const uint8_t *p = stream_bytes(dump, MD_STREAM_MEMORY_LIST, 4, &size);
	uint32_t	count;
	uint32_t	i;

	if (p == NULL)
		return false;
	count = wk_u32(p);
	if (count > (size - 4) / MD_MEMORY_DESC_SIZE)
		return false;
	for (i = 0; i < count; i++)
	{
		const uint8_t *d = p + 4 + (size_t) i * MD_MEMORY_DESC_SIZE;
		md_location loc = {wk_u32(d + 8), wk_u32(d + 12)};
		uint64_t	start = wk_u64(d);

		if (addr < start || addr - start >= loc.data_size)
			continue;
		if ((out->bytes = wk_bytes_at(dump, loc)) == NULL)
			return false;
		out->base = start;
		out->size = loc.data_size;
		return true;
	}
	return false;
}

/*
 * The Memory64List region containing addr, if any: a count, the RVA where
 * the regions' bytes start, one after another, then (start, size) pairs.
 */
static bool
memory64_region(const md_dump *dump, uint64_t addr, wk_memory *out)
{
	uint32_t	stream_size;
	const uint8_t *p = stream_bytes(dump, MD_STREAM_MEMORY64_LIST, 16,
									&stream_size);
	uint64_t	count;
	uint64_t	rva;
	uint64_t	i;

	if (p == NULL)
		return false;
	count = wk_u64(p);
	rva = wk_u64(p + 8);
	if (count > (stream_size - 16) / MD_MEMORY_DESC_SIZE)
		return false;
	for (i = 0; i < count && rva <= dump->size; i++)
	{
		const uint8_t *d = p + 16 + i * MD_MEMORY_DESC_SIZE;
		uint64_t	start = wk_u64(d);
		uint64_t	size = wk_u64(d + 8);

		if (size > dump->size - rva)
			return false;
		if (addr >= start && addr - start < size)
		{
			out->bytes = dump->data + rva;
			out->base = start;
			out->size = size;
			return true;
		}
		rva += size;
	}
	return false;
}

/* The thread's stack memory; false if the dump has none for it. */
bool
wk_thread_memory(const md_dump *dump, const md_thread *thread, wk_memory *out)
{
	memset(out, 0, sizeof(*out));
	if (thread->stack_start + thread->stack_memory.data_size >=
		thread->stack_start &&
		(out->bytes = wk_bytes_at(dump, thread->stack_memory)) != NULL)
	{
		out->base = thread->stack_start;
		out->size = thread->stack_memory.data_size;
		return true;
	}
	if (thread->stack_start == 0)
		return false;
	return memory_list_region(dump, thread->stack_start, out) ||
		memory64_region(dump, thread->stack_start, out);
}

/* Read a 4- or 8-byte little-endian word at addr, if all of it is there. */
bool
wk_read_word(const wk_memory *mem, uint64_t addr, int word, uint64_t *out)
{
	uint64_t	off;

	if (mem->bytes == NULL || addr < mem->base)
		return false;
	off = addr - mem->base;
	if (off >= mem->size || mem->size - off < (uint64_t) word)
		return false;
	*out = word == 8 ? wk_u64(mem->bytes + off) : wk_u32(mem->bytes + off);
	return true;
}
