/*-------------------------------------------------------------------------
 * extension/core/md_alloc.c
 *	  The malloc default allocator and the arena every parsed minidump
 *	  allocates from.
 *
 *	  Each arena allocation carries a one-union header linking it to the
 *	  previous one, so md_arena_free_all can walk and free them without
 *	  the parsers tracking who owns what.  Allocations are zeroed: a
 *	  parser that stops half-way leaves NULL strings and zero counts,
 *	  never garbage.
 *-------------------------------------------------------------------------
 */
#include "md_alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Arena header: a link, padded so the payload keeps maximal alignment. */
union md_chunk
{
	md_chunk   *next;
	max_align_t align;
};

/* malloc callback for the default allocator. */
static void *
malloc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

/* free callback for the default allocator. */
static void
malloc_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

const md_allocator md_malloc_allocator = {malloc_alloc, malloc_free, NULL};

/* Allocate through an allocator; NULL means the malloc default. */
void *
md_alloc_raw(const md_allocator *allocator, size_t size)
{
	if (allocator == NULL)
		allocator = &md_malloc_allocator;
	return allocator->alloc(allocator->ctx, size);
}

/* Free what md_alloc_raw returned; NULL is ignored. */
void
md_free_raw(const md_allocator *allocator, void *ptr)
{
	if (ptr == NULL)
		return;
	if (allocator == NULL)
		allocator = &md_malloc_allocator;
	allocator->free(allocator->ctx, ptr);
}

/* Start an empty arena on top of an allocator. */
void
md_arena_init(md_arena *arena, const md_allocator *allocator)
{
	arena->allocator = allocator ? allocator : &md_malloc_allocator;
	arena->chunks = NULL;
	arena->failed = false;
}

/* Zeroed memory owned by the arena; NULL (and arena->failed) on failure. */
void *
md_arena_alloc(md_arena *arena, size_t size)
{
	md_chunk   *chunk;

	if (size > SIZE_MAX - sizeof(md_chunk))
	{
		arena->failed = true;
		return NULL;
	}
	chunk = md_alloc_raw(arena->allocator, sizeof(md_chunk) + size);
	if (chunk == NULL)
	{
		arena->failed = true;
		return NULL;
	}
	memset(chunk, 0, sizeof(md_chunk) + size);
	chunk->next = arena->chunks;
	arena->chunks = chunk;
	return chunk + 1;
}

/* A zeroed array of count elements, refusing sizes that overflow. */
void *
md_arena_array(md_arena *arena, size_t count, size_t elem_size)
{
	if (elem_size != 0 && count > SIZE_MAX / elem_size)
	{
		arena->failed = true;
		return NULL;
	}
	return md_arena_alloc(arena, count * elem_size);
}

/* Free every allocation the arena made. */
void
md_arena_free_all(md_arena *arena)
{
	md_chunk   *chunk = arena->chunks;

	while (chunk != NULL)
	{
		md_chunk   *next = chunk->next;

		md_free_raw(arena->allocator, chunk);
		chunk = next;
	}
	arena->chunks = NULL;
}
