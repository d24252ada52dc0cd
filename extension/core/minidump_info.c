/*-------------------------------------------------------------------------
 * extension/core/minidump_info.c
 *	  md_info_json: a parsed minidump as the JSON summary that SQL's
 *	  crashpipe.minidump_info returns.
 *
 *	  The field names and shapes are a contract with the SQL side:
 *	    header       version, implementation_version, stream_count,
 *	                 time_date_stamp, flags
 *	    streams      [{type, name, size, offset}] for every directory entry
 *	    system_info  {os, os_ver, cpu_arch, cpu_info, cpu_count,
 *	                 platform_id, csd_version} or null
 *	    crash_info   {exception_code, exception_flags, address,
 *	                 crashing_thread_id, crashing_thread} or null
 *	    thread_count, threads [{thread_id, name}]
 *	    module_count, modules [{base_address, end_address, code_file,
 *	                 code_id, debug_file, debug_id, version}]
 *	    notes        [damage found while reading]
 *	  Counts are null when their stream is absent; crashing_thread is the
 *	  index of the exception's thread in the thread list, or null.  Hex
 *	  values are lower-case "0x..." strings without padding; identifiers
 *	  keep Breakpad's case.  Empty identifiers and versions are null.
 *-------------------------------------------------------------------------
 */
#include "minidump.h"
#include "json_out.h"

#include <stdio.h>

/* Upper bound on the summary text; only a hostile dump comes near it. */
#define MD_INFO_JSON_LIMIT ((size_t) 64 * 1024 * 1024)

/* Write a string member, with null for NULL or empty. */
static void
member_string(json_out *out, const char *key, const char *value)
{
	json_key(out, key);
	json_string(out, (value != NULL && value[0] != '\0') ? value : NULL);
}

/* Write an unsigned integer member. */
static void
member_uint(json_out *out, const char *key, uint64_t value)
{
	json_key(out, key);
	json_uint(out, value);
}

/* Write a hex string member. */
static void
member_hex(json_out *out, const char *key, uint64_t value)
{
	json_key(out, key);
	json_hex(out, value);
}

/* "header": the MINIDUMP_HEADER fields worth keeping. */
static void
emit_header(json_out *out, const md_header *h)
{
	json_key(out, "header");
	json_object_begin(out);
	member_uint(out, "version", h->version & 0xffff);
	member_uint(out, "implementation_version", h->version >> 16);
	member_uint(out, "stream_count", h->stream_count);
	member_uint(out, "time_date_stamp", h->time_date_stamp);
	member_hex(out, "flags", h->flags);
	json_object_end(out);
}

/* "streams": every directory entry, in directory order. */
static void
emit_streams(json_out *out, const md_dump *dump)
{
	uint32_t	i;

	json_key(out, "streams");
	json_array_begin(out);
	for (i = 0; i < dump->header.stream_count; i++)
	{
		const md_directory_entry *e = &dump->directory[i];

		json_object_begin(out);
		member_uint(out, "type", e->stream_type);
		member_string(out, "name", md_stream_name(e->stream_type));
		member_uint(out, "size", e->location.data_size);
		member_uint(out, "offset", e->location.rva);
		json_object_end(out);
	}
	json_array_end(out);
}

/* "system_info": Breakpad's OS and CPU names plus raw ids, or null. */
static void
emit_system_info(json_out *out, const md_system_info *si)
{
	json_key(out, "system_info");
	if (si == NULL)
	{
		json_null(out);
		return;
	}
	json_object_begin(out);
	json_key(out, "os");
	json_string(out, si->os);
	json_key(out, "os_ver");
	json_string(out, si->os_version);
	json_key(out, "cpu_arch");
	json_string(out, si->cpu_arch);
	json_key(out, "cpu_info");
	json_string(out, si->cpu_info);
	member_uint(out, "cpu_count", si->number_of_processors);
	member_uint(out, "platform_id", si->platform_id);
	json_key(out, "csd_version");
	json_string(out, si->csd_version);
	json_object_end(out);
}

