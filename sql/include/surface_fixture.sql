-- sql/include/surface_fixture.sql
-- A small, fixed world of processed crashes for the SQL-surface tests and
-- the examples of docs/sql.md (tests/e2e/sql_docs.py), inserted directly,
-- as the processor would write them, so every count is known by
-- construction.  162 crashes from 2024-05-01 to 2024-05-14 (UTC):
--   150 background crashes, one every few hours: Firefox 125.0 (7 in 10),
--   Firefox 126.0b1 (2 in 10) and Thunderbird 115.10.0 (1 in 10), on
--   Windows NT, Linux and Mac OS X in turn, with four signatures;
--   12 crashes of a new signature in the hour 2024-05-14 10:00 (a spike).
-- Every protected field holds a value with SECRET in it (numbers: 31337,
-- booleans: true), and so do the raw crashes' Comments and URL, so tests
-- can prove that no reader ever sees one.
-- Included with \i from the repository root, after CREATE EXTENSION.
SET client_min_messages = warning;
SELECT count(crashpipe.ensure_partitions(d::date)) AS partition_days
FROM generate_series('2024-05-01'::date, '2024-05-14', '1 day') AS d;

CREATE TEMP TABLE fixture AS
SELECT i, crashpipe.stamp_crash_id(md5('crash ' || i)::uuid, 0, (at AT TIME ZONE 'UTC')::date) AS crash_id,
       (at AT TIME ZONE 'UTC')::date AS day, at, product, version, os,
       CASE os WHEN 'Windows NT' THEN '10.0.19045' WHEN 'Linux' THEN '6.1.0-18-amd64' ELSE '14.4.1' END AS os_version,
       CASE WHEN os = 'Mac OS X' THEN 'arm64' ELSE 'amd64' END AS cpu_arch,
       sig, CASE WHEN sig LIKE 'OOM%' THEN 'EXCEPTION_BREAKPOINT' ELSE 'EXCEPTION_ACCESS_VIOLATION_READ' END AS reason,
       (i * 37) % 1000 AS uptime, '2024042' || (i % 3) || '094512' AS build_id
FROM (
    SELECT i,
           timestamptz '2024-05-01 00:00+00' + (i / 11 % 14) * interval '1 day' + ((i * 7) % 24) * interval '1 hour'
               + (i % 60) * interval '1 minute' AS at,
           CASE WHEN i % 10 < 9 THEN 'Firefox' ELSE 'Thunderbird' END AS product,
           CASE WHEN i % 10 < 7 THEN '125.0' WHEN i % 10 < 9 THEN '126.0b1' ELSE '115.10.0' END AS version,
           (ARRAY['Windows NT', 'Linux', 'Mac OS X'])[i % 3 + 1] AS os,
           (ARRAY['OOM | small', 'mozilla::dom::Element::GetAttr', 'js::gc::Sweep', 'OOM | small',
                  'shutdownhang | NtWaitForSingleObject', 'OOM | small', 'js::gc::Sweep'])[(i * i) % 7 + 1] AS sig
    FROM generate_series(1, 150) AS i
    UNION ALL
    SELECT i, timestamptz '2024-05-14 10:00+00' + (i - 150) * interval '4 minutes', 'Firefox', '125.0',
           'Windows NT', 'mozilla::net::nsHttpChannel::OnStopRequest'
    FROM generate_series(151, 162) AS i
) s;

