/*-------------------------------------------------------------------------
 * tests/unit/test_siggen.c
 *	  Unit tests for the portable signature generator
 *	  (extension/core/siggen).
 *
 *	  1. The JSON parser: valid and invalid texts, a depth bomb,
 *	     truncated input, the size limit.
 *	  2. List loading: an invalid regex is reported with its file, line
 *	     number and PCRE2's message.
 *	  3. The public API end to end on a small crash.
 *	  4. The oracle: every case of ../shared/testdata/siggen/cases.json
 *	     (Socorro's own results) with the case's lists, each case counted
 *	     as one check; "siggen cases: N/M passed" is printed.  Skipped
 *	     when the shared data is absent.
 *
 *	  Build and run from the repository root:
 *	    cc -std=gnu11 -g -O1 -Wall -Wextra -Wshadow -Werror \
 *	       -fsanitize=address,undefined -Iextension/core -Iextension/core/siggen \
 *	       -o /tmp/test_siggen tests/unit/test_siggen.c extension/core/siggen/\*.c \
 *	       -lpcre2-8 && /tmp/test_siggen
 *	  CRASHPIPE_TESTDATA overrides where the shared test data is looked for.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sg_internal.h"

static int	cases_passed;
static int	cases_total;

/* Parse a C string as JSON (NULL on error). */
static json_value *
parse(const char *text)
{
	char		err[200];

	return jv_parse(text, strlen(text), NULL, err, sizeof(err));
}

/* Does parsing text fail with a message containing want? */
static bool
parse_fails(const char *text, size_t len, const jv_limits *limits, const char *want)
{
	char		err[200];
	json_value *v = jv_parse(text, len, limits, err, sizeof(err));

	if (v)
	{
		jv_free(v);
		return false;
	}
	if (!strstr(err, want))
		fprintf(stderr, "  error was: %s\n", err);
	return strstr(err, want) != NULL;
}

/* Valid JSON texts and what the tree holds. */
static void
test_json_valid(void)
{
	json_value *v = parse(" {\"b\": [1, -2.5e3, true, null], \"a\": \"x\\u00e9\\ud83d\\ude00\\u0000y\", \"b\": 7} ");

	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_STR(v->members[0].key, "b");
	CHECK_STR(v->members[1].key, "a");
	CHECK_INT(jv_get(v, "b")->ival, 7);	/* last duplicate wins */
	CHECK_INT(jv_at(v->members[0].value, 0)->ival, 1);
	CHECK(jv_at(v->members[0].value, 1)->dval == -2500.0);
	CHECK_STR(jv_at(v->members[0].value, 1)->text, "-2.5e3");
	CHECK_INT(jv_get(v, "a")->len, 9);
	CHECK(memcmp(jv_get(v, "a")->text, "x\xc3\xa9\xf0\x9f\x98\x80\0y", 9) == 0);
	CHECK(!jv_truthy(jv_at(v->members[0].value, 3)));
	jv_free(v);
	v = parse("12345678901234567890");
	CHECK(v && v->type == JV_NUMBER && !v->is_int);
	jv_free(v);
}

/* Invalid texts fail cleanly. */
static void
test_json_invalid(void)
{
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "nul", "\"abc",
		"\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\tb\"", "{a:1}", "[1 2]",
		"1 2", "NaN", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xe2\x82\"", "// c\n1"
	};
	size_t		i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		json_value *v = parse(bad[i]);

		CHECK(v == NULL);
		if (v)
			fprintf(stderr, "  accepted: %s\n", bad[i]);
		jv_free(v);
	}
	CHECK(parse_fails("[1, 2", 5, NULL, "offset 5"));
	CHECK(parse_fails("{\"a\": [1, 2]}", 8, NULL, "at offset 8"));
	CHECK(parse_fails("{\"a\": [1, 2]}", 7, NULL, "unexpected end of input at offset 7"));
}

/* Depth bombs and size limits. */
static void
test_json_limits(void)
{
	size_t		n = 100000;
	char	   *bomb = malloc(n);
	jv_limits	small = {16, 0};
	jv_limits	shallow = {0, 3};

	memset(bomb, '[', n);
	CHECK(parse_fails(bomb, n, NULL, "nesting deeper than 128"));
	free(bomb);
	CHECK(parse_fails("[[[[1]]]]", 9, &shallow, "nesting deeper than 3"));
	CHECK(parse_fails("[1,2,3,4,5,6,7,8,9]", 19, &small, "larger than 16"));
	{
		json_value *v = jv_parse("[[[1]]]", 7, &shallow, NULL, 0);

		CHECK(v != NULL);
		jv_free(v);
	}
}

