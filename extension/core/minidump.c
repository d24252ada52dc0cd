/*-------------------------------------------------------------------------
 * extension/core/minidump.c
 *	  Opening a minidump: the header, the stream directory, finding a
 *	  stream, and running the per-stream readers in dependency order.
 *
 *	  Only a missing or broken header or directory is fatal.  A stream
 *	  that lies past the end of the file, is too short, or is repeated
 *	  becomes a note, and the dump is returned with what could be read:
 *	  a half-written dump still tells us the OS, the crash and the modules.
 *-------------------------------------------------------------------------
 */
#include "md_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Fill in an md_error; error may be NULL. */
static void set_error(md_error *error, md_status code, const char *fmt,...) MD_PRINTF_LIKE(3, 4);

static void
set_error(md_error *error, md_status code, const char *fmt,...)
{
	va_list		args;

	if (error == NULL)
		return;
	error->code = code;
	va_start(args, fmt);
	vsnprintf(error->message, sizeof(error->message), fmt, args);
	va_end(args);
}

/* Check the header's signature and version; false (with error set) if bad. */
static bool
check_header(const md_header *h, md_error *error)
{
	if (h->signature != MD_HEADER_SIGNATURE)
	{
		set_error(error, MD_ERR_SIGNATURE,
				  "signature is 0x%08x, not 0x%08x (\"MDMP\")%s", h->signature,
				  MD_HEADER_SIGNATURE, h->signature == 0x4d444d50 ?
				  "; big-endian minidumps are not supported" : "");
		return false;
	}
	if ((h->version & 0xffff) != MD_HEADER_VERSION)
	{
		set_error(error, MD_ERR_VERSION,
				  "header version is 0x%04x, not 0x%04x",
				  h->version & 0xffff, MD_HEADER_VERSION);
		return false;
	}
	return true;
}

/* Read and check MINIDUMP_HEADER; false (with error set) if unusable. */
static bool
read_header(md_dump *dump, md_error *error)
{
	const uint8_t *p = dump->data;
	md_header  *h = &dump->header;

	if (dump->size < MD_HEADER_SIZE)
	{
		set_error(error, MD_ERR_TOO_SHORT,
				  "file is %zu bytes, too short for the %d-byte minidump header",
				  dump->size, MD_HEADER_SIZE);
		return false;
	}
	h->signature = md_u32(p);
	h->version = md_u32(p + 4);
	h->stream_count = md_u32(p + 8);
	h->stream_directory_rva = md_u32(p + 12);
	h->checksum = md_u32(p + 16);
	h->time_date_stamp = md_u32(p + 20);
	h->flags = md_u64(p + 24);
	return check_header(h, error);
}

/* Note a directory entry whose stream lies (partly) outside the file. */
static void
check_entry_bounds(md_dump *dump, uint32_t index)
{
	const md_directory_entry *entry = &dump->directory[index];
	const char *name = md_stream_name(entry->stream_type);

	if (md_range_ok(dump, entry->location.rva, entry->location.data_size))
		return;
	if (name != NULL)
		md_note(dump, "stream %u (%s) at 0x%x, %u bytes, extends past end of file (%zu bytes)",
				index, name, entry->location.rva, entry->location.data_size,
				dump->size);
	else
		md_note(dump, "stream %u (type 0x%x) at 0x%x, %u bytes, extends past end of file (%zu bytes)",
				index, entry->stream_type, entry->location.rva,
				entry->location.data_size, dump->size);
}

/* Read the MINIDUMP_DIRECTORY array; false (with error set) if unusable. */
static bool
read_directory(md_dump *dump, md_error *error)
{
	uint32_t	count = dump->header.stream_count;
	uint32_t	rva = dump->header.stream_directory_rva;
	uint32_t	i;

	if (!md_range_ok(dump, rva, (uint64_t) count * MD_DIRECTORY_SIZE))
	{
		set_error(error, MD_ERR_DIRECTORY,
				  "stream directory (%u entries at 0x%x) extends past end of file (%zu bytes)",
				  count, rva, dump->size);
		return false;
	}
	dump->directory = md_arena_array(&dump->arena, count, sizeof(md_directory_entry));
	if (dump->directory == NULL)
		return count == 0;
	for (i = 0; i < count; i++)
	{
		const uint8_t *p = dump->data + rva + (size_t) i * MD_DIRECTORY_SIZE;

		dump->directory[i].stream_type = md_u32(p);
		dump->directory[i].location.data_size = md_u32(p + 4);
		dump->directory[i].location.rva = md_u32(p + 8);
		check_entry_bounds(dump, i);
	}
	return true;
}

