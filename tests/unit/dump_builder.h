/*-------------------------------------------------------------------------
 * tests/unit/dump_builder.h
 *	  A minidump writer for tests: streams are appended as bytes, then the
 *	  directory and header are written, so a test states the exact bytes
 *	  of the dump it walks (CPU, threads, stack memory, contexts, modules
 *	  with CodeView records) and knows the frames it must get.  The
 *	  project's arm and arm64 fixtures are made with it at run time.
 *
 *	  Header-only like unit.h; every function aborts the test on a full
 *	  buffer rather than returning errors, since the inputs are the
 *	  test's own.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_DUMP_BUILDER_H
#define CRASHPIPE_DUMP_BUILDER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DB_MAX_STREAMS	16
#define DB_MAX_MODULES	2048

/* A dump being built. */
typedef struct dump_builder
{
	uint8_t    *buf;
	size_t		len;
	size_t		cap;
	uint32_t	count;
	uint32_t	types[DB_MAX_STREAMS];
	uint32_t	sizes[DB_MAX_STREAMS];
	uint32_t	rvas[DB_MAX_STREAMS];
} dump_builder;

/* A module of the module list. */
typedef struct db_module
{
	uint64_t	base;
	uint32_t	size;
	const char *name;			/* code file and PDB name */
	const char *debug_id;		/* 33 hex digits: GUID then age */
} db_module;

/* Store v little-endian at p. */
static inline void
db_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) v;
	p[1] = (uint8_t) (v >> 8);
	p[2] = (uint8_t) (v >> 16);
	p[3] = (uint8_t) (v >> 24);
}

static inline void
db_le64(uint8_t *p, uint64_t v)
{
	db_le32(p, (uint32_t) v);
	db_le32(p + 4, (uint32_t) (v >> 32));
}

/* Start a dump: room for the 32-byte header. */
static inline void
db_init(dump_builder *b)
{
	memset(b, 0, sizeof(*b));
	b->cap = 1 << 16;
	b->buf = calloc(1, b->cap);
	b->len = 32;
}

/* Append n bytes (8-aligned); their RVA. */
static inline uint32_t
db_bytes(dump_builder *b, const void *p, size_t n)
{
	uint32_t	rva;

	b->len = (b->len + 7) & ~(size_t) 7;
	while (b->len + n > b->cap)
	{
		b->buf = realloc(b->buf, b->cap * 2);
		memset(b->buf + b->cap, 0, b->cap);
		b->cap *= 2;
	}
	rva = (uint32_t) b->len;
	if (p)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
	return rva;
}

/* Append n bytes as a stream of this type. */
static inline void
db_stream(dump_builder *b, uint32_t type, const void *p, size_t n)
{
	if (b->count >= DB_MAX_STREAMS)
		abort();
	b->types[b->count] = type;
	b->sizes[b->count] = (uint32_t) n;
	b->rvas[b->count] = db_bytes(b, p, n);
	b->count++;
}

/* An ASCII string as a MINIDUMP_STRING (UTF-16LE); its RVA. */
static inline uint32_t
db_string(dump_builder *b, const char *s)
{
	size_t		n = strlen(s);
	uint8_t    *u = calloc(1, 4 + 2 * n + 2);
	uint32_t	rva;
	size_t		i;

	db_le32(u, (uint32_t) (2 * n));
	for (i = 0; i < n; i++)
		u[4 + 2 * i] = (uint8_t) s[i];
	rva = db_bytes(b, u, 4 + 2 * n + 2);
	free(u);
	return rva;
}

/* MINIDUMP_SYSTEM_INFO for cpu and platform (Breakpad's values), no CSD. */
static inline void
db_system_info(dump_builder *b, uint16_t cpu, uint32_t platform, uint8_t cpus)
{
	uint8_t		si[56] = {0};

	si[0] = (uint8_t) cpu;
	si[1] = (uint8_t) (cpu >> 8);
	si[6] = cpus;
	db_le32(si + 20, platform);
	db_stream(b, 7, si, sizeof(si));
}

/*
 * One thread whose stack of n bytes starts at start, and its context
 * bytes.  A NULL stack leaves the thread's memory descriptor pointing
 * nowhere (RVA 0), as full-memory dumps do, for a memory list to hold.
 */
static inline void
db_thread(dump_builder *b, uint32_t id, uint64_t start, const void *stack,
		  size_t n, const void *context, size_t context_len)
{
	uint8_t		list[4 + 48] = {0};
	uint32_t	stack_rva = stack ? db_bytes(b, stack, n) : 0;
	uint32_t	ctx_rva = db_bytes(b, context, context_len);

	db_le32(list, 1);
	db_le32(list + 4, id);
	db_le64(list + 4 + 24, start);
	db_le32(list + 4 + 32, (uint32_t) n);
	db_le32(list + 4 + 36, stack_rva);
	db_le32(list + 4 + 40, (uint32_t) context_len);
	db_le32(list + 4 + 44, ctx_rva);
	db_stream(b, 3, list, sizeof(list));
}

