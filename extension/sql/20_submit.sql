-- extension/sql/20_submit.sql
-- The one function the collector calls.  It decides whether a crash is
-- accepted (throttling lives here, so operators change it with SQL), and
-- stores the raw crash, its dumps and its queue row in the caller's single
-- transaction: when it returns and the transaction commits, the crash is safe.

CREATE FUNCTION crashpipe.scrub_annotations(annotations jsonb, OUT scrubbed jsonb, OUT notes text[])
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    key text;
BEGIN
    scrubbed := annotations;
    notes := '{}';
    FOREACH key IN ARRAY ARRAY['Email', 'TelemetryClientId', 'TelemetryServerURL', 'TelemetrySessionId'] LOOP
        IF scrubbed ? key THEN
            scrubbed := scrubbed - key;
            notes := notes || format('Removed %s from raw crash.', key);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION crashpipe.scrub_annotations(jsonb) IS 'Drops the annotations Antenna never stores (Email, Telemetry ids), with one collector note each.';

CREATE FUNCTION crashpipe.crashpad_names(annotations jsonb, OUT named jsonb, OUT notes text[])
LANGUAGE sql IMMUTABLE
AS $$
    -- Breakpad's minidump_upload and Crashpad send prod/ver (Crashpad also
    -- product/version) where Mozilla's clients send ProductName/Version
    SELECT annotations || coalesce(jsonb_object_agg(m.k, annotations->>m.alias), '{}'),
           coalesce(array_agg(format('%s taken from the %s field.', m.k, m.alias)), '{}')
    FROM (SELECT DISTINCT ON (v.k) v.k, v.alias
          FROM (VALUES ('ProductName', 'prod', 1), ('ProductName', 'product', 2),
                       ('Version', 'ver', 1), ('Version', 'version', 2)) AS v(k, alias, preference)
          WHERE NOT annotations ? v.k AND jsonb_typeof(annotations->v.alias) = 'string'
          ORDER BY v.k, v.preference) AS m
$$;
COMMENT ON FUNCTION crashpipe.crashpad_names(jsonb) IS 'Adds ProductName and Version, when absent, from the prod/product and ver/version fields of Breakpad''s minidump_upload and Crashpad, with one collector note each; the sent fields stay as they are.';

CREATE FUNCTION crashpipe.check_submission(annotations jsonb, dump_names text[], dumps bytea[], day date)
RETURNS void
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    IF annotations IS NULL OR jsonb_typeof(annotations) <> 'object' THEN
        RAISE EXCEPTION 'annotations must be a JSON object'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Got %s.', coalesce(jsonb_typeof(annotations), 'NULL'));
    END IF;
    IF cardinality(coalesce(dump_names, '{}')) <> cardinality(coalesce(dumps, '{}')) THEN
        RAISE EXCEPTION 'dump_names and dumps differ in length'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('%s names for %s dumps.', cardinality(dump_names), cardinality(dumps));
    END IF;
    IF day NOT BETWEEN (now() AT TIME ZONE 'UTC')::date - 1 AND (now() AT TIME ZONE 'UTC')::date + 1 THEN
        RAISE EXCEPTION 'proposed crash id is dated %, not today', day
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The last six digits of a crash id are the UTC day it was received (YYMMDD).',
                  HINT = 'Check the collector''s clock.';
    END IF;
END
$$;
COMMENT ON FUNCTION crashpipe.check_submission(jsonb, text[], bytea[], date) IS 'Refuses a submission whose annotations are not an object, whose dump arrays differ in length, or whose day is not within a day of today.';

CREATE FUNCTION crashpipe.submit(annotations jsonb,
                                 dump_names text[],
                                 dumps bytea[],
                                 metadata jsonb DEFAULT '{}',
                                 proposed_id uuid DEFAULT NULL,
                                 spooled boolean DEFAULT false,
                                 OUT crash_id uuid,
                                 OUT result text,
                                 OUT rule text)
LANGUAGE plpgsql
AS $$
DECLARE
    day date := coalesce(crashpipe.crash_id_date(proposed_id), (now() AT TIME ZONE 'UTC')::date);
    named record;
    clean record;
    checksums jsonb;
    stored record;
BEGIN
    PERFORM crashpipe.check_submission(annotations, dump_names, dumps, day);
    named := crashpipe.crashpad_names(annotations);
    annotations := named.named;
    crash_id := coalesce(proposed_id, gen_random_uuid());
    SELECT t.result, t.rule INTO result, rule FROM crashpipe.throttle(annotations, crash_id) t;
    IF spooled THEN
        -- the client already holds this id: store it whatever the throttler says now
        IF result NOT IN ('accept', 'defer') THEN
            metadata := jsonb_set(coalesce(metadata, '{}'), '{collector_notes}',
                                  coalesce(metadata->'collector_notes', '[]')
                                  || to_jsonb(format('accepted during a database outage; throttle rule %s said %s',
                                                     rule, result)));
            result := 'accept';
        END IF;
    ELSE
        crash_id := crashpipe.stamp_crash_id(crash_id,
                                             CASE result WHEN 'defer' THEN 1 WHEN 'fakeaccept' THEN 3 ELSE 0 END,
                                             day);
    END IF;
    IF result NOT IN ('accept', 'defer') THEN
        RETURN;
    END IF;
    SELECT r.throttle_result, r.throttle_rule INTO stored FROM crashpipe.raw_crashes r
    WHERE r.crash_id = submit.crash_id AND r.crash_date = day;
    IF FOUND THEN
        -- the same submission again (a retry after a lost answer): already safe
        result := stored.throttle_result;
        rule := stored.throttle_rule;
        RETURN;
    END IF;

    PERFORM crashpipe.ensure_partitions(day);
    clean := crashpipe.scrub_annotations(annotations);
    SELECT coalesce(jsonb_object_agg(n, encode(sha256(d), 'hex')), '{}') INTO checksums
    FROM unnest(dump_names, dumps) AS u(n, d);
    metadata := coalesce(metadata, '{}')
        || jsonb_build_object('dump_checksums', checksums,
                              'throttle_rule', rule,
                              'collector_notes', coalesce(metadata->'collector_notes', '[]') || to_jsonb(named.notes) || to_jsonb(clean.notes));

    INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, product, version, annotations, metadata,
                                       throttle_result, throttle_rule)
    VALUES (crash_id, day, clean.scrubbed->>'ProductName', clean.scrubbed->>'Version', clean.scrubbed,
            metadata, result, rule);
    INSERT INTO crashpipe.dumps (crash_id, crash_date, name, data, sha256)
    SELECT submit.crash_id, day, n, d, checksums->>n FROM unnest(dump_names, dumps) AS u(n, d);
    INSERT INTO crashpipe.queue (crash_id, crash_date) VALUES (crash_id, day);
    PERFORM crashpipe.wake_processors();
END
$$;
COMMENT ON FUNCTION crashpipe.submit(jsonb, text[], bytea[], jsonb, uuid, boolean) IS 'Stores one crash report (raw crash, dumps, queue row) if the throttler accepts it; returns its crash id, the throttle result and the deciding rule.  A collector that passes its own proposed_id (a crash id made at receipt) can retry safely: the same id is stored once.  spooled marks a report the collector acknowledged during a database outage: it keeps its id and is stored whatever the throttler says, with a collector note.';
