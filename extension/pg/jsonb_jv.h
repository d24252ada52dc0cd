/*-------------------------------------------------------------------------
 * extension/pg/jsonb_jv.h
 *	  Conversions between jsonb and the signature generator's json_value
 *	  trees (jsonb_jv.c).
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_JSONB_JV_H
#define CRASHPIPE_JSONB_JV_H

#include "postgres.h"

#include "utils/jsonb.h"

#include "json_value.h"

/*
 * The parts of a crash (a jsonb object; what names the argument in the
 * error for anything else) that signature generation reads, as a
 * malloc'd tree for jv_free: only the keys siggen_crash_key_wanted names
 * at the top, and those siggen_json_dump_key_wanted names in json_dump.
 */
extern json_value *crashpipe_crash_to_jv(Jsonb *crash, const char *what);

/* An array or object tree as jsonb, in the current memory context. */
extern Jsonb *crashpipe_jv_to_jsonb(const json_value *v);

#endif							/* CRASHPIPE_JSONB_JV_H */
