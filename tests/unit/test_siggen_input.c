/*-------------------------------------------------------------------------
 * tests/unit/test_siggen_input.c
 *	  Unit tests for what feeds the signature generator
 *	  (extension/core/siggen): building json_value trees by hand
 *	  (json_build.c), the crash_data object made from a processed crash,
 *	  a stack walk or a crash_data object with annotations beside it
 *	  (crash_data.c), the key filters the SQL glue prunes with, and
 *	  recognising the generator's notes among processor notes.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <stdbool.h>
#include <string.h>

#include "json_value.h"
#include "siggen.h"

/* Parse a C string as JSON (NULL on error). */
static json_value *
parse(const char *text)
{
	char		err[200];

	return jv_parse(text, strlen(text), NULL, err, sizeof(err));
}

/* Built trees: numbers as the parser reads them, growing arrays and objects. */
static void
test_build(void)
{
	json_value *n = jv_new_number("1234567890123", 13);
	json_value *f = jv_new_number("2.5e1", 5);
	json_value *arr = jv_new(JV_ARRAY);
	json_value *obj = jv_new(JV_OBJECT);
	int			i;

	CHECK(n->type == JV_NUMBER && n->is_int && n->ival == 1234567890123LL);
	CHECK(f->type == JV_NUMBER && !f->is_int && f->dval == 25.0);
	for (i = 0; i < 100; i++)
		CHECK(jv_array_append(arr, jv_new_number("7", 1)));
	CHECK_INT(arr->count, 100);
	CHECK(jv_at(arr, 99)->ival == 7);
	CHECK(jv_object_append(obj, "a", 1, n));
	CHECK(jv_object_append(obj, "bee", 3, jv_new_string("x\0y", 3)));
	CHECK(jv_object_append(obj, "arr", 3, arr));
	CHECK(jv_get(obj, "a") == n);
	CHECK(jv_get_len(obj, "beep", 3)->len == 3);
	CHECK(!jv_array_append(arr, NULL));
	jv_free(obj);
	jv_free(f);
}

/* The crash_data of a text, or NULL; keeps the parsed trees in *crash, *ann. */
static json_value *
crash_data_of(const char *crash, const char *annotations, json_value **c, json_value **a)
{
	*c = parse(crash);
	*a = annotations ? parse(annotations) : NULL;
	return siggen_crash_data(*c, *a);
}

/* A processed crash: json_dump paths, aliases, annotations under the crash. */
static void
test_processed(void)
{
	json_value *c;
	json_value *a;
	json_value *cd = crash_data_of(
		"{\"json_dump\": {\"crash_info\": {\"crashing_thread\": 2, \"type\": \"SIGSEGV\"},"
		" \"system_info\": {\"os\": \"Linux\"}, \"threads\": [1, 2, 3]},"
		" \"signature\": \"old\", \"abort_message\": null, \"hang\": \"ui\"}",
		"{\"AbortMessage\": \"boom\", \"IPCMessageName\": \"PFoo\", \"Hang\": \"x\","
		" \"OOMAllocationSize\": \" 42 \", \"java_stack_trace\": \"j\"}", &c, &a);

	CHECK_INT(jv_get(cd, "crashing_thread")->ival, 2);
	CHECK_STR(jv_str(jv_get(cd, "reason")), "SIGSEGV");
	CHECK_STR(jv_str(jv_get(cd, "os")), "Linux");
	CHECK_INT(jv_get(cd, "threads")->count, 3);
	CHECK_STR(jv_str(jv_get(cd, "original_signature")), "old");
	/* the first key present wins, even when it holds null */
	CHECK(jv_get(cd, "abort_message")->type == JV_NULL);
	CHECK_STR(jv_str(jv_get(cd, "hang")), "ui");
	CHECK_STR(jv_str(jv_get(cd, "ipc_message_name")), "PFoo");
	CHECK_STR(jv_str(jv_get(cd, "java_stack_trace")), "j");
	CHECK(jv_get(cd, "oom_allocation_size")->is_int && jv_get(cd, "oom_allocation_size")->ival == 42);
	CHECK(jv_get(cd, "java_exception")->type == JV_NULL);
	CHECK_INT(cd->count, 16);
	siggen_crash_data_free(cd);
	jv_free(c);
	jv_free(a);
}

/* The OOM size: at most 18 digits with sign and white space, else null. */
static void
test_oom_size(void)
{
	static const char *const sizes[][2] = {
		{"\"42\"", "42"}, {"\"+0017\"", "17"}, {"\" -5\\t\"", "-5"}, {"262144", "262144"},
		{"\"999999999999999999\"", "999999999999999999"}, {"\"1000000000000000000\"", NULL},
		{"\"4.2\"", NULL}, {"4.2", NULL}, {"\"\"", NULL}, {"\"12 3\"", NULL}, {"true", NULL},
		{"null", NULL},
	};
	size_t		i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
	{
		char		text[120];
		json_value *c;
		json_value *a;
		json_value *cd;
		const json_value *v;

		snprintf(text, sizeof(text), "{\"json_dump\": {}, \"oom_allocation_size\": %s}", sizes[i][0]);
		cd = crash_data_of(text, "{\"OOMAllocationSize\": \"7\"}", &c, &a);
		v = jv_get(cd, "oom_allocation_size");
		/* null in the crash lets the annotation's 7 through */
		if (strcmp(sizes[i][0], "null") == 0)
			CHECK_STR(v->text, "7");
		else
			CHECK_STR(v->type == JV_NUMBER ? v->text : NULL, sizes[i][1]);
		siggen_crash_data_free(cd);
		jv_free(c);
		jv_free(a);
	}
}

