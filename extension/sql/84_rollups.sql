-- extension/sql/84_rollups.sql
-- Live rollups for dashboards, kept by statement triggers on
-- processed_crashes, so a panel reads a few hundred counter rows instead of
-- scanning crashes:
--   crashpipe.crash_hourly      crashes per UTC hour, product, version, OS
--   crashpipe.signature_hourly  crashes per signature and UTC hour (spike
--                               baselines, 87_alerts.sql)
--   crashpipe.signature_daily   (60_jobs.sql) counted live as well; the
--                               signature_daily job still rebuilds
--                               yesterday from the crashes, which corrects
--                               any drift
-- A first processing counts +1; reprocessing that changes a counted key
-- (signature, product, ...) moves the count; deleting a crash takes it off.
-- A count that drops to 0 keeps its row (deleting it would stop the update
-- from being HOT); the functions below skip such rows, and the
-- signature_daily job removes them for its day.
-- Dropping a partition (retention) does not touch the rollups: they keep
-- history longer than the crashes.  Rows are upserted in key order, so
-- workers committing at the same time never deadlock on them.

CREATE TABLE crashpipe.crash_hourly (
    hour            timestamptz NOT NULL,
    product         text NOT NULL,
    version         text NOT NULL,
    os_name         text NOT NULL,
    crashes         integer NOT NULL,
    PRIMARY KEY (product, hour, version, os_name)
);
COMMENT ON TABLE crashpipe.crash_hourly IS 'Processed crashes per UTC hour of submission, product, version and OS, kept live by triggers; the source of crashpipe.crash_rate.';
COMMENT ON COLUMN crashpipe.crash_hourly.hour IS 'Start of the UTC hour the crashes were submitted in.';
COMMENT ON COLUMN crashpipe.crash_hourly.product IS 'Product name, or empty when unknown.';
COMMENT ON COLUMN crashpipe.crash_hourly.version IS 'Product version, or empty when unknown.';
COMMENT ON COLUMN crashpipe.crash_hourly.os_name IS 'Operating system name, or empty when unknown.';
COMMENT ON COLUMN crashpipe.crash_hourly.crashes IS 'Number of processed crashes.';

CREATE TABLE crashpipe.signature_hourly (
    signature       text NOT NULL,
    hour            timestamptz NOT NULL,
    crashes         integer NOT NULL,
    PRIMARY KEY (signature, hour)
);
COMMENT ON TABLE crashpipe.signature_hourly IS 'Processed crashes per signature and UTC hour of submission, kept live by triggers; the baseline of spike alerts.';
COMMENT ON COLUMN crashpipe.signature_hourly.signature IS 'Crash signature, or empty when there is none.';
COMMENT ON COLUMN crashpipe.signature_hourly.hour IS 'Start of the UTC hour the crashes were submitted in.';
COMMENT ON COLUMN crashpipe.signature_hourly.crashes IS 'Number of processed crashes.';

CREATE INDEX signature_daily_product_idx ON crashpipe.signature_daily (product, version, day);
CREATE INDEX processed_crashes_submitted_at_idx ON crashpipe.processed_crashes (submitted_at);

CREATE FUNCTION crashpipe.rollup_sql(changes text)
RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    -- changes: a query of (crash_date, submitted_at, product, version, os_name, signature, delta)
    SELECT format($f$
    WITH c AS (
        SELECT ch.crash_date, date_trunc('hour', ch.submitted_at, 'UTC') AS hour,
               coalesce(ch.product, '') AS product, coalesce(ch.version, '') AS version,
               coalesce(ch.os_name, '') AS os_name, coalesce(ch.signature, '') AS signature, ch.delta
        FROM (%s) ch
    ), hourly AS (
        INSERT INTO crashpipe.crash_hourly AS h (hour, product, version, os_name, crashes)
        SELECT c.hour, c.product, c.version, c.os_name, sum(c.delta)
        FROM c GROUP BY 1, 2, 3, 4 HAVING sum(c.delta) <> 0 ORDER BY 2, 1, 3, 4
        ON CONFLICT (product, hour, version, os_name) DO UPDATE SET crashes = h.crashes + EXCLUDED.crashes
    ), signature_hourly AS (
        INSERT INTO crashpipe.signature_hourly AS h (signature, hour, crashes)
        SELECT c.signature, c.hour, sum(c.delta)
        FROM c GROUP BY 1, 2 HAVING sum(c.delta) <> 0 ORDER BY 1, 2
        ON CONFLICT (signature, hour) DO UPDATE SET crashes = h.crashes + EXCLUDED.crashes
    )
    INSERT INTO crashpipe.signature_daily AS d (day, product, version, signature, os_name, crashes)
    SELECT c.crash_date, c.product, c.version, c.signature, c.os_name, sum(c.delta)
    FROM c GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.delta) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (day, product, version, signature, os_name) DO UPDATE SET crashes = d.crashes + EXCLUDED.crashes
    $f$, changes)
