/*-------------------------------------------------------------------------
 * extension/pg/core_glue.h
 *	  What every SQL function over the portable core needs: the core's
 *	  allocator callback backed by palloc, and core errors as ereports.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_CORE_GLUE_H
#define CRASHPIPE_CORE_GLUE_H

#include "md_alloc.h"
#include "minidump.h"

extern const md_allocator crashpipe_palloc_allocator;
extern void crashpipe_report_md_error(const md_error *error) pg_attribute_noreturn();

#endif
