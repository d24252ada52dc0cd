-- extension/sql/60_jobs.sql
-- Housekeeping jobs with crontabber's semantics, run by the scheduler
-- worker (bgworker/scheduler.c).  A job is a row of crashpipe.jobs and a
-- function crashpipe.job_<name>(period_start timestamptz) that does one
-- period's work.  A job is due when enabled, next_run has passed and every
-- job it depends on has succeeded since and is not in error.  Missed
-- periods are backfilled one by one, oldest first, each in its own
-- transaction; an error stops the job, is recorded with a count, and the
-- job is retried after crashpipe.job_retry_after.

CREATE TABLE crashpipe.signature_daily (
    day             date NOT NULL,
    product         text NOT NULL,
    version         text NOT NULL,
    signature       text NOT NULL,
    os_name         text NOT NULL,
    crashes         integer NOT NULL,
    PRIMARY KEY (day, product, version, signature, os_name)
);
CREATE INDEX signature_daily_signature_idx ON crashpipe.signature_daily (signature, day);
COMMENT ON TABLE crashpipe.signature_daily IS 'Crashes per day, product, version, signature and OS, rolled up by the signature_daily job for top crashers and graphs.';
COMMENT ON COLUMN crashpipe.signature_daily.day IS 'UTC day of submission.';
COMMENT ON COLUMN crashpipe.signature_daily.product IS 'Product name.';
COMMENT ON COLUMN crashpipe.signature_daily.version IS 'Product version.';
COMMENT ON COLUMN crashpipe.signature_daily.signature IS 'Crash signature.';
COMMENT ON COLUMN crashpipe.signature_daily.os_name IS 'Operating system name, or empty when unknown.';
COMMENT ON COLUMN crashpipe.signature_daily.crashes IS 'Number of processed crashes.';

CREATE FUNCTION crashpipe.job_partitions(period_start timestamptz)
RETURNS void
LANGUAGE sql
AS $$
    SELECT crashpipe.ensure_partitions((period_start AT TIME ZONE 'UTC')::date + d)
    FROM generate_series(0, 2) AS d
$$;
COMMENT ON FUNCTION crashpipe.job_partitions(timestamptz) IS 'Job: create the crash partitions of the period''s day and the two after it, so submissions rarely make one.';

