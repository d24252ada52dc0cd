/*-------------------------------------------------------------------------
 * tests/unit/test_walker_json.c
 *	  Unit tests for the walker's JSON output (extension/core/walker/
 *	  wk_json.c), the document rust-minidump's "minidump-stackwalk --json"
 *	  writes.
 *
 *	  1. rust-minidump's snapshots of its own runs on real dumps (test.dmp
 *	     without symbols in four output variants, with symbols, and with
 *	     symbols plus an --evil-json side file; pipeline-inlines-macos-segv
 *	     with symbols) are compared leaf by leaf with ours.  Every leaf of the snapshot
 *	     must be equal except those under the paths listed for it (array
 *	     indexes written as []); the list must be exact, so a fix or a
 *	     regression both show.  See extension/core/walker/DEVIATIONS.md.
 *	  2. Every real binary dump in ../shared/testdata, with and without
 *	     symbols, gives JSON that parses (siggen's json_value parser) with
 *	     consistent thread and frame counts.
 *
 *	  CRASHPIPE_TESTDATA overrides where the shared test data is looked for.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "dump_builder.h"
#include "json_value.h"
#include "walker.h"

#define MAX_PATHS 64

/* A snapshot, the dump it was made from, and the paths known to differ. */
typedef struct snapshot_case
{
	const char *snapshot;
	const char *dump;
	bool		symbols;
	const char *deviations;		/* sorted, comma-separated */
} snapshot_case;

/* Keep in step with extension/core/walker/DEVIATIONS.md. */
static const snapshot_case cases[] = {
	{"json-pretty-symbols", "test", true, ""},
	{"json-pretty", "test", false, ""},
	{"json", "test", false, ""},
	{"json-stable-all", "test", false, ""},
	{"json-unstable-all", "test", false, ""},
	{"json-pretty-evil-symbols", "test", true,
	"modules[].cert_subject,modules_contains_cert_info"},
	{"macos_inlines_json_pretty", "pipeline-inlines-macos-segv", true,
	"crash_info.instruction,crash_info.memory_accesses"},
};

/* The distinct paths where a snapshot and ours differ. */
typedef struct diffs
{
	int			count;
	char	   *paths[MAX_PATHS];
	int			leaves;			/* snapshot leaves compared */
	int			matched;		/* of which equal */
} diffs;

/* Walk a dump and write its JSON; NULL if the dump does not open. */
static char *
walk_json(const char *data, size_t len, const char *symdir)
{
	md_error	err;
	md_dump    *dump = md_open((const uint8_t *) data, len, NULL, &err);
	wk_symdir  *sup = NULL;
	wk_result  *res;
	char	   *text = NULL;
	bool		too_large;

	if (dump == NULL)
		return NULL;
	if (symdir)
		sup = wk_symdir_new(&symdir, 1, NULL);
	res = wk_walk(dump, sup ? wk_symdir_lookup : NULL, sup, NULL);
	if (res)
		text = wk_json(res, NULL, (size_t) 64 << 20, &too_large);
	wk_free(res);
	wk_symdir_free(sup);
	md_close(dump);
	return text;
}

/* Record path as differing, once. */
static void
add_diff(diffs *d, const char *path)
{
	int			i;

	for (i = 0; i < d->count; i++)
		if (strcmp(d->paths[i], path) == 0)
			return;
	if (d->count < MAX_PATHS)
		d->paths[d->count++] = strdup(path);
}

/* Are two leaves equal? */
static bool
leaf_equal(const json_value *a, const json_value *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type)
	{
		case JV_BOOL:
			return a->boolean == b->boolean;
		case JV_NUMBER:
		case JV_STRING:
			return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
		default:
			return true;
	}
}

static void compare(const json_value *snap, const json_value *ours,
					const char *path, diffs *d);

/* Compare every member of the snapshot object snap. */
static void
compare_object(const json_value *snap, const json_value *ours,
			   const char *path, diffs *d)
{
	char		sub[512];
	size_t		i;

	for (i = 0; i < snap->count; i++)
	{
		snprintf(sub, sizeof(sub), "%s%s%.*s", path, *path ? "." : "",
				 (int) snap->members[i].key_len, snap->members[i].key);
		compare(snap->members[i].value, jv_get(ours, sub + strlen(path) +
												(*path ? 1 : 0)), sub, d);
	}
}

