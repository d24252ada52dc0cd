-- extension/sql/35_queue.sql
-- The queue protocol the processor workers follow, kept in SQL so the C
-- worker stays a thin loop:
--   1. claim_crash: take the most urgent ready crash (SKIP LOCKED, so
--      workers never wait on each other), count the attempt and push
--      next_try_at forward as a lease, all committed at once;
--   2. process_crash in its own transaction, which deletes the queue row;
--   3. on error, crash_failed records it and backs off, or gives up after
--      max_attempts.
-- A worker that dies mid-crash leaves a lease that expires, so another worker
-- (or the restarted one) takes the crash again; the attempt counter stops a
-- crash that kills workers from being retried for ever.

CREATE FUNCTION crashpipe.claim_crash(worker_pid integer, lease interval)
RETURNS TABLE (crash_id uuid, attempts integer)
LANGUAGE sql
AS $$
    UPDATE crashpipe.queue q
    SET attempts = q.attempts + 1, claimed_by = worker_pid, claimed_at = now(),
        next_try_at = now() + lease
    WHERE q.crash_id = (SELECT r.crash_id FROM crashpipe.queue r
                        WHERE r.state = 'pending' AND r.next_try_at <= now()
                        ORDER BY r.priority DESC, r.enqueued_at
                        LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING q.crash_id, q.attempts
$$;
COMMENT ON FUNCTION crashpipe.claim_crash(integer, interval) IS 'Claims the most urgent ready crash for a worker under a lease; returns no row when nothing is ready.';

CREATE FUNCTION crashpipe.crash_failed(crash_id uuid, error text, max_attempts integer, backoff interval)
RETURNS text
LANGUAGE sql
AS $$
    UPDATE crashpipe.queue q
    SET last_error = error,
        state = CASE WHEN q.attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
        next_try_at = now() + backoff * power(2, greatest(q.attempts - 1, 0)),
        claimed_by = NULL
    WHERE q.crash_id = crash_failed.crash_id
    RETURNING q.state
$$;
COMMENT ON FUNCTION crashpipe.crash_failed(uuid, text, integer, interval) IS 'Records a failed processing attempt: back off exponentially, or mark the crash failed after max_attempts; returns the new state.';

CREATE FUNCTION crashpipe.reclaim_crashes()
RETURNS integer
LANGUAGE sql
AS $$
    WITH reclaimed AS (
        UPDATE crashpipe.queue q SET next_try_at = now(), claimed_by = NULL
        WHERE q.state = 'pending' AND q.claimed_by IS NOT NULL AND q.next_try_at > now()
          AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.pid = q.claimed_by)
        RETURNING 1)
    SELECT count(*)::integer FROM reclaimed
$$;
COMMENT ON FUNCTION crashpipe.reclaim_crashes() IS 'Makes crashes whose claiming worker no longer exists claimable at once, instead of after their lease; processor workers call it when they start (after a crash restart every old claimer is gone).  Returns how many.';
