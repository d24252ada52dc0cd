/*-------------------------------------------------------------------------
 * tests/unit/unit.h
 *	  The smallest test harness that does the job: CHECK-style assertions
 *	  that count passes and failures, and a closing "N passed, N failed"
 *	  line that tests/run-all.sh sums across every layer.
 *
 *	  Each unit test is one program, test_<name>.c, with its own main().
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_UNIT_H
#define CRASHPIPE_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <sys/stat.h>

static int	unit_passed;
static int	unit_failed;
static int	unit_skipped;

/* Record one check; print the failing expression with its place. */
static inline void
unit_check(int ok, const char *what, const char *file, int line)
{
	if (ok)
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
	}
}

/* Compare two C strings exactly, printing both on a mismatch. */
static inline void
unit_check_str(const char *got, const char *want, const char *what,
			   const char *file, int line)
{
	int			ok = (got && want) ? strcmp(got, want) == 0 : got == want;

	unit_check(ok, what, file, line);
	if (!ok)
		fprintf(stderr, "  got:  %s\n  want: %s\n",
				got ? got : "(null)", want ? want : "(null)");
}

/* Compare two integers exactly, printing both on a mismatch. */
static inline void
unit_check_int(int64_t got, int64_t want, const char *what,
			   const char *file, int line)
{
	unit_check(got == want, what, file, line);
	if (got != want)
		fprintf(stderr, "  got:  %" PRId64 "\n  want: %" PRId64 "\n", got, want);
}

#define CHECK(expr) unit_check((expr) != 0, #expr, __FILE__, __LINE__)
#define CHECK_STR(got, want) unit_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_INT(got, want) unit_check_int((int64_t) (got), (int64_t) (want), #got, __FILE__, __LINE__)

/* Count a group of checks that cannot run here (e.g. ../shared is absent). */
static inline void
unit_skip(const char *why)
{
	unit_skipped++;
	fprintf(stderr, "SKIP %s\n", why);
}

/*
 * Where the shared test data is: $CRASHPIPE_TESTDATA if set (and nowhere
 * else), otherwise ../shared/testdata from the repository root (the tests'
 * working directory); NULL if it is not there.
 */
static inline const char *
unit_testdata_root(void)
{
	const char *env = getenv("CRASHPIPE_TESTDATA");
	const char *root = env ? env : "../shared/testdata";
	struct stat st;

	return stat(root, &st) == 0 && S_ISDIR(st.st_mode) ? root : NULL;
}

/* A whole file, NUL-terminated (the NUL not counted in *len); NULL if it cannot be read. */
static inline char *
unit_read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	long		size;

	*len = 0;
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
		fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t) size + 1)) != NULL)
	{
		if (fread(buf, 1, (size_t) size, f) == (size_t) size)
		{
			buf[size] = '\0';
			*len = (size_t) size;
		}
		else
		{
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/* Print the closing line and turn the counts into an exit status. */
static inline int
unit_finish(const char *suite)
{
	printf("%s: %d passed, %d failed, %d skipped\n",
		   suite, unit_passed, unit_failed, unit_skipped);
	return unit_failed == 0 ? 0 : 1;
}

#endif
