/*-------------------------------------------------------------------------
 * web/static.c
 *	  GET /static/<file>: files from the static directory (web/static by
 *	  default), for the stylesheet and whatever the pages come to need.
 *
 *	  Only the file types listed below are served, and only from inside the
 *	  directory: names with a "." or ".." component or a hidden file are
 *	  refused outright, and the resolved path, symbolic links followed, must
 *	  still lie under the directory.  Anything refused is a plain 404, so
 *	  nothing about the file system leaks.
 *-------------------------------------------------------------------------
 */
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"

/* A file name ending and the Content-Type it is served with. */
typedef struct ContentType
{
	const char *suffix;
	const char *type;
} ContentType;

static const ContentType content_types[] = {
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".html", CONTENT_TYPE_HTML},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
};

/* The Content-Type for a file name, or NULL for a type not served. */
static const char *
content_type_of(const char *name)
{
	size_t		len = strlen(name);

	for (size_t i = 0; i < sizeof(content_types) / sizeof(content_types[0]); i++)
	{
		size_t		suffix_len = strlen(content_types[i].suffix);

		if (len > suffix_len &&
			strcmp(name + len - suffix_len, content_types[i].suffix) == 0)
			return content_types[i].type;
	}
	return NULL;
}

/* Is name a relative path of non-empty components none starting with "."? */
static bool
name_is_safe(const char *name)
{
	const char *component = name;

	for (;;)
	{
		if (component[0] == '\0' || component[0] == '/' || component[0] == '.')
			return false;
		component = strchr(component, '/');
		if (component == NULL)
			return true;
		component++;
	}
}

/* Open name under dir for reading, or -1 if it is not a file inside dir. */
static int
open_inside(const char *dir, const char *name)
{
	char		path[PATH_MAX];
	char		resolved[PATH_MAX];
	size_t		dir_len = strlen(dir);

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int) sizeof(path))
		return -1;
	if (realpath(path, resolved) == NULL)
		return -1;
	if (strncmp(resolved, dir, dir_len) != 0 || resolved[dir_len] != '/')
		return -1;
	return open(resolved, O_RDONLY | O_CLOEXEC);
}

/* Answer the file name of the static directory, or 404. */
enum MHD_Result
static_serve(Request *req, const char *name)
{
	const char *type = content_type_of(name);
	struct stat st;
	int			fd;

	if (req->site->static_dir == NULL || type == NULL || !name_is_safe(name))
		return respond_not_found(req);
	fd = open_inside(req->site->static_dir, name);
	if (fd < 0)
		return respond_not_found(req);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
	{
		close(fd);
		return respond_not_found(req);
	}
	return respond_fd(req, type, fd, (uint64_t) st.st_size);
}

/* GET /static/<name>: the file, or 404. */
enum MHD_Result
static_file(Request *req)
{
	return static_serve(req, req->url + strlen("/static/"));
}
