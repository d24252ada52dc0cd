-- The functions behind crashpipe-web's routes (extension/sql/40_web_api.sql,
-- 42_public_fields.sql, 43_web_info.sql): protected keys and annotations
-- reach only callers with view_pii, and bad parameters raise
-- invalid_parameter_value (or invalid_text_representation for crash ids).
SET client_min_messages = warning;
SELECT crashpipe.ensure_partitions('2026-01-02');
INSERT INTO crashpipe.products (name) VALUES ('RegressWeb');
INSERT INTO crashpipe.processed_crashes (crash_id, crash_date, submitted_at, success, product, version, processed)
VALUES ('11111111-2222-4333-8444-555555260102', '2026-01-02', '2026-01-02 10:00+00', true, 'RegressWeb', '1.0',
        '{"uuid": "11111111-2222-4333-8444-555555260102", "signature": "s", "url": "https://secret", "user_comments": "hi", "json_dump": {"threads": []}}');
INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, submitted_at, product, version, annotations, metadata,
                                   throttle_result, throttle_rule)
VALUES ('11111111-2222-4333-8444-555555260102', '2026-01-02', '2026-01-02 10:00+00', 'RegressWeb', '1.0',
        '{"ProductName": "RegressWeb", "URL": "https://secret", "Comments": "hi", "Email": "a@b"}',
        '{"user_agent": "ua"}', 'accept', 'regress');
INSERT INTO crashpipe.dumps (crash_id, crash_date, name, data, sha256)
VALUES ('11111111-2222-4333-8444-555555260102', '2026-01-02', 'upload_file_minidump', '\x4d444d50', 'x');
INSERT INTO crashpipe.signatures (signature, first_seen, first_build, bug_ids)
VALUES ('regress | web', '2026-01-02 10:00+00', '20260102', '{7}');

-- public_part keeps only listed keys; a key nobody listed is protected.
SELECT crashpipe.public_part('{"signature": "s", "url": "u", "brand_new_key": 1}', 'processed');
SELECT crashpipe.public_part('{"ProductName": "p", "URL": "u", "Comments": "c"}', 'raw');
SELECT crashpipe.public_part(NULL, 'raw') IS NULL AS null_stays_null;
-- processed and raw crashes, without and with protected data
SELECT crashpipe.api_processed_crash('bp-11111111-2222-4333-8444-555555260102', false);
SELECT crashpipe.api_processed_crash('11111111-2222-4333-8444-555555260102', true);
SELECT crashpipe.api_processed_crash('11111111-2222-4333-8444-555555260103', true) IS NULL AS unknown_is_null;
SELECT crashpipe.api_raw_crash('11111111-2222-4333-8444-555555260102', false);
SELECT crashpipe.api_raw_crash('11111111-2222-4333-8444-555555260102', true);
SELECT crashpipe.api_raw_dump('11111111-2222-4333-8444-555555260102', 'upload_file_minidump');
SELECT crashpipe.api_raw_dump('11111111-2222-4333-8444-555555260102', 'memory_report') IS NULL AS no_such_dump;
SELECT crashpipe.api_raw_dump('11111111-2222-4333-8444-555555260102', '../etc/passwd');
SELECT crashpipe.api_raw_crash('nope', false);
-- signatures: first date and bugs; bound strings never match by accident
SELECT crashpipe.api_signature_first_date('{regress | web,"'' OR 1=1 --"}');
SELECT crashpipe.api_bugs('{regress | web}');
SELECT crashpipe.api_signature_first_date('{}');
SELECT crashpipe.api_signature_first_date(array_fill('x'::text, ARRAY[101]));
-- crashes per day: checked days and product
SELECT crashpipe.api_crashes_per_day('RegressWeb', 1) -> 'versions' AS none_today;
SELECT crashpipe.api_crashes_per_day('RegressWeb', 0);
SELECT crashpipe.api_crashes_per_day('RegressWeb'' OR ''1''=''1', 7);
-- status and jobs name every part
SELECT jsonb_object_keys(crashpipe.api_status()) ORDER BY 1;
SELECT j->>'name' AS job FROM jsonb_array_elements(crashpipe.api_job_status()->'hits') j;
SELECT p FROM jsonb_array_elements(crashpipe.api_products()->'hits') p WHERE p->>'product' = 'RegressWeb';
DELETE FROM crashpipe.dumps; DELETE FROM crashpipe.raw_crashes; DELETE FROM crashpipe.processed_crashes;
DELETE FROM crashpipe.signatures WHERE signature = 'regress | web';
DELETE FROM crashpipe.products WHERE name = 'RegressWeb';
