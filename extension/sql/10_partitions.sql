-- extension/sql/10_partitions.sql
-- Crash ids carry their UTC collection day (the last six digits, YYMMDD), so
-- every crash table is partitioned by that day.  ensure_partitions makes the
-- day's partitions the first time a crash of that day arrives; the advisory
-- lock makes concurrent first arrivals wait for one creator instead of failing.

CREATE FUNCTION crashpipe.crash_id_date(crash_id uuid)
RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT to_date('20' || right(crash_id::text, 6), 'YYYYMMDD')
$$;
COMMENT ON FUNCTION crashpipe.crash_id_date(uuid) IS 'UTC collection day encoded in the last six digits of a crash id.';

CREATE FUNCTION crashpipe.parse_crash_id(crash_id text)
RETURNS uuid
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    bare text := regexp_replace(crash_id, '^(bp-|.*/report/index/)', '');
BEGIN
    IF bare !~ '^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{6}[0-9]{6}$' THEN
        RAISE EXCEPTION 'invalid crash id "%"', crash_id
            USING ERRCODE = 'invalid_text_representation',
                  DETAIL = 'A crash id is a lower-case UUID whose last seven digits are a throttle digit and the date YYMMDD.',
                  HINT = 'Pass the id as the collector returned it, with or without the bp- prefix.';
    END IF;
    RETURN bare::uuid;
END
$$;
COMMENT ON FUNCTION crashpipe.parse_crash_id(text) IS 'Validates a crash id given as <id>, bp-<id> or a .../report/index/<id> URL and returns it as uuid.';

CREATE FUNCTION crashpipe.stamp_crash_id(base uuid, throttle_digit integer, day date)
RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT (left(base::text, 29) || throttle_digit::text || to_char(day, 'YYMMDD'))::uuid
$$;
COMMENT ON FUNCTION crashpipe.stamp_crash_id(uuid, integer, date) IS 'A crash id made from a random UUID4: its last seven digits replaced by the throttle digit (0 accept, 1 defer, 3 fake accept) and the day as YYMMDD.';

CREATE FUNCTION crashpipe.ensure_partitions(day date)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    parent text;
    child text;
BEGIN
    FOREACH parent IN ARRAY ARRAY['raw_crashes', 'dumps', 'processed_crashes'] LOOP
        child := parent || '_p' || to_char(day, 'YYYYMMDD');
        CONTINUE WHEN to_regclass('crashpipe.' || child) IS NOT NULL;
        PERFORM pg_advisory_xact_lock(hashtext('crashpipe.ensure_partitions'));
        CONTINUE WHEN to_regclass('crashpipe.' || child) IS NOT NULL;
        EXECUTE format('CREATE TABLE crashpipe.%I PARTITION OF crashpipe.%I FOR VALUES FROM (%L) TO (%L)',
                       child, parent, day, day + 1);
    END LOOP;
END
$$;
COMMENT ON FUNCTION crashpipe.ensure_partitions(date) IS 'Creates the raw_crashes, dumps and processed_crashes partitions of one day if they do not exist yet.';