/* Compare the snapshot value snap at path with ours (NULL: missing). */
static void
compare(const json_value *snap, const json_value *ours, const char *path,
		diffs *d)
{
	char		sub[512];
	size_t		i;

	if (ours == NULL ||
		(snap->type != ours->type &&
		 (snap->type == JV_ARRAY || snap->type == JV_OBJECT)))
	{
		add_diff(d, path);
		return;
	}
	if (snap->type == JV_OBJECT)
		compare_object(snap, ours, path, d);
	else if (snap->type == JV_ARRAY)
	{
		snprintf(sub, sizeof(sub), "%s[]", path);
		if (snap->count != ours->count)
			add_diff(d, sub);
		for (i = 0; i < snap->count && i < ours->count; i++)
			compare(snap->items[i], ours->items[i], sub, d);
	}
	else
	{
		d->leaves++;
		if (leaf_equal(snap, ours))
			d->matched++;
		else
			add_diff(d, path);
	}
}

/* qsort comparator for strings. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The sorted differing paths, comma-separated (static buffer). */
static const char *
joined(diffs *d)
{
	static char buf[4096];
	int			i;

	qsort(d->paths, d->count, sizeof(char *), cmp_str);
	buf[0] = '\0';
	for (i = 0; i < d->count; i++)
	{
		if (i)
			strncat(buf, ",", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, d->paths[i], sizeof(buf) - strlen(buf) - 1);
		free(d->paths[i]);
	}
	return buf;
}

/* The JSON of a snapshot file: what follows its second "---" line. */
static const char *
snapshot_body(const char *text)
{
	const char *p = strstr(text, "\n---\n");

	return p ? p + 5 : text;
}

/* One snapshot against our output for its dump. */
static void
test_snapshot(const char *root, const snapshot_case *sc)
{
	char		path[4096];
	char		symdir[4096];
	char		err[256];
	size_t		len;
	char	   *snap_text;
	char	   *dump;
	char	   *ours;
	json_value *snap = NULL;
	json_value *mine = NULL;
	diffs		d = {0};

	snprintf(path, sizeof(path),
			 "%s/rust-minidump/minidump-stackwalk/tests/snapshots/"
			 "test_minidump_stackwalk__%s.snap", root, sc->snapshot);
	snap_text = unit_read_file(path, &len);
	snprintf(path, sizeof(path), "%s/rust-minidump/testdata/%s.dmp", root,
			 sc->dump);
	snprintf(symdir, sizeof(symdir), "%s/rust-minidump/testdata/symbols",
			 root);
	dump = unit_read_file(path, &len);
	if (snap_text == NULL || dump == NULL)
	{
		unit_skip(sc->snapshot);
		free(snap_text);
		free(dump);
		return;
	}
	ours = walk_json(dump, len, sc->symbols ? symdir : NULL);
	CHECK(ours != NULL);
	if (ours)
		mine = jv_parse(ours, strlen(ours), NULL, err, sizeof(err));
	snap = jv_parse(snapshot_body(snap_text), strlen(snapshot_body(snap_text)),
					NULL, err, sizeof(err));
	CHECK(mine != NULL);
	CHECK(snap != NULL);
	if (mine && snap)
	{
		compare(snap, mine, "", &d);
		printf("  %-28s %d of %d snapshot leaves match\n", sc->snapshot,
			   d.matched, d.leaves);
		CHECK_STR(joined(&d), sc->deviations);
	}
	jv_free(snap);
	jv_free(mine);
	free(ours);
	free(dump);
	free(snap_text);
}

/*
 * The dump rust-minidump's json-pretty-unloaded snapshot was made from,
 * rebuilt from what the snapshot shows: x86 on an unknown platform, one
 * thread at 0x00f00800 with no stack, no modules, and eight unloaded
 * modules, four of which hold that address.
 */
static uint8_t *
unloaded_dump(size_t *len)
{
	static const db_unloaded unloaded[] = {
		{0x00a003a0, 0x1000, 0xb1054d2a, "unused.dll"},
		{0x00f00000, 0x1000, 0xb1054d2a, "many.dll"},
		{0x0af00220, 0x2000, 0xb1054d2a, "solo.dll"},
		{0x00f00100, 0x1000, 0xb1054d2a, "many.dll"},
		{0x00f003a0, 0x1000, 0xb1054d2a, "many.dll"},
		{0x00f00220, 0x2000, 0xb1054d2a, "solo.dll"},
		{0x0af00220, 0x2000, 0xb1054d2a, "solo.dll"},
		{0x00f00000, 0x1000, 0xb1054d2a, "many.dll"}
	};
	uint8_t		context[716] = {0};
	uint8_t		no_modules[4] = {0};
	dump_builder b;

	db_le32(context, 0x0001003f);
	db_le32(context + 0xb8, 0x00f00800);
	db_init(&b);
	db_system_info(&b, 0, 0, 1);
	b.buf[b.rvas[0] + 2] = 6;	/* processor level: family 6 */
	db_thread(&b, 4660, 0, NULL, 0, context, sizeof(context));
	db_stream(&b, 4, no_modules, sizeof(no_modules));
	db_unloaded_modules(&b, unloaded, 8);
	return db_finish(&b, len);
}

