/*-------------------------------------------------------------------------
 * extension/core/siggen/siggen.h
 *	  Crash signature generation compatible with Socorro's
 *	  socorro/signature package (DEFAULT_RULESET): the public API.
 *
 *	  Load the four signature lists once (siggen_lists_load_dir or
 *	  siggen_lists_from_text), then call siggen_generate for each crash
 *	  with a parsed crash_data object (see json_value.h).  The lists are
 *	  read-only after loading; generation allocates only per call.
 *	  Portable C: no postgres.h.  See /work/shared/specs/siggen-spec.md.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SIGGEN_H
#define CRASHPIPE_SIGGEN_H

#include <stdbool.h>
#include <stddef.h>

#include "json_value.h"

#define SIGGEN_MAX_LENGTH 255

typedef struct siggen_lists siggen_lists;

/* Everything one generation produces; free with siggen_result_free. */
typedef struct siggen_result
{
	char	   *signature;		/* at most 255 printable ASCII characters */
	char	   *proto_signature;	/* NULL unless the C path found frames */
	char	  **frames;			/* the normalized frames (nframes of them) */
	int			nframes;
	char	  **notes;			/* "RuleName: text", in order */
	int			nnotes;
	char	  **debug;			/* "RuleName: text", free-form */
	int			ndebug;
} siggen_result;

/*
 * Load irrelevant_signature_re.txt, prefix_signature_re.txt,
 * signature_sentinels.txt and signatures_with_line_numbers_re.txt from
 * dir.  On failure returns NULL with a message (file, line, PCRE2's
 * reason) in err.
 */
extern siggen_lists *siggen_lists_load_dir(const char *dir, char *err, size_t errlen);

/* The same from the four file texts. */
extern siggen_lists *siggen_lists_from_text(const char *irrelevant, const char *prefix,
											const char *sentinels, const char *line_numbers,
											char *err, size_t errlen);

/* The four lists, in the order siggen_lists_from_text takes them. */
typedef enum siggen_list_kind
{
	SIGGEN_LIST_IRRELEVANT,
	SIGGEN_LIST_PREFIX,
	SIGGEN_LIST_SENTINELS,
	SIGGEN_LIST_LINE_NUMBERS,
	SIGGEN_NLISTS
} siggen_list_kind;

/* Where loading stopped: the bad entry's list and line, and PCRE2's reason. */
typedef struct siggen_list_error
{
	int			list;			/* a siggen_list_kind, or -1 (not an entry) */
	int			line;			/* 1-based line in that list's text, or 0 */
	char		reason[320];	/* "<PCRE2 message> at offset <n>" */
} siggen_list_error;

/*
 * The same from an array of the four texts (indexed by siggen_list_kind);
 * on failure also fills where, so a caller can map the line back to its
 * own numbering (crashpipe.siglists positions).
 */
extern siggen_lists *siggen_lists_compile(const char *const texts[SIGGEN_NLISTS],
										  siggen_list_error *where,
										  char *err, size_t errlen);

/*
 * Add a sentinel that only applies when some normalized frame equals
 * only_if_present (NULL: always applies).  Returns 0, or -1 when out
 * of memory.
 */
extern int	siggen_lists_add_sentinel(siggen_lists *lists, const char *sentinel,
									  const char *only_if_present);
extern void siggen_lists_free(siggen_lists *lists);

/*
 * Generate the signature of one crash.  Returns 0, or -1 when out of
 * memory (out is then empty).
 */
extern int	siggen_generate(const siggen_lists *lists, const json_value *crash_data,
							siggen_result *out);
extern void siggen_result_free(siggen_result *res);

/*
 * The crash_data object of a crash, as Socorro's convert_to_crash_data
 * makes it (crash_data.c).  crash is a processed crash (it has
 * json_dump), a stack walk in rust-minidump's JSON (it has crash_info),
 * or a crash_data object; annotations (may be NULL) fill in keys the
 * crash lacks, as the raw annotations do for a processed crash.  The
 * result borrows from both, so free it with siggen_crash_data_free
 * before freeing them.  NULL when out of memory.
 */
extern json_value *siggen_crash_data(const json_value *crash, const json_value *annotations);

/*
 * The same for a crash known to be a processed crash, whose json_dump is
 * dump (NULL: it has none); crash may be NULL (a stack walk alone).
 */
extern json_value *siggen_processed_crash_data(const json_value *crash,
											   const json_value *annotations,
											   const json_value *dump);
extern void siggen_crash_data_free(json_value *crash_data);

/*
 * Whether siggen_crash_data reads this key at the top of a crash or its
 * annotations, or inside json_dump: callers that convert JSON from
 * another form need convert only those, and as pruned below.
 */
extern bool siggen_crash_key_wanted(const char *key, size_t len);
extern bool siggen_json_dump_key_wanted(const char *key, size_t len);

/*
 * The same inside the threads array: only thread 0 and the crashing
 * thread are read (crashing_thread is the value beside the array, NULL
 * when missing), and of those only some keys of threads and frames.
 */
extern bool siggen_thread_wanted(const json_value *crashing_thread, size_t count, size_t index);
extern bool siggen_thread_key_wanted(const char *key, size_t len);
extern bool siggen_frame_key_wanted(const char *key, size_t len);

/*
 * Whether a processor note line is one of the generator's (it starts with
 * the name of a rule of the pipeline and ": ").
 */
extern bool siggen_is_note(const char *line, size_t len);

#endif							/* CRASHPIPE_SIGGEN_H */
