-- extension/sql/43_web_info.sql
-- Functions behind the web front's overview routes: the service status,
-- when signatures were first seen, the housekeeping jobs, the products and
-- the crashes per day of a product.  None of them returns a protected
-- field: they are public.  Each validates its parameters and raises
-- invalid_parameter_value with a message the web front shows as a 400.

CREATE FUNCTION crashpipe.api_status()
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_build_object(
        'version', (SELECT extversion FROM pg_extension WHERE extname = 'crashpipe'),
        'queue', (SELECT jsonb_build_object('pending', count(*) FILTER (WHERE state = 'pending'),
                                            'failed', count(*) FILTER (WHERE state = 'failed'))
                  FROM crashpipe.queue),
        'processors', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                 'worker', s.worker, 'started_at', s.started_at,
                                 'crashes_done', s.crashes_done, 'crashes_failed', s.crashes_failed,
                                 'busy', s.current_crash IS NOT NULL) ORDER BY s.worker), '[]')
                       FROM crashpipe.processor_status s),
        'latest_processed_at', (SELECT max(p.processed_at) FROM crashpipe.processed_crashes p))
$$;
COMMENT ON FUNCTION crashpipe.api_status() IS 'For /api/Status/: the extension version, the queue (pending and failed crashes), each processor worker and the time of the latest processed crash.';

CREATE FUNCTION crashpipe.api_signature_first_date(signatures text[])
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    hits jsonb;
BEGIN
    PERFORM crashpipe.check_list(signatures, 'signatures', 100);
    SELECT coalesce(jsonb_agg(jsonb_build_object('signature', s.signature,
                                                 'first_date', s.first_seen,
                                                 'first_build', s.first_build)
                              ORDER BY s.signature), '[]')
    INTO hits
    FROM crashpipe.signatures s
    WHERE s.signature = ANY (api_signature_first_date.signatures);
    RETURN jsonb_build_object('hits', hits, 'total', jsonb_array_length(hits));
END
$$;
COMMENT ON FUNCTION crashpipe.api_signature_first_date(text[]) IS 'For /api/SignatureFirstDate/: first crash time and first build of each known signature asked for (at most 100), as {"hits": [...], "total": n}.';

CREATE FUNCTION crashpipe.api_job_status()
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_build_object('hits', coalesce(jsonb_agg(jsonb_build_object(
               'name', j.name, 'state', j.state, 'frequency', j.frequency::text,
               'time_of_day', j.time_of_day, 'depends_on', j.depends_on,
               'next_run', j.next_run, 'last_run', j.last_run, 'last_success', j.last_success,
               'last_error', j.last_error, 'error_count', j.error_count) ORDER BY j.name), '[]'))
    FROM crashpipe.job_status j
$$;
COMMENT ON FUNCTION crashpipe.api_job_status() IS 'For /api/JobStatus/ and the job status page: every housekeeping job with its schedule, last outcome and state.';

CREATE FUNCTION crashpipe.api_products()
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_build_object('hits', coalesce(jsonb_agg(jsonb_build_object(
               'product', p.name, 'channels', p.channels, 'bug_url', p.bug_url)
               ORDER BY p.name), '[]'))
    FROM crashpipe.products p
    WHERE p.enabled
$$;
COMMENT ON FUNCTION crashpipe.api_products() IS 'For /api/Products/: the enabled products with their channels and bug-tracker URL template.';

CREATE FUNCTION crashpipe.check_days(days integer)
RETURNS integer
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    IF days IS NULL OR days < 1 OR days > 90 THEN
        RAISE EXCEPTION 'days must be a whole number from 1 to 90'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN days;
END
$$;
COMMENT ON FUNCTION crashpipe.check_days(integer) IS 'days itself when it is from 1 to 90; else raises invalid_parameter_value.';

CREATE FUNCTION crashpipe.api_crashes_per_day(product text, days integer)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    first_day date := (now() AT TIME ZONE 'UTC')::date - crashpipe.check_days(days) + 1;
    result jsonb;
BEGIN
    IF NOT EXISTS (SELECT FROM crashpipe.products p WHERE p.name = api_crashes_per_day.product) THEN
        RAISE EXCEPTION 'unknown product "%"', left(product, 100)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The products are the rows of crashpipe.products.';
    END IF;
    WITH counts AS (
        SELECT p.crash_date AS day, coalesce(p.version, '') AS version, count(*) AS crashes
        FROM crashpipe.processed_crashes p
        WHERE p.product = api_crashes_per_day.product AND p.crash_date >= first_day
        GROUP BY 1, 2
    ), versions AS (
        SELECT c.version, sum(c.crashes) AS total,
               jsonb_object_agg(c.day, c.crashes) AS by_day
        FROM counts c GROUP BY c.version
    )
    SELECT jsonb_build_object(
        'product', product,
        'days', (SELECT jsonb_agg(d::date ORDER BY d)
                 FROM generate_series(first_day, first_day + days - 1, interval '1 day') d),
        'versions', coalesce(jsonb_agg(jsonb_build_object('version', v.version, 'total', v.total,
                                                          'by_day', v.by_day)
                                       ORDER BY v.total DESC, v.version), '[]'))
    INTO result
    FROM versions v;
    RETURN result;
END
$$;
COMMENT ON FUNCTION crashpipe.api_crashes_per_day(text, integer) IS 'For /api/CrashesPerDay/ and the product home chart: crashes of a product per UTC day and version over the last days (1 to 90), versions by total, most first.';

CREATE FUNCTION crashpipe.api_bugs(signatures text[])
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    hits jsonb;
BEGIN
    PERFORM crashpipe.check_list(signatures, 'signatures', 100);
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', b.id, 'signature', s.signature)
                              ORDER BY b.id, s.signature), '[]')
    INTO hits
    FROM crashpipe.signatures s, unnest(s.bug_ids) AS b(id)
    WHERE s.signature = ANY (api_bugs.signatures);
    RETURN jsonb_build_object('hits', hits, 'total', jsonb_array_length(hits));
END
$$;
COMMENT ON FUNCTION crashpipe.api_bugs(text[]) IS 'For /api/Bugs/: the bugs linked to the signatures asked for, as {"hits": [{"id": n, "signature": s}, ...], "total": n}.';
