-- extension/sql/40_web_api.sql
-- Functions behind the web front's routes: each route is one call of one of
-- these with bound parameters, so the web program holds no SQL logic.

CREATE FUNCTION crashpipe.api_processed_crash(crash_id text, with_protected boolean)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    id uuid := crashpipe.parse_crash_id(crash_id);
    doc jsonb;
BEGIN
    SELECT p.processed INTO doc FROM crashpipe.processed_crashes p
    WHERE p.crash_id = id AND p.crash_date = crashpipe.crash_id_date(id);
    RETURN CASE WHEN with_protected THEN doc ELSE crashpipe.public_part(doc, 'processed') END;
END
$$;
COMMENT ON FUNCTION crashpipe.api_processed_crash(text, boolean) IS 'The processed crash for /api/ProcessedCrash/ (only its public keys unless with_protected), or null when it is not (yet) processed; an invalid id raises invalid_text_representation.';

CREATE FUNCTION crashpipe.api_raw_crash(crash_id text, with_protected boolean)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    id uuid := crashpipe.parse_crash_id(crash_id);
    raw crashpipe.raw_crashes;
    doc jsonb;
BEGIN
    SELECT * INTO raw FROM crashpipe.raw_crashes r
    WHERE r.crash_id = id AND r.crash_date = crashpipe.crash_id_date(id);
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    doc := raw.annotations || jsonb_build_object('uuid', raw.crash_id,
                                                 'submitted_timestamp', raw.submitted_at);
    IF with_protected THEN
        RETURN doc || jsonb_build_object('metadata', raw.metadata);
    END IF;
    RETURN crashpipe.public_part(doc, 'raw');
END
$$;
COMMENT ON FUNCTION crashpipe.api_raw_crash(text, boolean) IS 'The annotations of a raw crash for /api/RawCrash/ with uuid and submitted_timestamp (only the public annotations unless with_protected, which adds the collector metadata), or null when there is no such crash.';

CREATE FUNCTION crashpipe.api_raw_dump(crash_id text, name text)
RETURNS bytea
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    id uuid := crashpipe.parse_crash_id(crash_id);
BEGIN
    IF name !~ '^[A-Za-z0-9_.-]{1,100}$' THEN
        RAISE EXCEPTION 'invalid dump name "%"', left(name, 100)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Dump names are form-part names such as upload_file_minidump.';
    END IF;
    RETURN (SELECT d.data FROM crashpipe.dumps d
            WHERE d.crash_id = id AND d.crash_date = crashpipe.crash_id_date(id)
              AND d.name = api_raw_dump.name);
END
$$;
COMMENT ON FUNCTION crashpipe.api_raw_dump(text, text) IS 'The bytes of one dump of a crash for /api/RawCrash/?format=raw, or null when there is none.';

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

CREATE FUNCTION crashpipe.check_list(list text[], name text, max_length integer)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    IF coalesce(cardinality(list), 0) = 0 THEN
        RAISE EXCEPTION 'missing parameter %', name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF cardinality(list) > max_length THEN
        RAISE EXCEPTION 'too many %: % (at most % a request)', name, cardinality(list), max_length
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;
COMMENT ON FUNCTION crashpipe.check_list(text[], text, integer) IS 'Raises invalid_parameter_value when the list of request parameter name is empty or longer than max_length.';

CREATE FUNCTION crashpipe.api_reprocess(crash_ids text[])
RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
    ids uuid[];
BEGIN
    PERFORM crashpipe.check_list(crash_ids, 'crash_ids', 1000);
    ids := ARRAY(SELECT crashpipe.parse_crash_id(c) FROM unnest(crash_ids) c);
    -- Priority 10: a person asked, so it goes before new and bulk work.
    PERFORM crashpipe.reprocess(id, 10) FROM unnest(ids) id;
    RETURN 'true';
END
$$;
COMMENT ON FUNCTION crashpipe.api_reprocess(text[]) IS 'Queues the crashes for /api/Reprocessing/ at priority 10, all or none; an invalid id raises invalid_text_representation, an unknown one no_data_found.';
