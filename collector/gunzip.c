/*-------------------------------------------------------------------------
 * collector/gunzip.c
 *	  Streaming gzip decompression with zlib, in gzip mode only (window
 *	  bits 16 + MAX_WBITS), as Antenna does.  Like Python's
 *	  zlib.decompress, which Antenna calls, bytes after the end of the
 *	  gzip stream are ignored, and a body that stops inside the stream is
 *	  an error.
 *-------------------------------------------------------------------------
 */
#include "gunzip.h"

#include <limits.h>
#include <stdlib.h>
#include <zlib.h>

/* Output is produced and handed on in pieces of this size. */
#define GUNZIP_CHUNK 65536

struct Gunzip
{
	z_stream	zs;
	GunzipStatus status;		/* the first error, then sticky */
	bool		ended;			/* the gzip trailer has been read */
	size_t		total_out;		/* bytes produced so far */
	size_t		max_output;
	GunzipSink	sink;
	void	   *arg;
	unsigned char out[GUNZIP_CHUNK];
};

/* Make a decompressor that passes at most max_output bytes to sink. */
GunzipStatus
gunzip_create(Gunzip **gunzip, size_t max_output, GunzipSink sink, void *arg)
{
	Gunzip	   *gz = calloc(1, sizeof(*gz));

	*gunzip = NULL;
	if (gz == NULL)
		return GUNZIP_NO_MEMORY;
	if (inflateInit2(&gz->zs, 16 + MAX_WBITS) != Z_OK)
	{
		free(gz);
		return GUNZIP_NO_MEMORY;
	}
	gz->max_output = max_output;
	gz->sink = sink;
	gz->arg = arg;
	*gunzip = gz;
	return GUNZIP_OK;
}

/* Hand one piece of output to the sink, enforcing the cap first. */
static GunzipStatus
deliver(Gunzip *gz, size_t produced)
{
	if (produced > gz->max_output - gz->total_out)
		return GUNZIP_TOO_LARGE;
	gz->total_out += produced;
	if (produced > 0 && !gz->sink(gz->arg, (const char *) gz->out, produced))
		return GUNZIP_STOPPED;
	return GUNZIP_OK;
}

/* Run inflate over the input already set in zs until it is used up. */
static GunzipStatus
inflate_input(Gunzip *gz)
{
	GunzipStatus status;
	int			ret;

	do
	{
		gz->zs.next_out = gz->out;
		gz->zs.avail_out = GUNZIP_CHUNK;
		ret = inflate(&gz->zs, Z_NO_FLUSH);
		if (ret == Z_MEM_ERROR)
			return GUNZIP_NO_MEMORY;

		/*
		 * What inflate produced before any error is good data.  Passing it
		 * on first makes the outcome independent of how the input was cut
		 * into chunks: the cap is passed, or not, at the same byte.
		 */
		status = deliver(gz, GUNZIP_CHUNK - gz->zs.avail_out);
		if (status != GUNZIP_OK)
			return status;
		/* Z_BUF_ERROR with input left means no progress: corrupt input */
		if ((ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR) ||
			(ret == Z_BUF_ERROR && gz->zs.avail_in > 0))
			return GUNZIP_BAD_DATA;
		gz->ended = ret == Z_STREAM_END;
	} while (!gz->ended && (gz->zs.avail_in > 0 || gz->zs.avail_out == 0));
	return GUNZIP_OK;
}

/* Decompress the next chunk of the body. */
GunzipStatus
gunzip_feed(Gunzip *gz, const char *data, size_t len)
{
	while (gz->status == GUNZIP_OK && !gz->ended && len > 0)
	{
		uInt		take = len > UINT_MAX ? UINT_MAX : (uInt) len;

		gz->zs.next_in = (Bytef *) data;
		gz->zs.avail_in = take;
		gz->status = inflate_input(gz);
		data += take;
		len -= take;
	}
	return gz->status;
}

/* The body has ended: it must have held a whole gzip stream. */
GunzipStatus
gunzip_finish(Gunzip *gz)
{
	if (gz->status == GUNZIP_OK && !gz->ended)
		gz->status = GUNZIP_TRUNCATED;
	return gz->status;
}

/* Free a decompressor (NULL is fine). */
void
gunzip_free(Gunzip *gz)
{
	if (gz == NULL)
		return;
	inflateEnd(&gz->zs);
	free(gz);
}