/* Loading lists: errors carry file, line and PCRE2's reason. */
static void
test_list_errors(void)
{
	char		err[512];
	siggen_lists *l = siggen_lists_from_text("# c\nfoo\n\nbar(\n", "x", "s", "y", err, sizeof(err));

	CHECK(l == NULL);
	CHECK(strstr(err, "irrelevant_signature_re.txt line 4") != NULL);
	CHECK(strstr(err, "missing closing parenthesis") != NULL);
	l = siggen_lists_from_text("a", "ok\n[z-a]", "s", "y", err, sizeof(err));
	CHECK(l == NULL);
	CHECK(strstr(err, "prefix_signature_re.txt line 2") != NULL);
	CHECK(strstr(err, "range out of order") != NULL);
	l = siggen_lists_load_dir("/nonexistent-dir", err, sizeof(err));
	CHECK(l == NULL);
	CHECK(strstr(err, "cannot open") != NULL);
	l = siggen_lists_from_text("a\nb", "\\<name omitted\\>", "  s  \n# x", "y", err, sizeof(err));
	CHECK(l != NULL);
	if (l)
	{
		CHECK(sg_match(l->prefix, "<name omitted>"));
		CHECK(sg_match(l->irrelevant, "bcd") && !sg_match(l->irrelevant, "cab"));
		CHECK_INT(l->nsentinels, 1);
		CHECK_STR(l->sentinels[0].frame, "s");
	}
	siggen_lists_free(l);
}

/* The public API end to end, with small lists written here. */
static void
test_generate_api(void)
{
	char		err[512];
	siggen_lists *l = siggen_lists_from_text("Nt.*\n", "PR_Lock\n", "", "js_Interpret\n",
											 err, sizeof(err));
	json_value *cd = parse("{\"os\": \"Windows NT\", \"threads\": [{\"frames\": ["
						   "{\"function\": \"NtWait\"}, {\"module\": \"XUL.DLL\"},"
						   "{\"function\": \"PR_Lock\"}, {\"function\": \"void nsFoo::Bar(int)\"}]}],"
						   "\"hang\": \"ui\"}");
	siggen_result r;

	CHECK(l != NULL && cd != NULL);
	if (!l || !cd || siggen_generate(l, cd, &r) != 0)
	{
		siggen_lists_free(l);
		jv_free(cd);
		return;
	}
	CHECK_STR(r.signature, "hang: ui | xul.dll");
	CHECK_STR(r.proto_signature, "NtWait | xul.dll | PR_Lock | nsFoo::Bar");
	CHECK_INT(r.nframes, 4);
	CHECK_INT(r.nnotes, 0);
	CHECK(r.ndebug >= 2);
	siggen_result_free(&r);
	CHECK(siggen_lists_add_sentinel(l, "PR_Lock", "nsFoo::Bar") == 0);
	CHECK(siggen_generate(l, cd, &r) == 0);
	CHECK_STR(r.signature, "hang: ui | PR_Lock | nsFoo::Bar");
	siggen_result_free(&r);
	siggen_lists_free(l);
	jv_free(cd);
}

/* Text of a string list ["a", "b"] joined by newlines (for list loading). */
static char *
join_lines(const json_value *arr)
{
	sg_buf		b;
	size_t		i;

	sg_buf_init(&b);
	for (i = 0; arr && i < arr->count; i++)
	{
		sg_buf_adds(&b, jv_str(arr->items[i]) ? jv_str(arr->items[i]) : "");
		sg_buf_addc(&b, '\n');
	}
	return sg_buf_finish(&b);
}

/* Build a case's own lists from its "siglists" object. */
static siggen_lists *
case_lists(const json_value *spec)
{
	char		err[512];
	char	   *irr = join_lines(jv_get(spec, "irrelevant"));
	char	   *pre = join_lines(jv_get(spec, "prefix"));
	char	   *lin = join_lines(jv_get(spec, "signatures_with_line_numbers"));
	siggen_lists *l = siggen_lists_from_text(irr, pre, "", lin, err, sizeof(err));
	const json_value *sent = jv_get(spec, "sentinels");
	size_t		i;

	for (i = 0; l && sent && i < sent->count; i++)
	{
		const json_value *s = sent->items[i];

		if (s->type == JV_STRING)
			siggen_lists_add_sentinel(l, s->text, NULL);
		else
			siggen_lists_add_sentinel(l, jv_str(jv_get(s, "sentinel")),
									  jv_str(jv_get(s, "only_if_frame_present")));
	}
	if (!l)
		fprintf(stderr, "case lists: %s\n", err);
	free(irr);
	free(pre);
	free(lin);
	return l;
}

