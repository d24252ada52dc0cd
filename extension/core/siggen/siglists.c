/*-------------------------------------------------------------------------
 * extension/core/siggen/siglists.c
 *	  Loading Socorro's four signature list files and matching against
 *	  them.
 *
 *	  A list file holds one entry per line; lines are trimmed, and blank
 *	  lines and lines starting with '#' are skipped.  The three regex
 *	  lists are each compiled once into "^(?:e1|e2|...)" (Python's
 *	  re.match anchors the start only) and JIT-compiled when PCRE2 can.
 *	  Each entry is first compiled alone, so a bad one is reported with
 *	  its line number and PCRE2's message.  Sentinels are exact strings.
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SG_RE_OPTIONS (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)

/* Call fn(line, lineno, arg) for each entry line of a list text. */
static int
for_each_entry(const char *text, int (*fn) (const char *, int, void *), void *arg)
{
	int			lineno = 0;

	while (text && *text)
	{
		const char *nl = strchr(text, '\n');
		size_t		n = nl ? (size_t) (nl - text) : strlen(text);
		char	   *raw = sg_strndup(text, n);
		char	   *line = raw ? sg_strip(raw) : NULL;
		int			rc = 0;

		lineno++;
		free(raw);
		if (!line)
			return -1;
		if (line[0] != '\0' && line[0] != '#')
			rc = fn(line, lineno, arg);
		free(line);
		if (rc != 0)
			return rc;
		text += n + (nl ? 1 : 0);
	}
	return 0;
}

/* State for checking and joining the entries of one regex list. */
typedef struct re_join
{
	const char *what;
	int			list;			/* SIGGEN_LIST_* */
	sg_buf		pattern;
	int			entries;
	siggen_list_error *where;
	char	   *err;
	size_t		errlen;
} re_join;

/* Compile one entry alone (to report errors by line), then join it. */
static int
add_regex_entry(const char *line, int lineno, void *arg)
{
	re_join    *j = arg;
	int			code;
	PCRE2_SIZE	off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR) line, PCRE2_ZERO_TERMINATED,
								   SG_RE_OPTIONS, &code, &off, NULL);

	if (!re)
	{
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		j->where->list = j->list;
		j->where->line = lineno;
		snprintf(j->where->reason, sizeof(j->where->reason), "%s at offset %zu",
				 (char *) msg, (size_t) off);
		snprintf(j->err, j->errlen, "%s line %d: invalid regular expression \"%s\": %s at offset %zu",
				 j->what, lineno, line, (char *) msg, (size_t) off);
		return 1;
	}
	pcre2_code_free(re);
	sg_buf_adds(&j->pattern, j->entries++ ? "|" : "");
	sg_buf_adds(&j->pattern, line);
	return 0;
}

/* Compile a list text into one start-anchored alternation. */
static pcre2_code *
compile_list(const char *what, int list, const char *text,
			 siggen_list_error *where, char *err, size_t errlen)
{
	re_join		j = {what, list, {NULL, 0, 0, false}, 0, where, err, errlen};
	pcre2_code *re = NULL;
	char	   *pat;
	int			code;
	PCRE2_SIZE	off;

	sg_buf_adds(&j.pattern, "^(?:");
	if (for_each_entry(text, add_regex_entry, &j) != 0)
	{
		if (!err[0])
			snprintf(err, errlen, "%s: out of memory", what);
		free(sg_buf_finish(&j.pattern));
		return NULL;
	}
	sg_buf_adds(&j.pattern, ")");
	pat = sg_buf_finish(&j.pattern);
	if (pat)
		re = pcre2_compile((PCRE2_SPTR) pat, PCRE2_ZERO_TERMINATED,
						   SG_RE_OPTIONS, &code, &off, NULL);
	free(pat);
	if (!re)
		snprintf(err, errlen, "%s: cannot compile the joined list", what);
	else
		(void) pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* optional */
	return re;
}

/* Add one unconditional sentinel line. */
static int
add_sentinel_entry(const char *line, int lineno, void *arg)
{
	(void) lineno;
	return siggen_lists_add_sentinel(arg, line, NULL);
}

/* Does the start of s match the list? */
bool
sg_match(const pcre2_code *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int			rc;

	if (!md)
		return false;
	rc = pcre2_match(re, (PCRE2_SPTR) s, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

/* Build the lists from the four file texts. */
siggen_lists *
siggen_lists_from_text(const char *irrelevant, const char *prefix,
					   const char *sentinels, const char *line_numbers,
					   char *err, size_t errlen)
{
	const char *texts[SIGGEN_NLISTS] = {irrelevant, prefix, sentinels, line_numbers};
	siggen_list_error where;

	return siggen_lists_compile(texts, &where, err, errlen);
}

/* Build the lists from the four texts, saying where a bad entry is. */
siggen_lists *
siggen_lists_compile(const char *const texts[SIGGEN_NLISTS], siggen_list_error *where,
					 char *err, size_t errlen)
{
	siggen_lists *l = calloc(1, sizeof(siggen_lists));

	err[0] = '\0';
	where->list = -1;
	where->line = 0;
	where->reason[0] = '\0';
	if (!l)
	{
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (!(l->irrelevant = compile_list("irrelevant_signature_re.txt", SIGGEN_LIST_IRRELEVANT,
									   texts[SIGGEN_LIST_IRRELEVANT], where, err, errlen)) ||
		!(l->prefix = compile_list("prefix_signature_re.txt", SIGGEN_LIST_PREFIX,
								   texts[SIGGEN_LIST_PREFIX], where, err, errlen)) ||
		!(l->line_numbers = compile_list("signatures_with_line_numbers_re.txt",
										 SIGGEN_LIST_LINE_NUMBERS,
										 texts[SIGGEN_LIST_LINE_NUMBERS], where, err, errlen)))
	{
		siggen_lists_free(l);
		return NULL;
	}
	if (for_each_entry(texts[SIGGEN_LIST_SENTINELS], add_sentinel_entry, l) != 0)
	{
		snprintf(err, errlen, "signature_sentinels.txt: out of memory");
		siggen_lists_free(l);
		return NULL;
	}
	return l;
}

/* Append a sentinel (conditional when only_if_present is not NULL). */
int
siggen_lists_add_sentinel(siggen_lists *lists, const char *sentinel,
						  const char *only_if_present)
{
	sg_sentinel *n = realloc(lists->sentinels,
							 (size_t) (lists->nsentinels + 1) * sizeof(sg_sentinel));
	sg_sentinel *s;

	if (!n)
		return -1;
	lists->sentinels = n;
	s = &n[lists->nsentinels];
	s->frame = sg_strdup(sentinel);
	s->only_if = only_if_present ? sg_strdup(only_if_present) : NULL;
	if (!s->frame || (only_if_present && !s->only_if))
	{
		free(s->frame);
		free(s->only_if);
		return -1;
	}
	lists->nsentinels++;
	return 0;
}

/* Free the lists. */
void
siggen_lists_free(siggen_lists *lists)
{
	int			i;

	if (!lists)
		return;
	pcre2_code_free(lists->irrelevant);
	pcre2_code_free(lists->prefix);
	pcre2_code_free(lists->line_numbers);
	for (i = 0; i < lists->nsentinels; i++)
	{
		free(lists->sentinels[i].frame);
		free(lists->sentinels[i].only_if);
	}
	free(lists->sentinels);
	free(lists);
}
