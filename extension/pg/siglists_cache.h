/*-------------------------------------------------------------------------
 * extension/pg/siglists_cache.h
 *	  The signature lists of crashpipe.siglists, compiled through the
 *	  portable generator and cached per backend (siglists_cache.c).
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SIGLISTS_CACHE_H
#define CRASHPIPE_SIGLISTS_CACHE_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/jsonb.h"

#include "siggen.h"

/* The names of the lists (crashpipe.siglists.list), by siggen_list_kind. */
extern const char *const crashpipe_siglist_names[SIGGEN_NLISTS];

/*
 * What a regex list without entries compiles as: a pattern that matches
 * nothing (the generator, like Socorro, would join no entries into a
 * pattern that matches every frame).
 */
#define CRASHPIPE_NO_MATCH_REGEX "(?!)"

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

/*
 * Candidate lists given as jsonb ({"prefix": ["..."], ...}; a missing list
 * is empty), compiled and cached in the calling expression; a bad entry is
 * an ERROR naming list and entry (siglists_json.c).  Do not free.
 */
extern const siggen_lists *crashpipe_siglists_from_jsonb(FunctionCallInfo fcinfo, Jsonb *lists);

#endif							/* CRASHPIPE_SIGLISTS_CACHE_H */
