/*-------------------------------------------------------------------------
 * tests/unit/test_malformed.c
 *	  Damaged minidumps: every real dump of ../shared/testdata (Breakpad's
 *	  and rust-minidump's, the malformed invalid-*.dmp included) is cut
 *	  short and bit-flipped here, at run time, and every copy is opened,
 *	  walked with the symbols beside it, and printed in all three formats
 *	  under ASan and UBSan (tests/unit/run.sh builds with both), so an
 *	  out-of-bounds read, a crash or undefined behaviour fails the run.
 *
 *	  What each copy must give: either a clean error (md_open returns
 *	  NULL with an error code and a message) or a walk whose JSON parses
 *	  with consistent counts.  A copy cut inside a stream must still open
 *	  (the header and directory are intact) and carry a note naming the
 *	  damage, which is the "partial result with a note".
 *
 *	  CRASHPIPE_TESTDATA overrides where the shared test data is looked for.
 *-------------------------------------------------------------------------
 */
#include "unit.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>

#include "json_value.h"
#include "walker.h"

#define CUTS		64			/* evenly spaced truncations per dump */
#define FLIPS		160			/* single-bit flips per dump */
#define HEAD_FLIPS	48			/* of which in the header and directory */

/* What the damaged copies of all dumps gave. */
typedef struct tally
{
	int			copies;
	int			errors;			/* clean md_open errors */
	int			walked;
	int			noted;			/* truncated inside a stream, with a note */
} tally;

/* Walk one copy and print it every way; false if any output is unusable. */
static bool
walk_copy(const md_dump *dump, wk_symdir *syms)
{
	wk_result  *res = wk_walk(dump, syms ? wk_symdir_lookup : NULL, syms, NULL);
	char	   *text;
	char	   *printed = NULL;
	size_t		printed_len = 0;
	FILE	   *f = open_memstream(&printed, &printed_len);
	char		err[256];
	json_value *doc = NULL;
	bool		too_large;

	if (res == NULL || f == NULL)
		return false;
	wk_print_machine(res, f);
	wk_print_human(res, f);
	fclose(f);
	free(printed);
	text = wk_json(res, NULL, (size_t) 64 << 20, &too_large);
	if (text)
		doc = jv_parse(text, strlen(text), NULL, err, sizeof(err));
	wk_free(res);
	free(text);
	if (doc == NULL)
		return false;
	too_large = jv_get(doc, "threads") == NULL ||
		jv_get(doc, "thread_count")->ival != (int64_t) jv_get(doc, "threads")->count;
	jv_free(doc);
	return !too_large;
}

/* Open and walk one damaged copy; in_stream: cut inside a stream. */
static void
check_copy(const uint8_t *bytes, size_t len, wk_symdir *syms, bool in_stream,
		   tally *t)
{
	uint8_t    *copy = malloc(len ? len : 1);
	md_error	err;
	md_dump    *dump;

	memcpy(copy, bytes, len);
	t->copies++;
	dump = md_open(copy, len, NULL, &err);
	if (dump == NULL)
	{
		CHECK(err.code != MD_OK && err.message[0] != '\0');
		CHECK(!in_stream);
		t->errors++;
	}
	else
	{
		CHECK(walk_copy(dump, syms));
		t->walked++;
		if (in_stream)
		{
			CHECK(dump->note_count > 0);
			t->noted += dump->note_count > 0;
		}
		md_close(dump);
	}
	free(copy);
}

/* Does a cut to len bytes end inside a stream that starts before it? */
static bool
cuts_a_stream(const md_dump *whole, size_t len)
{
	uint32_t	i;

	if (len < 32 ||
		len < (size_t) whole->header.stream_directory_rva +
		(size_t) whole->header.stream_count * 12)
		return false;
	for (i = 0; i < whole->header.stream_count; i++)
	{
		const md_location *l = &whole->directory[i].location;

		if (l->data_size > 0 && l->rva < len &&
			(uint64_t) l->rva + l->data_size > len)
			return true;
	}
	return false;
}

/* The cut and flipped copies of one dump. */
static void
damage_dump(const uint8_t *data, size_t len, wk_symdir *syms, tally *t)
{
	md_dump    *whole = md_open(data, len, NULL, NULL);
	uint64_t	x = 0x9e3779b97f4a7c15ULL ^ len;
	size_t		head = whole ? (size_t) whole->header.stream_directory_rva +
		(size_t) whole->header.stream_count * 12 : 32;
	int			i;

	for (i = 0; i <= CUTS; i++)
	{
		size_t		cut = len * (size_t) i / CUTS;

		check_copy(data, cut, syms, whole && cuts_a_stream(whole, cut), t);
	}
	for (i = 0; i < FLIPS && len > 0; i++)
	{
		uint8_t    *copy = malloc(len);
		size_t		at;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		at = (size_t) (x % (i < HEAD_FLIPS && head < len ? head : len));
		memcpy(copy, data, len);
		copy[at] ^= (uint8_t) (1u << (x >> 61));
		check_copy(copy, len, syms, false, t);
		free(copy);
	}
	md_close(whole);
}

/* Every .dmp of dir (microdumps, which are text, aside). */
static int
damage_directory(const char *dir, tally *t)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	char		path[4096];
	char		symdir[4096];
	const char *dirs[1] = {symdir};
	int			n = 0;

	snprintf(symdir, sizeof(symdir), "%s/symbols", dir);
	while (d && (e = readdir(d)) != NULL)
	{
		size_t		len = strlen(e->d_name);
		wk_symdir  *syms;
		uint8_t    *data;

		if (len < 5 || strcmp(e->d_name + len - 4, ".dmp") != 0 ||
			strncmp(e->d_name, "microdump-", 10) == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((data = (uint8_t *) unit_read_file(path, &len)) == NULL)
			continue;
		syms = wk_symdir_new(dirs, 1, NULL);
		damage_dump(data, len, syms, t);
		wk_symdir_free(syms);
		free(data);
		n++;
	}
	if (d)
		closedir(d);
	return n;
}

int
main(void)
{
	const char *root = unit_testdata_root();
	char		dir[4096];
	tally		t = {0};
	int			n;

	if (root == NULL)
	{
		unit_skip("malformed dumps: shared test data not found "
				  "(../shared/testdata, or CRASHPIPE_TESTDATA)");
		return unit_finish("malformed");
	}
	snprintf(dir, sizeof(dir), "%s/breakpad", root);
	n = damage_directory(dir, &t);
	snprintf(dir, sizeof(dir), "%s/rust-minidump/testdata", root);
	n += damage_directory(dir, &t);
	CHECK(n > 0);
	CHECK(t.noted > 0);
	printf("malformed: %d damaged copies of %d dumps: %d clean errors, "
		   "%d walked (%d cut inside a stream, each with a note)\n",
		   t.copies, n, t.errors, t.walked, t.noted);
	return unit_finish("malformed");
}