/* A stack walk is a json_dump on its own; a crash_data object is merged. */
static void
test_other_shapes(void)
{
	json_value *c;
	json_value *a;
	json_value *cd = crash_data_of("{\"crash_info\": {\"crashing_thread\": 0}, \"threads\": []}",
								   NULL, &c, &a);

	CHECK_INT(jv_get(cd, "crashing_thread")->ival, 0);
	CHECK_INT(jv_get(cd, "threads")->count, 0);
	siggen_crash_data_free(cd);
	jv_free(c);
	cd = crash_data_of("{\"threads\": [], \"hang\": \"ui\"}", "{\"hang\": \"x\", \"abort_message\": \"m\"}",
					   &c, &a);
	CHECK_INT(cd->count, 3);
	CHECK_STR(jv_str(jv_get(cd, "hang")), "ui");
	CHECK_STR(jv_str(jv_get(cd, "abort_message")), "m");
	siggen_crash_data_free(cd);
	jv_free(c);
	jv_free(a);
}

/* All three shapes of one crash give one signature. */
static void
test_same_signature(void)
{
	static const char *const frames = "[{\"frames\": [{\"function\": \"raise\"}, {\"function\": \"abort\"},"
		" {\"function\": \"Foo::Bar(int)\"}, {\"function\": \"main\"}]}]";
	static const char *const rows[] = {
		"{\"json_dump\": {\"crash_info\": {\"crashing_thread\": 0}, \"threads\": %s}, \"AbortMessage\": \"x\"}",
		"{\"crash_info\": {\"crashing_thread\": 0}, \"threads\": %s, \"AbortMessage\": \"x\"}",
		"{\"crashing_thread\": 0, \"threads\": %s, \"abort_message\": \"x\"}",
	};
	char		err[300];
	siggen_lists *lists = siggen_lists_from_text("raise\nabort", "(?!)", "", "(?!)", err, sizeof(err));
	size_t		i;

	for (i = 0; lists && i < 3; i++)
	{
		char		text[600];
		json_value *c;
		json_value *a;
		json_value *cd;
		siggen_result res;

		snprintf(text, sizeof(text), rows[i], frames);
		cd = crash_data_of(text, NULL, &c, &a);
		CHECK(siggen_generate(lists, cd, &res) == 0);
		CHECK_STR(res.signature, "Abort | x | Foo::Bar");
		siggen_result_free(&res);
		siggen_crash_data_free(cd);
		jv_free(c);
	}
	CHECK(lists != NULL);
	siggen_lists_free(lists);
}

/* Threads read: 0 and the crashing one (from the end when negative). */
static void
test_threads_wanted(void)
{
	json_value *three = parse("3");
	json_value *minus = parse("-1");
	json_value *text = parse("\"2\"");
	json_value *junk = parse("\"x\"");

	CHECK(siggen_thread_wanted(three, 5, 0));
	CHECK(siggen_thread_wanted(three, 5, 3));
	CHECK(!siggen_thread_wanted(three, 5, 1));
	CHECK(siggen_thread_wanted(minus, 5, 4));
	CHECK(!siggen_thread_wanted(minus, 5, 3));
	CHECK(siggen_thread_wanted(text, 5, 2));
	CHECK(siggen_thread_wanted(junk, 5, 0));
	CHECK(!siggen_thread_wanted(junk, 5, 2));
	CHECK(siggen_thread_wanted(NULL, 5, 0));
	CHECK(!siggen_thread_wanted(NULL, 5, 1));
	jv_free(three);
	jv_free(minus);
	jv_free(text);
	jv_free(junk);
}

/* The keys the glue keeps, and the generator's note lines. */
static void
test_filters_and_notes(void)
{
	CHECK(siggen_crash_key_wanted("json_dump", 9));
	CHECK(siggen_crash_key_wanted("AbortMessage", 12));
	CHECK(siggen_crash_key_wanted("crash_info", 10));
	CHECK(siggen_crash_key_wanted("signature", 9));
	CHECK(!siggen_crash_key_wanted("modules", 7));
	CHECK(!siggen_crash_key_wanted("json_dumpx", 10));
	CHECK(siggen_json_dump_key_wanted("threads", 7));
	CHECK(!siggen_json_dump_key_wanted("crashing_thread", 15));
	CHECK(siggen_thread_key_wanted("frames", 6));
	CHECK(siggen_thread_key_wanted("last_error_value", 16));
	CHECK(!siggen_thread_key_wanted("registers", 9));
	CHECK(siggen_frame_key_wanted("inlines", 7));
	CHECK(!siggen_frame_key_wanted("trust", 5));
	CHECK(siggen_is_note("SignatureGenerationRule: CSignatureTool: x", 42));
	CHECK(siggen_is_note("SigTruncate: SigTrunc: signature truncated due to length", 56));
	CHECK(siggen_is_note("SigTruncate: x", 14));
	CHECK(!siggen_is_note("SigTruncate:", 12));
	CHECK(!siggen_is_note("SigTruncate:x", 13));
	CHECK(!siggen_is_note("MinidumpRule: invalid minidump", 30));
	CHECK(!siggen_is_note("SignatureGenerationRule", 23));
}

int
main(void)
{
	test_build();
	test_processed();
	test_oom_size();
	test_other_shapes();
	test_same_signature();
	test_threads_wanted();
	test_filters_and_notes();
	return unit_finish("siggen_input");
}
