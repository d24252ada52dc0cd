/*-------------------------------------------------------------------------
 * extension/core/md_unloaded.c
 *	  The unloaded module list (MINIDUMP_UNLOADED_MODULE_LIST, stream 14):
 *	  modules the process had loaded and unloaded again, kept so a frame
 *	  whose address lies in no loaded module can still be attributed.
 *
 *	  The stream starts with its own header size, entry size and count;
 *	  entries are read at the entry size the writer declared (at least
 *	  the 24 bytes this reader uses), so a newer writer's longer entries
 *	  still read.  The code identifier is Breakpad's for Windows modules:
 *	  timestamp as %08X, then the image size as %x.
 *-------------------------------------------------------------------------
 */
#include "md_internal.h"

#define MD_STREAM_UNLOADED_MODULE_LIST	14
#define MD_UNLOADED_HEADER_MIN			12
#define MD_UNLOADED_ENTRY_MIN			24

/* Read one entry at p. */
static void
read_unloaded(md_dump *dump, md_unloaded_module *m, const uint8_t *p)
{
	m->base_of_image = md_u64(p);
	m->size_of_image = md_u32(p + 8);
	m->checksum = md_u32(p + 12);
	m->time_date_stamp = md_u32(p + 16);
	m->name = md_read_string(dump, md_u32(p + 20));
	m->code_id = md_sprintf(dump, "%08X%x", m->time_date_stamp,
							m->size_of_image);
}

/* Read the unloaded module list into dump->unloaded, if present. */
void
md_read_unloaded_modules(md_dump *dump)
{
	uint32_t	size;
	const uint8_t *p = md_stream_data(dump, MD_STREAM_UNLOADED_MODULE_LIST,
									  MD_UNLOADED_HEADER_MIN, &size);
	uint32_t	header;
	uint32_t	entry;
	uint32_t	count;
	uint32_t	i;

	if (p == NULL)
		return;
	header = md_u32(p);
	entry = md_u32(p + 4);
	count = md_u32(p + 8);
	if (header < MD_UNLOADED_HEADER_MIN || header > size ||
		entry < MD_UNLOADED_ENTRY_MIN)
	{
		md_note(dump, "UnloadedModuleListStream has header size %u and entry size %u; not read",
				header, entry);
		return;
	}
	if (count > (size - header) / entry)
	{
		md_note(dump, "UnloadedModuleListStream claims %u entries but has room for %u",
				count, (size - header) / entry);
		count = (size - header) / entry;
	}
	if (count > MD_MAX_LIST_ENTRIES)
		count = MD_MAX_LIST_ENTRIES;
	dump->unloaded = md_arena_array(&dump->arena, count ? count : 1,
									sizeof(md_unloaded_module));
	if (dump->unloaded == NULL)
		return;
	for (i = 0; i < count; i++)
		read_unloaded(dump, &dump->unloaded[i],
					  p + header + (size_t) i * entry);
	dump->unloaded_count = count;
	dump->has_unloaded_list = true;
}
