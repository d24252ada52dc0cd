-- The processor workers take queued crashes and write processed crashes
-- without being asked; a crash whose dump is garbage is processed with a
-- note (mdsw_status_string ERROR_NO_MINIDUMP_HEADER, json_dump {}), and a
-- queue row whose raw crash is missing fails after its retries
-- (crashpipe.processor_max_attempts = 3, back-off 1 s in tests/regress.conf)
-- without stopping the queue.  The first processor note says when and where
-- processing started; pg_temp.notes shows it without the time.
\i sql/include/test_dumps.sql
\i sql/include/processor_notes.sql
-- a Linux amd64 dump with only a system info stream (4 CPUs, kernel string as CSD)
CREATE FUNCTION pg_temp.linux_dump() RETURNS bytea LANGUAGE sql AS $$
    SELECT 'MDMP'::bytea || pg_temp.le(42899, 4) || pg_temp.le(1, 4) || pg_temp.le(32, 4)
        || pg_temp.le(0, 8) || pg_temp.le(0, 8)
        || pg_temp.le(7, 4) || pg_temp.le(56, 4) || pg_temp.le(44, 4)
        || pg_temp.le(9, 2) || pg_temp.le(6, 2) || pg_temp.le(21764, 2) || pg_temp.le(4, 1)
        || pg_temp.le(0, 1) || pg_temp.le(5, 4) || pg_temp.le(10, 4) || pg_temp.le(28, 4)
        || pg_temp.le(33281, 4) || pg_temp.le(100, 4) || pg_temp.le(0, 4) || pg_temp.le(0, 24)
        || pg_temp.le(10, 4) || '\x4c0069006e0075007800'::bytea || pg_temp.le(0, 2)
$$;
CREATE FUNCTION pg_temp.wait_for_queue() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1..600 LOOP
        EXIT WHEN NOT EXISTS (SELECT FROM crashpipe.queue WHERE state = 'pending');
        PERFORM pg_sleep(0.05);
    END LOOP;
END
$$;

CREATE TEMP TABLE sent AS
SELECT 'good' AS what, s.* FROM crashpipe.submit(
    '{"ProductName": "Firefox", "Version": "153.7.0", "ReleaseChannel": "esr", "BuildID": "20261103151912",
      "CrashTime": "1795000100", "StartupTime": "1795000000", "InstallTime": "1794000100"}',
    ARRAY['upload_file_minidump'], ARRAY[pg_temp.linux_dump()]) AS s
UNION ALL
SELECT 'garbage', s.* FROM crashpipe.submit(
    '{"ProductName": "Firefox", "Version": "153.0"}',
    ARRAY['upload_file_minidump'], ARRAY['\x00112233'::bytea]) AS s
UNION ALL
SELECT 'no dump', s.* FROM crashpipe.submit('{"ProductName": "Firefox", "Version": "153.0"}', '{}', '{}') AS s;
-- a queue row whose raw crash does not exist
INSERT INTO crashpipe.queue (crash_id, crash_date) VALUES ('00000000-0000-4000-8000-000000261122', '2026-11-22');

SELECT pg_temp.wait_for_queue();
SELECT s.what, p.success, p.product, p.version, p.build_id, p.release_channel, p.process_type,
       p.os_name, p.os_version, p.cpu_arch, p.cpu_info, p.cpu_count, p.uptime, p.install_age,
       CASE WHEN abs(extract(epoch FROM p.client_crash_date - p.submitted_at)) < 1 THEN 'submission time'
            ELSE to_char(p.client_crash_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') END AS client_crash_date,
       p.minidump_sha256_hash = encode(sha256(pg_temp.linux_dump()), 'hex') AS hash_matches,
       p.mdsw_status_string, p.signature, pg_temp.notes(p.processor_notes) AS processor_notes
FROM sent s JOIN crashpipe.processed_crashes p USING (crash_id)
ORDER BY s.what;

-- the processed crash keeps Socorro's field names (those that change with
-- every run, and the stack walk, left out)
SELECT jsonb_pretty(p.processed - '{crash_id,uuid,date_processed,submitted_timestamp,started_datetime,completed_datetime,processor_notes,minidump_sha256_hash,json_dump,collector_metadata}'::text[])
FROM sent s JOIN crashpipe.processed_crashes p USING (crash_id) WHERE s.what = 'good';
-- json_dump is the stack walker's output (rust-minidump's shape)
SELECT p.processed#>>'{json_dump,status}' AS status, p.processed#>'{json_dump,system_info}' AS system_info,
       p.processed#>'{json_dump,thread_count}' AS thread_count,
       jsonb_array_length(p.processed#>'{json_dump,modules}') AS modules
FROM sent s JOIN crashpipe.processed_crashes p USING (crash_id) WHERE s.what = 'good';
-- every column is the processed-crash key of its name
SELECT count(*) AS columns_checked,
       count(*) FILTER (WHERE to_jsonb(p) -> a.attname IS DISTINCT FROM p.processed -> a.attname) AS differing
FROM sent s JOIN crashpipe.processed_crashes p USING (crash_id)
CROSS JOIN pg_attribute a
WHERE s.what = 'good' AND a.attrelid = 'crashpipe.processed_crashes'::regclass AND a.attnum > 0
  AND p.processed ? a.attname AND a.attname NOT IN ('crash_id', 'processed')
  AND a.atttypid <> 'timestamptz'::regtype;

-- the signature got its first-seen row
SELECT signature, first_seen = (SELECT min(submitted_at) FROM crashpipe.processed_crashes) AS first_seen_ok
FROM crashpipe.signatures ORDER BY signature;

-- nothing of those is left in the queue; the orphan failed with its error
SELECT crash_id, state, attempts, last_error FROM crashpipe.queue;

-- processing again (as reprocessing does) replaces the processed crash;
-- the notes it had go to processor_history
UPDATE crashpipe.raw_crashes SET annotations = annotations || '{"Version": "153.8.0"}'
WHERE crash_id = (SELECT crash_id FROM sent WHERE what = 'good');
SELECT crashpipe.process_crash(crash_id) FROM sent WHERE what = 'good';
SELECT version, count(*) OVER (), jsonb_array_length(processed->'processor_history') AS history,
       pg_temp.notes(processed->'processor_history'->>0) AS previous_notes
FROM crashpipe.processed_crashes
WHERE crash_id = (SELECT crash_id FROM sent WHERE what = 'good');
