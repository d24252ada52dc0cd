/*-------------------------------------------------------------------------
 * extension/core/md_threads.c
 *	  Threads: the thread list (MINIDUMP_THREAD_LIST), the names from the
 *	  thread name list (stream 0x18), and Breakpad's info stream saying
 *	  which thread wrote the dump and which one asked for it.
 *
 *	  Breakpad's stack walker skips the dump-writing thread; keeping the
 *	  ids here lets the walker do the same later.  Thread names are matched
 *	  to threads by id; a name for a thread not in the list is dropped.
 *-------------------------------------------------------------------------
 */
#include "md_internal.h"

#include <stdlib.h>

/* Read one MINIDUMP_THREAD record. */
static void
read_thread(md_thread *t, const uint8_t *p)
{
	t->thread_id = md_u32(p);
	t->suspend_count = md_u32(p + 4);
	t->priority_class = md_u32(p + 8);
	t->priority = md_u32(p + 12);
	t->teb = md_u64(p + 16);
	t->stack_start = md_u64(p + 24);
	t->stack_memory.data_size = md_u32(p + 32);
	t->stack_memory.rva = md_u32(p + 36);
	t->thread_context.data_size = md_u32(p + 40);
	t->thread_context.rva = md_u32(p + 44);
}

/* Read the thread list into dump->threads, if present. */
void
md_read_threads(md_dump *dump)
{
	uint32_t	size;
	const uint8_t *p = md_stream_data(dump, MD_STREAM_THREAD_LIST, 4, &size);
	uint32_t	first;
	uint32_t	count;
	uint32_t	i;

	if (p == NULL)
		return;
	count = md_list_entries(dump, MD_STREAM_THREAD_LIST, p, size,
							MD_THREAD_SIZE, &first);
	dump->threads = md_arena_array(&dump->arena, count, sizeof(md_thread));
	if (dump->threads == NULL)
		return;
	for (i = 0; i < count; i++)
		read_thread(&dump->threads[i], p + first + (size_t) i * MD_THREAD_SIZE);
	dump->thread_count = count;
	dump->has_thread_list = true;
}

/* Index of the thread with this id in the thread list, or -1. */
int64_t
md_thread_index(const md_dump *dump, uint32_t thread_id)
{
	uint32_t	i;

	for (i = 0; i < dump->thread_count; i++)
		if (dump->threads[i].thread_id == thread_id)
			return i;
	return -1;
}

/* A thread id and its index, for finding threads by id quickly. */
typedef struct thread_key
{
	uint32_t	thread_id;
	uint32_t	index;
} thread_key;

/* qsort order for thread keys: by id, then by index. */
static int
compare_keys(const void *a, const void *b)
{
	const thread_key *ka = a;
	const thread_key *kb = b;

	if (ka->thread_id != kb->thread_id)
		return ka->thread_id < kb->thread_id ? -1 : 1;
	return ka->index < kb->index ? -1 : (ka->index > kb->index);
}

/*
 * Index of the first thread with this id, by binary search over sorted
 * keys; -1 if none.  A linear scan per name would be quadratic on a
 * hostile dump with tens of thousands of threads and names.
 */
static int64_t
find_key(const thread_key *keys, uint32_t count, uint32_t thread_id)
{
	uint32_t	lo = 0;
	uint32_t	hi = count;

	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (keys[mid].thread_id < thread_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < count && keys[lo].thread_id == thread_id)
		return keys[lo].index;
	return -1;
}

/* The thread list's ids sorted for find_key; NULL if out of memory. */
static thread_key *
sorted_keys(md_dump *dump)
{
	thread_key *keys = md_arena_array(&dump->arena, dump->thread_count,
									  sizeof(thread_key));
	uint32_t	i;

	if (keys == NULL)
		return NULL;
	for (i = 0; i < dump->thread_count; i++)
	{
		keys[i].thread_id = dump->threads[i].thread_id;
		keys[i].index = i;
	}
	qsort(keys, dump->thread_count, sizeof(thread_key), compare_keys);
	return keys;
}

/* Attach one MINIDUMP_THREAD_NAME's name to its thread, if listed. */
static void
read_thread_name(md_dump *dump, const thread_key *keys, const uint8_t *entry)
{
	uint32_t	thread_id = md_u32(entry);
	uint64_t	rva = md_u64(entry + 4);
	int64_t		index = find_key(keys, dump->thread_count, thread_id);

	if (index < 0 || dump->threads[index].name != NULL)
		return;
	dump->threads[index].name = md_read_string(dump, rva);
	if (dump->threads[index].name == NULL)
		md_note(dump, "name of thread %u at 0x%llx is unreadable",
				thread_id, (unsigned long long) rva);
}

/* Read the thread name list and attach each name to its thread. */
void
md_read_thread_names(md_dump *dump)
{
	uint32_t	size;
	const uint8_t *p = md_stream_data(dump, MD_STREAM_THREAD_NAMES, 4, &size);
	thread_key *keys;
	uint32_t	first;
	uint32_t	count;
	uint32_t	i;

	if (p == NULL || dump->thread_count == 0 || (keys = sorted_keys(dump)) == NULL)
		return;
	count = md_list_entries(dump, MD_STREAM_THREAD_NAMES, p, size,
							MD_THREAD_NAME_SIZE, &first);
	for (i = 0; i < count; i++)
		read_thread_name(dump, keys, p + first + (size_t) i * MD_THREAD_NAME_SIZE);
}

/* Read Breakpad's info stream into dump->breakpad_info, if present. */
void
md_read_breakpad_info(md_dump *dump)
{
	uint32_t	size;
	const uint8_t *p = md_stream_data(dump, MD_STREAM_BREAKPAD_INFO,
									  MD_BREAKPAD_INFO_SIZE, &size);
	md_breakpad_info *info;

	if (p == NULL || (info = md_arena_alloc(&dump->arena, sizeof(*info))) == NULL)
		return;
	info->validity = md_u32(p);
	info->has_dump_thread_id = (info->validity & 1) != 0;
	info->has_requesting_thread_id = (info->validity & 2) != 0;
	info->dump_thread_id = md_u32(p + 4);
	info->requesting_thread_id = md_u32(p + 8);
	dump->breakpad_info = info;
}
