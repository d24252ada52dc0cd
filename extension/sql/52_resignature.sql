-- extension/sql/52_resignature.sql
-- Signatures of stored crashes after the lists (or the generator) changed:
-- crashpipe.resignature recomputes them from what is stored (the processed
-- crash, json_dump and the annotations it copied included) without walking
-- any dump again, and brings the rollups that hang on signatures along;
-- crashpipe.signature_preview says beforehand, changing nothing, which
-- signatures candidate lists would split or merge and how many crashes
-- would move.  Every change of a crash's signature, by resignature or by
-- reprocessing, is kept in crashpipe.signature_changes.  Both read a stored
-- processed crash as the processor's SignatureGeneratorRule does
-- (crashpipe.processed_signature), so they sign exactly as it signed.

-- A signature change by resignature is a row of the processor's
-- crashpipe.signature_changes too, marked with its cause.
ALTER TABLE crashpipe.signature_changes
    ADD COLUMN cause text NOT NULL DEFAULT 'reprocess' CHECK (cause IN ('reprocess', 'resignature')),
    ADD COLUMN siglists_version bigint;
COMMENT ON COLUMN crashpipe.signature_changes.cause IS 'reprocess (the crash was processed again) or resignature (crashpipe.resignature recomputed it from the stored crash).';
COMMENT ON COLUMN crashpipe.signature_changes.siglists_version IS 'For resignature: the crashpipe.siglists_version.version whose lists gave the new signature.';
CREATE INDEX signature_changes_crash_date_idx ON crashpipe.signature_changes (crash_date);
COMMENT ON TABLE crashpipe.signature_changes IS 'One row each time a crash got another signature: processed again, or re-signed by crashpipe.resignature (see cause); the retention job drops the rows of the days it drops.';

CREATE FUNCTION crashpipe.replace_signature_notes(processor_notes text, notes text[])
RETURNS text
AS 'MODULE_PATHNAME', 'crashpipe_replace_signature_notes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION crashpipe.replace_signature_notes(text, text[]) IS 'Processor notes with the signature generator''s lines (those starting with one of its rule names) replaced by notes, in the place of the first of them or at the end.';

CREATE FUNCTION crashpipe.rebuild_signature_days(days date[])
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    d date;
    n integer := 0;
BEGIN
    FOREACH d IN ARRAY coalesce(days, '{}') LOOP
        CONTINUE WHEN NOT EXISTS (SELECT FROM crashpipe.signature_daily s WHERE s.day = d);
        PERFORM crashpipe.job_signature_daily((d + 1)::timestamp AT TIME ZONE 'UTC');
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION crashpipe.rebuild_signature_days(date[]) IS 'Rebuilds the signature_daily rollups of those days that were rolled up already (the signature_daily job builds the others when their time comes); returns how many.';

CREATE FUNCTION crashpipe.resignature(since timestamptz,
    OUT crashes bigint, OUT updated bigint, OUT moved bigint, OUT new_signatures bigint,
    OUT days_rolled_up integer)
LANGUAGE plpgsql
AS $$
DECLARE
    days date[];