/* "crash_info": the exception and the thread it happened on, or null. */
static void
emit_crash_info(json_out *out, const md_dump *dump)
{
	const md_exception *ex = dump->exception;

	json_key(out, "crash_info");
	if (ex == NULL)
	{
		json_null(out);
		return;
	}
	json_object_begin(out);
	member_hex(out, "exception_code", ex->exception_code);
	member_hex(out, "exception_flags", ex->exception_flags);
	member_hex(out, "address", ex->crash_address);
	member_uint(out, "crashing_thread_id", ex->thread_id);
	json_key(out, "crashing_thread");
	if (dump->crashing_thread >= 0)
		json_int(out, dump->crashing_thread);
	else
		json_null(out);
	json_object_end(out);
}

/* "thread_count" and "threads". */
static void
emit_threads(json_out *out, const md_dump *dump)
{
	uint32_t	i;

	json_key(out, "thread_count");
	if (dump->has_thread_list)
		json_uint(out, dump->thread_count);
	else
		json_null(out);
	json_key(out, "threads");
	json_array_begin(out);
	for (i = 0; i < dump->thread_count; i++)
	{
		json_object_begin(out);
		member_uint(out, "thread_id", dump->threads[i].thread_id);
		json_key(out, "name");
		json_string(out, dump->threads[i].name);
		json_object_end(out);
	}
	json_array_end(out);
}

/* One module's range and identifiers. */
static void
emit_module(json_out *out, const md_module *m)
{
	json_object_begin(out);
	member_hex(out, "base_address", m->base_of_image);
	member_hex(out, "end_address", m->base_of_image + m->size_of_image - 1);
	member_string(out, "code_file", m->code_file);
	member_string(out, "code_id", m->code_id);
	member_string(out, "debug_file", m->debug_file);
	member_string(out, "debug_id", m->debug_id);
	member_string(out, "version", m->version);
	json_object_end(out);
}

/* "module_count" and "modules". */
static void
emit_modules(json_out *out, const md_dump *dump)
{
	uint32_t	i;

	json_key(out, "module_count");
	if (dump->has_module_list)
		json_uint(out, dump->module_count);
	else
		json_null(out);
	json_key(out, "modules");
	json_array_begin(out);
	for (i = 0; i < dump->module_count; i++)
		emit_module(out, &dump->modules[i]);
	json_array_end(out);
}

/* "notes": what was damaged, and how many notes were left out. */
static void
emit_notes(json_out *out, const md_dump *dump)
{
	char		buf[64];
	uint32_t	i;

	json_key(out, "notes");
	json_array_begin(out);
	for (i = 0; i < dump->note_count; i++)
		json_string(out, dump->notes[i]);
	if (dump->notes_dropped > 0)
	{
		snprintf(buf, sizeof(buf), "%u more notes left out", dump->notes_dropped);
		json_string(out, buf);
	}
	json_array_end(out);
}

/*
 * The summary as JSON text allocated with the dump's allocator; NULL with
 * *error set (MD_ERR_NOMEM or MD_ERR_TOO_LARGE) on failure.
 */
char *
md_info_json(const md_dump *dump, md_error *error)
{
	json_out	out;
	char	   *text;

	json_init(&out, dump->arena.allocator, MD_INFO_JSON_LIMIT);
	json_object_begin(&out);
	emit_header(&out, &dump->header);
	emit_streams(&out, dump);
	emit_system_info(&out, dump->system_info);
	emit_crash_info(&out, dump);
	emit_threads(&out, dump);
	emit_modules(&out, dump);
	emit_notes(&out, dump);
	json_object_end(&out);
	text = json_finish(&out);
	if (text == NULL && error != NULL)
	{
		error->code = out.status == JSON_TOO_LARGE ? MD_ERR_TOO_LARGE : MD_ERR_NOMEM;
		snprintf(error->message, sizeof(error->message),
				 out.status == JSON_TOO_LARGE ?
				 "the summary would be larger than %zu bytes" :
				 "out of memory writing the summary (limit %zu bytes)",
				 MD_INFO_JSON_LIMIT);
	}
	return text;
}
