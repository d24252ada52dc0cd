-- Reprocessing with SQL, and the workers' live status.  The crashes here are
-- the ones 40_processor left: three processed (good, garbage, no dump) and
-- one orphan queue row that failed after three attempts.
CREATE FUNCTION pg_temp.wait_for_queue() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1..600 LOOP
        EXIT WHEN NOT EXISTS (SELECT FROM crashpipe.queue WHERE state = 'pending');
        PERFORM pg_sleep(0.05);
    END LOOP;
END
$$;

-- the workers' counters so far: 3 crashes done, 3 failed attempts of the orphan
SELECT count(*) AS workers, sum(crashes_done) AS done, sum(crashes_failed) AS failed,
       count(current_crash) AS busy, bool_and(pid > 0) AS have_pids
FROM crashpipe.processor_status;

-- reprocess every crash of a version, set-wise: new processed crashes replace the old ones
CREATE TEMP TABLE before AS SELECT crash_id, processed_at FROM crashpipe.processed_crashes;
BEGIN;
SELECT crashpipe.reprocess(crash_id) FROM crashpipe.processed_crashes WHERE version = '153.0';
SELECT crash_id IS NOT NULL AS queued, priority, state, attempts FROM crashpipe.queue WHERE state = 'pending';
COMMIT;
SELECT pg_temp.wait_for_queue();
SELECT p.version, p.processed_at > b.processed_at AS reprocessed
FROM crashpipe.processed_crashes p JOIN before b USING (crash_id) ORDER BY 1, 2;
SELECT sum(crashes_done) AS done FROM crashpipe.processor_status;

-- a person's request jumps the queue; asking twice keeps the higher priority
BEGIN;
SELECT crashpipe.reprocess(crash_id, 10), crashpipe.reprocess(crash_id)
FROM crashpipe.processed_crashes WHERE version = '153.8.0esr';
SELECT priority, state FROM crashpipe.queue WHERE state = 'pending';
ROLLBACK;

-- a crash that is not stored cannot be reprocessed
SELECT crashpipe.reprocess('00000000-0000-4000-8000-000000261122');
