/*-------------------------------------------------------------------------
 * tests/unit/test_processor.c
 *	  The processor rules (extension/core/processor) without a server:
 *	  1. the copy table equals Socorro's schema (crash_schema_fields.json)
 *	     and the rules run in the order of processor-rules.md;
 *	  2. a raw crash built to touch every rule gives exactly the fields
 *	     and notes Socorro's rules give it (worked out by hand from the
 *	     rules' Python, see each expectation);
 *	  3. real dumps (linux_null_read_av with symbols, a garbage one, an
 *	     empty one, and a walk stopped by its stop callback).
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include "pc_internal.h"
#include "pc_rules.h"

#include <zlib.h>

static siggen_lists *lists;

/* The processed crash of in, parsed (free with jv_free); NULL on failure. */
static json_value *
process(const pc_input *in, pc_status *status)
{
	pc_result	res;
	char		err[128];
	json_value *pc;

	pc_process(in, NULL, &res);
	*status = res.status;
	if (res.json == NULL)
		return NULL;
	pc = jv_parse(res.json, strlen(res.json), NULL, err, sizeof(err));
	if (pc == NULL)
		fprintf(stderr, "processed crash does not parse: %s\n", err);
	free(res.json);
	return pc;
}

/* A field of a processed crash as compact JSON text (malloc), "(absent)" if missing. */
static char *
field(const json_value *pc, const char *key)
{
	pc_ctx		ctx;
	const json_value *v = jv_get(pc, key);
	char	   *text;
	char	   *out;

	if (v == NULL)
		return strdup("(absent)");
	memset(&ctx, 0, sizeof(ctx));
	ctx.allocator = &md_malloc_allocator;
	md_arena_init(&ctx.arena, ctx.allocator);
	text = pc_to_text(&ctx, v, false);
	out = strdup(text ? text : "(unwritable)");
	md_arena_free_all(&ctx.arena);
	return out;
}

/* Check a field's JSON text. */
static void
check_field(const json_value *pc, const char *key, const char *want)
{
	char	   *got = field(pc, key);

	unit_check_str(got, want, key, __FILE__, __LINE__);
	free(got);
}

/* The first non-null type of a schema entry, as the copy table names it. */
static const char *
schema_type(const json_value *entry)
{
	const json_value *t = jv_get(entry, "type");
	const char *name = jv_str(t);
	size_t		i;

	for (i = 0; name == NULL && t && t->type == JV_ARRAY && i < t->count; i++)
		if (!pc_str_eq(t->items[i], "null"))
			name = jv_str(t->items[i]);
	return name && strncmp(name, "ref:", 4) == 0 ? "object" : name;
}

/* The copy table's entry for key: its annotation and type; false if none. */
static bool
table_entry(const char *key, const char **annotation, const char **type)
{
	const char *k;
	int			i;

	for (i = 0; pc_copy_field(i, &k, annotation, type); i++)
		if (strcmp(k, key) == 0)
			return true;
	return false;
}

/* 1a. The copy table is Socorro's: same keys, annotations and types. */
static void
test_copy_table(const char *root)
{
	char		path[512];
	char		err[128];
	size_t		len, i;
	int			n = 0;
	const char *key, *annotation, *type;
	char	   *text;
	json_value *schema;
	const json_value *fields;

	snprintf(path, sizeof(path), "%s/socorro/crash_schema_fields.json", root);
	if ((text = unit_read_file(path, &len)) == NULL)
	{
		unit_skip("copy table: crash_schema_fields.json is absent");
		return;
	}
	schema = jv_parse(text, len, NULL, err, sizeof(err));
	fields = jv_get(schema, "processed_crash");
	for (i = 0; fields && i < fields->count; i++)
	{
		const json_value *f = fields->items[i];

		if (jv_is_null(jv_get(f, "source_annotation")))
			continue;
		key = jv_str(jv_get(f, "key"));
		CHECK(table_entry(key, &annotation, &type));
		CHECK_STR(annotation, jv_str(jv_get(f, "source_annotation")));
		CHECK_STR(type, schema_type(f));
		n++;
	}
	CHECK_INT(n, 90);
	CHECK(!pc_copy_field(n, &key, &annotation, &type));
	jv_free(schema);
	free(text);
}

