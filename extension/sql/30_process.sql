-- extension/sql/30_process.sql
-- Turning a raw crash into a processed crash.  The processor workers
-- (bgworker/processor.c) call crashpipe.process_crash once per claimed crash,
-- in one short transaction that also deletes the queue row, so a crash is
-- processed exactly once even if a worker dies half-way.
-- The rules here are the foundation set (product/version/build/channel, dates,
-- minidump header, system info and exception facts) and the signature; the
-- rule pipeline of Socorro replaces them step by step.  A signature seen for
-- the first time gets its row in crashpipe.signatures.

CREATE FUNCTION crashpipe.annotation_int(annotations jsonb, key text)
RETURNS bigint
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE WHEN annotations->>key ~ '^\s*-?[0-9]{1,18}\s*$' THEN trim(annotations->>key)::bigint END
$$;
COMMENT ON FUNCTION crashpipe.annotation_int(jsonb, text) IS 'An annotation read as an integer, or null when it is absent or not a whole number.';

CREATE FUNCTION crashpipe.read_minidump(crash_id uuid, crash_date date,
                                       OUT info jsonb, OUT json_dump jsonb, OUT sha256 text, OUT note text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    dump bytea;
    detail text;
BEGIN
    SELECT d.data, d.sha256 INTO dump, sha256 FROM crashpipe.dumps d
    WHERE d.crash_id = read_minidump.crash_id AND d.crash_date = read_minidump.crash_date
      AND d.name = 'upload_file_minidump';
    IF NOT FOUND THEN
        note := 'MinidumpRule: no upload_file_minidump in the crash report';
        RETURN;
    END IF;
    IF length(dump) = 0 THEN
        note := 'MinidumpRule: upload_file_minidump is empty (EmptyMinidump)';
        RETURN;
    END IF;
    info := crashpipe.minidump_info(dump);
    json_dump := crashpipe.stackwalk(dump);
EXCEPTION WHEN data_corrupted THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    note := 'MinidumpRule: ' || SQLERRM || ': ' || detail;
    info := NULL;
    json_dump := NULL;
END
$$;
COMMENT ON FUNCTION crashpipe.read_minidump(uuid, date) IS 'Reads the main minidump of a crash: what it holds (minidump_info) and its walked stacks (stackwalk, symbols from crashpipe.symbol_paths); a missing, empty or unreadable dump gives a processor note instead of an error.';

CREATE FUNCTION crashpipe.version_rule(annotations jsonb, OUT version text, OUT note text)
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE WHEN esr THEN v || 'esr' ELSE v END,
           CASE WHEN esr THEN 'ESRVersionRewrite: appended esr to version' END
    FROM (SELECT rtrim(annotations->>'Version') AS v,
                 annotations->>'ReleaseChannel' = 'esr'
                 AND coalesce(rtrim(annotations->>'Version'), '') NOT LIKE '%esr' AS esr) a
$$;
COMMENT ON FUNCTION crashpipe.version_rule(jsonb) IS 'Product version from the Version annotation, with esr appended on the esr channel as Socorro does.';

CREATE FUNCTION crashpipe.build_processed(raw crashpipe.raw_crashes, md record)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    a jsonb := raw.annotations;
    si jsonb := md.info->'system_info';
    ci jsonb := md.json_dump->'crash_info';
    ver record := crashpipe.version_rule(a);
    crash_time bigint := coalesce(crashpipe.annotation_int(a, 'CrashTime'),
                                  extract(epoch FROM raw.submitted_at)::bigint);
BEGIN
    RETURN jsonb_strip_nulls(jsonb_build_object(
        'crash_id', raw.crash_id,
        'uuid', raw.crash_id,
        'product', rtrim(a->>'ProductName'),
        'version', ver.version,
        'build', rtrim(a->>'BuildID'),
        'release_channel', rtrim(a->>'ReleaseChannel'),
        'process_type', CASE WHEN coalesce(a->>'ProcessType', 'main') = 'main' THEN 'parent' ELSE a->>'ProcessType' END,
        'os_name', coalesce(si->>'os', a->>'OS'),
        'os_version', coalesce(si->>'os_ver', a->>'OSVersion'),
        'cpu_arch', coalesce(si->>'cpu_arch', a->>'CPUArchitecture'),
        'cpu_info', coalesce(si->>'cpu_info', a->>'CPUInfo'),
        'cpu_count', (si->>'cpu_count')::integer,
        'reason', ci->>'type',
        'address', ci->>'address',
        'crashing_thread', (ci->>'crashing_thread')::integer,
        'submitted_timestamp', raw.submitted_at,
        'date_processed', raw.submitted_at,
        'crash_time', crash_time,
        'client_crash_date', to_timestamp(crash_time),
        'uptime', crash_time - crashpipe.annotation_int(a, 'StartupTime'),
        'install_age', crash_time - crashpipe.annotation_int(a, 'InstallTime'),
        'minidump_sha256_hash', coalesce(md.sha256, ''),
        'minidump', md.info->'header',
        'thread_count', md.json_dump->'thread_count',
        'json_dump', md.json_dump,
        'success', md.info IS NOT NULL,
        'processor_notes', array_to_string(array_remove(ARRAY[ver.note, md.note], NULL), E'\n')));
END
$$;
COMMENT ON FUNCTION crashpipe.build_processed(crashpipe.raw_crashes, record) IS 'The processed crash, with Socorro field names, from a raw crash and what read_minidump found.';

CREATE FUNCTION crashpipe.signature_rule(raw crashpipe.raw_crashes, pc jsonb)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    sig record := crashpipe.signature(raw.annotations || pc);
BEGIN
    RETURN pc || jsonb_build_object(
        'signature', sig.signature,
        'proto_signature', sig.proto_signature,
        'processor_notes', concat_ws(E'\n', nullif(pc->>'processor_notes', ''),
                                     nullif(array_to_string(sig.notes, E'\n'), '')));
END
$$;
COMMENT ON FUNCTION crashpipe.signature_rule(crashpipe.raw_crashes, jsonb) IS 'Adds signature, proto_signature and the signature generator''s notes to a processed crash, reading its annotations (AbortMessage, ipc_channel_error, Hang, ...) and json_dump as Socorro does.';

CREATE FUNCTION crashpipe.process_crash(crash_id uuid)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    raw crashpipe.raw_crashes;
    md record;
    pc jsonb;
BEGIN
    SELECT * INTO raw FROM crashpipe.raw_crashes r
    WHERE r.crash_id = process_crash.crash_id AND r.crash_date = crashpipe.crash_id_date(process_crash.crash_id);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'raw crash % not found', crash_id
            USING ERRCODE = 'no_data_found',
                  HINT = 'The queue row outlived its raw crash; retention may have dropped the partition.';
    END IF;
    md := crashpipe.read_minidump(raw.crash_id, raw.crash_date);
    pc := crashpipe.signature_rule(raw, crashpipe.build_processed(raw, md));
    PERFORM crashpipe.ensure_partitions(raw.crash_date);
    INSERT INTO crashpipe.signatures (signature, first_seen, first_build)
    VALUES (pc->>'signature', raw.submitted_at, pc->>'build')
    ON CONFLICT (signature) DO NOTHING;
    INSERT INTO crashpipe.processed_crashes AS p
        (crash_id, crash_date, submitted_at, success, product, version, build_id, release_channel,
         process_type, os_name, os_version, cpu_arch, cpu_info, cpu_count, reason, address,
         crashing_thread, signature, uptime, install_age, client_crash_date, minidump_sha256_hash,
         processor_notes, json_dump, processed)
    VALUES (raw.crash_id, raw.crash_date, raw.submitted_at, (pc->>'success')::boolean,
            pc->>'product', pc->>'version', pc->>'build', pc->>'release_channel', pc->>'process_type',
            pc->>'os_name', pc->>'os_version', pc->>'cpu_arch', pc->>'cpu_info', (pc->>'cpu_count')::integer,
            pc->>'reason', pc->>'address', (pc->>'crashing_thread')::integer, pc->>'signature',
            (pc->>'uptime')::bigint,
            (pc->>'install_age')::bigint, (pc->>'client_crash_date')::timestamptz, pc->>'minidump_sha256_hash',
            pc->>'processor_notes', pc->'json_dump', pc)
    ON CONFLICT ON CONSTRAINT processed_crashes_pkey DO UPDATE SET
        processed_at = now(), success = EXCLUDED.success, product = EXCLUDED.product,
        version = EXCLUDED.version, build_id = EXCLUDED.build_id, release_channel = EXCLUDED.release_channel,
        process_type = EXCLUDED.process_type, os_name = EXCLUDED.os_name, os_version = EXCLUDED.os_version,
        cpu_arch = EXCLUDED.cpu_arch, cpu_info = EXCLUDED.cpu_info, cpu_count = EXCLUDED.cpu_count,
        reason = EXCLUDED.reason, address = EXCLUDED.address, crashing_thread = EXCLUDED.crashing_thread,
        signature = EXCLUDED.signature,
        uptime = EXCLUDED.uptime, install_age = EXCLUDED.install_age,
        client_crash_date = EXCLUDED.client_crash_date, minidump_sha256_hash = EXCLUDED.minidump_sha256_hash,
        processor_notes = EXCLUDED.processor_notes, json_dump = EXCLUDED.json_dump, processed = EXCLUDED.processed;
    DELETE FROM crashpipe.queue q WHERE q.crash_id = process_crash.crash_id;
END
$$;
COMMENT ON FUNCTION crashpipe.process_crash(uuid) IS 'Processes one crash now: writes (or replaces) its processed crash and removes it from the queue, in the caller''s transaction.';