/* Two hex digits of s at i as a byte. */
static inline uint8_t
db_hex_byte(const char *s, size_t i)
{
	char		t[3] = {s[i], s[i + 1], '\0'};

	return (uint8_t) strtoul(t, NULL, 16);
}

/* An RSDS CodeView record whose debug id prints as m->debug_id. */
static inline uint32_t
db_codeview(dump_builder *b, const db_module *m, uint32_t *len)
{
	size_t		n = strlen(m->name);
	uint8_t    *cv = calloc(1, 24 + n + 1);
	char		part[9];
	uint32_t	rva;
	int			i;

	memcpy(cv, "RSDS", 4);
	memcpy(part, m->debug_id, 8);
	part[8] = '\0';
	db_le32(cv + 4, (uint32_t) strtoul(part, NULL, 16));
	for (i = 0; i < 2; i++)
	{
		uint32_t	v;

		memcpy(part, m->debug_id + 8 + 4 * i, 4);
		part[4] = '\0';
		v = (uint32_t) strtoul(part, NULL, 16);
		cv[8 + 2 * i] = (uint8_t) v;
		cv[9 + 2 * i] = (uint8_t) (v >> 8);
	}
	for (i = 0; i < 8; i++)
		cv[12 + i] = db_hex_byte(m->debug_id, 16 + 2 * (size_t) i);
	db_le32(cv + 20, (uint32_t) strtoul(m->debug_id + 32, NULL, 16));
	memcpy(cv + 24, m->name, n + 1);
	*len = (uint32_t) (24 + n + 1);
	rva = db_bytes(b, cv, *len);
	free(cv);
	return rva;
}

/* The module list. */
static inline void
db_modules(dump_builder *b, const db_module *mods, int n)
{
	uint8_t    *list = calloc(1, 4 + 108 * (size_t) n);
	int			i;

	db_le32(list, (uint32_t) n);
	for (i = 0; i < n; i++)
	{
		uint8_t    *r = list + 4 + 108 * (size_t) i;
		uint32_t	cv_len;

		db_le64(r, mods[i].base);
		db_le32(r + 8, mods[i].size);
		db_le32(r + 20, db_string(b, mods[i].name));
		db_le32(r + 76 + 4, db_codeview(b, &mods[i], &cv_len));
		db_le32(r + 76, cv_len);
	}
	db_stream(b, 4, list, 4 + 108 * (size_t) n);
	free(list);
}

/* An unloaded module of the unloaded module list. */
typedef struct db_unloaded
{
	uint64_t	base;
	uint32_t	size;
	uint32_t	time_date_stamp;
	const char *name;
} db_unloaded;

/* The unloaded module list (12-byte header, 24-byte entries). */
static inline void
db_unloaded_modules(dump_builder *b, const db_unloaded *mods, int n)
{
	uint8_t    *list = calloc(1, 12 + 24 * (size_t) n);
	int			i;

	db_le32(list, 12);
	db_le32(list + 4, 24);
	db_le32(list + 8, (uint32_t) n);
	for (i = 0; i < n; i++)
	{
		uint8_t    *r = list + 12 + 24 * (size_t) i;

		db_le64(r, mods[i].base);
		db_le32(r + 8, mods[i].size);
		db_le32(r + 16, mods[i].time_date_stamp);
		db_le32(r + 20, db_string(b, mods[i].name));
	}
	db_stream(b, 14, list, 12 + 24 * (size_t) n);
	free(list);
}

/* A Memory64List of one region of n bytes at start. */
static inline void
db_memory64(dump_builder *b, uint64_t start, const void *bytes, size_t n)
{
	uint8_t		list[32] = {0};
	uint32_t	rva = db_bytes(b, bytes, n);

	db_le64(list, 1);
	db_le64(list + 8, rva);
	db_le64(list + 16, start);
	db_le64(list + 24, n);
	db_stream(b, 9, list, sizeof(list));
}

/* Write the directory and header; the dump's bytes (the caller frees). */
static inline uint8_t *
db_finish(dump_builder *b, size_t *len)
{
	uint8_t		dir[12 * DB_MAX_STREAMS];
	uint32_t	i;
	uint32_t	rva;

	for (i = 0; i < b->count; i++)
	{
		db_le32(dir + 12 * i, b->types[i]);
		db_le32(dir + 12 * i + 4, b->sizes[i]);
		db_le32(dir + 12 * i + 8, b->rvas[i]);
	}
	rva = db_bytes(b, dir, 12 * (size_t) b->count);
	db_le32(b->buf, 0x504d444d);
	db_le32(b->buf + 4, 0xa793);
	db_le32(b->buf + 8, b->count);
	db_le32(b->buf + 12, rva);
	*len = b->len;
	return b->buf;
}

#endif							/* CRASHPIPE_DUMP_BUILDER_H */
