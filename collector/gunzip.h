/*-------------------------------------------------------------------------
 * collector/gunzip.h
 *	  Streaming gzip decompression of a request body sent with
 *	  Content-Encoding: gzip.  Output goes to a sink callback in pieces
 *	  as it is produced, and stops with an error once it passes a cap, so
 *	  a small gzip bomb cannot make us allocate its expanded size.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_GUNZIP_H
#define COLLECTOR_GUNZIP_H

#include <stdbool.h>
#include <stddef.h>

typedef enum GunzipStatus
{
	GUNZIP_OK = 0,
	GUNZIP_BAD_DATA,			/* not gzip, or corrupt */
	GUNZIP_TRUNCATED,			/* input ended inside the gzip stream */
	GUNZIP_TOO_LARGE,			/* output passed the cap */
	GUNZIP_NO_MEMORY,
	GUNZIP_STOPPED				/* the sink returned false */
} GunzipStatus;

/* Receives decompressed bytes; returns false to stop. */
typedef bool (*GunzipSink) (void *arg, const char *data, size_t len);

typedef struct Gunzip Gunzip;

extern GunzipStatus gunzip_create(Gunzip **gunzip, size_t max_output,
								  GunzipSink sink, void *arg);
extern GunzipStatus gunzip_feed(Gunzip *gunzip, const char *data, size_t len);
extern GunzipStatus gunzip_finish(Gunzip *gunzip);
extern void gunzip_free(Gunzip *gunzip);

#endif							/* COLLECTOR_GUNZIP_H */
