/*-------------------------------------------------------------------------
 * extension/core/symbols/sym_build.c
 *	  Build a symbol cache from a parsed .sym file: stage each section,
 *	  then lay them out after the header in one buffer and seal the
 *	  header with its checksum.  The layout is described in
 *	  sym_internal.h.
 *
 *	  The build runs once per symbol file upload, so it favours
 *	  simplicity (stage, then copy) over peak memory.
 *-------------------------------------------------------------------------
 */
#include "sym_build_internal.h"

#include <string.h>

const uint32_t symc_record_size[SYMC_NSECT] = {
	SYMC_FUNC_SIZE, SYMC_LINE_SIZE, SYMC_PUBLIC_SIZE, SYMC_INLINE_SIZE,
	SYMC_CFI_INIT_SIZE, SYMC_CFI_DELTA_SIZE, SYMC_WIN_SIZE, 1
};

/* Add a string of the parsed text to the string table. */
uint32_t
sym_build_str(sym_builder *b, sym_str s)
{
	if (s.len == 0)
		return SYMC_NO_STRING;
	return sym_strtab_add(&b->strtab, b->file->text + s.off, s.len);
}

/* Zeroed staging space for n records of a section. */
uint8_t *
sym_build_stage(sym_builder *b, int sect, uint32_t n)
{
	size_t		bytes = (size_t) n * symc_record_size[sect];

	b->sect[sect] = md_alloc_raw(b->allocator, bytes + 1);
	if (b->sect[sect] == NULL)
	{
		b->nomem = true;
		return NULL;
	}
	memset(b->sect[sect], 0, bytes + 1);
	return b->sect[sect];
}

/* The largest record count of the parse: the size of the sort space. */
static uint32_t
sym_max_count(const sym_file *f)
{
	uint32_t	counts[] = {f->funcs.count, f->lines.count, f->inlines.count,
	f->publics.count, f->cfi_inits.count, f->cfi_deltas.count, f->wins.count};
	uint32_t	max = 1;
	size_t		i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		if (counts[i] > max)
			max = counts[i];
	return max;
}

/* Fill the header of out (total bytes) from the staged sections. */
static void
sym_write_header(sym_builder *b, uint8_t *out, uint64_t total,
				 const uint64_t *offsets, const uint32_t *module)
{
	int			i;

	memcpy(out, SYMC_MAGIC, 8);
	symc_put32(out + 8, SYMC_VERSION);
	symc_put32(out + 12, SYMC_HEADER_SIZE);
	symc_put64(out + 16, total);
	for (i = 0; i < SYMC_NSECT; i++)
	{
		symc_put64(out + SYMC_SECT_OFFSET + 16 * i, offsets[i]);
		symc_put64(out + SYMC_SECT_OFFSET + 16 * i + 8, b->count[i]);
	}
	for (i = 0; i < 6; i++)
		symc_put32(out + SYMC_MODULE_OFFSET + 4 * i, module[i]);
	symc_put32(out + SYMC_BAD_OFFSET, b->file->bad_lines);
	symc_put32(out + SYMC_CHECKSUM_OFFSET, symc_checksum(out));
}

/* Lay out and copy header, sections and string table into one buffer. */
static sym_status
sym_assemble(sym_builder *b, const uint32_t *module, uint8_t **out,
			 size_t *out_len)
{
	uint64_t	offsets[SYMC_NSECT];
	uint64_t	pos = SYMC_HEADER_SIZE;
	uint8_t    *buf;
	int			i;

	b->count[SYMC_STRTAB] = b->strtab.size + 1;
	for (i = 0; i < SYMC_NSECT; i++)
	{
		offsets[i] = pos;
		pos += (b->count[i] * symc_record_size[i] + 7) & ~(uint64_t) 7;
	}
	if (pos > SIZE_MAX)
		return SYM_ERR_TOO_LARGE;
	buf = md_alloc_raw(b->allocator, (size_t) pos);
	if (buf == NULL)
		return SYM_ERR_NOMEM;
	memset(buf, 0, (size_t) pos);
	for (i = 0; i < SYMC_STRTAB; i++)
		if (b->count[i] > 0)
			memcpy(buf + offsets[i], b->sect[i],
				   (size_t) b->count[i] * symc_record_size[i]);
	if (b->strtab.size > 0)
		memcpy(buf + offsets[SYMC_STRTAB], b->strtab.data, b->strtab.size);
	sym_write_header(b, buf, pos, offsets, module);
	*out = buf;
	*out_len = (size_t) pos;
	return SYM_OK;
}

/* Stage every section of the cache. */
static void
sym_build_sections(sym_builder *b, uint32_t *module)
{
	const sym_file *f = b->file;

	module[0] = sym_build_str(b, f->os);
	module[1] = sym_build_str(b, f->arch);
	module[2] = sym_build_str(b, f->debug_id);
	module[3] = sym_build_str(b, f->debug_file);
	module[4] = sym_build_str(b, f->code_id);
	module[5] = sym_build_str(b, f->code_file);
	b->nfiles = sym_idmap_build(b, f->files.items, f->files.count, false,
								&b->files);
	b->norigins = sym_idmap_build(b, f->origins.items, f->origins.count,
								  f->inline_old_format, &b->origins);
	b->scratch = md_alloc_raw(b->allocator,
							  (size_t) sym_max_count(f) * sizeof(sym_range));
	if (b->nomem || b->scratch == NULL)
	{
		b->nomem = true;
		return;
	}
	sym_build_funcs(b);
	sym_build_publics(b);
	sym_build_cfi(b);
	sym_build_wins(b);
}

/* Build the cache bytes for a parse; *out is freed with the allocator. */
sym_status
symcache_build(const sym_file *file, const md_allocator *allocator,
			   uint8_t **out, size_t *out_len)
{
	sym_builder b;
	uint32_t	module[6];
	sym_status	status = SYM_ERR_NOMEM;
	int			i;

	memset(&b, 0, sizeof(b));
	b.file = file;
	b.allocator = allocator;
	sym_strtab_init(&b.strtab, allocator);
	*out = NULL;
	*out_len = 0;
	sym_build_sections(&b, module);
	if (!b.nomem && !b.strtab.nomem)
		status = sym_assemble(&b, module, out, out_len);
	for (i = 0; i < SYMC_NSECT - 1; i++)
		md_free_raw(allocator, b.sect[i]);
	md_free_raw(allocator, b.scratch);
	md_free_raw(allocator, b.files);
	md_free_raw(allocator, b.origins);
	sym_strtab_free(&b.strtab);
	return status;
}
