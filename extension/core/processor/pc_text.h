/*-------------------------------------------------------------------------
 * extension/core/processor/pc_text.h
 *	  Python's white-space stripping and float() parsing, for the rules
 *	  (pc_text.c).
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_PC_TEXT_H
#define CRASHPIPE_PC_TEXT_H

#include <stdbool.h>
#include <stddef.h>

extern size_t pc_rstrip_len(const char *s, size_t len);
extern size_t pc_lstrip_skip(const char *s, size_t len);
extern bool pc_parse_double(const char *s, size_t len, double *out);

#endif