/* 1b. The rules run in DEFAULT_RULESET's order, less BetaVersionRule. */
static void
test_rule_order(void)
{
	size_t		len;
	char	   *spec = unit_read_file("../shared/specs/processor-rules.md", &len);
	const char *p;
	int			i = 0;
	char		name[64];

	if (spec == NULL)
	{
		unit_skip("rule order: ../shared/specs/processor-rules.md is absent");
		return;
	}
	for (p = strstr(spec, "## DEFAULT_RULESET"); p && (p = strstr(p, ". **")) != NULL; p += 4)
	{
		if (sscanf(p + 4, "%63[A-Za-z0-9]", name) != 1)
			break;
		if (strcmp(name, "BetaVersionRule") == 0)
			continue;
		CHECK_STR(pc_rule_name(i), name);
		i++;
	}
	CHECK_INT(i, pc_rule_count());
	free(spec);
}

/* gzip of text (malloc), for a memory report. */
static uint8_t *
gzip_text(const char *text, size_t *len)
{
	z_stream	z = {0};
	size_t		cap = strlen(text) + 128;
	uint8_t    *out = malloc(cap);

	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (Bytef *) text;
	z.avail_in = (uInt) strlen(text);
	z.next_out = out;
	z.avail_out = (uInt) cap;
	deflate(&z, Z_FINISH);
	*len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* Annotations that touch every rule that reads annotations only. */
static const char *const firefox_annotations =
	"{\"ProductName\": \"Firefox\", \"Version\": \"128.5.0\", \"ReleaseChannel\": \"esr\","
	" \"BuildID\": \"20241120150001 \", \"CrashTime\": \"1795000100\", \"StartupTime\": \"1795000000\","
	" \"InstallTime\": \"notanumber\", \"SecondsSinceLastCrash\": \"3600\","
	" \"Add-ons\": \"ext%40example.com:1.0,{972ce4c6-7e08-4474-a285-3208198ce6fd}:128.5.0,noversion+here\","
	" \"EMCheckCompatibility\": \"True\", \"ProcessType\": \"content\", \"Accessibility\": \"Active\","
	" \"PHCKind\": \"FreedPage\", \"PHCBaseAddress\": \"4096\", \"PHCUsableSize\": \"32\","
	" \"PHCAllocStack\": \"1,2,3\", \"MozCrashReason\": \"byte index 3 is out of range\","
	" \"UtilityActorsName\": \" audio-decoder , ,mf-media-engine\","
	" \"JavaStackTrace\": \"java.lang.IllegalStateException: bad state: secret\\n"
	"\\tat org.Foo.bar(Foo.java:10)\\n\\tat org.Foo.baz(Foo.java:20)\\n\","
	" \"Breadcrumbs\": \"{\\\"values\\\": [{\\\"timestamp\\\": \\\"2026-11-22T10:00:00\\\", \\\"message\\\": \\\"hi\\\"}]}\","
	" \"TelemetryEnvironment\": \"{\\\"partner\\\": {\\\"distributionId\\\": \\\"acme\\\"}}\","
	" \"ContentSandboxLevel\": \"x3\", \"SafeMode\": \"0\", \"UptimeTS\": \"12.5\","
	" \"AsyncShutdownTimeout\": \"{\\\"phase\\\": \\\"x\\\"}\", \"SubmittedFromInfobar\": \"true\","
	" \"ModuleSignatureInfo\": {\"a\": 1}, \"OS\": \"Linux\", \"OSVersion\": \"6.1\","
	" \"CPUArchitecture\": \"amd64\", \"bad key!\": \"x\", \"NullAnnotation\": null,"
	" \"Nul\\u0000Key\": \"va\\u0000lue\"}";

static const char *const memory_report_json =
	"{\"version\": 1, \"hasMozMallocUsableSize\": true, \"reports\": ["
	"{\"process\": \"Main Process (pid 42)\", \"path\": \"explicit/heap/a\", \"kind\": 1, \"units\": 0, \"amount\": 100},"
	"{\"process\": \"Main Process (pid 42)\", \"path\": \"explicit/images/x\", \"kind\": 0, \"units\": 0, \"amount\": 30},"
	"{\"process\": \"Main Process (pid 42)\", \"path\": \"heap-allocated\", \"kind\": 2, \"units\": 0, \"amount\": 500},"
	"{\"process\": \"Content (pid 43)\", \"path\": \"resident\", \"kind\": 2, \"units\": 0, \"amount\": 7},"
	"{\"process\": \"Main Process (pid 42)\", \"path\": \"resident\", \"kind\": 2, \"units\": 0, \"amount\": 9000}]}";

/* An input with the given annotations, dumps and walks. */
static pc_input
input(const char *annotations, const pc_dump *dumps, int ndumps, const pc_walk *walks, int nwalks)
{
	pc_input	in;

	memset(&in, 0, sizeof(in));
	in.crash_id = "6a1c0f9e-52b1-4d0c-9b1e-8f1a7c261118";
	in.submitted_timestamp = "2026-11-18T11:16:40.500000+00:00";
	in.submitted_epoch = 1795000600;
	in.started_datetime = "2026-11-18T11:16:41.000000+00:00";
	in.host = "unit";
	in.annotations = annotations;
	in.metadata = "{\"dump_checksums\": {\"upload_file_minidump\": \"abc\"}, \"collector_notes\": []}";
	in.dumps = dumps;
	in.ndumps = ndumps;
	in.walks = walks;
	in.nwalks = nwalks;
	in.siglists = lists;
	return in;
}

/* 2a. Every annotation rule, no minidump. */
static void
test_annotation_rules(void)
{
	size_t		zlen;
	uint8_t    *gz = gzip_text(memory_report_json, &zlen);
	pc_dump		dumps[1] = {{"memory_report", gz, zlen}};
	pc_input	in = input(firefox_annotations, dumps, 1, NULL, 0);
	pc_status	status;
	json_value *pc = process(&in, &status);

	CHECK_INT(status, PC_OK);
	check_field(pc, "crash_report_keys",
				"[\"Accessibility\", \"Add-ons\", \"AsyncShutdownTimeout\", \"Breadcrumbs\", \"BuildID\", "
				"\"CPUArchitecture\", \"ContentSandboxLevel\", \"CrashTime\", \"EMCheckCompatibility\", "
				"\"InstallTime\", \"JavaStackTrace\", \"ModuleSignatureInfo\", \"MozCrashReason\", \"NulKey\", "
				"\"OS\", \"OSVersion\", \"PHCAllocStack\", \"PHCBaseAddress\", \"PHCKind\", \"PHCUsableSize\", "
				"\"ProcessType\", \"ProductName\", \"ReleaseChannel\", \"SafeMode\", \"SecondsSinceLastCrash\", "
				"\"StartupTime\", \"SubmittedFromInfobar\", \"TelemetryEnvironment\", \"UptimeTS\", "
				"\"UtilityActorsName\", \"Version\", \"memory_report\"]");
	check_field(pc, "collector_metadata",
				"{\"dump_checksums\": {\"upload_file_minidump\": \"abc\"}, \"collector_notes\": []}");
	check_field(pc, "product", "\"Firefox\"");
	check_field(pc, "version", "\"128.5.0esr\"");
	check_field(pc, "major_version", "128");
	check_field(pc, "build", "\"20241120150001\"");
	check_field(pc, "release_channel", "\"esr\"");
	check_field(pc, "startup_time", "1795000000");
	check_field(pc, "install_time", "(absent)");
	check_field(pc, "content_sandbox_level", "(absent)");
	check_field(pc, "safe_mode", "false");
	check_field(pc, "uptime_ts", "12.5");
	check_field(pc, "em_check_compatibility", "true");
	check_field(pc, "marionette", "false");
	check_field(pc, "remote_agent", "false");
	check_field(pc, "async_shutdown_timeout", "\"{\\\"phase\\\": \\\"x\\\"}\"");
	check_field(pc, "telemetry_environment", "{\"partner\": {\"distributionId\": \"acme\"}}");
	check_field(pc, "submitted_from", "\"Infobar\"");
	check_field(pc, "submitted_from_infobar", "true");
	check_field(pc, "crash_id", "\"6a1c0f9e-52b1-4d0c-9b1e-8f1a7c261118\"");
	check_field(pc, "uuid", "\"6a1c0f9e-52b1-4d0c-9b1e-8f1a7c261118\"");
	check_field(pc, "minidump_sha256_hash", "\"abc\"");
	check_field(pc, "additional_minidumps", "[]");
	check_field(pc, "json_dump", "(absent)");
	check_field(pc, "crashing_thread", "(absent)");
	check_field(pc, "process_type", "\"content\"");
	check_field(pc, "accessibility", "true");
	check_field(pc, "addons_checked", "true");
	check_field(pc, "addons", "[\"ext@example.com:1.0\", "
				"\"{972ce4c6-7e08-4474-a285-3208198ce6fd} (default theme):128.5.0\", "
				"\"noversion here:NO_VERSION\"]");
	check_field(pc, "submitted_timestamp", "\"2026-11-18T11:16:40.500000+00:00\"");
	check_field(pc, "date_processed", "\"2026-11-18T11:16:40.500000+00:00\"");
	check_field(pc, "crash_time", "1795000100");
	check_field(pc, "client_crash_date", "\"2026-11-18T11:08:20+00:00\"");
	check_field(pc, "install_age", "1795000100");
	check_field(pc, "uptime", "100");
	check_field(pc, "last_crash", "3600");
	check_field(pc, "phc_kind", "\"FreedPage\"");
	check_field(pc, "phc_base_address", "\"0x1000\"");
	check_field(pc, "phc_usable_size", "32");
	check_field(pc, "phc_alloc_stack", "\"1,2,3\"");
	check_field(pc, "phc_free_stack", "(absent)");
	check_field(pc, "breadcrumbs", "[{\"timestamp\": \"2026-11-22T10:00:00\", \"message\": \"hi\"}]");
	check_field(pc, "java_stack_trace",
				"\"java.lang.IllegalStateException\\n\\tat org.Foo.bar(Foo.java:10)\\n\\tat org.Foo.baz(Foo.java:20)\"");
	check_field(pc, "moz_crash_reason_raw", "\"byte index 3 is out of range\"");
	check_field(pc, "moz_crash_reason", "\"sanitized--see moz_crash_reason_raw\"");
	check_field(pc, "utility_actors_name", "[\"audio-decoder\", \"mf-media-engine\"]");
	check_field(pc, "report_type", "\"hang\"");
	check_field(pc, "cpu_info", "\"unknown\"");
	check_field(pc, "cpu_count", "0");
	check_field(pc, "cpu_arch", "\"amd64\"");
	check_field(pc, "distribution_id", "\"acme\"");
	check_field(pc, "os_name", "\"Linux\"");
	check_field(pc, "os_version", "\"6.1\"");
	check_field(pc, "os_pretty_version", "\"Linux\"");
	check_field(pc, "memory_measures", "(absent)");
	check_field(pc, "success", "true");
	check_field(pc, "processor_history", "[]");
	check_field(pc, "started_datetime", "\"2026-11-18T11:16:41.000000+00:00\"");
	check_field(pc, "processor_notes",
				"\">>> Start processing: 2026-11-18 11:16:41.000000+00:00 (unit)\\n"
				"DeNullRule: removed NUL characters from 1 annotations\\n"
				"DeNoneRule: removed 1 annotations whose value was null\\n"
				"CrashReportKeysRule: invalidkeys: Crash report contains invalid keys\\n"
				"CopyFromRawCrashRule: ContentSandboxLevel is not a valid integer\\n"
				"CopyFromRawCrashRule: InstallTime is not a valid integer\\n"
				"ESRVersionRewrite: appended esr to version\\n"
				"DatesAndTimesRule: non-integer value of \\\"InstallTime\\\"\\n"
				"SignatureGenerationRule: JavaSignatureTool: stack trace line 1 is not in the expected format\\n"
				"SignatureShutdownTimeout: Signature replaced with a Shutdown Timeout signature, was: "
				"\\\"java.lang.IllegalStateException: at org.Foo.bar(Foo.java)\\\"\"");
	/* an AsyncShutdownTimeout names the signature (Socorro's SignatureShutdownTimeout) */
	check_field(pc, "signature", "\"AsyncShutdownTimeout | x | (none)\"");
	{
		char	   *report = field(pc, "memory_report");

		CHECK(strstr(report, "\"hasMozMallocUsableSize\": true") != NULL);
		free(report);
	}
	CHECK_INT(strlen(jv_str(jv_get(pc, "completed_datetime"))), 32);
	jv_free(pc);
	free(gz);
}

/* A json_dump that touches every rule that reads the walk. */
static const char *const windows_dump =
	"{\"status\": \"OK\", \"pid\": 42, \"thread_count\": 2,"
	" \"system_info\": {\"os\": \"Windows NT\", \"os_ver\": \"10.0.22631\", \"cpu_arch\": \"amd64\","
	"  \"cpu_info\": \"family 6 model 1\", \"cpu_count\": 8, \"cpu_microcode_version\": \"0xf0\"},"
	" \"crash_info\": {\"type\": \"EXCEPTION_ACCESS_VIOLATION_READ\", \"address\": \"0xffffffffffffffff\","
	"  \"crashing_thread\": 1, \"adjusted_address\": {\"kind\": \"non-canonical\", \"address\": \"0x00007fff00000000\"},"
	"  \"crash_inconsistencies\": [\"non_canonical_address_falsely_reported\"],"
	"  \"possible_bit_flips\": [{\"address\": \"0x0\", \"confidence\": 0.25}, {\"address\": \"0x1\", \"confidence\": 0.625}],"
	"  \"memory_accesses\": [{\"address\": \"0x1\", \"size\": 8, \"is_likely_guard_page\": true}]},"
	" \"crashing_thread\": {\"threads_index\": 1, \"thread_name\": \"DOM Worker\","
	"  \"last_error_value\": \"ERROR_SUCCESS\", \"frames\": []},"
	" \"threads\": [{\"frames\": [{\"function\": \"main\", \"module\": \"app.exe\"}]},"
	"  {\"frames\": [{\"module\": \"xul.dll\", \"function\": \"mozilla::RunWatchdog\", \"file\": null,"
	"    \"inlines\": [{\"function\": \"inl\", \"file\": \"hg:repo:dom/x.cpp:abc\"}]},"
	"   {\"module\": \"ntdll.dll\", \"function\": \"RtlUserThreadStart\", \"file\": \"ntdll.c\"}, {\"module\": null}]}],"
	" \"modules\": [{\"filename\": \"app.exe\", \"debug_id\": \"AAAA0\", \"version\": \"1.0\", \"code_id\": \"5F3A\","
	"   \"missing_symbols\": true, \"symbol_url\": \"http://localhost:8000/app.pdb/AAAA0/app.sym\"},"
	"  {\"filename\": \"xul.dll\", \"debug_id\": \"BBBB-0\", \"version\": \"128.0/1\", \"missing_symbols\": true,"
	"   \"symbol_url\": \"https://symbols.mozilla.org/xul.pdb/BB/xul.sym?x=1\"},"
	"  {\"filename\": \"ntdll.dll\", \"debug_id\": \"CCCC1\", \"missing_symbols\": false}],"
	" \"lsb_release\": null, \"mac_boot_args\": \" -v \","
	" \"mac_crash_info\": {\"num_records\": 1, \"records\": [{\"b\": 1, \"a\": 2}]},"
	" \"soft_errors\": [{\"x\": 1}]}";

/* 2b. Every rule that reads json_dump, on a walk written by hand. */
static void
test_dump_rules(void)
{
	size_t		zlen;
	uint8_t    *gz = gzip_text(memory_report_json, &zlen);
	pc_dump		dumps[2] = {{"upload_file_minidump", (const uint8_t *) "x", 1}, {"memory_report", gz, zlen}};
	pc_walk		walk = {"upload_file_minidump", (char *) windows_dump, "OK", 0, ""};
	pc_input	in = input("{\"ProductName\": \"Firefox\", \"Version\": \"128.0\", \"CrashTime\": \"1795000600\"}",
						   dumps, 2, &walk, 1);
	pc_status	status;
	json_value *pc = process(&in, &status);
	char	   *modules;

	CHECK_INT(status, PC_OK);
	modules = field(jv_get(pc, "json_dump"), "modules");
	CHECK(strstr(modules, "\"symbol_url\": null") != NULL);
	CHECK(strstr(modules, "\"symbol_url\": \"https://symbols.mozilla.org/xul.pdb/BB/xul.sym\"") != NULL);
	free(modules);
	check_field(pc, "mdsw_status_string", "\"OK\"");
	check_field(pc, "mdsw_return_code", "0");
	check_field(pc, "stackwalk_version", "\"crashpipe-stackwalk 1\"");
	check_field(pc, "crashing_thread", "1");
	check_field(pc, "crashing_thread_name", "\"DOM Worker\"");
	check_field(pc, "reason", "\"EXCEPTION_ACCESS_VIOLATION_READ\"");
	check_field(pc, "address", "\"0x00007fff00000000\"");
	check_field(pc, "last_error_value", "\"ERROR_SUCCESS\"");
	check_field(pc, "possible_bit_flips_max_confidence", "62");
	check_field(pc, "crash_inconsistencies", "[\"non_canonical_address_falsely_reported\"]");
	check_field(pc, "has_guard_page_access", "true");
	check_field(pc, "report_type", "\"hang\"");
	check_field(pc, "cpu_info", "\"family 6 model 1\"");
	check_field(pc, "cpu_count", "8");
	check_field(pc, "cpu_arch", "\"amd64\"");
	check_field(pc, "cpu_microcode_version", "\"0xf0\"");
	check_field(pc, "os_name", "\"Windows NT\"");
	check_field(pc, "os_version", "\"10.0.22631\"");
	check_field(pc, "os_pretty_version", "\"Windows 11\"");
	check_field(pc, "topmost_filenames", "\"hg:repo:dom/x.cpp:abc\"");
	check_field(pc, "modules_in_stack", "\"ntdll.dll/CCCC1;xul.dll/BBBB0\"");
	check_field(pc, "missing_symbols", "\"app.exe/1.0/AAAA0/5F3A;xul.dll/128.0\\\\/1/BBBB0\"");
	check_field(pc, "mac_boot_args", "\"-v\"");
	check_field(pc, "has_mac_boot_args", "true");
	check_field(pc, "mac_crash_info", "\"{\\\"num_records\\\": 1, \\\"records\\\": [{\\\"a\\\": 2, \\\"b\\\": 1}]}\"");
	check_field(pc, "soft_errors", "\"[{\\\"x\\\": 1}]\"");
	check_field(pc, "thread_count", "2");
	check_field(pc, "memory_measures",
				"{\"gfx_textures\": 0, \"ghost_windows\": 0, \"heap_allocated\": 500, \"host_object_urls\": 0, "
				"\"private\": 0, \"resident\": 9000, \"resident_unique\": 0, \"system_heap_allocated\": 0, "
				"\"vsize_max_contiguous\": 0, \"vsize\": 0, \"explicit\": 530, \"heap_overhead\": 0, "
				"\"heap_unclassified\": 400, \"images\": 30, \"js_main_runtime\": 0, \"top_none_detached\": 0}");
	check_field(pc, "processor_notes",
				"\">>> Start processing: 2026-11-18 11:16:41.000000+00:00 (unit)\\n"
				"ModuleURLRewriteRule: Redacting symbol url for module app.exe\\n"
				"DatesAndTimesRule: client_crash_date is unknown\"");
	/* the inline frame comes first, as Socorro's generator expands inlines */
	check_field(pc, "signature", "\"inl\"");
	jv_free(pc);
	free(gz);
}

/* 2c. A stack of 600 frames keeps 250 + marker + 249; history carries over. */
static void
test_truncation_and_history(void)
{
	size_t		cap = 64 * 1024;
	char	   *dump = malloc(cap);
	size_t		n = (size_t) snprintf(dump, cap, "{\"crash_info\": {\"crashing_thread\": 0}, \"threads\": [{\"frames\": [");
	pc_walk		walk = {"upload_file_minidump", dump, "OK", 0, ""};
	pc_input	in;
	pc_status	status;
	json_value *pc;
	const json_value *frames;
	int			i;

	for (i = 0; i < 600; i++)
		n += (size_t) snprintf(dump + n, cap - n, "%s{\"frame\": %d}", i ? ", " : "", i);
	snprintf(dump + n, cap - n, "]}]}");
	in = input("{\"ProductName\": \"X\"}", NULL, 0, &walk, 1);
	in.previous_notes = "old notes";
	in.previous_history = "[\"older notes\"]";
	pc = process(&in, &status);
	frames = pc_path(jv_at(pc_path(pc, "json_dump.threads"), 0), "frames");
	CHECK_INT(frames ? frames->count : 0, 500);
	check_field(jv_at(frames, 249), "frame", "249");
	check_field(jv_at(frames, 250), "truncated", "{\"msg\": \"100 frames truncated\"}");
	check_field(jv_at(frames, 251), "frame", "351");
	check_field(jv_at(frames, 499), "frame", "599");
	check_field(jv_at(pc_path(pc, "json_dump.threads"), 0), "truncated", "true");
	check_field(pc, "processor_history", "[\"old notes\", \"older notes\"]");
	CHECK(strstr(jv_str(jv_get(pc, "processor_notes")),
				 "TruncateStacksRule: truncated json_dump.threads[0].frames: 600 -> 500") != NULL);
	jv_free(pc);
	free(dump);
}

/* 2d. Annotations that are not an object are refused. */
static void
test_bad_input(void)
{
	pc_input	in = input("[1, 2]", NULL, 0, NULL, 0);
	pc_result	res;

	pc_process(&in, NULL, &res);
	CHECK_INT(res.status, PC_BAD_INPUT);
	CHECK(res.json == NULL);
	CHECK_STR(res.error, "annotations are not a JSON object");
	in.annotations = "{\"a\": ";
	pc_process(&in, NULL, &res);
	CHECK_INT(res.status, PC_BAD_INPUT);
}

/* A stop callback that says stop from its nth question on. */
static bool
stop_after(void *ctx)
{
	int		   *left = ctx;

	return (*left)-- <= 0;
}

/* Walk a dump (symbols from dir, or none) and process it; the walk stays in *w. */
static json_value *
walk_and_process(const uint8_t *bytes, size_t len, const char *dir, int stop_at, pc_walk *w)
{
	pc_dump		dump = {"upload_file_minidump", bytes, len};
	wk_symdir  *symbols = dir ? wk_symdir_new(&dir, 1, &md_malloc_allocator) : NULL;
	pc_input	in = input("{\"ProductName\": \"Test\", \"Version\": \"1.0\"}", &dump, 1, w, 1);
	pc_status	status;
	json_value *pc;

	CHECK(pc_walk_dump(&dump, symbols ? wk_symdir_lookup : NULL, symbols,
					   stop_at >= 0 ? stop_after : NULL, &stop_at, NULL, w));
	pc = process(&in, &status);
	CHECK_INT(status, PC_OK);
	wk_symdir_free(symbols);
	return pc;
}

/* 3. Real dumps: symbolized, garbage, empty, and a walk stopped at its limit. */
static void
test_real_dumps(const char *root)
{
	char		path[512], syms[512];
	size_t		len;
	uint8_t    *bytes;
	pc_walk		w;
	json_value *pc;

	pc = walk_and_process((const uint8_t *) "this is not a minidump", 22, NULL, -1, &w);
	CHECK_STR(w.status, "ERROR_NO_MINIDUMP_HEADER");
	CHECK_INT(w.return_code, 1);
	check_field(pc, "json_dump", "{}");
	check_field(pc, "mdsw_status_string", "\"ERROR_NO_MINIDUMP_HEADER\"");
	check_field(pc, "signature", "\"EMPTY: no frame data available; ERROR_NO_MINIDUMP_HEADER\"");
	check_field(pc, "processor_notes",
				"\">>> Start processing: 2026-11-18 11:16:41.000000+00:00 (unit)\\n"
				"MinidumpStackwalkRule: upload_file_minidump: failed: 1: ERROR_NO_MINIDUMP_HEADER: "
				"file is 22 bytes, too short for the 32-byte minidump header\\n"
				"CrashingThreadInfoRule: mdsw did not identify the crashing thread\\n"
				"DatesAndTimesRule: WARNING: raw_crash missing CrashTime\\n"
				"DatesAndTimesRule: client_crash_date is unknown\\n"
				"SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)\"");
	jv_free(pc);

	pc = walk_and_process((const uint8_t *) "", 0, NULL, -1, &w);
	check_field(pc, "json_dump", "(absent)");
	check_field(pc, "mdsw_status_string", "\"EmptyMinidump\"");
	check_field(pc, "mdsw_stderr", "\"Shortcut for 0-bytes minidump.\"");
	jv_free(pc);

	if (root == NULL)
	{
		unit_skip("real dumps: shared test data is absent");
		return;
	}
	snprintf(path, sizeof(path), "%s/breakpad/linux_null_read_av.dmp", root);
	snprintf(syms, sizeof(syms), "%s/breakpad/symbols", root);
	bytes = (uint8_t *) unit_read_file(path, &len);
	pc = walk_and_process(bytes, len, syms, -1, &w);
	free(w.json);
	check_field(pc, "os_name", "\"Linux\"");
	check_field(pc, "cpu_arch", "\"amd64\"");
	/* as Breakpad's minidump_stackwalk -m prints it: Crash|SIGSEGV /0x00000000|0x0|0 */
	check_field(pc, "reason", "\"SIGSEGV /0x00000000\"");
	check_field(pc, "address", "\"0x0000000000000000\"");
	check_field(pc, "crashing_thread", "0");
	/* frames crash(), main, __libc_start_main: main and below are not signature frames */
	check_field(pc, "signature", "\"crash\"");
	check_field(pc, "missing_symbols", "(absent)");
	check_field(pc, "modules_in_stack",
				"\"libc-2.13.so/F4F8DFCD5A5FB5A7CE64717E9E6AE3890;null_read_av/7B7D1968FF0D47AE4366E9C3A7E1B6750\"");
	jv_free(pc);

	pc = walk_and_process(bytes, len, syms, 1, &w);
	CHECK_STR(w.status, "ERROR_TIMEOUT");
	CHECK_INT(w.return_code, -9);
	free(w.json);
	check_field(pc, "mdsw_status_string", "\"ERROR_TIMEOUT\"");
	check_field(pc, "processor_notes",
				"\">>> Start processing: 2026-11-18 11:16:41.000000+00:00 (unit)\\n"
				"MinidumpStackwalkRule: upload_file_minidump: timeout: the stack walk was stopped at its "
				"time limit; the threads after it have no frames\\n"
				"DatesAndTimesRule: WARNING: raw_crash missing CrashTime\\n"
				"DatesAndTimesRule: client_crash_date is unknown\"");
	jv_free(pc);
	free(bytes);
}

int
main(void)
{
	char		err[256];
	const char *root = unit_testdata_root();

	lists = siggen_lists_load_dir("siglists", err, sizeof(err));
	if (!lists)
	{
		fprintf(stderr, "cannot load siglists/: %s\n", err);
		return 1;
	}
	if (root)
		test_copy_table(root);
	else
		unit_skip("copy table: shared test data is absent");
	test_rule_order();
	test_annotation_rules();
	test_dump_rules();
	test_truncation_and_history();
	test_bad_input();
	test_real_dumps(root);
	siggen_lists_free(lists);
	return unit_finish("processor");
}
