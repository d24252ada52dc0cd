/*-------------------------------------------------------------------------
 * web/pages.c
 *	  The HTML pages, rendered on the server from one SQL function call
 *	  each.  Every value from the database goes through buf_append_html, so
 *	  a crash report cannot inject markup; the Content-Security-Policy
 *	  header is the second line of defence.
 *-------------------------------------------------------------------------
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "server.h"

#define LATEST_CRASHES_SQL \
	"SELECT crash_id, submitted_at, product, version, os_name, cpu_arch, reason, success " \
	"FROM crashpipe.latest_crashes(50)"

/* The columns of LATEST_CRASHES_SQL, with the labels shown for them. */
enum
{
	COL_CRASH_ID, COL_SUBMITTED_AT, COL_PRODUCT, COL_VERSION,
	COL_OS_NAME, COL_CPU_ARCH, COL_REASON, COL_SUCCESS, NUM_COLS
};
static const char *const column_labels[NUM_COLS] = {
	"Crash ID", "Submitted", "Product", "Version", "OS", "CPU", "Reason", "Processed"
};

/* Append the page head and the start of its body. */
static void
page_begin(Buf *page, const char *heading)
{
	buf_append(page,
			   "<!doctype html>\n"
			   "<html lang=\"en\">\n"
			   "<head>\n"
			   "<meta charset=\"utf-8\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			   "<title>crashpipe</title>\n"
			   "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
			   "<link rel=\"icon\" href=\"/static/favicon.svg\">\n"
			   "<script type=\"module\" src=\"/static/index.js\"></script>\n"
			   "</head>\n"
			   "<body>\n"
			   "<header><a class=\"home\" href=\"/\">crashpipe</a></header>\n"
			   "<main>\n<section id=\"products\"></section>\n<h1>");
	buf_append_html(page, heading);
	buf_append(page, "</h1>\n");
}

/* Append the end of the page. */
static void
page_end(Buf *page)
{
	buf_append(page, "</main>\n</body>\n</html>\n");
}

/* Answer an error as a page with one sentence on it. */
static enum MHD_Result
respond_page_error(Request *req, unsigned int status, const char *heading,
				   const char *sentence)
{
	Buf			page;
	enum MHD_Result ret;

	buf_init(&page);
	page_begin(&page, heading);
	buf_append(&page, "<p>");
	buf_append_html(&page, sentence);
	buf_append(&page, "</p>\n");
	page_end(&page);
	ret = respond(req, status, CONTENT_TYPE_HTML, page.data, page.len);
	buf_free(&page);
	return ret;
}

/* Append the opening tag of a cell, labelled for narrow screens. */
static void
append_cell_start(Buf *page, int col, const char *class)
{
	buf_append(page, "<td data-label=\"");
	buf_append_html(page, column_labels[col]);
	buf_append(page, "\"");
	if (class != NULL)
	{
		buf_append(page, " class=\"");
		buf_append(page, class);
		buf_append(page, "\"");
	}
	buf_append(page, ">");
}

/* Append one table cell holding text. */
static void
append_cell(Buf *page, int col, const char *class, const char *text)
{
	append_cell_start(page, col, class);
	buf_append_html(page, text);
	buf_append(page, "</td>");
}

/* Append a timestamp cell, without the fractional seconds nobody reads. */
static void
append_time_cell(Buf *page, int col, const char *timestamp)
{
	const char *dot = strchr(timestamp, '.');
	const char *zone;
	char		shown[64];

	if (dot == NULL)
	{
		append_cell(page, col, "time", timestamp);
		return;
	}
	zone = dot + 1 + strspn(dot + 1, "0123456789");
	snprintf(shown, sizeof(shown), "%.*s%s", (int) (dot - timestamp), timestamp, zone);
	append_cell(page, col, "time", shown);
}

/* Append one crash as a table row, the id linking to its report. */
static void
append_crash_row(Buf *page, const PGresult *res, int row)
{
	const char *crash_id = PQgetvalue(res, row, COL_CRASH_ID);
	bool		success = strcmp(PQgetvalue(res, row, COL_SUCCESS), "t") == 0;

	/* A crash id is a uuid, which needs no URL encoding. */
	buf_append(page, "<tr>");
	append_cell_start(page, COL_CRASH_ID, "id");
	buf_append(page, "<a href=\"/report/index/");
	buf_append_html(page, crash_id);
	buf_append(page, "\">");
	buf_append_html(page, crash_id);
	buf_append(page, "</a></td>");
	append_time_cell(page, COL_SUBMITTED_AT, PQgetvalue(res, row, COL_SUBMITTED_AT));
	for (int col = COL_PRODUCT; col <= COL_REASON; col++)
		append_cell(page, col, NULL, PQgetvalue(res, row, col));
	append_cell(page, COL_SUCCESS, success ? "ok" : "failed", success ? "OK" : "failed");
	buf_append(page, "</tr>\n");
}

/* Append the table of latest crashes. */
static void
append_crash_table(Buf *page, const PGresult *res)
{
	buf_append(page, "<table class=\"crashes\">\n<thead><tr>");
	for (int col = 0; col < NUM_COLS; col++)
	{
		buf_append(page, "<th>");
		buf_append_html(page, column_labels[col]);
		buf_append(page, "</th>");
	}
	buf_append(page, "</tr></thead>\n<tbody>\n");
	for (int row = 0; row < PQntuples(res); row++)
		append_crash_row(page, res, row);
	buf_append(page, "</tbody>\n</table>\n");
}

/* GET /: the latest crashes, newest first. */
enum MHD_Result
page_index(Request *req)
{
	PGresult   *res = pgpool_query(req->site->pool, LATEST_CRASHES_SQL, 0, NULL);
	Buf			page;
	enum MHD_Result ret;

	if (res == NULL)
		return respond_page_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "Database unavailable",
								  "The crash database cannot be reached. Try again in a moment.");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		pgpool_log_error(req->path, res);
		PQclear(res);
		return respond_page_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "Internal error",
								  "The crash list could not be read; the server log says why.");
	}
	buf_init(&page);
	page_begin(&page, "Latest crashes");
	if (PQntuples(res) == 0)
		buf_append(&page, "<p class=\"empty\">No crashes yet.</p>\n");
	else
		append_crash_table(&page, res);
	page_end(&page);
	PQclear(res);
	ret = respond(req, MHD_HTTP_OK, CONTENT_TYPE_HTML, page.data, page.len);
	buf_free(&page);
	return ret;
}
