/*-------------------------------------------------------------------------
 * extension/core/siggen/sg_internal.h
 *	  Declarations shared between the files of the signature generator,
 *	  one block per phase: lists, text helpers, frame normalization,
 *	  frame lists, the C signature walk, the Java tools and the rules.
 *
 *	  The unit test includes this too, to check each phase on its own
 *	  the way Socorro's tests (and the oracle's case kinds) do.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SG_INTERNAL_H
#define CRASHPIPE_SG_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>

#include "json_value.h"
#include "sg_util.h"
#include "siggen.h"

#define SG_MAX_FRAMES 40

/* One sentinel; only_if is NULL for an unconditional one. */
typedef struct sg_sentinel
{
	char	   *frame;
	char	   *only_if;
} sg_sentinel;

struct siggen_lists
{
	pcre2_code *irrelevant;
	pcre2_code *prefix;
	pcre2_code *line_numbers;
	sg_sentinel *sentinels;
	int			nsentinels;
};

/* siglists.c */
extern bool sg_match(const pcre2_code *re, const char *s);

/* sg_text.c: Socorro's utils.py helpers */
extern int	sg_find_enclosed_slices(const char *s, char open, char close,
									size_t (*slices)[2], int max);
extern char *sg_collapse_types(const char *s);
extern char *sg_collapse_types_rust(const char *s);
extern char *sg_collapse_arguments(const char *s, bool keep_special);
extern char *sg_drop_prefix_and_return_type(const char *s);
extern char *sg_parse_source_file(const char *file);
extern char *sg_strip_leading_zeros(const char *text);
extern char *sg_drop_bad_characters(const char *s, size_t len);
extern char *sg_parse_crashid(const char *item);

/* normalize.c and normalize_cpp.c */
typedef struct sg_frame
{
	const char *function;
	const char *file;
	const char *module;
	const char *offset;
	const json_value *line;
	const json_value *unloaded_modules;
} sg_frame;

extern char *sg_line_text(const json_value *line);
extern char *sg_normalize_cpp(const siggen_lists *lists, const char *function,
							  const json_value *line);
extern char *sg_normalize_rust(const siggen_lists *lists, const char *function,
							   const json_value *line);
extern char *sg_normalize_frame(const siggen_lists *lists, const sg_frame *f);
extern char *sg_space_fixups(const char *s);

/* frames.c */
extern long sg_crashing_thread(const json_value *crash_data);
extern long sg_thread_index(const json_value *ct);
extern const json_value *sg_thread(const json_value *crash_data, long index);
extern const char *sg_fix_missing_module(const char *file, const char *function);
extern void sg_create_frame_list(const siggen_lists *lists, const json_value *thread,
								 bool lower_modules, sg_list *out);

/* csig.c */
extern char *sg_c_generate(const siggen_lists *lists, const sg_list *frames,
						   long thread_index, sg_list *notes);

/* java.c */
extern char *sg_java_stack_trace(const json_value *trace, const char *delim,
								 sg_list *notes);
extern char *sg_java_exception(const json_value *exc, sg_list *notes);
extern char *sg_java_exception_frame(const json_value *frame);

/* rules.c: the running state of one generation */
typedef struct sg_state
{
	char	   *signature;
	size_t		sig_len;		/* may differ from strlen when input had NUL */
	sg_list		notes;
	sg_list		debug;
	sg_list		frames;			/* extra.normalized_frames */
	bool		has_extra;
	bool		failed;			/* out of memory */
} sg_state;

typedef struct sg_ctx
{
	const siggen_lists *lists;
	const json_value *crash_data;
} sg_ctx;

/* One rule: predicate, then action; an action may fail with a message. */
typedef struct sg_rule
{
	const char *name;
	bool		(*predicate) (const sg_ctx *ctx, const sg_state *st);
	char	   *(*action) (const sg_ctx *ctx, sg_state *st);	/* NULL = ok */
} sg_rule;

extern const sg_rule *sg_rule_find(const char *name);
extern void sg_run_rule(const sg_rule *rule, const sg_ctx *ctx, sg_state *st,
						bool check_predicate);
extern void sg_set_signature(sg_state *st, char *owned);
extern void sg_note(sg_state *st, const char *rule, const char *text);
extern void sg_state_free(sg_state *st);
extern void sg_prefix_signature(sg_state *st, const char *a, const char *b);
extern bool sg_parse_int(const char *s, long *out);

/* The rules of DEFAULT_RULESET, one file per group */
extern const sg_rule sg_rule_generation;	/* rule_generation.c */
extern const sg_rule sg_rule_run_watchdog;
extern const sg_rule sg_rule_stackwalker_error;	/* rules_prefix.c */
extern const sg_rule sg_rule_bad_hardware;
extern const sg_rule sg_rule_ipc_channel_error;
extern const sg_rule sg_rule_ipc_message_name;
extern const sg_rule sg_rule_stack_overflow;
extern const sg_rule sg_rule_hung_process;
extern const sg_rule sg_rule_oom;	/* rule_oom.c */
extern const sg_rule sg_rule_abort;	/* rule_abort.c */
extern const sg_rule sg_rule_shutdown_timeout;	/* rule_shutdown.c */
extern const sg_rule sg_rule_printable;	/* rules_clean.c */
extern const sg_rule sg_rule_whitespace;
extern const sg_rule sg_rule_truncate;

#endif							/* CRASHPIPE_SG_INTERNAL_H */
