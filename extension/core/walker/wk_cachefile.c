/*-------------------------------------------------------------------------
 * extension/core/walker/wk_cachefile.c
 *	  Built symbol caches kept on disk for the command-line walker
 *	  (crashpipe-stackwalk --symbol-cache DIR): written once after a .sym
 *	  is parsed, mapped read-only on later runs, so a run that finds a
 *	  cache does no parsing at all; symcache_open checks the mapped bytes
 *	  (magic, format version, checksum, section bounds) as it checks any.
 *
 *	  A cache older than its .sym is not used, and a new one is written
 *	  to a temporary name and renamed into place, so a reader never maps
 *	  a half-written file and two writers do not corrupt each other.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The mapped bytes of cache if it is at least as new as sym; NULL if not. */
const uint8_t *
wk_cachefile_map(const char *cache, const char *sym, size_t *len)
{
	struct stat cs;
	struct stat ss;
	void	   *p;
	int			fd;

	if (stat(sym, &ss) != 0 || (fd = open(cache, O_RDONLY)) < 0)
		return NULL;
	if (fstat(fd, &cs) != 0 || cs.st_size <= 0 || cs.st_mtime < ss.st_mtime)
	{
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t) cs.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t) cs.st_size;
	return p;
}

/* Unmap what wk_cachefile_map returned. */
void
wk_cachefile_unmap(const uint8_t *bytes, size_t len)
{
	munmap((void *) bytes, len);
}

/* Create the directories of path (each prefix ending at a '/'). */
static void
make_parents(const char *path)
{
	char		dir[4096];
	size_t		i;

	for (i = 1; path[i] && i < sizeof(dir); i++)
		if (path[i] == '/')
		{
			memcpy(dir, path, i);
			dir[i] = '\0';
			if (mkdir(dir, 0777) != 0 && errno != EEXIST)
				return;
		}
}

/* Write a cache file atomically; false if it could not be written. */
bool
wk_cachefile_write(const char *cache, const uint8_t *bytes, size_t len)
{
	char		tmp[4200];
	FILE	   *f;
	bool		ok;

	if (snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", cache, (long) getpid()) >=
		(int) sizeof(tmp))
		return false;
	make_parents(cache);
	if ((f = fopen(tmp, "wb")) == NULL)
		return false;
	ok = fwrite(bytes, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	if (ok && rename(tmp, cache) == 0)
		return true;
	unlink(tmp);
	return false;
}
