-- Re-signaturing stored crashes after a list edit, and the preview of it.
-- Crashes are stored here as the processor stores them (a raw crash, and a
-- processed crash with json_dump whose signature comes from the processor's
-- own signature rule), with stacks chosen so that one prefix entry splits
-- a signature in two.  The preview before the edit must name the same moves
-- that resignature makes after it, resignature must change exactly the
-- crashes whose signature changes (and none submitted before `since`), and
-- history, first-seen rows and rolled-up days must follow.

-- store crash n of day (submitted at submitted) with thread 0 made of these
-- functions, raw annotations and earlier processor notes
CREATE FUNCTION pg_temp.store(n integer, submitted timestamptz, annotations jsonb, notes text,
                              VARIADIC functions text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    day date := (submitted AT TIME ZONE 'UTC')::date;
    raw crashpipe.raw_crashes;
    pc jsonb;
BEGIN
    PERFORM crashpipe.ensure_partitions(day);
    INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, submitted_at, product, version, annotations,
                                       metadata, throttle_result, throttle_rule)
    VALUES (crashpipe.stamp_crash_id(('00000000-0000-4000-8000-' || lpad(n::text, 5, '0') || '0000000')::uuid, 0, day),
            day, submitted, 'Firefox', '120.0', annotations, '{}', 'accept', 'test')
    RETURNING * INTO raw;
    pc := crashpipe.signature_rule(raw, jsonb_build_object(
        'product', 'Firefox', 'version', '120.0', 'build', '2020010100000' || n % 10,
        'processor_notes', notes,
        'json_dump', jsonb_build_object(
            'crash_info', jsonb_build_object('crashing_thread', 0, 'type', 'SIGSEGV'),
            'system_info', jsonb_build_object('os', 'Linux'),
            'threads', jsonb_build_array(jsonb_build_object('frames',
                (SELECT jsonb_agg(jsonb_build_object('function', f, 'module', 'app') ORDER BY i)
                 FROM unnest(functions) WITH ORDINALITY AS u(f, i)))))));
    INSERT INTO crashpipe.signatures (signature, first_seen, first_build)
    VALUES (pc->>'signature', raw.submitted_at, pc->>'build') ON CONFLICT (signature) DO NOTHING;
    INSERT INTO crashpipe.processed_crashes (crash_id, crash_date, submitted_at, success, product, version,
                                             build_id, os_name, signature, processor_notes, json_dump, processed)
    VALUES (raw.crash_id, day, submitted, true, 'Firefox', '120.0', pc->>'build', 'Linux', pc->>'signature',
            pc->>'processor_notes', pc->'json_dump', pc);
END
$$;
CREATE FUNCTION pg_temp.n(crash_id uuid) RETURNS integer LANGUAGE sql AS $$
    SELECT CASE WHEN crash_id::text LIKE '00000000-0000-4000-8000-%' THEN substr(crash_id::text, 25, 5)::integer END
$$;

SELECT pg_temp.store(1, '2020-03-01 10:00Z', '{}', '', 'raise', 'abort', 'Parser::Fail()', 'Parser::Parse()', 'main'),
       pg_temp.store(2, '2020-03-01 11:00Z', '{}', '', 'Parser::Fail()', 'Parser::Parse()', 'App::Load()'),
       pg_temp.store(3, '2020-03-02 09:00Z', '{}', '', 'Parser::Fail()', 'Config::Read()', 'main'),
       pg_temp.store(4, '2020-03-02 10:00Z', '{}', '', 'Lexer::Next()', 'main'),
       pg_temp.store(5, '2020-03-02 11:00Z', '{}', '', 'main'),
       pg_temp.store(6, '2020-03-02 12:00Z', '{"AbortMessage": "assertion failed: ok"}',
                     'VersionRule: version 120.0 normalized', 'abort', 'Parser::Fail()', 'Io::Write()'),
       -- submitted before since: it would move, but stays
       pg_temp.store(7, '2020-02-01 10:00Z', '{}', '', 'Parser::Fail()', 'Parser::Parse()', 'main');
CREATE TEMP TABLE before AS SELECT crash_id, signature, processor_notes FROM crashpipe.processed_crashes;
SELECT pg_temp.n(crash_id) AS n, crash_date, signature, processor_notes, processed->>'proto_signature' AS proto_signature
FROM crashpipe.processed_crashes WHERE pg_temp.n(crash_id) IS NOT NULL ORDER BY 1;
-- the two-argument form is the processor's "annotations || processed"
SELECT count(*) AS crashes, count(*) FILTER (WHERE a IS DISTINCT FROM b) AS differ
FROM crashpipe.processed_crashes p JOIN crashpipe.raw_crashes r USING (crash_id, crash_date),
     LATERAL (SELECT crashpipe.signature(r.annotations, p.processed) AS a,
                     crashpipe.signature(r.annotations || p.processed) AS b) x;

-- the days are rolled up before the edit
SELECT crashpipe.job_signature_daily(d) FROM unnest('{2020-02-02, 2020-03-02, 2020-03-03}'::timestamptz[]) AS d;
SELECT day, signature, crashes FROM crashpipe.signature_daily WHERE day < '2021-01-01' ORDER BY day, signature;

