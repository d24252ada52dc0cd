-- The public-safe export: the Telemetry columns of crashes, json_dump cut
-- to the crashing thread's top 10 frames, and a publication of only the
-- public typed columns.  Runs on the fixture loaded by 81_roles.
\set SHOW_CONTEXT never
SELECT count(*) AS columns,
       count(*) FILTER (WHERE s.protected) AS protected,
       count(*) FILTER (WHERE s.name IS NULL) AS not_fields,
       string_agg(a.attname, ', ' ORDER BY a.attnum) FILTER (WHERE s.name IS NULL) AS others
FROM pg_attribute a LEFT JOIN crashpipe.search_fields s ON s.name = a.attname
WHERE a.attrelid = 'crashpipe.telemetry_export'::regclass AND a.attnum > 0;
SELECT count(*), count(*) FILTER (WHERE e::text ~ 'SECRET|31337') AS with_secrets,
       max(jsonb_array_length(json_dump #> '{crashing_thread,frames}')) AS frames,
       bool_and(NOT json_dump ? 'threads') AS no_threads
FROM crashpipe.telemetry_export e WHERE crash_date BETWEEN '2024-05-01' AND '2024-05-14';
SELECT product, version, platform, signature, uptime, memory_measures, jsonb_pretty(json_dump #> '{crashing_thread}')
FROM crashpipe.telemetry_export WHERE crash_date = '2024-05-14' ORDER BY date LIMIT 1;
-- a crashing thread of 14 frames is cut to 10
BEGIN;
UPDATE crashpipe.processed_crashes
SET processed = jsonb_set(processed, '{json_dump,crashing_thread,frames}',
                          (SELECT jsonb_agg(jsonb_build_object('frame', i)) FROM generate_series(0, 13) i))
WHERE crash_date = '2024-05-14';
SELECT DISTINCT jsonb_array_length(json_dump #> '{crashing_thread,frames}') AS frames,
       json_dump #> '{crashing_thread,frames,9}' AS last_frame
FROM crashpipe.telemetry_export WHERE crash_date = '2024-05-14';
ROLLBACK;

-- the publication carries the key and the public typed columns, nothing else
SELECT cardinality(crashpipe.create_export_publication('crashpipe_export')) AS columns;
SELECT pubname, pubviaroot FROM pg_publication WHERE pubname = 'crashpipe_export';
SELECT t.tablename, cardinality(t.attnames) AS columns, t.attnames[1:4] AS first,
       ARRAY(SELECT s.source_column FROM crashpipe.search_fields s
             WHERE s.protected AND s.source_column = ANY (t.attnames)) AS protected,
       ARRAY(SELECT s.source_column FROM crashpipe.search_fields s
             WHERE NOT s.protected AND s.source_column <> ALL (t.attnames)) AS public_missing,
       'processed' = ANY (t.attnames) AS has_document
FROM pg_publication_tables t WHERE t.pubname = 'crashpipe_export';
SELECT crashpipe.create_export_publication('crashpipe_export');
DROP PUBLICATION crashpipe_export;
