-- Crash ids: UUID4 with a throttle digit and the collection day at the end.
SELECT crashpipe.parse_crash_id('de1bb258-cbbf-4589-a673-34f800160918');
SELECT crashpipe.parse_crash_id('bp-de1bb258-cbbf-4589-a673-34f800160918');
SELECT crashpipe.parse_crash_id('https://crash-stats.example/report/index/de1bb258-cbbf-4589-a673-34f800160918');
SELECT crashpipe.crash_id_date('de1bb258-cbbf-4589-a673-34f800160918');

-- new ids: random, version 4, digit and date where they belong
SELECT id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{5}1261122$' AS well_formed,
       crashpipe.crash_id_date(id) AS day
FROM crashpipe.stamp_crash_id(gen_random_uuid(), 1, '2026-11-22') AS id;
SELECT crashpipe.stamp_crash_id('de1bb258-cbbf-4589-a673-34f8001609ff', 3, '2026-11-22');

-- bad ids are refused with a clear error
SELECT crashpipe.parse_crash_id('de1bb258-cbbf-4589-a673-34f8001609');
SELECT crashpipe.parse_crash_id('DE1BB258-CBBF-4589-A673-34F800160918');
SELECT crashpipe.parse_crash_id('bp-de1bb258-cbbf-4589-a673-34f8001609zz''; DROP TABLE x; --');
\set VERBOSITY sqlstate
SELECT crashpipe.parse_crash_id('not a crash id');
\set VERBOSITY default

-- partitions are created once per day, on demand
SELECT crashpipe.ensure_partitions('2026-01-02');
SELECT crashpipe.ensure_partitions('2026-01-02');
SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'crashpipe' AND c.relname LIKE '%_p20260102' ORDER BY 1;
