/*-------------------------------------------------------------------------
 * extension/pg/core_glue.c
 *	  The portable core (extension/core) allocates through a callback and
 *	  reports errors as codes; here the callback is palloc in the current
 *	  memory context (NULL on exhaustion, so the core fails cleanly and we
 *	  ereport), and the codes become ereports with errcode, detail and hint.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "core_glue.h"

/* Allocator callback: palloc that returns NULL when memory runs out. */
static void *
palloc_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return palloc_extended(size, MCXT_ALLOC_NO_OOM);
}

/* Allocator callback: pfree. */
static void
palloc_free(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

const md_allocator crashpipe_palloc_allocator = {palloc_alloc, palloc_free, NULL};

/* Turn a minidump reader error into the matching ereport(ERROR). */
void
crashpipe_report_md_error(const md_error *error)
{
	if (error->code == MD_ERR_NOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("%s", error->message)));
	if (error->code == MD_ERR_TOO_LARGE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("minidump is too large to read"),
				 errdetail("%s", error->message)));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid minidump"),
			 errdetail("%s", error->message),
			 errhint("The dump is truncated or is not a minidump (it must start with MDMP).")));
}
