-- extension/sql/32_process.sql
-- Turning a raw crash into a processed crash.  The processor workers
-- (bgworker/processor.c) call crashpipe.process_crash once per claimed crash,
-- in one short transaction that also deletes the queue row, so a crash is
-- processed exactly once even if a worker dies half-way.  The rules are
-- Socorro's, in C (extension/core/processor/pc_rules.c lists them in their
-- order); processing again replaces the processed crash in the same
-- transaction, carries its notes over into processor_history, and records a
-- changed signature in crashpipe.signature_changes.  A signature seen for the
-- first time gets its row in crashpipe.signatures.

CREATE FUNCTION crashpipe.processor_rules(crash_id uuid, submitted_at timestamptz, annotations jsonb,
                                          metadata jsonb, dump_names text[], dumps bytea[],
                                          previous_notes text DEFAULT NULL,
                                          previous_history jsonb DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'crashpipe_processor_rules'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION crashpipe.processor_rules(uuid, timestamptz, jsonb, jsonb, text[], bytea[], text, jsonb) IS 'The processed crash Socorro''s rules make of a raw crash: its annotations, collector metadata and dumps (upload_file_minidump* are walked, symbols from crashpipe.symbol_paths, for at most crashpipe.stackwalk_time_limit), and, when it is processed again, the notes and history it had. Changes nothing.';

CREATE TABLE crashpipe.signature_changes (
    crash_id        uuid NOT NULL,
    crash_date      date NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now(),
    old_signature   text NOT NULL,
    new_signature   text NOT NULL
);
CREATE INDEX signature_changes_crash_idx ON crashpipe.signature_changes (crash_id, changed_at);
CREATE INDEX signature_changes_old_idx ON crashpipe.signature_changes (old_signature, changed_at);
COMMENT ON TABLE crashpipe.signature_changes IS 'One row each time processing a crash again gave it another signature.';
COMMENT ON COLUMN crashpipe.signature_changes.crash_id IS 'The crash.';
COMMENT ON COLUMN crashpipe.signature_changes.crash_date IS 'UTC day encoded in the crash id.';
COMMENT ON COLUMN crashpipe.signature_changes.changed_at IS 'When the new processed crash was stored.';
COMMENT ON COLUMN crashpipe.signature_changes.old_signature IS 'Signature of the processed crash that was replaced.';
COMMENT ON COLUMN crashpipe.signature_changes.new_signature IS 'Signature of the processed crash that replaced it.';

CREATE FUNCTION crashpipe.processed_row(crash_id uuid, crash_date date, processed jsonb)
RETURNS crashpipe.processed_crashes
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    r crashpipe.processed_crashes := jsonb_populate_record(NULL::crashpipe.processed_crashes, processed);
    notes jsonb := processed #> '{collector_metadata,collector_notes}';
BEGIN
    r.crash_id := crash_id;
    r.crash_date := crash_date;
    r.processed_at := now();
    r.submitted_at := (processed->>'date_processed')::timestamptz;
    r.build_id := processed->>'build';
    r.collector_notes := CASE WHEN jsonb_typeof(notes) = 'array'
                              THEN ARRAY(SELECT jsonb_array_elements_text(notes)) END;
    IF jsonb_typeof(processed->'memory_measures') = 'object' THEN
        r := jsonb_populate_record(r, (SELECT jsonb_object_agg('memory_' || key, value)
                                       FROM jsonb_each(processed->'memory_measures')));
    END IF;
    r.processed := processed;
    RETURN r;
END
$$;
COMMENT ON FUNCTION crashpipe.processed_row(uuid, date, jsonb) IS 'The processed_crashes row of a processed crash: each column from the processed-crash key of its name (build_id from build, submitted_at from date_processed, memory_* from memory_measures, collector_notes from collector_metadata).';

CREATE FUNCTION crashpipe.process_crash(crash_id uuid)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    raw crashpipe.raw_crashes;
    old record;
    dump record;
    pc jsonb;
BEGIN
    SELECT * INTO raw FROM crashpipe.raw_crashes r
    WHERE r.crash_id = process_crash.crash_id AND r.crash_date = crashpipe.crash_id_date(process_crash.crash_id);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'raw crash % not found', crash_id
            USING ERRCODE = 'no_data_found',
                  HINT = 'The queue row outlived its raw crash; retention may have dropped the partition.';
    END IF;
    SELECT p.signature, p.processor_notes, p.processed->'processor_history' AS history INTO old
    FROM crashpipe.processed_crashes p
    WHERE p.crash_id = raw.crash_id AND p.crash_date = raw.crash_date
    FOR UPDATE;
    SELECT coalesce(array_agg(d.name ORDER BY d.name), '{}') AS names,
           coalesce(array_agg(d.data ORDER BY d.name), '{}') AS data INTO dump
    FROM crashpipe.dumps d WHERE d.crash_id = raw.crash_id AND d.crash_date = raw.crash_date;
    pc := crashpipe.processor_rules(raw.crash_id, raw.submitted_at, raw.annotations, raw.metadata,
                                    dump.names, dump.data, old.processor_notes, old.history);
    PERFORM crashpipe.ensure_partitions(raw.crash_date);
    INSERT INTO crashpipe.signatures (signature, first_seen, first_build)
    VALUES (pc->>'signature', raw.submitted_at, pc->>'build')
    ON CONFLICT (signature) DO NOTHING;
    IF old.signature IS DISTINCT FROM pc->>'signature' AND old.signature IS NOT NULL THEN
        INSERT INTO crashpipe.signature_changes (crash_id, crash_date, old_signature, new_signature)
        VALUES (raw.crash_id, raw.crash_date, old.signature, pc->>'signature');
    END IF;
    DELETE FROM crashpipe.processed_crashes p WHERE p.crash_id = raw.crash_id AND p.crash_date = raw.crash_date;
    INSERT INTO crashpipe.processed_crashes
    SELECT r.* FROM crashpipe.processed_row(raw.crash_id, raw.crash_date, pc) r;
    DELETE FROM crashpipe.queue q WHERE q.crash_id = process_crash.crash_id;
END
$$;
COMMENT ON FUNCTION crashpipe.process_crash(uuid) IS 'Processes one crash now: writes (or replaces) its processed crash, records a changed signature, and removes it from the queue, in the caller''s transaction.';