/* The first directory entry of a stream type, or NULL. */
const md_directory_entry *
md_find_stream(const md_dump *dump, uint32_t stream_type)
{
	uint32_t	i;

	if (dump->directory == NULL)
		return NULL;
	for (i = 0; i < dump->header.stream_count; i++)
		if (dump->directory[i].stream_type == stream_type)
			return &dump->directory[i];
	return NULL;
}

/* Note every repeat of a stream type after the first; only that is read. */
static void
note_repeats(md_dump *dump, const md_directory_entry *first)
{
	uint32_t	i;

	for (i = (uint32_t) (first - dump->directory) + 1;
		 i < dump->header.stream_count; i++)
		if (dump->directory[i].stream_type == first->stream_type)
			md_note(dump, "stream %u repeats %s; only the first is read",
					i, md_stream_name(first->stream_type));
}

/*
 * The bytes of a stream this reader parses, checked to lie in the file and
 * to hold at least min_size bytes; NULL if absent or unusable.
 */
const uint8_t *
md_stream_data(md_dump *dump, uint32_t stream_type, uint32_t min_size,
			   uint32_t *size)
{
	const md_directory_entry *entry = md_find_stream(dump, stream_type);

	if (entry == NULL)
		return NULL;
	note_repeats(dump, entry);
	if (!md_range_ok(dump, entry->location.rva, entry->location.data_size))
		return NULL;			/* check_entry_bounds noted it */
	if (entry->location.data_size < min_size)
	{
		md_note(dump, "%s is %u bytes, shorter than its %u-byte minimum",
				md_stream_name(stream_type), entry->location.data_size, min_size);
		return NULL;
	}
	*size = entry->location.data_size;
	return dump->data + entry->location.rva;
}

/*
 * How many entries a list stream (a 32-bit count, then fixed-size entries)
 * can be read from: the count, trimmed to what the stream has room for and
 * to MD_MAX_LIST_ENTRIES.  *first is where the entries start: after the
 * count, or 4 bytes later when the writer padded the count to 8 bytes (as
 * Breakpad allows).  The caller guarantees size >= 4.
 */
uint32_t
md_list_entries(md_dump *dump, uint32_t stream_type, const uint8_t *stream,
				uint32_t size, uint32_t entry_size, uint32_t *first)
{
	uint32_t	count = md_u32(stream);
	uint32_t	room;

	*first = 4;
	if ((uint64_t) size == 8 + (uint64_t) count * entry_size)
		*first = 8;
	room = (size - *first) / entry_size;
	if (count > room)
	{
		md_note(dump, "%s claims %u entries but has room for %u",
				md_stream_name(stream_type), count, room);
		count = room;
	}
	if (count > MD_MAX_LIST_ENTRIES)
	{
		md_note(dump, "%s has %u entries; reading the first %d",
				md_stream_name(stream_type), count, MD_MAX_LIST_ENTRIES);
		count = MD_MAX_LIST_ENTRIES;
	}
	return count;
}

/*
 * Run the stream readers.  System info comes first: the crash address and
 * module code identifiers depend on the platform and CPU.
 */
static void
read_streams(md_dump *dump)
{
	md_read_system_info(dump);
	md_read_breakpad_info(dump);
	md_read_exception(dump);
	md_read_threads(dump);
	md_read_thread_names(dump);
	md_read_modules(dump);
	md_read_unloaded_modules(dump);
	if (dump->exception != NULL)
		dump->crashing_thread = md_thread_index(dump, dump->exception->thread_id);
}

/*
 * Open a minidump held in data[0..size).  Returns NULL with *error set if
 * it is not a usable minidump or memory ran out.  allocator may be NULL
 * for malloc; error may be NULL.
 */
md_dump *
md_open(const uint8_t *data, size_t size, const md_allocator *allocator,
		md_error *error)
{
	md_dump    *dump = md_alloc_raw(allocator, sizeof(md_dump));

	set_error(error, MD_OK, "%s", "");
	if (dump == NULL)
	{
		set_error(error, MD_ERR_NOMEM, "out of memory opening the minidump");
		return NULL;
	}
	memset(dump, 0, sizeof(md_dump));
	dump->data = data;
	dump->size = data != NULL ? size : 0;
	dump->crashing_thread = -1;
	dump->string_budget = MD_STRING_BUDGET;
	md_arena_init(&dump->arena, allocator);
	if (read_header(dump, error) && read_directory(dump, error))
	{
		read_streams(dump);
		if (!dump->arena.failed)
			return dump;
	}
	if (dump->arena.failed)
		set_error(error, MD_ERR_NOMEM, "out of memory reading the minidump");
	md_close(dump);
	return NULL;
}

/* Free a dump and everything read from it; NULL is ignored. */
void
md_close(md_dump *dump)
{
	if (dump == NULL)
		return;
	md_arena_free_all(&dump->arena);
	md_free_raw(dump->arena.allocator, dump);
}
