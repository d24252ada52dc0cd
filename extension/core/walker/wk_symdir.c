/*-------------------------------------------------------------------------
 * extension/core/walker/wk_symdir.c
 *	  A symbol supplier over directories laid out as Breakpad's
 *	  SimpleSymbolSupplier expects:
 *	    <dir>/<debug_file>/<debug_id>/<debug_file without .pdb>.sym
 *	  Directories are tried in order.  Each .sym found is parsed and
 *	  built into a symbol cache once; later lookups of the same file
 *	  (and lookups that found nothing) are answered from memory.
 *
 *	  With a cache directory (wk_symdir_set_cache), built caches are kept
 *	  there and mapped on later runs (wk_cachefile.c).
 *
 *	  File I/O lives here, not in the walker, so the PostgreSQL glue can
 *	  supply caches from its own store instead.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WK_MAX_SYM_BYTES	((size_t) 1 << 30)

/* One .sym path looked up, and its cache if it loaded. */
typedef struct symdir_entry
{
	struct symdir_entry *next;
	char	   *path;
	uint8_t    *bytes;			/* the built cache; NULL if not found */
	size_t		mapped_len;		/* > 0: bytes is a mapped cache file */
	symcache	cache;
} symdir_entry;

struct wk_symdir
{
	const md_allocator *allocator;
	const char *const *dirs;
	int			dir_count;
	const char *cache_dir;		/* built caches kept here, or NULL */
	symdir_entry *entries;
};

/* A new supplier over dirs (which must outlive it). */
wk_symdir *
wk_symdir_new(const char *const *dirs, int dir_count,
			  const md_allocator *allocator)
{
	wk_symdir  *s = md_alloc_raw(allocator, sizeof(wk_symdir));

	if (s == NULL)
		return NULL;
	s->allocator = allocator;
	s->dirs = dirs;
	s->dir_count = dir_count;
	s->cache_dir = NULL;
	s->entries = NULL;
	return s;
}

/*
 * Keep built caches under cache_dir (which must outlive the supplier),
 * laid out like the symbol directories with ".symc" for ".sym", and use
 * them instead of parsing when they are as new as their .sym.
 */
void
wk_symdir_set_cache(wk_symdir *s, const char *cache_dir)
{
	s->cache_dir = cache_dir;
}

/* Read a whole file into allocator memory; NULL if unreadable. */
static char *
read_file(const md_allocator *a, const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	long		size;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
		(size_t) size < WK_MAX_SYM_BYTES && fseek(f, 0, SEEK_SET) == 0 &&
		(buf = md_alloc_raw(a, (size_t) size + 1)) != NULL)
	{
		*len = fread(buf, 1, (size_t) size, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

/* Map the kept cache of e->path into e; false if there is no usable one. */
static bool
map_entry(symdir_entry *e, const char *cache_path)
{
	size_t		len;
	const uint8_t *p = wk_cachefile_map(cache_path, e->path, &len);

	if (p == NULL)
		return false;
	if (symcache_open(p, len, &e->cache) != SYM_OK)
	{
		wk_cachefile_unmap(p, len);
		return false;
	}
	e->bytes = (uint8_t *) p;
	e->mapped_len = len;
	return true;
}

/*
 * Build e's cache: from the kept cache file when there is one, else by
 * parsing e->path (and keeping the result at cache_path, if given);
 * false if it is not usable.
 */
static bool
load_entry(wk_symdir *s, symdir_entry *e, const char *cache_path)
{
	size_t		len = 0;
	char	   *text;
	sym_file	parsed;
	size_t		cache_len;
	bool		ok;

	if (cache_path && map_entry(e, cache_path))
		return true;
	if ((text = read_file(s->allocator, e->path, &len)) == NULL)
		return false;
	ok = sym_parse(text, len, s->allocator, &parsed) == SYM_OK;
	if (ok)
	{
		ok = symcache_build(&parsed, s->allocator, &e->bytes, &cache_len) ==
			SYM_OK;
		sym_file_free(&parsed);
	}
	md_free_raw(s->allocator, text);
	if (ok && symcache_open(e->bytes, cache_len, &e->cache) != SYM_OK)
	{
		md_free_raw(s->allocator, e->bytes);
		ok = false;
	}
	if (!ok)
		e->bytes = NULL;
	else if (cache_path)
		wk_cachefile_write(cache_path, e->bytes, cache_len);
	return ok;
}

/*
 * The entry for path, loading it the first time (with its kept cache at
 * cache_path, or NULL); NULL on no memory.
 */
static symdir_entry *
entry_for(wk_symdir *s, const char *path, const char *cache_path)
{
	symdir_entry *e;

	for (e = s->entries; e; e = e->next)
		if (strcmp(e->path, path) == 0)
			return e;
	e = md_alloc_raw(s->allocator, sizeof(symdir_entry));
	if (e == NULL || (e->path = md_alloc_raw(s->allocator,
											 strlen(path) + 1)) == NULL)
	{
		md_free_raw(s->allocator, e);
		return NULL;
	}
	strcpy(e->path, path);
	e->bytes = NULL;
	e->mapped_len = 0;
	load_entry(s, e, cache_path);
	e->next = s->entries;
	s->entries = e;
	return e;
}

/* Build <dir>/<file>/<id>/<file minus .pdb>.sym into buf; false if too long. */
static bool
sym_path(char *buf, size_t size, const char *dir, const char *file,
		 const char *id)
{
	size_t		n = strlen(file);
	int			len;

	if (n > 4 && strcasecmp(file + n - 4, ".pdb") == 0)
		n -= 4;
	len = snprintf(buf, size, "%s/%s/%s/%.*s.sym", dir, file, id, (int) n,
				   file);
	return len > 0 && (size_t) len < size;
}

/* wk_symbol_fn: the cache for module's debug file and id, or NULL. */
const symcache *
wk_symdir_lookup(void *ctx, const md_module *module)
{
	wk_symdir  *s = ctx;
	const char *file = module->debug_file;
	char		path[4096];
	char		cache[4096];
	int			i;

	if (file && (strrchr(file, '/') || strrchr(file, '\\')))
	{
		const char *a = strrchr(file, '/');
		const char *b = strrchr(file, '\\');

		file = (a > b ? a : b) + 1;
	}
	if (file == NULL || *file == '\0' || module->debug_id == NULL ||
		*module->debug_id == '\0')
		return NULL;
	for (i = 0; i < s->dir_count; i++)
	{
		symdir_entry *e;

		bool		cached = s->cache_dir &&
			sym_path(cache, sizeof(cache) - 1, s->cache_dir, file,
					 module->debug_id);

		if (cached)
			strcat(cache, "c");
		if (sym_path(path, sizeof(path), s->dirs[i], file, module->debug_id) &&
			(e = entry_for(s, path, cached ? cache : NULL)) != NULL &&
			e->bytes != NULL)
			return &e->cache;
	}
	return NULL;
}

/* Free the supplier and every cache it loaded. */
void
wk_symdir_free(wk_symdir *s)
{
	if (s == NULL)
		return;
	while (s->entries)
	{
		symdir_entry *e = s->entries;

		s->entries = e->next;
		if (e->mapped_len > 0)
			wk_cachefile_unmap(e->bytes, e->mapped_len);
		else
			md_free_raw(s->allocator, e->bytes);
		md_free_raw(s->allocator, e->path);
		md_free_raw(s->allocator, e);
	}
	md_free_raw(s->allocator, s);
}
