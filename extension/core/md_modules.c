/*-------------------------------------------------------------------------
 * extension/core/md_modules.c
 *	  The module list (MINIDUMP_MODULE_LIST): each module's range, name and
 *	  version, and the identifiers symbol lookup needs, derived from its
 *	  CodeView record the way Breakpad derives them.
 *
 *	  debug_id:  PDB 7.0 ("RSDS"): the GUID as the symbol server spells it,
 *	             upper-case, then the age in lower-case hex without padding
 *	             (33 characters while age < 16).  PDB 2.0 ("NB10"): the
 *	             signature as %08X then the age.  ELF ("BpEL"): the first
 *	             16 build-id bytes, zero-padded, read as a GUID, with age 0.
 *	  debug_file: the PDB name in the record; for ELF the module name.
 *	  code_id:   Windows: PE timestamp as %08X then image size as %x.
 *	             Linux, Android, Fuchsia: the ELF build id in lower-case
 *	             hex if there is one.  Apple and other Breakpad-known
 *	             platforms (and Linux without a build id): "id", which is
 *	             what Breakpad reports.  Unknown or no system info: none.
 *	  version:   VS_FIXEDFILEINFO's file version as a.b.c.d when the
 *	             signature and structure version say it is filled in.
 *
 *	  CodeView bytes are charged to the dump's string budget, like strings,
 *	  so thousands of modules pointing at one big record cannot multiply it.
 *-------------------------------------------------------------------------
 */
#include "md_internal.h"

#include <string.h>

#define MD_CV_PDB70				0x53445352	/* "RSDS" */
#define MD_CV_PDB20				0x3031424e	/* "NB10" */
#define MD_CV_ELF				0x4270454c	/* "BpEL" */
#define MD_CV_PDB70_MIN			24
#define MD_CV_PDB20_MIN			16
#define MD_VS_FFI_SIGNATURE		0xfeef04bd
#define MD_VS_FFI_STRUCVERSION	0x00010000

/* "1.2.3.4" from VS_FIXEDFILEINFO, or NULL if it is not filled in. */
static char *
version_string(md_dump *dump, const md_module *m)
{
	if (m->version_signature != MD_VS_FFI_SIGNATURE ||
		(m->version_struct_version & MD_VS_FFI_STRUCVERSION) == 0)
		return NULL;
	return md_sprintf(dump, "%u.%u.%u.%u",
					  m->file_version_hi >> 16, m->file_version_hi & 0xffff,
					  m->file_version_lo >> 16, m->file_version_lo & 0xffff);
}

/* A GUID (16 bytes, little-endian fields) and age as a Breakpad debug id. */
static char *
guid_debug_id(md_dump *dump, const uint8_t *g, uint32_t age)
{
	return md_sprintf(dump, "%08X%04X%04X%02X%02X%02X%02X%02X%02X%02X%02X%x",
					  md_u32(g), md_u16(g + 4), md_u16(g + 6),
					  g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15], age);
}

/* Bytes up to the first NUL (or len) as a new arena string. */
static char *
copy_cstring(md_dump *dump, const uint8_t *p, uint32_t len)
{
	const uint8_t *nul = memchr(p, 0, len);
	size_t		n = nul ? (size_t) (nul - p) : len;
	char	   *out = md_arena_alloc(&dump->arena, n + 1);

	if (out != NULL)
		memcpy(out, p, n);
	return out;
}

/* Bytes as lower-case hex, as a new arena string. */
static char *
hex_string(md_dump *dump, const uint8_t *p, uint32_t len)
{
	static const char digits[] = "0123456789abcdef";
	char	   *out = md_arena_alloc(&dump->arena, (size_t) len * 2 + 1);
	uint32_t	i;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++)
	{
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0xf];
	}
	return out;
}