/* Compare got with the string (or null) expected; print on mismatch. */
static bool
same_str(const char *what, const char *got, const json_value *want)
{
	const char *w = jv_str(want);
	bool		ok = w ? (got && strcmp(got, w) == 0) : (got == NULL && jv_is_null(want));

	if (!ok)
		fprintf(stderr, "  %s got:  %s\n  %s want: %s\n", what, got ? got : "(null)",
				what, w ? w : (want && want->text ? want->text : "(null/other)"));
	return ok;
}

/* Compare a string list with an expected JSON list. */
static bool
same_list(const char *what, char **items, int n, const json_value *want)
{
	int			i;
	bool		ok = want && want->type == JV_ARRAY && (size_t) n == want->count;

	for (i = 0; ok && i < n; i++)
		ok = jv_str(want->items[i]) && strcmp(items[i], jv_str(want->items[i])) == 0;
	if (!ok)
	{
		fprintf(stderr, "  %s got (%d):\n", what, n);
		for (i = 0; i < n; i++)
			fprintf(stderr, "    %s\n", items[i]);
	}
	return ok;
}

/* Notes: exact (expected_notes) or by prefix (expected_notes_contain). */
static bool
same_notes(const json_value *c, char **notes, int n)
{
	const json_value *exact = jv_get(c, "expected_notes");
	const json_value *pre = jv_get(c, "expected_notes_contain");
	int			i;
	bool		ok;

	if (exact)
		return same_list("notes", notes, n, exact);
	if (!pre)
		return true;
	ok = (size_t) n == pre->count;
	for (i = 0; ok && i < n; i++)
		ok = sg_starts(notes[i], jv_str(pre->items[i]));
	if (!ok)
		same_list("notes", notes, n, pre);
	return ok;
}

/* Compare expected_extra ({} means: no proto_signature). */
static bool
same_extra(const json_value *c, const char *proto, char **frames, int nframes)
{
	const json_value *extra = jv_get(c, "expected_extra");
	const json_value *want_proto = jv_get(extra, "proto_signature");
	const json_value *want_frames = jv_get(extra, "normalized_frames");
	bool		ok = true;

	if (!extra)
		return true;
	ok = same_str("proto_signature", proto, want_proto);
	if (want_frames)
		ok = same_list("normalized_frames", frames, nframes, want_frames) && ok;
	return ok;
}

/* kind "pipeline": the whole generator. */
static bool
run_pipeline(const siggen_lists *lists, const json_value *c)
{
	siggen_result r;
	bool		ok;

	if (siggen_generate(lists, jv_get(jv_get(c, "input"), "crash_data"), &r) != 0)
		return false;
	ok = same_str("signature", r.signature, jv_get(c, "expected_signature"));
	ok = same_notes(c, r.notes, r.nnotes) && ok;
	ok = same_extra(c, r.proto_signature, r.frames, r.nframes) && ok;
	siggen_result_free(&r);
	return ok;
}

/* kind "rule": one rule's predicate and/or action. */
static bool
run_rule_case(const siggen_lists *lists, const json_value *c)
{
	const json_value *in = jv_get(c, "input");
	const sg_rule *rule = sg_rule_find(jv_str(jv_get(in, "rule")));
	const json_value *init = jv_get(in, "initial_signature");
	const char *apply = jv_str(jv_get(in, "apply"));
	sg_ctx		ctx = {lists, jv_get(in, "crash_data")};
	sg_state	st;
	char	   *proto;
	bool		ok = true;

	if (!rule || !apply)
		return false;
	memset(&st, 0, sizeof(st));
	st.signature = init ? sg_strndup(init->text, init->len) : sg_strdup("");
	st.sig_len = init ? init->len : 0;
	if (strcmp(apply, "predicate") == 0)
		ok = (!rule->predicate || rule->predicate(&ctx, &st)) ==
			jv_truthy(jv_get(c, "expected_predicate"));
	else
		sg_run_rule(rule, &ctx, &st, strcmp(apply, "predicate+action") == 0);
	if (jv_get(c, "expected_signature"))
		ok = same_str("signature", st.signature, jv_get(c, "expected_signature")) && ok;
	ok = same_notes(c, st.notes.items, st.notes.count) && ok;
	proto = st.has_extra ? sg_list_join(&st.frames, 0, " | ") : NULL;
	ok = same_extra(c, proto, st.frames.items, st.frames.count) && ok;
	free(proto);
	sg_state_free(&st);
	return ok;
}

