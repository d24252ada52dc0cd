/*-------------------------------------------------------------------------
 * bgworker/worker_common.h
 *	  What the crashpipe background workers share: one short transaction
 *	  per step, and waiting for CREATE EXTENSION in their database.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WORKER_COMMON_H
#define CRASHPIPE_WORKER_COMMON_H

extern void worker_begin_step(const char *activity);
extern void worker_end_step(void);
extern bool worker_extension_ready(void);

#endif