BEGIN
    WITH fresh AS (
        SELECT p.crash_id, p.crash_date, p.processed_at, p.signature AS old_signature,
               p.proto_signature AS old_proto, p.processor_notes AS old_notes,
               s.signature, s.proto_signature, s.debug,
               crashpipe.replace_signature_notes(p.processor_notes, s.notes) AS processor_notes
        FROM crashpipe.processed_crashes p
        CROSS JOIN LATERAL crashpipe.processed_signature(p.processed) AS s
        WHERE p.submitted_at >= since
    ), changed AS (
        -- processed_at unchanged: a crash reprocessed meanwhile keeps its new result
        UPDATE crashpipe.processed_crashes p
        SET signature = f.signature, proto_signature = f.proto_signature, processor_notes = f.processor_notes,
            processed = (p.processed - 'proto_signature')
                || jsonb_strip_nulls(jsonb_build_object('proto_signature', f.proto_signature))
                || jsonb_build_object('signature', f.signature, 'signature_debug', f.debug,
                                      'processor_notes', f.processor_notes)
        FROM fresh f
        WHERE p.crash_id = f.crash_id AND p.crash_date = f.crash_date AND p.processed_at = f.processed_at
          AND (f.signature IS DISTINCT FROM f.old_signature OR f.proto_signature IS DISTINCT FROM f.old_proto
               OR f.processor_notes IS DISTINCT FROM f.old_notes)
        RETURNING p.crash_id, p.crash_date, p.submitted_at, p.build_id, p.signature, f.old_signature,
                  p.signature IS DISTINCT FROM f.old_signature AS moved
    ), history AS (
        INSERT INTO crashpipe.signature_changes
            (crash_id, crash_date, old_signature, new_signature, cause, siglists_version)
        SELECT c.crash_id, c.crash_date, c.old_signature, c.signature, 'resignature',
               (SELECT version FROM crashpipe.siglists_version)
        FROM changed c WHERE c.moved AND c.old_signature IS NOT NULL
    ), seen AS (
        INSERT INTO crashpipe.signatures AS s (signature, first_seen, first_build)
        SELECT c.signature, min(c.submitted_at), min(c.build_id) FROM changed c
        WHERE c.moved GROUP BY c.signature
        ON CONFLICT (signature) DO UPDATE SET
            first_seen = least(s.first_seen, excluded.first_seen),
            first_build = CASE WHEN s.first_build IS NULL OR excluded.first_build < s.first_build
                               THEN coalesce(excluded.first_build, s.first_build) ELSE s.first_build END
        RETURNING xmax = 0 AS inserted
    )
    SELECT (SELECT count(*) FROM fresh), count(*), count(*) FILTER (WHERE c.moved),
           (SELECT count(*) FROM seen WHERE inserted),
           array_agg(DISTINCT c.crash_date) FILTER (WHERE c.moved)
    INTO crashes, updated, moved, new_signatures, days
    FROM changed c;
    days_rolled_up := crashpipe.rebuild_signature_days(days);
END
$$;
COMMENT ON FUNCTION crashpipe.resignature(timestamptz) IS 'Recomputes the signatures of the crashes submitted since the given time from their stored processed crash, with the lists in crashpipe.siglists; rewrites signature, proto_signature, signature_debug and the generator''s processor notes where they change, records signature changes in crashpipe.signature_changes, adds or moves back first-seen rows of crashpipe.signatures, and rebuilds the signature_daily days already rolled up. Returns crashes examined, rows updated, crashes whose signature changed, signatures seen for the first time, and days rolled up again.';

CREATE FUNCTION crashpipe.signature_preview(since timestamptz, lists jsonb DEFAULT '{}',
    OUT old_signature text, OUT new_signature text, OUT crashes bigint,
    OUT old_total bigint, OUT new_total bigint, OUT change text)
RETURNS SETOF record
LANGUAGE sql STABLE
AS $$
    -- materialized: computed once, so the lists are compiled once per call
    WITH candidate AS MATERIALIZED (
        SELECT crashpipe.siglists_json() || lists AS lists
    ), fresh AS (
        SELECT p.signature AS old, s.signature AS new
        FROM crashpipe.processed_crashes p
        CROSS JOIN candidate c
        CROSS JOIN LATERAL crashpipe.processed_signature(p.processed, c.lists) AS s
        WHERE p.submitted_at >= since
    ), pairs AS (
        SELECT old, new, count(*) AS n FROM fresh GROUP BY old, new
    ), olds AS (
        SELECT old, sum(n)::bigint AS total, count(*) AS destinations FROM pairs GROUP BY old
    ), news AS (
        SELECT new, sum(n)::bigint AS total, count(*) AS sources FROM pairs GROUP BY new
    )
    SELECT p.old, p.new, p.n, o.total, w.total,
           CASE WHEN o.destinations = 1 AND w.sources = 1 THEN 'rename'
                WHEN w.sources = 1 THEN 'split'
                WHEN o.destinations = 1 THEN 'merge'
                ELSE 'split and merge' END
    FROM pairs p
    JOIN olds o ON o.old IS NOT DISTINCT FROM p.old
    JOIN news w ON w.new IS NOT DISTINCT FROM p.new
    WHERE p.old IS DISTINCT FROM p.new
    ORDER BY p.n DESC, p.old, p.new
$$;
COMMENT ON FUNCTION crashpipe.signature_preview(timestamptz, jsonb) IS 'What crashpipe.resignature(since) would do with candidate lists, changing nothing: one row per (old, new) signature pair that crashes would move between, with how many move, how many the old signature has now and the new one would have (crashes submitted since the given time), and whether that is a rename, split, merge, or split and merge. lists is a jsonb object of arrays like crashpipe.siglists_json(); each list it names replaces that list, the others stay as crashpipe.siglists has them; the default {} previews the current lists.';
