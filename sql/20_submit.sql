-- crashpipe.submit stores a raw crash, its dumps and a queue row in one
-- transaction, after the throttler accepted it.  The processor workers are
-- kept from taking the queued crashes here by doing everything in one
-- transaction that is rolled back at the end.
BEGIN;
SELECT crash_id::text ~ '0[0-9]{6}$' AS accept_digit, result, rule
FROM crashpipe.submit('{"ProductName": "Firefox", "Version": "153.0", "Email": "a@b.c", "TelemetrySessionId": "x"}',
                      ARRAY['upload_file_minidump', 'memory_report'],
                      ARRAY['\x4d444d50'::bytea, '\x1f8b'::bytea],
                      '{"payload": "multipart", "collector_notes": ["note from collector"]}') AS s;

-- what was stored
SELECT crash_date = (now() AT TIME ZONE 'UTC')::date AS today, product, version, annotations,
       metadata, throttle_result, throttle_rule
FROM crashpipe.raw_crashes;
SELECT name, data, sha256 FROM crashpipe.dumps ORDER BY name;
SELECT q.crash_id = r.crash_id AS same_crash, q.state, q.priority, q.attempts
FROM crashpipe.queue q, crashpipe.raw_crashes r;

-- an unknown or disabled product is rejected and nothing is stored
SELECT crash_id IS NOT NULL AS has_id, result, rule
FROM crashpipe.submit('{"ProductName": "Nope"}', '{}', '{}');
UPDATE crashpipe.products SET enabled = false WHERE name = 'Thunderbird';
SELECT result, rule FROM crashpipe.submit('{"ProductName": "Thunderbird"}', NULL, NULL);
SELECT count(*) AS raw_crashes FROM crashpipe.raw_crashes;

-- a crash without dumps is fine
SELECT result FROM crashpipe.submit('{"ProductName": "Firefox"}', '{}', '{}');
SELECT count(*) AS raw_crashes, (SELECT count(*) FROM crashpipe.dumps) AS dumps FROM crashpipe.raw_crashes;
ROLLBACK;

-- Breakpad's minidump_upload and Crashpad name the product prod (or
-- product) and the version ver (or version): ProductName and Version are
-- added from them, with a note each, and the sent fields are kept
BEGIN;
SELECT result, rule FROM crashpipe.submit('{"prod": "Firefox", "ver": "153.0", "guid": "g", "product": "x"}', '{}', '{}');
SELECT result, rule FROM crashpipe.submit('{"ProductName": "Firefox", "product": "Nope", "version": "2"}', '{}', '{}');
SELECT product, version, annotations, metadata->'collector_notes' AS notes
FROM crashpipe.raw_crashes ORDER BY version;
SELECT * FROM crashpipe.crashpad_names('{"prod": {"not": "a string"}, "ver": "1"}');
ROLLBACK;

-- a collector's proposed id makes a retry safe: the same crash is stored once
BEGIN;
CREATE TEMP TABLE proposal AS
SELECT crashpipe.stamp_crash_id('5eb0c0de-0000-4000-8000-00000000ffff', 0, (now() AT TIME ZONE 'UTC')::date) AS id;
SELECT s.crash_id = p.id AS id_kept, s.result, s.rule
FROM proposal p, crashpipe.submit('{"ProductName": "Firefox"}', ARRAY['upload_file_minidump'], ARRAY['\x01'::bytea],
                                  '{}', p.id) AS s;
SELECT s.crash_id = p.id AS same_id_again, s.result, s.rule
FROM proposal p, crashpipe.submit('{"ProductName": "Firefox"}', ARRAY['upload_file_minidump'], ARRAY['\x01'::bytea],
                                  '{}', p.id) AS s;
SELECT (SELECT count(*) FROM crashpipe.raw_crashes) AS raw_crashes, (SELECT count(*) FROM crashpipe.dumps) AS dumps,
       (SELECT count(*) FROM crashpipe.queue) AS queued;
ROLLBACK;

-- a report the collector acknowledged during an outage keeps its id and is
-- stored even if the throttler would reject it now, with a note saying so
BEGIN;
CREATE TEMP TABLE spooled AS
SELECT crashpipe.stamp_crash_id('5eb0c0de-0000-4000-8000-00000000eeee', 0, (now() AT TIME ZONE 'UTC')::date) AS id;
SELECT s.crash_id = p.id AS id_kept, s.result, s.rule
FROM spooled p, crashpipe.submit('{"ProductName": "Nope"}', '{}', '{}', '{"collector_notes": ["x"]}', p.id, true) AS s;
SELECT throttle_result, throttle_rule, metadata->'collector_notes' AS notes FROM crashpipe.raw_crashes;
ROLLBACK;

-- bad arguments get clear errors and store nothing
SELECT * FROM crashpipe.submit('[1, 2]', '{}', '{}');
SELECT * FROM crashpipe.submit(NULL, '{}', '{}');
SELECT * FROM crashpipe.submit('{"ProductName": "Firefox"}', ARRAY['a', 'b'], ARRAY['\x00'::bytea]);
SELECT * FROM crashpipe.submit('{"ProductName": "Firefox"}', '{}', '{}', '{}', 'de1bb258-cbbf-4589-a673-34f800160918');
SELECT count(*) AS raw_crashes FROM crashpipe.raw_crashes;
