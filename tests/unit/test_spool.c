/*-------------------------------------------------------------------------
 * tests/unit/test_spool.c
 *	  The collector's spool file format: a report written and read back is
 *	  the same report, and a file cut short or with any bit flipped is
 *	  refused rather than stored wrong.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "spool_file.h"
#include "unit.h"

/* A report with annotations and two dumps, one with NULs and CRLFs. */
static void
make_report(Report *report)
{
	static const char dump[] = "MDMP\0\r\n--boundary\0\xff";

	report_init(report, 0);
	buffer_append_str(&report->annotations, "{\"ProductName\":\"Firefox\",\"Version\":\"1\"}");
	report->dumps = calloc(2, sizeof(ReportDump));
	report->ndumps = 2;
	snprintf(report->dumps[0].name, sizeof(report->dumps[0].name), "upload_file_minidump");
	buffer_append(&report->dumps[0].data, dump, sizeof(dump));
	snprintf(report->dumps[1].name, sizeof(report->dumps[1].name), "memory_report");
}

/* Write bytes to path. */
static void
write_bytes(const char *path, const char *data, size_t len)
{
	FILE	   *f = fopen(path, "wb");

	fwrite(data, 1, len, f);
	fclose(f);
}

/* Can path be read as a spool file? */
static bool
readable(const char *path)
{
	Report		back;
	char	   *meta = NULL;
	char		error[256];
	bool		ok;

	report_init(&back, 0);
	ok = spool_read(path, &back, &meta, error, sizeof(error));
	report_free(&back);
	free(meta);
	return ok;
}

int
main(void)
{
	Report		report,
				back;
	Buffer		bytes;
	char		path[] = "/tmp/crashpipe-test-spool-XXXXXX";
	char	   *meta = NULL;
	char		error[256];
	int			accepted_damage = 0;

	close(mkstemp(path));
	make_report(&report);
	buffer_init(&bytes);
	CHECK(spool_encode(&report, "{\"payload\":\"json\"}", &bytes));
	write_bytes(path, bytes.data, bytes.len);

	report_init(&back, 0);
	CHECK(spool_read(path, &back, &meta, error, sizeof(error)));
	CHECK_STR(buffer_str(&back.annotations), buffer_str(&report.annotations));
	CHECK_STR(meta, "{\"payload\":\"json\"}");
	CHECK_INT(back.ndumps, 2);
	CHECK_STR(back.dumps[0].name, "upload_file_minidump");
	CHECK_INT(back.dumps[0].data.len, report.dumps[0].data.len);
	CHECK(memcmp(back.dumps[0].data.data, report.dumps[0].data.data, back.dumps[0].data.len) == 0);
	CHECK_STR(back.dumps[1].name, "memory_report");
	CHECK_INT(back.dumps[1].data.len, 0);
	report_free(&back);
	free(meta);

	for (size_t cut = 0; cut < bytes.len; cut++)
	{
		write_bytes(path, bytes.data, cut);
		accepted_damage += readable(path);
	}
	for (size_t bit = 0; bit < bytes.len * 8; bit++)
	{
		bytes.data[bit / 8] ^= (char) (1 << (bit % 8));
		write_bytes(path, bytes.data, bytes.len);
		accepted_damage += readable(path);
		bytes.data[bit / 8] ^= (char) (1 << (bit % 8));
	}
	CHECK_INT(accepted_damage, 0);
	CHECK(!spool_read("/nonexistent/crashpipe.crash", &back, &meta, error, sizeof(error)));
	CHECK_STR(error, "could not read spool file \"/nonexistent/crashpipe.crash\"");

	unlink(path);
	buffer_free(&bytes);
	report_free(&report);
	return unit_finish("spool");
}
