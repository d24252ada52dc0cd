/*-------------------------------------------------------------------------
 * extension/core/siggen/sg_util.h
 *	  Small string helpers shared by the signature generator: a growable
 *	  byte buffer, a growable list of owned strings, and prefix/suffix and
 *	  trimming helpers.
 *
 *	  Allocation failures are sticky: a failed buffer or list remembers it
 *	  and its finishing call returns NULL, so callers check once at the end.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SG_UTIL_H
#define CRASHPIPE_SG_UTIL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sg_buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
	bool		failed;
} sg_buf;

typedef struct sg_list
{
	char	  **items;
	int			count;
	int			cap;
	bool		failed;
} sg_list;

extern void sg_buf_init(sg_buf *b);
extern void sg_buf_addn(sg_buf *b, const char *s, size_t n);
extern void sg_buf_adds(sg_buf *b, const char *s);
extern void sg_buf_addc(sg_buf *b, char c);
extern char *sg_buf_finish(sg_buf *b);

extern void sg_list_push(sg_list *l, char *owned);
extern void sg_list_pushs(sg_list *l, const char *s);
extern void sg_list_free(sg_list *l);
extern char *sg_list_join(const sg_list *l, int from, const char *sep);

extern char *sg_strdup(const char *s);
extern char *sg_strndup(const char *s, size_t n);
extern char *sg_concat3(const char *a, const char *b, const char *c);
extern bool sg_starts(const char *s, const char *prefix);
extern bool sg_ends(const char *s, const char *suffix);
extern bool sg_isspace(int c);
extern char *sg_strip(const char *s);
extern char *sg_utf8_prefix(const char *s, size_t max_chars);

#endif							/* CRASHPIPE_SG_UTIL_H */
