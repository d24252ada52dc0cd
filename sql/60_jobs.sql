-- Housekeeping jobs.  The scheduler worker runs every second here
-- (tests/regress.conf), so these checks wait for it rather than call it.
CREATE FUNCTION pg_temp.wait_until(condition text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    ok boolean;
BEGIN
    FOR i IN 1..300 LOOP
        EXECUTE 'SELECT ' || condition INTO ok;
        IF ok THEN
            RETURN true;
        END IF;
        PERFORM pg_sleep(0.1);
    END LOOP;
    RETURN false;
END
$$;

-- the built-in jobs; the partitions job runs as soon as the extension exists
SELECT name, frequency, time_of_day, depends_on FROM crashpipe.jobs ORDER BY name;
SELECT pg_temp.wait_until($$(SELECT last_success IS NOT NULL FROM crashpipe.jobs WHERE name = 'partitions')$$);
SELECT count(*) AS partitions_ahead FROM pg_class
WHERE relname IN ('raw_crashes_p' || to_char((now() AT TIME ZONE 'UTC')::date + 2, 'YYYYMMDD'),
                  'processed_crashes_p' || to_char((now() AT TIME ZONE 'UTC')::date + 2, 'YYYYMMDD'));

-- the built-in jobs' work: the daily rollup of today's crashes (the ones
-- 40_processor and 45_reprocess left), and the first-seen fix-up
SELECT crashpipe.job_signature_daily(now() + interval '1 day');
SELECT day = (now() AT TIME ZONE 'UTC')::date AS today, product, version, signature, os_name, crashes
FROM crashpipe.signature_daily ORDER BY version, os_name;
SELECT crashpipe.job_signature_first_seen(now());
SELECT signature, first_seen = (SELECT min(submitted_at) FROM crashpipe.processed_crashes) AS first_seen_ok
FROM crashpipe.signatures ORDER BY signature;

-- a job that was stopped for three days catches up: one run per missed day, oldest first
CREATE TABLE probe_runs (period_start timestamptz, ran_at timestamptz DEFAULT clock_timestamp());
CREATE FUNCTION crashpipe.job_regress_probe(period_start timestamptz) RETURNS void LANGUAGE sql AS $$
    INSERT INTO probe_runs (period_start) VALUES (period_start)
$$;
INSERT INTO crashpipe.jobs (name, frequency, next_run)
VALUES ('regress_probe', '1 day', date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '3 days');
SELECT pg_temp.wait_until($$(SELECT next_run > now() FROM crashpipe.jobs WHERE name = 'regress_probe')$$);
SELECT period_start - (date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS day_offset
FROM probe_runs ORDER BY ran_at;
SELECT name, state, error_count, last_error,
       next_run = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day' AS next_is_tomorrow
FROM crashpipe.job_status WHERE name = 'regress_probe';

-- forcing runs it once now, whatever the schedule
SELECT left(crashpipe.run_job('regress_probe', true), 8) AS outcome;
SELECT count(*) AS runs FROM probe_runs;
-- not due: nothing to do
SELECT count(*) AS periods FROM crashpipe.run_job('regress_probe');

-- a failing job records its error; a job depending on it waits; reset clears it
CREATE FUNCTION crashpipe.job_regress_broken(period_start timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the probe is broken';
END
$$;
INSERT INTO crashpipe.jobs (name, frequency, depends_on) VALUES
    ('regress_broken', '1 hour', '{}'),
    ('regress_dependent', '1 hour', '{regress_broken}');
CREATE FUNCTION crashpipe.job_regress_dependent(period_start timestamptz) RETURNS void LANGUAGE sql AS $$ SELECT $$;
SELECT pg_temp.wait_until($$(SELECT last_error IS NOT NULL FROM crashpipe.jobs WHERE name = 'regress_broken')$$);
SELECT name, state, error_count, last_error, last_success IS NULL AS never_succeeded
FROM crashpipe.job_status WHERE name LIKE 'regress_%' ORDER BY name;
UPDATE crashpipe.jobs SET enabled = false WHERE name = 'regress_broken';
SELECT crashpipe.reset_job('regress_broken');
SELECT name, state, error_count FROM crashpipe.job_status WHERE name = 'regress_broken';
SELECT crashpipe.reset_job('no_such_job');
SELECT * FROM crashpipe.run_job('no_such_job');

DELETE FROM crashpipe.jobs WHERE name LIKE 'regress_%';
DROP FUNCTION crashpipe.job_regress_probe(timestamptz), crashpipe.job_regress_broken(timestamptz),
    crashpipe.job_regress_dependent(timestamptz);
DROP TABLE probe_runs;
