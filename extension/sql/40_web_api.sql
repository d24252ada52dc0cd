-- extension/sql/40_web_api.sql
-- Functions behind the web front's routes: each route is one call of one of
-- these with bound parameters, so the web program holds no SQL logic.

CREATE FUNCTION crashpipe.api_processed_crash(crash_id text)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    id uuid := crashpipe.parse_crash_id(crash_id);
BEGIN
    RETURN (SELECT p.processed FROM crashpipe.processed_crashes p
            WHERE p.crash_id = id AND p.crash_date = crashpipe.crash_id_date(id));
END
$$;
COMMENT ON FUNCTION crashpipe.api_processed_crash(text) IS 'The processed crash for /api/ProcessedCrash/, or null when it is not (yet) processed; an invalid id raises invalid_text_representation.';

CREATE FUNCTION crashpipe.latest_crashes(max_rows integer)
RETURNS TABLE (crash_id uuid, submitted_at timestamptz, product text, version text,
               os_name text, cpu_arch text, reason text, success boolean)
LANGUAGE sql STABLE
AS $$
    SELECT p.crash_id, p.submitted_at, p.product, p.version, p.os_name, p.cpu_arch, p.reason, p.success
    FROM crashpipe.processed_crashes p
    ORDER BY p.processed_at DESC
    LIMIT least(greatest(max_rows, 0), 1000)
$$;
COMMENT ON FUNCTION crashpipe.latest_crashes(integer) IS 'The most recently processed crashes, newest first, at most 1000.';

CREATE FUNCTION crashpipe.api_reprocess(crash_ids text[])
RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
    ids uuid[];
BEGIN
    IF coalesce(cardinality(crash_ids), 0) = 0 THEN
        RAISE EXCEPTION 'missing parameter crash_ids' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF cardinality(crash_ids) > 1000 THEN
        RAISE EXCEPTION 'too many crash_ids: % (at most 1000 a request)', cardinality(crash_ids)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ids := ARRAY(SELECT crashpipe.parse_crash_id(c) FROM unnest(crash_ids) c);
    -- Priority 10: a person asked, so it goes before new and bulk work.
    PERFORM crashpipe.reprocess(id, 10) FROM unnest(ids) id;
    RETURN 'true';
END
$$;
COMMENT ON FUNCTION crashpipe.api_reprocess(text[]) IS 'Queues the crashes for /api/Reprocessing/ at priority 10, all or none; an invalid id raises invalid_text_representation, an unknown one no_data_found.';
