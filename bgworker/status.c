/*-------------------------------------------------------------------------
 * bgworker/status.c
 *	  What the processor workers are doing, in shared memory: one slot per
 *	  worker with its pid, counters and the crash in hand, read by the
 *	  crashpipe.processor_status view; and their latches, so that a
 *	  transaction that queued work wakes them at commit instead of leaving
 *	  them to notice at their next nap.
 *
 *	  Counters are written only by the slot's own worker and read by anyone,
 *	  so each slot has a spinlock held for a few instructions at a time.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "storage/spin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/uuid.h"

#include "crashpipe.h"

typedef struct WorkerSlot
{
	slock_t		mutex;
	pid_t		pid;			/* 0 when no worker holds the slot */
	Latch	   *latch;
	TimestampTz started_at;
	TimestampTz busy_since;		/* 0 when idle */
	char		crash_id[UUID_LEN * 2 + 5];
	int64		done;
	int64		failed;
} WorkerSlot;

typedef struct ProcessorShared
{
	int			nslots;
	WorkerSlot	slots[FLEXIBLE_ARRAY_MEMBER];
} ProcessorShared;

static ProcessorShared *shared = NULL;
static WorkerSlot *my_slot = NULL;
static bool wake_at_commit = false;
static bool xact_callback_registered = false;
static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

PG_FUNCTION_INFO_V1(crashpipe_processor_status);
PG_FUNCTION_INFO_V1(crashpipe_wake_processors);

/* Bytes of shared memory for the configured number of workers. */
static Size
shared_size(void)
{
	return add_size(offsetof(ProcessorShared, slots),
					mul_size(crashpipe_processor_workers, sizeof(WorkerSlot)));
}

/* shmem_request_hook: ask for our share. */
static void
status_shmem_request(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(shared_size());
}

/* shmem_startup_hook: create or attach the slots. */
static void
status_shmem_startup(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	shared = ShmemInitStruct("crashpipe processors", shared_size(), &found);
	if (!found)
	{
		shared->nslots = crashpipe_processor_workers;
		for (int i = 0; i < shared->nslots; i++)
		{
			memset(&shared->slots[i], 0, sizeof(WorkerSlot));
			SpinLockInit(&shared->slots[i].mutex);
		}
	}
	LWLockRelease(AddinShmemInitLock);
}

/* Install the hooks; called from _PG_init while preloading. */
void
crashpipe_status_init(void)
{
	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = status_shmem_request;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = status_shmem_startup;
}

/* Leave the slot when the worker exits. */
static void
status_detach(int code, Datum arg)
{
	SpinLockAcquire(&my_slot->mutex);
	my_slot->pid = 0;
	my_slot->latch = NULL;
	my_slot->busy_since = 0;
	SpinLockRelease(&my_slot->mutex);
}

/* Take slot index (0-based) for this worker, with fresh counters. */
void
crashpipe_status_attach(int index)
{
	if (shared == NULL || index < 0 || index >= shared->nslots)
		elog(ERROR, "crashpipe processor slot %d does not exist", index);
	my_slot = &shared->slots[index];
	SpinLockAcquire(&my_slot->mutex);
	my_slot->pid = MyProcPid;
	my_slot->latch = MyLatch;
	my_slot->started_at = GetCurrentTimestamp();
	my_slot->busy_since = 0;
	my_slot->done = my_slot->failed = 0;
	SpinLockRelease(&my_slot->mutex);
	before_shmem_exit(status_detach, (Datum) 0);
}

/* Record that this worker starts processing crash_id. */
void
crashpipe_status_begin(const char *crash_id)
{
	SpinLockAcquire(&my_slot->mutex);
	strlcpy(my_slot->crash_id, crash_id, sizeof(my_slot->crash_id));
	my_slot->busy_since = GetCurrentTimestamp();
	SpinLockRelease(&my_slot->mutex);
}

/* Record that the crash in hand was processed (ok) or failed. */
void
crashpipe_status_end(bool ok)
{
	SpinLockAcquire(&my_slot->mutex);
	if (ok)
		my_slot->done++;
	else
		my_slot->failed++;
	my_slot->busy_since = 0;
	SpinLockRelease(&my_slot->mutex);
}

/* At commit of a transaction that asked for it, wake every worker. */
static void
wake_at_commit_callback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_COMMIT && wake_at_commit && shared != NULL)
	{
		for (int i = 0; i < shared->nslots; i++)
		{
			Latch	   *latch;

			SpinLockAcquire(&shared->slots[i].mutex);
			latch = shared->slots[i].latch;
			SpinLockRelease(&shared->slots[i].mutex);
			if (latch != NULL)
				SetLatch(latch);
		}
	}
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT)
		wake_at_commit = false;
}

/*
 * crashpipe.wake_processors(): the workers look at the queue as soon as
 * this transaction commits.  Waking them earlier would only show them a
 * queue without the new rows.
 */
Datum
crashpipe_wake_processors(PG_FUNCTION_ARGS)
{
	if (!xact_callback_registered)
	{
		RegisterXactCallback(wake_at_commit_callback, NULL);
		xact_callback_registered = true;
	}
	wake_at_commit = true;
	PG_RETURN_VOID();
}

/* One row of crashpipe.processor_status() from a copy of a slot. */
static void
put_status_row(Tuplestorestate *store, TupleDesc desc, int index, const WorkerSlot *s)
{
	Datum		values[7];
	bool		nulls[7] = {false};

	values[0] = Int32GetDatum(index + 1);
	values[1] = Int32GetDatum(s->pid);
	values[2] = TimestampTzGetDatum(s->started_at);
	values[3] = Int64GetDatum(s->done);
	values[4] = Int64GetDatum(s->failed);
	nulls[5] = nulls[6] = s->busy_since == 0;
	if (s->busy_since != 0)
	{
		values[5] = DirectFunctionCall1(uuid_in, CStringGetDatum(s->crash_id));
		values[6] = TimestampTzGetDatum(s->busy_since);
	}
	tuplestore_putvalues(store, desc, values, nulls);
}

/* crashpipe.processor_status(): one row per running processor worker. */
Datum
crashpipe_processor_status(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; shared != NULL && i < shared->nslots; i++)
	{
		WorkerSlot	copy;

		SpinLockAcquire(&shared->slots[i].mutex);
		memcpy(&copy, &shared->slots[i], sizeof(copy));
		SpinLockRelease(&shared->slots[i].mutex);
		if (copy.pid != 0)
			put_status_row(rsinfo->setResult, rsinfo->setDesc, i, &copy);
	}
	return (Datum) 0;
}
