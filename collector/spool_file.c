/*-------------------------------------------------------------------------
 * collector/spool_file.c
 *	  The format of one spooled report, and reading it back.  A spool file
 *	  is what crashpipe.submit needs, length-prefixed, little-endian:
 *
 *	    "CPSPOOL1"
 *	    u32 length, annotations JSON
 *	    u32 length, metadata JSON
 *	    u32 dump count, then per dump: u32 length, name; u64 length, bytes
 *	    u32 CRC-32 (zlib's) of everything before it
 *
 *	  Files are only ever renamed into place complete, but a disk can still
 *	  hand back damaged bytes, so reading checks every length against the
 *	  file and the checksum before anything is used.
 *-------------------------------------------------------------------------
 */
#include "spool_file.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define SPOOL_MAGIC "CPSPOOL1"
#define SPOOL_MAGIC_LEN 8
#define SPOOL_MAX_FILE (1024u * 1024 * 1024)

/* Append an unsigned integer of width bytes, little-endian. */
static bool
put_uint(Buffer *out, uint64_t value, int width)
{
	unsigned char bytes[8];

	for (int i = 0; i < width; i++)
		bytes[i] = (unsigned char) (value >> (8 * i));
	return buffer_append(out, bytes, (size_t) width);
}

/* Append a u32 length and the bytes. */
static bool
put_chunk(Buffer *out, const void *data, size_t len)
{
	return len <= UINT32_MAX && put_uint(out, len, 4) && buffer_append(out, data, len);
}

/* Encode a report and its metadata into out. */
bool
spool_encode(const Report *report, const char *metadata, Buffer *out)
{
	bool		ok = buffer_append(out, SPOOL_MAGIC, SPOOL_MAGIC_LEN) &&
		put_chunk(out, report->annotations.data, report->annotations.len) &&
		put_chunk(out, metadata, strlen(metadata)) &&
		put_uint(out, (uint64_t) report->ndumps, 4);

	for (int i = 0; ok && i < report->ndumps; i++)
		ok = put_chunk(out, report->dumps[i].name, strlen(report->dumps[i].name)) &&
			put_uint(out, report->dumps[i].data.len, 8) &&
			buffer_append(out, report->dumps[i].data.data, report->dumps[i].data.len);
	return ok && put_uint(out, crc32(0L, (const Bytef *) out->data, (uInt) out->len), 4);
}

/* A read position in a spool file's bytes. */
typedef struct Reader
{
	const unsigned char *p;
	size_t		left;
} Reader;

/* Take an unsigned integer of width bytes; false past the end. */
static bool
take_uint(Reader *r, int width, uint64_t *out)
{
	if (r->left < (size_t) width)
		return false;
	*out = 0;
	for (int i = 0; i < width; i++)
		*out |= (uint64_t) r->p[i] << (8 * i);
	r->p += width;
	r->left -= (size_t) width;
	return true;
}

/* Take len bytes into buf (NUL-terminated); false past the end. */
static bool
take_bytes(Reader *r, uint64_t len, Buffer *buf)
{
	if (len > r->left)
		return false;
	buffer_reset(buf);
	if (!buffer_append(buf, r->p, (size_t) len))
		return false;
	r->p += len;
	r->left -= (size_t) len;
	return true;
}

/* Read the dumps into report; false if the file is damaged. */
static bool
decode_dumps(Reader *r, Report *report)
{
	uint64_t	count,
				len;
	Buffer		name;
	bool		ok = take_uint(r, 4, &count) && count <= 100000;

	buffer_init(&name);
	report->dumps = ok && count > 0 ? calloc((size_t) count, sizeof(ReportDump)) : NULL;
	ok = ok && (count == 0 || report->dumps != NULL);
	for (uint64_t i = 0; ok && i < count; i++)
	{
		ReportDump *dump = &report->dumps[report->ndumps++];

		buffer_init(&dump->data);
		ok = take_uint(r, 4, &len) && len <= REPORT_DUMP_NAME_MAX && take_bytes(r, len, &name) &&
			take_uint(r, 8, &len) && take_bytes(r, len, &dump->data);
		if (ok)
			memcpy(dump->name, name.data, name.len + 1);
	}
	buffer_free(&name);
	return ok;
}

/* Decode a whole spool file held in memory. */
static bool
spool_decode(const unsigned char *bytes, size_t len, Report *report, Buffer *metadata)
{
	Reader		r;
	Reader		tail;
	uint64_t	chunk,
				crc;

	if (len < SPOOL_MAGIC_LEN + 4 || memcmp(bytes, SPOOL_MAGIC, SPOOL_MAGIC_LEN) != 0)
		return false;
	tail = (Reader) {bytes + len - 4, 4};
	if (!take_uint(&tail, 4, &crc) || crc != crc32(0L, bytes, (uInt) (len - 4)))
		return false;
	r = (Reader) {bytes + SPOOL_MAGIC_LEN, len - SPOOL_MAGIC_LEN - 4};
	return take_uint(&r, 4, &chunk) && take_bytes(&r, chunk, &report->annotations) &&
		take_uint(&r, 4, &chunk) && take_bytes(&r, chunk, metadata) &&
		decode_dumps(&r, report) && r.left == 0;
}

/* Read a file whole; NULL with a message when it cannot be. */
static unsigned char *
slurp(const char *path, size_t *len, char *error, size_t errcap)
{
	FILE	   *f = fopen(path, "rb");
	unsigned char *bytes = NULL;
	long		size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
		(uint64_t) size > SPOOL_MAX_FILE || fseek(f, 0, SEEK_SET) != 0 ||
		(bytes = malloc((size_t) size + 1)) == NULL ||
		fread(bytes, 1, (size_t) size, f) != (size_t) size)
	{
		snprintf(error, errcap, "could not read spool file \"%s\"", path);
		free(bytes);
		bytes = NULL;
	}
	if (f)
		fclose(f);
	*len = bytes ? (size_t) size : 0;
	return bytes;
}

/*
 * Read a spool file into report (initialized by the caller) and *metadata
 * (malloc'd).  False, with a message, when it cannot be read or is damaged.
 */
bool
spool_read(const char *path, Report *report, char **metadata, char *error, size_t errcap)
{
	size_t		len;
	unsigned char *bytes = slurp(path, &len, error, errcap);
	Buffer		meta;
	bool		ok;

	if (bytes == NULL)
		return false;
	buffer_init(&meta);
	ok = spool_decode(bytes, len, report, &meta);
	free(bytes);
	if (!ok)
	{
		snprintf(error, errcap, "spool file \"%s\" is damaged (%zu bytes)", path, len);
		buffer_free(&meta);
		return false;
	}
	*metadata = meta.data ? meta.data : strdup("{}");
	return *metadata != NULL;
}