/* Java tool kinds: signature and tool notes. */
static bool
run_java_case(const json_value *c, bool exception)
{
	const json_value *in = jv_get(c, "input");
	const char *delim = jv_str(jv_get(in, "delimiter"));
	sg_list		notes = {NULL, 0, 0, false};
	char	   *sig;
	bool		ok;

	if (exception)
		sig = sg_java_exception(jv_get(in, "java_exception"), &notes);
	else
		sig = sg_java_stack_trace(jv_get(in, "java_stack_trace"), delim ? delim : ": ", &notes);
	ok = same_str("signature", sig, jv_get(c, "expected_signature"));
	ok = same_notes(c, notes.items, notes.count) && ok;
	free(sig);
	sg_list_free(&notes);
	return ok;
}

/* kind "normalize_frame": one frame's fields. */
static char *
normalize_frame_case(const siggen_lists *lists, const json_value *frame)
{
	sg_frame	f;

	f.function = jv_str(jv_get(frame, "function"));
	f.file = jv_str(jv_get(frame, "file"));
	f.module = jv_str(jv_get(frame, "module"));
	f.offset = jv_str(jv_get(frame, "offset"));
	f.line = jv_get(frame, "line");
	f.unloaded_modules = jv_get(frame, "unloaded_modules");
	return sg_normalize_frame(lists, &f);
}

/* Kinds whose result is one string compared with "expected". */
static bool
run_string_case(const siggen_lists *lists, const char *kind, const json_value *c)
{
	const json_value *in = jv_get(c, "input");
	const json_value *arg = jv_at(jv_get(in, "args"), 0);
	const char *s = jv_str(arg);
	const json_value *frame = jv_get(in, "frame");
	char	   *got = NULL;
	bool		ok;

	if (strcmp(kind, "normalize_cpp_function") == 0)
		got = sg_normalize_cpp(lists, jv_str(jv_get(in, "function")), jv_get(in, "line"));
	else if (strcmp(kind, "normalize_rust_function") == 0)
		got = sg_normalize_rust(lists, jv_str(jv_get(in, "function")), jv_get(in, "line"));
	else if (strcmp(kind, "normalize_frame") == 0)
		got = normalize_frame_case(lists, frame);
	else if (strcmp(kind, "java_exception_frame") == 0)
		got = sg_java_exception_frame(frame);
	else if (strcmp(kind, "fix_missing_module") == 0)
		got = sg_strdup(sg_fix_missing_module(jv_str(jv_get(frame, "file")),
											  jv_str(jv_get(frame, "function"))));
	else if (strcmp(kind, "util:drop_bad_characters") == 0)
		got = sg_drop_bad_characters(s, arg->len);
	else if (strcmp(kind, "util:parse_source_file") == 0)
		got = sg_parse_source_file(s);
	else if (strcmp(kind, "util:collapse_types") == 0)
		got = sg_collapse_types(s);
	else if (strcmp(kind, "util:collapse_arguments") == 0)
		got = sg_collapse_arguments(s, true);
	else if (strcmp(kind, "util:drop_prefix_and_return_type") == 0)
		got = sg_drop_prefix_and_return_type(s);
	else if (strcmp(kind, "util:parse_crashid") == 0)
		got = sg_parse_crashid(s);
	ok = same_str(kind, got, jv_get(c, "expected"));
	free(got);
	return ok;
}

/* util:strip_leading_zeros; non-strings come back unchanged. */
static bool
run_strip_zeros(const json_value *c)
{
	const json_value *arg = jv_at(jv_get(jv_get(c, "input"), "args"), 0);
	const json_value *want = jv_get(c, "expected");
	char	   *got;
	bool		ok;

	if (!jv_str(arg))
		return want && arg && want->type == arg->type &&
			(!want->text || strcmp(want->text, arg->text) == 0);
	got = sg_strip_leading_zeros(jv_str(arg));
	ok = same_str("strip_leading_zeros", got, want);
	free(got);
	return ok;
}

/* util:find_enclosed_slices: the [start, end) pairs. */
static bool
run_slices(const json_value *c)
{
	const json_value *args = jv_get(jv_get(c, "input"), "args");
	const json_value *want = jv_get(c, "expected");
	size_t		sl[64][2];
	int			n = sg_find_enclosed_slices(jv_str(jv_at(args, 0)), jv_str(jv_at(args, 1))[0],
											jv_str(jv_at(args, 2))[0], sl, 64);
	bool		ok = (size_t) n == want->count;
	int			i;

	for (i = 0; ok && i < n; i++)
		ok = jv_at(jv_at(want, (size_t) i), 0)->ival == (int64_t) sl[i][0] &&
			jv_at(jv_at(want, (size_t) i), 1)->ival == (int64_t) sl[i][1];
	return ok;
}

