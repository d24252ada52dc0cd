/*-------------------------------------------------------------------------
 * extension/pg/siglists_cache.h
 *	  The signature lists of crashpipe.siglists, compiled through the
 *	  portable generator and cached per backend (siglists_cache.c).
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SIGLISTS_CACHE_H
#define CRASHPIPE_SIGLISTS_CACHE_H

#include "postgres.h"

#include "siggen.h"

/*
 * Compile the lists as crashpipe.siglists holds them (read_only: in the
 * current snapshot, else in a fresh one that sees this statement's
 * changes); the caller is connected to SPI and frees the result with
 * siggen_lists_free.  A bad entry is an ERROR naming list and line.
 */
extern siggen_lists *crashpipe_siglists_compile(bool read_only, int64 *version);

/*
 * The lists for the current call: the cached ones while the committed
 * siglists_version stamp is the one they were compiled under, else the
 * table's lists compiled afresh.  Owned by the cache; do not free.
 */
extern const siggen_lists *crashpipe_siglists_current(void);

#endif							/* CRASHPIPE_SIGLISTS_CACHE_H */
