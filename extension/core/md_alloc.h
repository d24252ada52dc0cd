/*-------------------------------------------------------------------------
 * extension/core/md_alloc.h
 *	  The allocator callback the portable minidump core allocates through,
 *	  and a small arena that frees everything a parsed dump owns at once.
 *
 *	  The core never calls malloc itself: the PostgreSQL glue passes a
 *	  palloc-based allocator so memory follows the current memory context,
 *	  while tests and the fuzzer use the malloc default.  The arena keeps
 *	  ownership simple: parsers allocate freely, md_close frees the lot.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_MD_ALLOC_H
#define CRASHPIPE_MD_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

/*
 * malloc/free-like callbacks plus the context pointer they are handed.
 * alloc returns NULL on failure (it may also never return, as palloc
 * does on out-of-memory); free accepts only what alloc returned.
 */
typedef struct md_allocator
{
	void	   *(*alloc) (void *ctx, size_t size);
	void		(*free) (void *ctx, void *ptr);
	void	   *ctx;
} md_allocator;

/* The default: plain malloc and free. */
extern const md_allocator md_malloc_allocator;

typedef union md_chunk md_chunk;

/* Every allocation of one parsed dump, freed together. */
typedef struct md_arena
{
	const md_allocator *allocator;
	md_chunk   *chunks;			/* most recent first */
	bool		failed;			/* some allocation returned NULL */
} md_arena;

extern void *md_alloc_raw(const md_allocator *allocator, size_t size);
extern void md_free_raw(const md_allocator *allocator, void *ptr);

extern void md_arena_init(md_arena *arena, const md_allocator *allocator);
extern void *md_arena_alloc(md_arena *arena, size_t size);
extern void *md_arena_array(md_arena *arena, size_t count, size_t elem_size);
extern void md_arena_free_all(md_arena *arena);

#endif							/* CRASHPIPE_MD_ALLOC_H */
