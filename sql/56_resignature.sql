-- Re-signaturing stored crashes after a list edit, and the preview of it.
-- Crashes are stored here as the processor stores them (a raw crash, and
-- the processed crash its rules make, with a json_dump whose stacks are
-- chosen so that one prefix entry splits a signature in two).  The preview
-- before the edit must name the same moves that resignature makes after
-- it, resignature must change exactly the crashes whose signature changes
-- (and none submitted before `since`), and history, first-seen rows and
-- rolled-up days must follow.

-- store crash n (submitted at submitted, with these raw annotations) whose
-- crashing thread 0 is made of these functions: the processor's rules make
-- its processed crash (there is no dump), the stack goes in as json_dump,
-- and it is signed as the processor's SignatureGeneratorRule signs it
CREATE FUNCTION pg_temp.store(n integer, submitted timestamptz, annotations jsonb,
                              VARIADIC functions text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    day date := (submitted AT TIME ZONE 'UTC')::date;
    id uuid := crashpipe.stamp_crash_id(('00000000-0000-4000-8000-' || lpad(n::text, 5, '0') || '0000000')::uuid,
                                        0, day);
    pc jsonb;
    sig record;
BEGIN
    PERFORM crashpipe.ensure_partitions(day);
    INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, submitted_at, product, version, annotations,
                                       metadata, throttle_result, throttle_rule)
    VALUES (id, day, submitted, 'Firefox', '120.0', annotations, '{}', 'accept', 'test');
    pc := crashpipe.processor_rules(id, submitted, annotations, '{}', '{}', '{}')
        || jsonb_build_object('build', '2020010100000' || n % 10, 'json_dump', jsonb_build_object(
            'crash_info', jsonb_build_object('crashing_thread', 0, 'type', 'SIGSEGV'),
            'system_info', jsonb_build_object('os', 'Linux'),
            'threads', jsonb_build_array(jsonb_build_object('frames',
                (SELECT jsonb_agg(jsonb_build_object('function', f, 'module', 'app') ORDER BY i)
                 FROM unnest(functions) WITH ORDINALITY AS u(f, i))))));
    sig := crashpipe.processed_signature(pc);
    pc := pc || jsonb_build_object('signature', sig.signature, 'proto_signature', sig.proto_signature,
        'signature_debug', sig.debug,
        'processor_notes', crashpipe.replace_signature_notes(pc->>'processor_notes', sig.notes));
    INSERT INTO crashpipe.signatures (signature, first_seen, first_build)
    VALUES (sig.signature, submitted, pc->>'build') ON CONFLICT (signature) DO NOTHING;
    INSERT INTO crashpipe.processed_crashes SELECT r.* FROM crashpipe.processed_row(id, day, pc) r;
END
$$;
\i sql/include/processor_notes.sql
CREATE FUNCTION pg_temp.n(crash_id uuid) RETURNS integer LANGUAGE sql AS $$
    SELECT CASE WHEN crash_id::text LIKE '00000000-0000-4000-8000-%' THEN substr(crash_id::text, 25, 5)::integer END
$$;

SELECT pg_temp.store(1, '2020-03-01 10:00Z', '{"ProductName": "Firefox"}', 'raise', 'abort', 'Parser::Fail()',
                     'Parser::Parse()', 'main'),
       pg_temp.store(2, '2020-03-01 11:00Z', '{"ProductName": "Firefox"}', 'Parser::Fail()', 'Parser::Parse()',
                     'App::Load()'),
       pg_temp.store(3, '2020-03-02 09:00Z', '{"ProductName": "Firefox"}', 'Parser::Fail()', 'Config::Read()', 'main'),
       pg_temp.store(4, '2020-03-02 10:00Z', '{"ProductName": "Firefox"}', 'Lexer::Next()', 'main'),
       pg_temp.store(5, '2020-03-02 11:00Z', '{"ProductName": "Firefox"}', 'main'),
       -- the abort message reaches the generator as the processor copied it
       pg_temp.store(6, '2020-03-02 12:00Z', '{"ProductName": "Firefox", "AbortMessage": "assertion failed: ok"}',
                     'abort', 'Parser::Fail()', 'Io::Write()'),
       -- submitted before since: it would move, but stays
       pg_temp.store(7, '2020-02-01 10:00Z', '{"ProductName": "Firefox"}', 'Parser::Fail()', 'Parser::Parse()',
                     'main');