/* Fill in debug_id and debug_file from a CodeView record of len bytes. */
static void
parse_codeview(md_dump *dump, md_module *m, const uint8_t *cv, uint32_t len)
{
	uint32_t	signature = md_u32(cv);
	uint8_t		guid[16] = {0};

	if (signature == MD_CV_PDB70 && len >= MD_CV_PDB70_MIN)
	{
		m->debug_id = guid_debug_id(dump, cv + 4, md_u32(cv + 20));
		m->debug_file = copy_cstring(dump, cv + 24, len - 24);
	}
	else if (signature == MD_CV_PDB20 && len >= MD_CV_PDB20_MIN)
	{
		m->debug_id = md_sprintf(dump, "%08X%x", md_u32(cv + 8), md_u32(cv + 12));
		m->debug_file = copy_cstring(dump, cv + 16, len - 16);
	}
	else if (signature == MD_CV_ELF)
	{
		memcpy(guid, cv + 4, len - 4 < 16 ? len - 4 : 16);
		m->debug_id = guid_debug_id(dump, guid, 0);
		m->debug_file = m->code_file;
	}
	else
		return;
	m->cv_signature = signature;
}

/* Read a module's CodeView record, if it has a usable one. */
static void
read_codeview(md_dump *dump, md_module *m, uint32_t index)
{
	md_location loc = m->cv_record;

	if (loc.data_size == 0)
		return;
	if (loc.data_size < 4 || loc.data_size > MD_MAX_CV_BYTES ||
		!md_range_ok(dump, loc.rva, loc.data_size))
	{
		md_note(dump, "CodeView record of module %u (%u bytes at 0x%x) is unreadable",
				index, loc.data_size, loc.rva);
		return;
	}
	if (!md_take_budget(dump, loc.data_size))
		return;
	parse_codeview(dump, m, dump->data + loc.rva, loc.data_size);
}

/* Breakpad's code identifier for a module; NULL where it has none. */
static char *
code_identifier(md_dump *dump, const md_module *m)
{
	const md_system_info *si = dump->system_info;

	if (si == NULL)
		return NULL;
	switch (si->platform_id)
	{
		case MD_OS_WIN32_NT:
		case MD_OS_WIN32_WINDOWS:
			return md_sprintf(dump, "%08X%x", m->time_date_stamp, m->size_of_image);
		case MD_OS_LINUX:
		case MD_OS_ANDROID:
		case MD_OS_FUCHSIA:
			if (m->cv_signature == MD_CV_ELF)
				return hex_string(dump, dump->data + m->cv_record.rva + 4,
								  m->cv_record.data_size - 4);
			return md_sprintf(dump, "id");
		case MD_OS_MAC_OS_X:
		case MD_OS_IOS:
		case MD_OS_SOLARIS:
		case MD_OS_NACL:
		case MD_OS_PS3:
			return md_sprintf(dump, "id");
		default:
			return NULL;
	}
}

/* Read one MINIDUMP_MODULE record and what it points at. */
static void
read_module(md_dump *dump, md_module *m, const uint8_t *p, uint32_t index)
{
	m->base_of_image = md_u64(p);
	m->size_of_image = md_u32(p + 8);
	m->checksum = md_u32(p + 12);
	m->time_date_stamp = md_u32(p + 16);
	m->module_name_rva = md_u32(p + 20);
	m->version_signature = md_u32(p + 24);
	m->version_struct_version = md_u32(p + 28);
	m->file_version_hi = md_u32(p + 32);
	m->file_version_lo = md_u32(p + 36);
	m->cv_record.data_size = md_u32(p + 76);
	m->cv_record.rva = md_u32(p + 80);
	m->misc_record.data_size = md_u32(p + 84);
	m->misc_record.rva = md_u32(p + 88);
	m->code_file = md_read_string(dump, m->module_name_rva);
	if (m->code_file == NULL)
		md_note(dump, "name of module %u at 0x%x is unreadable",
				index, m->module_name_rva);
	m->version = version_string(dump, m);
	read_codeview(dump, m, index);
	m->code_id = code_identifier(dump, m);
}

/* Read the module list into dump->modules, if present. */
void
md_read_modules(md_dump *dump)
{
	uint32_t	size;
	const uint8_t *p = md_stream_data(dump, MD_STREAM_MODULE_LIST, 4, &size);
	uint32_t	first;
	uint32_t	count;
	uint32_t	i;

	if (p == NULL)
		return;
	count = md_list_entries(dump, MD_STREAM_MODULE_LIST, p, size,
							MD_MODULE_SIZE, &first);
	dump->modules = md_arena_array(&dump->arena, count, sizeof(md_module));
	if (dump->modules == NULL)
		return;
	for (i = 0; i < count; i++)
		read_module(dump, &dump->modules[i],
					p + first + (size_t) i * MD_MODULE_SIZE, i);
	dump->module_count = count;
	dump->has_module_list = true;
}