/* kind "create_frame_list" and "c_generate". */
static bool
run_frames_case(const siggen_lists *lists, const char *kind, const json_value *c)
{
	const json_value *in = jv_get(c, "input");
	sg_list		frames = {NULL, 0, 0, false};
	sg_list		notes = {NULL, 0, 0, false};
	const json_value *nf = jv_get(in, "normalized_frames");
	char	   *sig;
	bool		ok;
	size_t		i;

	if (strcmp(kind, "create_frame_list") == 0)
	{
		sg_create_frame_list(lists, jv_get(in, "thread"), false, &frames);
		ok = same_list("frames", frames.items, frames.count, jv_get(c, "expected"));
		sg_list_free(&frames);
		return ok;
	}
	for (i = 0; nf && i < nf->count; i++)
		sg_list_pushs(&frames, jv_str(nf->items[i]));
	sig = sg_c_generate(lists, &frames, 0, &notes);
	ok = same_str("signature", sig, jv_get(c, "expected_signature"));
	free(sig);
	sg_list_free(&frames);
	sg_list_free(&notes);
	return ok;
}

/* Run one case of any kind. */
static bool
run_case(const siggen_lists *lists, const char *kind, const json_value *c)
{
	if (strcmp(kind, "pipeline") == 0)
		return run_pipeline(lists, c);
	if (strcmp(kind, "rule") == 0)
		return run_rule_case(lists, c);
	if (strcmp(kind, "java_stack_trace") == 0 || strcmp(kind, "java_exception") == 0)
		return run_java_case(c, strcmp(kind, "java_exception") == 0);
	if (strcmp(kind, "util:get_crashing_thread") == 0)
		return sg_crashing_thread(jv_at(jv_get(jv_get(c, "input"), "args"), 0)) ==
			jv_get(c, "expected")->ival;
	if (strcmp(kind, "util:strip_leading_zeros") == 0)
		return run_strip_zeros(c);
	if (strcmp(kind, "util:find_enclosed_slices") == 0)
		return run_slices(c);
	if (strcmp(kind, "create_frame_list") == 0 || strcmp(kind, "c_generate") == 0)
		return run_frames_case(lists, kind, c);
	return run_string_case(lists, kind, c);
}

/* Run one case with its lists, counting it as one check. */
static void
check_case(const siggen_lists *included, const json_value *c)
{
	const json_value *spec = jv_get(c, "siglists");
	siggen_lists *own = spec && spec->type == JV_OBJECT ? case_lists(spec) : NULL;
	const char *name = jv_str(jv_get(c, "name"));
	bool		ok;

	if (spec && spec->type == JV_OBJECT && !own)
		ok = false;
	else
		ok = run_case(own ? own : included, jv_str(jv_get(c, "kind")), c);
	unit_check(ok, name ? name : "(unnamed case)", __FILE__, __LINE__);
	cases_passed += ok;
	cases_total++;
	siggen_lists_free(own);
}

/* Every oracle case from <root>/siggen. */
static void
test_oracle(const char *root)
{
	char		path[4096];
	char		err[512];
	size_t		len = 0;
	char	   *text;
	json_value *doc;
	siggen_lists *included;
	const json_value *cases;
	size_t		i;

	if (!root)
	{
		unit_skip("siggen oracle: shared test data not found (../shared/testdata, or CRASHPIPE_TESTDATA)");
		return;
	}
	snprintf(path, sizeof(path), "%s/siggen/cases.json", root);
	text = unit_read_file(path, &len);
	doc = text ? jv_parse(text, len, NULL, err, sizeof(err)) : NULL;
	free(text);
	snprintf(path, sizeof(path), "%s/siggen/siglists", root);
	included = siggen_lists_load_dir(path, err, sizeof(err));
	CHECK(doc != NULL);
	CHECK(included != NULL);
	cases = jv_get(doc, "cases");
	for (i = 0; included && cases && i < cases->count; i++)
		check_case(included, cases->items[i]);
	printf("siggen cases: %d/%d passed\n", cases_passed, cases_total);
	siggen_lists_free(included);
	jv_free(doc);
}

int
main(void)
{
	test_json_valid();
	test_json_invalid();
	test_json_limits();
	test_list_errors();
	test_generate_api();
	test_oracle(unit_testdata_root());
	return unit_finish("siggen");
}
