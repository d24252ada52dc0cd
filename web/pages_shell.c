/*-------------------------------------------------------------------------
 * web/pages_shell.c
 *	  The pages drawn in the browser: each route answers a fixed HTML file
 *	  of web/static/ whose JavaScript module reads the page's data from
 *	  the JSON API, so a page shows exactly what the API lets the caller
 *	  see, and the server's time for a page is its API calls.  What a page
 *	  is about (a product, a crash id, a signature) is in its URL, which is
 *	  therefore shareable; the scripts read it from there.
 *-------------------------------------------------------------------------
 */
#include <string.h>

#include "server.h"

/* A page route (exact, or a prefix ending in '/') and its HTML file. */
typedef struct Shell
{
	const char *path;
	const char *file;
} Shell;

static const Shell shells[] = {
	{"/search/", "search.html"},
	{"/topcrashers/", "topcrashers.html"},
	{"/signature/", "signature.html"},
	{"/report/index/", "report.html"},
	{"/home/product/", "product.html"},
	{"/jobs/", "jobs.html"},
	{"/login/", "login.html"},
};

/* GET one of the pages: the file of the shell whose path starts the URL. */
enum MHD_Result
page_shell(Request *req)
{
	for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (strncmp(req->url, shells[i].path, strlen(shells[i].path)) == 0)
			return static_serve(req, shells[i].file);
	return respond_not_found(req);
}