/* The json-pretty-unloaded snapshot against our walk of that dump. */
static void
test_unloaded_snapshot(const char *root)
{
	static const char deviations[] =
		"crash_info.crash_inconsistencies,main_module,system_info.cpu_info,"
		"system_info.os";
	char		path[4096];
	char		err[256];
	size_t		len;
	char	   *snap_text;
	uint8_t    *dump = unloaded_dump(&len);
	char	   *ours = walk_json((const char *) dump, len, NULL);
	json_value *snap = NULL;
	json_value *mine = NULL;
	diffs		d = {0};

	snprintf(path, sizeof(path),
			 "%s/rust-minidump/minidump-stackwalk/tests/snapshots/"
			 "test_minidump_stackwalk__json-pretty-unloaded.snap", root);
	if ((snap_text = unit_read_file(path, &len)) != NULL)
	{
		snap = jv_parse(snapshot_body(snap_text), strlen(snapshot_body(snap_text)),
						NULL, err, sizeof(err));
		mine = ours ? jv_parse(ours, strlen(ours), NULL, err, sizeof(err)) : NULL;
		CHECK(snap != NULL && mine != NULL);
		if (snap && mine)
		{
			compare(snap, mine, "", &d);
			printf("  %-28s %d of %d snapshot leaves match\n",
				   "json-pretty-unloaded", d.matched, d.leaves);
			CHECK_STR(joined(&d), deviations);
		}
	}
	else
		unit_skip("json-pretty-unloaded");
	jv_free(snap);
	jv_free(mine);
	free(snap_text);
	free(ours);
	free(dump);
}

/* Do the thread and frame counts agree with the arrays? */
static bool
counts_consistent(const json_value *doc)
{
	const json_value *threads = jv_get(doc, "threads");
	const json_value *n = jv_get(doc, "thread_count");
	size_t		i;

	if (threads == NULL || n == NULL || n->ival != (int64_t) threads->count)
		return false;
	for (i = 0; i < threads->count; i++)
	{
		const json_value *t = jv_at(threads, i);
		const json_value *fc = jv_get(t, "frame_count");
		const json_value *frames = jv_get(t, "frames");

		if (fc == NULL || frames == NULL || fc->ival != (int64_t) frames->count)
			return false;
	}
	return true;
}

/* One dump's JSON parses and is consistent; false if it did not open. */
static bool
check_valid(const char *data, size_t len, const char *symdir,
			const char *name)
{
	char	   *text = walk_json(data, len, symdir);
	char		err[256];
	json_value *doc;
	bool		ok;

	if (text == NULL)
		return false;
	doc = jv_parse(text, strlen(text), NULL, err, sizeof(err));
	ok = doc != NULL && strcmp(jv_str(jv_get(doc, "status")), "OK") == 0 &&
		counts_consistent(doc);
	if (!ok)
		fprintf(stderr, "  invalid JSON for %s: %s\n", name,
				doc ? "inconsistent counts" : err);
	CHECK(ok);
	jv_free(doc);
	free(text);
	return true;
}

/* Every binary .dmp of dir, with and without symbols; returns how many. */
static int
check_directory(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	char		path[4096];
	char		symdir[4096];
	int			n = 0;

	if (d == NULL)
		return 0;
	snprintf(symdir, sizeof(symdir), "%s/symbols", dir);
	while ((e = readdir(d)) != NULL)
	{
		size_t		len = strlen(e->d_name);
		char	   *data;

		if (len < 5 || strcmp(e->d_name + len - 4, ".dmp") != 0 ||
			strncmp(e->d_name, "microdump", 9) == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((data = unit_read_file(path, &len)) == NULL)
			continue;
		n += check_valid(data, len, symdir, e->d_name);
		check_valid(data, len, NULL, e->d_name);
		free(data);
	}
	closedir(d);
	return n;
}

int
main(void)
{
	const char *root = unit_testdata_root();
	char		dir[4096];
	size_t		i;
	int			n;

	if (root == NULL)
	{
		unit_skip("walker JSON: shared test data not found "
				  "(../shared/testdata, or CRASHPIPE_TESTDATA)");
		return unit_finish("walker_json");
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		test_snapshot(root, &cases[i]);
	test_unloaded_snapshot(root);
	snprintf(dir, sizeof(dir), "%s/breakpad", root);
	n = check_directory(dir);
	snprintf(dir, sizeof(dir), "%s/rust-minidump/testdata", root);
	n += check_directory(dir);
	CHECK(n > 0);
	printf("walker_json: %d dumps give valid JSON with and without symbols\n",
		   n);
	return unit_finish("walker_json");
}