CREATE TEMP TABLE before AS SELECT crash_id, signature, processor_notes FROM crashpipe.processed_crashes;
SELECT pg_temp.n(crash_id) AS n, crash_date, signature, pg_temp.notes(processor_notes) AS processor_notes,
       proto_signature
FROM crashpipe.processed_crashes WHERE pg_temp.n(crash_id) IS NOT NULL ORDER BY 1;
-- every stored crash, those the processor made in 40_processor and 45_reprocess
-- included, signs today as it was signed
SELECT count(*) FILTER (WHERE s.signature IS DISTINCT FROM p.signature
                           OR s.proto_signature IS DISTINCT FROM p.proto_signature
                           OR s.debug IS DISTINCT FROM p.processed->>'signature_debug') AS differ
FROM crashpipe.processed_crashes p, crashpipe.processed_signature(p.processed) s;

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
SELECT pg_temp.n(p.crash_id) AS n, b.signature AS was, p.signature AS now,
       pg_temp.notes(p.processor_notes) AS processor_notes, p.proto_signature
FROM crashpipe.processed_crashes p JOIN before b USING (crash_id)
WHERE p.signature IS DISTINCT FROM b.signature OR p.processor_notes IS DISTINCT FROM b.processor_notes
ORDER BY 1;
-- the processed crash says the same as its columns
SELECT count(*) AS inconsistent FROM crashpipe.processed_crashes
WHERE processed->>'signature' IS DISTINCT FROM signature OR processed->>'processor_notes' IS DISTINCT FROM processor_notes
   OR processed->>'proto_signature' IS DISTINCT FROM proto_signature;
-- the history has one row per move, the same moves the preview named
SELECT pg_temp.n(crash_id) AS n, crash_date, cause, old_signature, new_signature,
       siglists_version = (SELECT version FROM crashpipe.siglists_version) AS current_lists
FROM crashpipe.signature_changes WHERE pg_temp.n(crash_id) IS NOT NULL ORDER BY 1;
SELECT old_signature, new_signature, count(*) FROM crashpipe.signature_changes WHERE cause = 'resignature' GROUP BY 1, 2
EXCEPT SELECT old_signature, new_signature, crashes FROM preview;
SELECT old_signature, new_signature, crashes FROM preview
EXCEPT SELECT old_signature, new_signature, count(*) FROM crashpipe.signature_changes WHERE cause = 'resignature'
       GROUP BY 1, 2;
-- first-seen rows for the new signatures (the old ones keep theirs)
SELECT signature, first_seen, first_build FROM crashpipe.signatures WHERE first_seen < '2021-01-01' ORDER BY 1;
-- the days already rolled up are rolled up again; 2020-02-01 is untouched
SELECT day, signature, crashes FROM crashpipe.signature_daily WHERE day < '2021-01-01' ORDER BY day, signature;
-- a second run finds nothing to do, and a preview of the lists now in force is empty
SELECT updated, moved, new_signatures, days_rolled_up FROM crashpipe.resignature('2020-02-15');
SELECT * FROM crashpipe.signature_preview('2020-02-15');

-- reprocessing records its signature changes too: crash 4 has no dump, so
-- the processor now finds no frames
SELECT crashpipe.process_crash(crash_id) FROM crashpipe.processed_crashes WHERE pg_temp.n(crash_id) = 4;
SELECT pg_temp.n(crash_id) AS n, cause, old_signature, new_signature
FROM crashpipe.signature_changes WHERE cause = 'reprocess' AND pg_temp.n(crash_id) IS NOT NULL;

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
SELECT substr(crash_id::text, 25, 5)::integer AS n, crash_date FROM crashpipe.signature_changes
WHERE crash_id::text LIKE '00000000-0000-4000-8000-%' ORDER BY 1;
-- clean up: every 2020 partition, and the rows about them
SELECT crashpipe.job_retention('2021-01-01');
ALTER SYSTEM RESET crashpipe.retention_days;
SELECT pg_reload_conf();
SELECT count(*) AS history_left FROM crashpipe.signature_changes WHERE crash_date < '2021-01-01';
DELETE FROM crashpipe.siglists WHERE list = 'prefix' AND position = 9000;
DELETE FROM crashpipe.signature_daily WHERE day < '2021-01-01';
DELETE FROM crashpipe.signatures WHERE first_seen < '2021-01-01';