-- preview: nothing moves with the current lists; the candidate prefix entry
-- Parser::Fail$ splits Parser::Fail (and renames the abort signature)
SELECT * FROM crashpipe.signature_preview('2020-02-15');
CREATE TEMP TABLE candidate AS
SELECT jsonb_build_object('prefix', crashpipe.siglists_json()->'prefix' || '["Parser::Fail$"]') AS lists;
CREATE TEMP TABLE preview AS
SELECT p.* FROM candidate, crashpipe.signature_preview('2020-02-15', candidate.lists) AS p;
SELECT * FROM preview;
-- another candidate: Lexer:: irrelevant merges Lexer::Next into main
SELECT * FROM crashpipe.signature_preview('2020-02-15', jsonb_build_object('irrelevant',
    crashpipe.siglists_json()->'irrelevant' || '["Lexer::"]'));
-- a preview changes nothing
SELECT count(*) AS changed FROM crashpipe.processed_crashes p JOIN before b USING (crash_id)
WHERE p.signature IS DISTINCT FROM b.signature;

-- the edit, then resignature
INSERT INTO crashpipe.siglists (list, position, pattern) VALUES ('prefix', 9000, 'Parser::Fail$');
SELECT * FROM crashpipe.resignature('2020-02-15') \gset
SELECT :moved = (SELECT sum(crashes) FROM preview) AS moved_as_previewed, :updated >= :moved AS updated_at_least_moved,
       :new_signatures AS new_signatures, :days_rolled_up AS days_rolled_up;
-- exactly the crashes whose signature changes changed, and how
SELECT pg_temp.n(p.crash_id) AS n, b.signature AS was, p.signature AS now, p.processor_notes,
       p.processed->>'proto_signature' AS proto_signature
FROM crashpipe.processed_crashes p JOIN before b USING (crash_id)
WHERE p.signature IS DISTINCT FROM b.signature OR p.processor_notes IS DISTINCT FROM b.processor_notes
ORDER BY 1;
-- the processed crash says the same as its columns
SELECT count(*) AS inconsistent FROM crashpipe.processed_crashes
WHERE processed->>'signature' IS DISTINCT FROM signature OR processed->>'processor_notes' IS DISTINCT FROM processor_notes;
-- the history has one row per move, the same moves the preview named
SELECT pg_temp.n(crash_id) AS n, crash_date, cause, old_signature, new_signature,
       siglists_version = (SELECT version FROM crashpipe.siglists_version) AS current_lists
FROM crashpipe.signature_history ORDER BY 1;
SELECT old_signature, new_signature, count(*) FROM crashpipe.signature_history GROUP BY 1, 2
EXCEPT SELECT old_signature, new_signature, crashes FROM preview;
SELECT old_signature, new_signature, crashes FROM preview
EXCEPT SELECT old_signature, new_signature, count(*) FROM crashpipe.signature_history GROUP BY 1, 2;
-- first-seen rows for the new signatures (the old ones keep theirs)
SELECT signature, first_seen, first_build FROM crashpipe.signatures WHERE first_seen < '2021-01-01' ORDER BY 1;
-- the days already rolled up are rolled up again; 2020-02-01 is untouched
SELECT day, signature, crashes FROM crashpipe.signature_daily WHERE day < '2021-01-01' ORDER BY day, signature;
-- a second run finds nothing to do, and a preview of the lists now in force is empty
SELECT * FROM crashpipe.resignature('2020-02-15');
SELECT * FROM crashpipe.signature_preview('2020-02-15');

-- reprocessing records its signature changes too: crash 4 has no dump, so
-- the processor now finds no frames
SELECT crashpipe.process_crash(crash_id) FROM crashpipe.processed_crashes WHERE pg_temp.n(crash_id) = 4;
SELECT pg_temp.n(crash_id) AS n, cause, old_signature, new_signature
FROM crashpipe.signature_history WHERE cause = 'reprocess';

-- candidate lists are checked like crashpipe.siglists rows
SELECT * FROM crashpipe.signature_preview('2020-02-15', '{"prefix": ["ok", "Broken("]}');
SELECT * FROM crashpipe.signature_preview('2020-02-15', '{"prefix": ["ok", "   "]}');
SELECT * FROM crashpipe.signature_preview('2020-02-15', '{"prefix": [1]}');
SELECT * FROM crashpipe.signature_preview('2020-02-15', '{"prefix": "free$"}');
SELECT * FROM crashpipe.signature_preview('2020-02-15', '{"skip": []}');
SELECT * FROM crashpipe.signature_preview('2020-02-15', '["free$"]');
-- a sentinel is an exact string, so it need not be a valid regular expression
SELECT count(*) FROM crashpipe.signature_preview('2020-02-15', '{"sentinels": ["Broken("]}');

-- the retention job drops the history of the days it drops (keeping 30
-- days before 2020-04-01 drops 2020-03-01 and earlier)
-- (a server setting: reloaded, then seen by a new session)
ALTER SYSTEM SET crashpipe.retention_days = 30;
SELECT pg_reload_conf();
SELECT pg_sleep(1);
\c
SHOW crashpipe.retention_days;
SELECT crashpipe.job_retention('2020-04-01');
SELECT substr(crash_id::text, 25, 5)::integer AS n, crash_date FROM crashpipe.signature_history ORDER BY 1;
-- clean up: every 2020 partition, and the rows about them
SELECT crashpipe.job_retention('2021-01-01');
ALTER SYSTEM RESET crashpipe.retention_days;
SELECT pg_reload_conf();
SELECT count(*) AS history_left FROM crashpipe.signature_history;
DELETE FROM crashpipe.siglists WHERE list = 'prefix' AND position = 9000;
DELETE FROM crashpipe.signature_daily WHERE day < '2021-01-01';
DELETE FROM crashpipe.signatures WHERE first_seen < '2021-01-01';
