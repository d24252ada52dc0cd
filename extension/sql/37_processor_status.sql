-- extension/sql/37_processor_status.sql
-- Watching and steering the processor workers: their live status from
-- shared memory (bgworker/status.c), waking them when work is queued, and
-- asking for crashes to be processed again.

CREATE FUNCTION crashpipe.processor_status_raw(OUT worker integer, OUT pid integer,
                                               OUT started_at timestamptz, OUT crashes_done bigint,
                                               OUT crashes_failed bigint, OUT current_crash uuid,
                                               OUT busy_since timestamptz)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'crashpipe_processor_status'
LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION crashpipe.processor_status_raw() IS 'One row per running processor worker, read from shared memory; see the view crashpipe.processor_status.';

CREATE VIEW crashpipe.processor_status AS
SELECT worker, pid, started_at, crashes_done, crashes_failed, current_crash, busy_since,
       round((crashes_done + crashes_failed) * 60
             / greatest(extract(epoch FROM now() - started_at), 1), 2) AS crashes_per_minute
FROM crashpipe.processor_status_raw();
COMMENT ON VIEW crashpipe.processor_status IS 'What each processor worker is doing: crashes done and failed since it started, the crash in hand, and its rate.';
COMMENT ON COLUMN crashpipe.processor_status.worker IS 'Worker number, 1 to crashpipe.processor_workers.';
COMMENT ON COLUMN crashpipe.processor_status.pid IS 'Process id, as in pg_stat_activity.';
COMMENT ON COLUMN crashpipe.processor_status.started_at IS 'When the worker (re)started; the counters count from here.';
COMMENT ON COLUMN crashpipe.processor_status.crashes_done IS 'Crashes processed since the worker started.';
COMMENT ON COLUMN crashpipe.processor_status.crashes_failed IS 'Processing attempts that failed since the worker started.';
COMMENT ON COLUMN crashpipe.processor_status.current_crash IS 'The crash being processed now, or null when idle.';
COMMENT ON COLUMN crashpipe.processor_status.busy_since IS 'When processing of the current crash began.';
COMMENT ON COLUMN crashpipe.processor_status.crashes_per_minute IS 'Crashes done and failed per minute since the worker started.';

CREATE FUNCTION crashpipe.wake_processors()
RETURNS void
AS 'MODULE_PATHNAME', 'crashpipe_wake_processors'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION crashpipe.wake_processors() IS 'Wakes the processor workers when the calling transaction commits, so queued crashes start at once.';

CREATE FUNCTION crashpipe.reprocess(crash_id uuid, priority integer DEFAULT -1)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    day date := crashpipe.crash_id_date(crash_id);
BEGIN
    IF NOT EXISTS (SELECT FROM crashpipe.raw_crashes r WHERE r.crash_id = reprocess.crash_id AND r.crash_date = day) THEN
        RAISE EXCEPTION 'crash % does not exist', crash_id
            USING ERRCODE = 'no_data_found',
                  HINT = 'Only stored crashes can be reprocessed; retention may have dropped this one.';
    END IF;
    INSERT INTO crashpipe.queue AS q (crash_id, crash_date, priority)
    VALUES (crash_id, day, priority)
    ON CONFLICT ON CONSTRAINT queue_pkey DO UPDATE
    SET priority = greatest(q.priority, EXCLUDED.priority),
        state = 'pending',
        attempts = CASE WHEN q.state = 'failed' THEN 0 ELSE q.attempts END,
        next_try_at = CASE WHEN q.state = 'failed' THEN now() ELSE q.next_try_at END;
    PERFORM crashpipe.wake_processors();
    RETURN true;
END
$$;
COMMENT ON FUNCTION crashpipe.reprocess(uuid, integer) IS 'Queues a stored crash to be processed again (its processed crash is replaced atomically). The default priority -1 lets bulk reprocessing (SELECT crashpipe.reprocess(crash_id) FROM ...) yield to new crashes (priority 0); a person''s request should pass a higher priority, e.g. 10. A failed crash is retried from scratch.';