$$;
COMMENT ON FUNCTION crashpipe.rollup_sql(text) IS 'The statement that adds counted changes (a query of crash_date, submitted_at, product, version, os_name, signature, delta) to crash_hourly, signature_hourly and signature_daily.';

CREATE FUNCTION crashpipe.rollup_crashes()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    keys CONSTANT text := 'crash_date, submitted_at, product, version, os_name, signature';
BEGIN
    EXECUTE crashpipe.rollup_sql(CASE TG_OP
        WHEN 'INSERT' THEN format('SELECT %s, 1 AS delta FROM new_rows', keys)
        WHEN 'DELETE' THEN format('SELECT %s, -1 AS delta FROM old_rows', keys)
        ELSE format('SELECT %1$s, 1 AS delta FROM new_rows UNION ALL SELECT %1$s, -1 FROM old_rows', keys) END);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION crashpipe.rollup_crashes() IS 'Statement trigger on processed_crashes: counts inserted crashes into the rollups, moves the counts of updated ones, takes deleted ones off.';

CREATE TRIGGER crash_rollups_insert AFTER INSERT ON crashpipe.processed_crashes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crashpipe.rollup_crashes();
CREATE TRIGGER crash_rollups_update AFTER UPDATE ON crashpipe.processed_crashes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crashpipe.rollup_crashes();
CREATE TRIGGER crash_rollups_delete AFTER DELETE ON crashpipe.processed_crashes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crashpipe.rollup_crashes();

-- Dashboard functions over the rollups.  Windows are whole UTC days (or
-- hours) ending with the one that holds "until", so a panel refreshed
-- during the day shows the day so far.

CREATE FUNCTION crashpipe.window_days(days interval)
RETURNS integer
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    n integer := ceil(extract(epoch FROM days) / 86400);
BEGIN
    IF n IS NULL OR n < 1 OR n > 366 THEN
        RAISE EXCEPTION 'a window is 1 to 366 days long'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Got %s days.', round(extract(epoch FROM days) / 86400, 2)),
                  HINT = 'Pass an interval such as ''7 days''.';
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION crashpipe.window_days(interval) IS 'The number of whole days a dashboard window covers (1 to 366), rounding up.';

CREATE FUNCTION crashpipe.top_crashers(product text, version text DEFAULT NULL, days interval DEFAULT '7 days',
                                       until timestamptz DEFAULT now(), max_rows integer DEFAULT 50)
RETURNS TABLE (rank integer, signature text, crashes bigint, percent numeric, previous_rank integer,
               rank_change integer, platforms jsonb, first_seen timestamptz)
LANGUAGE sql STABLE
AS $$
    WITH w AS (
        SELECT (until AT TIME ZONE 'UTC')::date AS last_day, crashpipe.window_days(days) AS n
    ), counts AS (
        SELECT d.signature, d.day > w.last_day - w.n AS current, d.os_name, sum(d.crashes) AS crashes
        FROM crashpipe.signature_daily d, w
        WHERE d.product = top_crashers.product
          AND (top_crashers.version IS NULL OR d.version = top_crashers.version)
          AND d.day > w.last_day - 2 * w.n AND d.day <= w.last_day
        GROUP BY 1, 2, 3
        HAVING sum(d.crashes) > 0
    ), ranked AS (
        SELECT c.signature, c.current, sum(c.crashes) AS crashes,
               jsonb_object_agg(c.os_name, c.crashes ORDER BY c.os_name) AS platforms,
               rank() OVER (PARTITION BY c.current ORDER BY sum(c.crashes) DESC, c.signature)::integer AS rank
        FROM counts c GROUP BY c.signature, c.current
    )
    SELECT r.rank, r.signature, r.crashes,
           round(100.0 * r.crashes / sum(r.crashes) OVER (), 2),
           p.rank, p.rank - r.rank, r.platforms, s.first_seen
    FROM ranked r
    LEFT JOIN ranked p ON p.signature = r.signature AND NOT p.current
    LEFT JOIN crashpipe.signatures s ON s.signature = r.signature
    WHERE r.current
    ORDER BY r.rank
    LIMIT greatest(least(max_rows, 1000), 0)