CREATE FUNCTION crashpipe.job_signature_daily(period_start timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    rollup_day date := (period_start AT TIME ZONE 'UTC')::date - 1;
BEGIN
    DELETE FROM crashpipe.signature_daily s WHERE s.day = rollup_day;
    INSERT INTO crashpipe.signature_daily (day, product, version, signature, os_name, crashes)
    SELECT rollup_day, coalesce(p.product, ''), coalesce(p.version, ''), coalesce(p.signature, ''),
           coalesce(p.os_name, ''), count(*)
    FROM crashpipe.processed_crashes p
    WHERE p.crash_date = rollup_day
    GROUP BY 1, 2, 3, 4, 5;
END
$$;
COMMENT ON FUNCTION crashpipe.job_signature_daily(timestamptz) IS 'Job: (re)build the signature_daily rows of the day before the period, from processed crashes.';

CREATE FUNCTION crashpipe.job_signature_first_seen(period_start timestamptz)
RETURNS void
LANGUAGE sql
AS $$
    UPDATE crashpipe.signatures s
    SET first_seen = least(s.first_seen, f.first_seen),
        first_build = CASE WHEN s.first_build IS NULL OR f.first_build < s.first_build
                           THEN coalesce(f.first_build, s.first_build) ELSE s.first_build END
    FROM (SELECT signature, min(submitted_at) AS first_seen, min(build_id) AS first_build
          FROM crashpipe.processed_crashes
          WHERE crash_date >= (period_start AT TIME ZONE 'UTC')::date - 1
          GROUP BY signature) f
    WHERE s.signature = f.signature
      AND (f.first_seen < s.first_seen OR s.first_build IS DISTINCT FROM least(s.first_build, f.first_build))
$$;
COMMENT ON FUNCTION crashpipe.job_signature_first_seen(timestamptz) IS 'Job: correct first_seen and first_build of signatures from the crashes of the last two days (reprocessed or late crashes can be earlier than the first one processed).';

CREATE FUNCTION crashpipe.job_retention(period_start timestamptz)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    keep integer := current_setting('crashpipe.retention_days')::integer;
    part record;
BEGIN
    IF keep = 0 THEN
        RETURN;
    END IF;
    FOR part IN
        SELECT c.oid::regclass AS name
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class parent ON parent.oid = i.inhparent
        JOIN pg_namespace n ON n.oid = parent.relnamespace
        WHERE n.nspname = 'crashpipe' AND parent.relname IN ('raw_crashes', 'dumps', 'processed_crashes')
          AND to_date(right(c.relname, 8), 'YYYYMMDD') < (period_start AT TIME ZONE 'UTC')::date - keep
    LOOP
        EXECUTE format('DROP TABLE %s', part.name);
    END LOOP;
    DELETE FROM crashpipe.signature_changes h
    WHERE h.crash_date < (period_start AT TIME ZONE 'UTC')::date - keep;
END
$$;
COMMENT ON FUNCTION crashpipe.job_retention(timestamptz) IS 'Job: drop the crash partitions older than crashpipe.retention_days (0 keeps everything), and the signature history of those days.';

INSERT INTO crashpipe.jobs (name, frequency, time_of_day, depends_on) VALUES
    ('partitions', '1 day', NULL, '{}'),
    ('signature_daily', '1 day', '00:10', '{}'),
    ('signature_first_seen', '1 day', '00:20', '{}'),
    ('retention', '1 day', '03:00', '{partitions}');
UPDATE crashpipe.jobs SET next_run = CASE WHEN time_of_day IS NULL THEN now()
    ELSE date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + time_of_day END;
SELECT pg_catalog.pg_extension_config_dump('crashpipe.jobs', '');

CREATE FUNCTION crashpipe.job_ready(job crashpipe.jobs)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT job.enabled AND job.next_run <= now()
       AND NOT EXISTS (SELECT FROM unnest(job.depends_on) AS d(name)
                       LEFT JOIN crashpipe.jobs dep ON dep.name = d.name
                       WHERE dep.last_success IS NULL OR dep.last_error IS NOT NULL)
$$;
COMMENT ON FUNCTION crashpipe.job_ready(crashpipe.jobs) IS 'Whether a job is due: enabled, next_run passed, and every job it depends on has succeeded and is not in error.';

CREATE FUNCTION crashpipe.run_job_period(job_name text, force boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    job crashpipe.jobs;
    period timestamptz;
    message text;
BEGIN
    SELECT * INTO job FROM crashpipe.jobs WHERE name = job_name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'job "%" does not exist', job_name
            USING ERRCODE = 'undefined_object', HINT = 'The jobs are the rows of crashpipe.jobs.';
    END IF;
    IF NOT force AND NOT crashpipe.job_ready(job) THEN
        RETURN 'not due';
    END IF;
    period := CASE WHEN force THEN now() ELSE job.next_run END;
    BEGIN
        EXECUTE format('SELECT crashpipe.%I($1)', 'job_' || job.name) USING period;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT;
        UPDATE crashpipe.jobs SET last_run = now(), last_error = message, error_count = error_count + 1,
            next_run = now() + current_setting('crashpipe.job_retry_after')::interval
        WHERE name = job.name;
        RETURN 'error: ' || message;
    END;
    UPDATE crashpipe.jobs SET last_run = now(), last_success = now(), last_error = NULL, error_count = 0,
        next_run = CASE WHEN force THEN next_run ELSE job.next_run + job.frequency END
    WHERE name = job.name;
    RETURN 'ran for ' || to_char(period AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI');
END
$$;
COMMENT ON FUNCTION crashpipe.run_job_period(text, boolean) IS 'Runs one period of a job if it is due (or now, when forced) and records the outcome; the scheduler worker calls it once per transaction.';

CREATE FUNCTION crashpipe.run_job(job_name text, force boolean DEFAULT false)
RETURNS SETOF text
LANGUAGE plpgsql
AS $$
DECLARE
    outcome text;
BEGIN
    IF force THEN
        RETURN NEXT crashpipe.run_job_period(job_name, true);
        RETURN;
    END IF;
    FOR i IN 1..1000 LOOP
        outcome := crashpipe.run_job_period(job_name);
        EXIT WHEN outcome = 'not due';
        RETURN NEXT outcome;
        EXIT WHEN outcome LIKE 'error: %';
    END LOOP;
END
$$;
COMMENT ON FUNCTION crashpipe.run_job(text, boolean) IS 'Runs a job now: every missed period, oldest first (at most 1000), or with force one run for the present moment whatever its schedule and dependencies. Returns one line per period run.';

CREATE FUNCTION crashpipe.reset_job(job_name text)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE crashpipe.jobs SET last_error = NULL, error_count = 0, next_run = least(next_run, now())
    WHERE name = job_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'job "%" does not exist', job_name
            USING ERRCODE = 'undefined_object', HINT = 'The jobs are the rows of crashpipe.jobs.';
    END IF;
END
$$;
COMMENT ON FUNCTION crashpipe.reset_job(text) IS 'Clears a job''s error so it (and the jobs depending on it) run again at the next pass.';

CREATE VIEW crashpipe.job_status AS
SELECT j.name, j.enabled, j.frequency, j.time_of_day, j.depends_on, j.next_run, j.last_run,
       j.last_success, j.last_error, j.error_count,
       CASE WHEN NOT j.enabled THEN 'disabled'
            WHEN j.last_error IS NOT NULL THEN 'error'
            WHEN crashpipe.job_ready(j) THEN 'due'
            WHEN j.next_run <= now() THEN 'waiting for dependencies'
            ELSE 'scheduled' END AS state
FROM crashpipe.jobs j;
COMMENT ON VIEW crashpipe.job_status IS 'Each housekeeping job with its schedule, last outcome and state: scheduled, due, waiting for dependencies, error or disabled.';
COMMENT ON COLUMN crashpipe.job_status.name IS 'Job name.';
COMMENT ON COLUMN crashpipe.job_status.enabled IS 'false when the job is switched off.';
COMMENT ON COLUMN crashpipe.job_status.frequency IS 'How often the job runs.';
COMMENT ON COLUMN crashpipe.job_status.time_of_day IS 'UTC time of day of its runs, if fixed.';
COMMENT ON COLUMN crashpipe.job_status.depends_on IS 'Jobs that must have succeeded first.';
COMMENT ON COLUMN crashpipe.job_status.next_run IS 'Start of the next period to run.';
COMMENT ON COLUMN crashpipe.job_status.last_run IS 'When it last ran.';
COMMENT ON COLUMN crashpipe.job_status.last_success IS 'When it last succeeded.';
COMMENT ON COLUMN crashpipe.job_status.last_error IS 'Error of the last run, if it failed.';
COMMENT ON COLUMN crashpipe.job_status.error_count IS 'Failed runs since the last success.';
COMMENT ON COLUMN crashpipe.job_status.state IS 'scheduled, due, waiting for dependencies, error or disabled.';
