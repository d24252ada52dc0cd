-- Throttle rules live in crashpipe.throttle_rules and take effect for the
-- next crash.  Everything here happens in a transaction that is rolled back,
-- so the processor workers never see these crashes.
BEGIN;
SELECT position, name, conditions, result, sample_percent, result_otherwise FROM crashpipe.throttle_rules ORDER BY position;

-- the default: enabled products are accepted, others rejected
SELECT * FROM crashpipe.throttle('{"ProductName": "Firefox"}', gen_random_uuid());
SELECT * FROM crashpipe.throttle('{"ProductName": "Nope"}', gen_random_uuid());
SELECT * FROM crashpipe.throttle('{}', gen_random_uuid());

-- the roll comes from the id's first eight hex digits
SELECT crashpipe.throttle_roll('00000000-0000-4000-8000-000000261122') AS zero,
       crashpipe.throttle_roll('00001387-0000-4000-8000-000000261122') AS id_4999,
       crashpipe.throttle_roll('ffffffff-0000-4000-8000-000000261122') AS id_max;

-- rules in the style of Antenna's Mozilla rules
INSERT INTO crashpipe.throttle_rules (position, name, conditions, result, sample_percent, result_otherwise) VALUES
    (1, 'has_old_buildid', '[{"annotation": "BuildID", "op": "buildid_older_than_days", "value": 730}]', 'reject', NULL, NULL),
    (2, 'b2g', '[{"annotation": "ProductName", "op": "matches", "value": "(?i)^b2g$"}]', 'fakeaccept', NULL, NULL),
    (3, 'has_comments', '[{"annotation": "Comments", "op": "exists"}]', 'defer', NULL, NULL),
    (4, 'is_shutdownkill', '[{"annotation": "ipc_channel_error", "op": "equals", "value": "ShutDownKill"}]',
        'continue', 50, 'reject'),
    (5, 'is_nightly', '[{"annotation": "ReleaseChannel", "op": "matches", "value": "^nightly"},
                        {"annotation": "ProductName", "op": "equals", "value": ["Firefox", "Fenix"]}]', 'accept', NULL, NULL),
    (6, 'is_firefox_release', '[{"annotation": "ReleaseChannel", "op": "equals", "value": "release"}]',
        'accept', 10, 'reject'),
    (7, 'bogus_operator', '[{"annotation": "ProductName", "op": "no_such_op"}]', 'reject', NULL, NULL);

SELECT t.*
FROM (VALUES ('{"ProductName": "Firefox", "BuildID": "20200101000000"}'::jsonb),
             ('{"ProductName": "Firefox", "BuildID": "not a build id"}'),
             ('{"ProductName": "B2G"}'),
             ('{"ProductName": "Firefox", "Comments": "it crashed"}'),
             ('{"ProductName": "Fenix", "ReleaseChannel": "nightly-autoland"}'),
             ('{"ProductName": "Thunderbird", "ReleaseChannel": "nightly"}')) AS a(annotations),
     crashpipe.throttle(a.annotations, '00000000-0000-4000-8000-000000261122') AS t;

-- sampling: the roll decides, the same way every time for the same id
SELECT crashpipe.throttle_roll(id) AS roll, t.*
FROM (VALUES ('00000000-0000-4000-8000-000000261122'::uuid), ('00001387-0000-4000-8000-000000261122'),
             ('ffffffff-0000-4000-8000-000000261122')) AS i(id),
     crashpipe.throttle('{"ProductName": "Firefox", "ipc_channel_error": "ShutDownKill", "ReleaseChannel": "release"}', i.id) AS t;

-- through submit: the digit in the id says defer (1) or fake accept (3);
-- a fake-accepted crash gets an id but is not stored
SELECT right(crash_id::text, 7) ~ '^1[0-9]{6}$' AS defer_digit, result, rule
FROM crashpipe.submit('{"ProductName": "Firefox", "Comments": "x"}', '{}', '{}');
SELECT right(crash_id::text, 7) ~ '^3[0-9]{6}$' AS fakeaccept_digit, result, rule
FROM crashpipe.submit('{"ProductName": "b2g"}', '{}', '{}');
SELECT throttle_result, throttle_rule FROM crashpipe.raw_crashes;

-- nothing decisive: NO_MATCH
UPDATE crashpipe.throttle_rules SET enabled = false WHERE name = 'accept_everything';
SELECT * FROM crashpipe.throttle('{"ProductName": "Firefox"}', gen_random_uuid());
ROLLBACK;

-- bad rules are refused
INSERT INTO crashpipe.throttle_rules (position, name, result) VALUES (2000, 'bad name!', 'accept');
INSERT INTO crashpipe.throttle_rules (position, name, result) VALUES (2000, 'bad_result', 'maybe');
INSERT INTO crashpipe.throttle_rules (position, name, result, sample_percent) VALUES (2000, 'half', 'accept', 50);
INSERT INTO crashpipe.throttle_rules (position, name, conditions, result) VALUES (2000, 'obj', '{}', 'accept');