$$;
COMMENT ON FUNCTION crashpipe.top_crashers(text, text, interval, timestamptz, integer) IS 'Top crashing signatures of a product (and version, or all versions) over the last days (whole UTC days up to until): rank, crashes, percent of the product''s crashes, rank in the period before and the change, crashes per OS, first seen. From signature_daily.';

CREATE FUNCTION crashpipe.signature_summary(signature text, days interval DEFAULT '7 days',
                                            until timestamptz DEFAULT now())
RETURNS TABLE (facet text, term text, crashes bigint, percent numeric)
LANGUAGE sql STABLE
AS $$
    WITH w AS (
        SELECT (until AT TIME ZONE 'UTC')::date AS last_day, crashpipe.window_days(days) AS n
    ), rows AS (
        SELECT d.* FROM crashpipe.signature_daily d, w
        WHERE d.signature = signature_summary.signature AND d.day > w.last_day - w.n AND d.day <= w.last_day
          AND d.crashes > 0
    ), facets AS (
        SELECT 'product' AS facet, r.product AS term, sum(r.crashes) AS crashes FROM rows r GROUP BY 2
        UNION ALL
        SELECT 'version', r.product || ' ' || r.version, sum(r.crashes) FROM rows r GROUP BY 2
        UNION ALL
        SELECT 'platform', r.os_name, sum(r.crashes) FROM rows r GROUP BY 2
        UNION ALL
        SELECT 'day', to_char(r.day, 'YYYY-MM-DD'), sum(r.crashes) FROM rows r GROUP BY 2
    )
    SELECT f.facet, f.term, f.crashes,
           round(100.0 * f.crashes / sum(f.crashes) OVER (PARTITION BY f.facet), 2)
    FROM facets f
    ORDER BY array_position('{product,version,platform,day}'::text[], f.facet),
             CASE WHEN f.facet = 'day' THEN f.term END, f.crashes DESC, f.term
$$;
COMMENT ON FUNCTION crashpipe.signature_summary(text, interval, timestamptz) IS 'How one signature''s crashes of the last days split by product, version, platform and day, with counts and percent per facet. From signature_daily.';

CREATE FUNCTION crashpipe.crash_rate(bucket text, since timestamptz, until timestamptz DEFAULT now(),
                                     product_name text DEFAULT NULL, product_version text DEFAULT NULL,
                                     os text DEFAULT NULL)
RETURNS TABLE (bucket_start timestamptz, product text, version text, os_name text, crashes bigint)
LANGUAGE plpgsql STABLE
SET "TimeZone" = 'UTC'
AS $$
BEGIN
    IF bucket IS NULL OR bucket NOT IN ('hour', 'day') THEN
        RAISE EXCEPTION 'bad bucket "%"', bucket
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Buckets are hour or day.';
    END IF;
    IF since IS NULL OR until IS NULL OR until - since > interval '366 days' OR until < since THEN
        RAISE EXCEPTION 'bad time range'
            USING ERRCODE = 'invalid_parameter_value', DETAIL = 'since comes before until, at most 366 days earlier.';
    END IF;
    RETURN QUERY
    WITH counts AS (
        SELECT date_trunc(bucket, h.hour, 'UTC') AS b, h.product AS p, h.version AS v, h.os_name AS o,
               sum(h.crashes)::bigint AS n
        FROM crashpipe.crash_hourly h
        WHERE h.hour >= date_trunc('hour', since, 'UTC') AND h.hour <= until
          AND (product_name IS NULL OR h.product = product_name)
          AND (product_version IS NULL OR h.version = product_version)
          AND (os IS NULL OR h.os_name = os)
        GROUP BY 1, 2, 3, 4
        HAVING sum(h.crashes) > 0
    ), series AS (
        SELECT g AS b FROM generate_series(date_trunc(bucket, since, 'UTC'), until, ('1 ' || bucket)::interval) g
    )
    SELECT s.b, k.p, k.v, k.o, coalesce(c.n, 0)
    FROM series s CROSS JOIN (SELECT DISTINCT c.p, c.v, c.o FROM counts c) k
    LEFT JOIN counts c ON c.b = s.b AND c.p = k.p AND c.v = k.v AND c.o = k.o
    ORDER BY 1, 2, 3, 4;
END
$$;
COMMENT ON FUNCTION crashpipe.crash_rate(text, timestamptz, timestamptz, text, text, text) IS 'A dashboard time series: processed crashes per hour or day (UTC) from since to until, per product, version and OS (each optionally fixed), with zero for buckets without crashes. From crash_hourly.';