-- json_dump: three frames of the crashing thread and two modules
CREATE FUNCTION pg_temp.fixture_dump(i integer, sig text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_object(
        'status', 'OK', 'thread_count', 30 + i % 20,
        'crash_info', jsonb_build_object('type', 'EXCEPTION_ACCESS_VIOLATION_READ', 'crashing_thread', 0),
        'crashing_thread', jsonb_build_object('threads_index', 0, 'frame_count', 3, 'frames', jsonb_build_array(
            jsonb_build_object('frame', 0, 'module', 'xul.dll', 'function', split_part(sig, ' | ', 1),
                               'file', 'hg:hg.mozilla.org/mozilla-central:dom/base/Element.cpp:abc123',
                               'line', 100 + i % 50, 'trust', 'context', 'offset', '0x7ffb1000' || (i % 10),
                               'module_offset', '0x0001000' || (i % 10), 'missing_symbols', false),
            jsonb_build_object('frame', 1, 'module', 'xul.dll', 'function', 'mozilla::RunTask',
                               'trust', 'cfi', 'offset', '0x7ffb2000', 'module_offset', '0x00020000',
                               'missing_symbols', false),
            jsonb_build_object('frame', 2, 'module', 'ntdll.dll', 'trust', 'scan', 'offset', '0x7ffc3000',
                               'module_offset', '0x00003000', 'missing_symbols', true))),
        'main_module', 0,
        'modules', jsonb_build_array(
            jsonb_build_object('filename', 'xul.dll', 'debug_file', 'xul.pdb', 'debug_id', '44E4EC8C2F41492B9369D6B9A059577C2',
                               'code_id', '662F7A1B6A2C000', 'version', '125.0.0.8872', 'base_addr', '0x7ffb0000',
                               'end_addr', '0x7ffbf000', 'loaded_symbols', true, 'missing_symbols', false,
                               'corrupt_symbols', false),
            jsonb_build_object('filename', 'ntdll.dll', 'debug_file', 'ntdll.pdb', 'debug_id', '9F5E3A8B7B6E4C7D9F0E1A2B3C4D5E6F1',
                               'base_addr', '0x7ffc0000', 'end_addr', '0x7ffcf000', 'loaded_symbols', false,
                               'missing_symbols', true, 'corrupt_symbols', false)))
$$;

CREATE TEMP TABLE fixture_doc AS
SELECT f.i, jsonb_build_object(
        'crash_id', f.crash_id, 'uuid', f.crash_id, 'product', f.product, 'version', f.version,
        'build', f.build_id, 'release_channel', CASE WHEN f.version LIKE '%b%' THEN 'beta' ELSE 'release' END,
        'process_type', CASE WHEN f.i % 4 = 0 THEN 'content' ELSE 'parent' END,
        'os_name', f.os, 'os_version', f.os_version, 'cpu_arch', f.cpu_arch, 'cpu_count', 4 + f.i % 5,
        'reason', f.reason, 'address', '0x' || lpad(to_hex(f.i * 4096), 8, '0'), 'crashing_thread', 0,
        'signature', f.sig, 'proto_signature', f.sig || ' | BaseThreadInitThunk', 'uptime', f.uptime,
        'install_age', f.uptime * 100, 'date_processed', f.at, 'submitted_timestamp', f.at,
        'moz_crash_reason', CASE WHEN f.sig LIKE 'OOM%' THEN 'MOZ_CRASH(OOM)' END,
        'memory_measures', jsonb_build_object('explicit', f.i * 1000000),
        'addons', CASE WHEN f.i % 5 = 0 THEN jsonb_build_array('ublock@example.org:1.57', 'dark@example.org:' || f.i % 3) END,
        'startup_crash', f.uptime < 60, 'thread_count', 30 + f.i % 20, 'success', true,
        'cpu_info', 'GenuineIntel family 6 model 158 stepping 10', 'processor_notes', '',
        'client_crash_date', f.at - interval '1 second',
        'minidump_sha256_hash', encode(sha256(convert_to('SECRET dump ' || f.i, 'UTF8')), 'hex'),
        'json_dump', pg_temp.fixture_dump(f.i, f.sig),
        'collector_metadata', jsonb_build_object('user_agent', 'SECRET agent'),
        'breadcrumbs', jsonb_build_array(jsonb_build_object('message', 'SECRET breadcrumb ' || f.i)),
        'signature_debug', 'SECRET signature debug ' || f.i) AS doc
FROM fixture f;

-- every protected search field gets a value: SECRET text, 31337, or true (collector_notes: a list)
UPDATE fixture_doc d
SET doc = jsonb_set(d.doc, s.source_path,
                    jsonb_build_array('SECRET ' || s.name || ' ' || d.i))
FROM (SELECT source_path, name FROM crashpipe.search_fields WHERE protected) s
WHERE s.name = 'collector_notes';
UPDATE fixture_doc d
SET doc = d.doc || (SELECT jsonb_object_agg(s.source_path[1],
                               CASE s.query_type WHEN 'integer' THEN '31337'::jsonb WHEN 'bool' THEN 'true'::jsonb
                                                 ELSE to_jsonb('SECRET ' || s.name || ' ' || d.i) END)
                    FROM crashpipe.search_fields s WHERE s.protected AND cardinality(s.source_path) = 1);

INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, submitted_at, product, version, annotations, metadata,
                                   throttle_result, throttle_rule)
SELECT f.crash_id, f.day, f.at, f.product, f.version,
       jsonb_build_object('ProductName', f.product, 'Version', f.version, 'BuildID', f.build_id,
                          'Comments', 'SECRET raw comment ' || f.i, 'URL', 'https://secret.example/' || f.i),
       '{"collector_notes": []}', 'accept', 'accept_everything'
FROM fixture f;
INSERT INTO crashpipe.dumps (crash_id, crash_date, name, data, sha256)
SELECT f.crash_id, f.day, 'upload_file_minidump', convert_to('SECRET dump ' || f.i, 'UTF8'),
       encode(sha256(convert_to('SECRET dump ' || f.i, 'UTF8')), 'hex')
FROM fixture f;
INSERT INTO crashpipe.signatures (signature, first_seen, first_build)
SELECT f.sig, min(f.at), min(f.build_id) FROM fixture f GROUP BY f.sig ORDER BY f.sig;
-- the row as the processor stores it: each column from the document key of its name
INSERT INTO crashpipe.processed_crashes
SELECT r.*
FROM fixture f JOIN fixture_doc d USING (i),
     LATERAL crashpipe.processed_row(f.crash_id, f.day, d.doc) AS r
ORDER BY f.at;
RESET client_min_messages;
