-- The permission model.  With the fixture loaded (every protected field
-- holds SECRET, 31337 or true), connect as a member of each role and prove
-- what it can and cannot read: the reader reaches public fields only, by
-- every view and function, and no output, plan or error shows a secret;
-- crashpipe_pii sees everything; crashpipe_reprocess may queue crashes;
-- crashpipe_admin may change settings tables.
\set SHOW_CONTEXT never
\i sql/include/surface_fixture.sql
SELECT current_user AS owner \gset
SELECT rolname, rolcanlogin, ARRAY(SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid
                                   WHERE m.member = r.oid ORDER BY 1) AS member_of
FROM pg_roles r WHERE rolname LIKE 'crashpipe\_%' ORDER BY 1;
SELECT permission, role_name FROM crashpipe.permission_roles ORDER BY 1;
SELECT p AS permissions, crashpipe.token_role(p)
FROM (VALUES ('{}'::text[]), ('{view_pii}'), ('{view_rawdump}'), ('{reprocess_crashes}'),
             ('{view_pii,reprocess_crashes}'), ('{upload_symbols}'), ('{admin}'), (NULL)) AS t(p);

CREATE ROLE regress_reader LOGIN IN ROLE crashpipe_reader;
CREATE ROLE regress_pii LOGIN IN ROLE crashpipe_pii;
CREATE ROLE regress_reprocess LOGIN IN ROLE crashpipe_reprocess;
CREATE ROLE regress_admin LOGIN IN ROLE crashpipe_admin;
CREATE ROLE regress_nobody LOGIN;

-- Probes of the protected fields, run by each role below.  Each probe is
-- one statement; its outcome is "ok", or the error's SQLSTATE, and
-- ", secret shown" when the output or the error's text held a secret
-- (has_guard_page_access, a boolean, holds true: no secret to spot).
CREATE FUNCTION public.probe(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    output text;
    message text;
    detail text;
    hint text;
BEGIN
    EXECUTE 'SELECT string_agg(t::text, E''\n'') FROM (' || statement || ') t' INTO output;
    RETURN 'ok' || CASE WHEN output ~ '(SECRET|31337)' THEN ', secret shown' ELSE '' END;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || CASE WHEN concat(message, detail, hint) ~ '(SECRET|31337)' THEN ', secret shown' ELSE '' END;
END
$$;
-- every protected field through every view and function a reader has
CREATE TABLE public.protected_probes AS
SELECT s.name AS field, p.via, p.statement
FROM crashpipe.search_fields s
CROSS JOIN LATERAL (VALUES
    ('crashes', format('SELECT %I FROM crashpipe.crashes', s.name)),
    ('crashes filter', format('SELECT count(*) FROM crashpipe.crashes WHERE %I IS NOT NULL', s.name)),
    ('crashes.processed', format('SELECT processed -> %L FROM crashpipe.crashes', s.source_path[1])),
    ('crashes row', 'SELECT c FROM crashpipe.crashes c'),
    ('telemetry_export', 'SELECT e FROM crashpipe.telemetry_export e'),
    ('crash_frames', 'SELECT f FROM crashpipe.crash_frames f'),
    ('modules', 'SELECT m FROM crashpipe.modules m'),
    ('processed_crash()', 'SELECT crashpipe.processed_crash(crash_id) FROM crashpipe.crashes'),
    ('supersearch filter', format('SELECT crashpipe.supersearch(%L)', jsonb_build_object(s.name, '!__null__'))),
    ('supersearch column', format('SELECT crashpipe.supersearch(%L)', jsonb_build_object('_columns', jsonb_build_array(s.name)))),
    ('supersearch sort', format('SELECT crashpipe.supersearch(%L)', jsonb_build_object('_sort', jsonb_build_array('-' || s.name)))),
    ('supersearch facet', format('SELECT crashpipe.supersearch(%L)', jsonb_build_object('_facets', jsonb_build_array(s.name)))),
    ('supersearch subfacet', format('SELECT crashpipe.supersearch(%L)', jsonb_build_object('_aggs.signature', jsonb_build_array(s.name)))),
    ('supersearch histogram', format('SELECT crashpipe.supersearch(%L)', jsonb_build_object('_histogram.date', jsonb_build_array(s.name)))),
    ('crashes_protected', format('SELECT %I FROM crashpipe.crashes_protected', s.name)),
    ('processed_crashes', 'SELECT processed FROM crashpipe.processed_crashes'),
    ('raw_crashes', 'SELECT annotations FROM crashpipe.raw_crashes'),
    ('dumps', 'SELECT convert_from(data, ''UTF8'') FROM crashpipe.dumps WHERE crash_date < ''2024-05-15'''),
    ('api_processed_crash()', 'SELECT crashpipe.api_processed_crash(crash_id::text, true) FROM crashpipe.crashes'),
    ('api_raw_crash()', 'SELECT crashpipe.api_raw_crash(crash_id::text, true) FROM crashpipe.crashes')
) AS p(via, statement)
WHERE s.protected;
GRANT SELECT ON public.protected_probes TO PUBLIC;
SELECT count(DISTINCT field) AS protected_fields, count(DISTINCT via) AS ways, count(*) AS probes
FROM public.protected_probes;
-- the whole fixture dates from May 2024: searches must say so
UPDATE public.protected_probes
SET statement = replace(statement, 'supersearch(''{', 'supersearch(''{"date": [">=2024-05-01", "<2024-05-15"], ');

-- the outcomes per way, for one role: identical for every protected field, or listed
CREATE FUNCTION public.probe_summary() RETURNS TABLE (via text, outcome text, fields bigint) LANGUAGE sql AS $$
    SELECT via, outcome, count(*) FROM (SELECT via, public.probe(statement) AS outcome FROM public.protected_probes) o
    GROUP BY 1, 2 ORDER BY 1, 2
$$;

\c - regress_reader
SELECT current_user, crashpipe.is_pii_reader();
SELECT * FROM public.probe_summary();
-- what the reader does see: public columns, filters and facets
SELECT count(*), count(DISTINCT signature) AS signatures, min(date) AT TIME ZONE 'UTC' AS first, max(date) AT TIME ZONE 'UTC' AS last
FROM crashpipe.crashes WHERE crash_date BETWEEN '2024-05-01' AND '2024-05-14';
SELECT (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(processed) k) AS public_keys
FROM crashpipe.crashes WHERE crash_date = '2024-05-14' AND signature = 'OOM | small' LIMIT 1;
SELECT (crashpipe.supersearch('{"date": [">=2024-05-01", "<2024-05-15"], "product": "Thunderbird", "_facets": ["platform"], "_results_number": 0}')) - 'errors';
-- EXPLAIN shows the plan, never a value; an error for a protected field names only the field
EXPLAIN (COSTS OFF) SELECT signature FROM crashpipe.crashes WHERE crash_date = '2024-05-14' AND signature LIKE 'js%';
SELECT crashpipe.supersearch('{"user_comments": "~SECRET"}');
-- the tables, the protected view and the admin's functions are out of reach
SELECT count(*) FROM crashpipe.raw_crashes;
SELECT crashpipe.reprocess(crash_id) FROM crashpipe.crashes LIMIT 1;
SELECT crashpipe.create_token('me', '{admin}');
UPDATE crashpipe.search_fields SET protected = false WHERE name = 'url';
INSERT INTO crashpipe.alerts (kind, signature, hour) VALUES ('spike', 'fake', now());

\c - regress_pii
SELECT current_user, crashpipe.is_pii_reader();
SELECT * FROM public.probe_summary();
SELECT user_comments, url FROM crashpipe.crashes_protected WHERE crash_date = '2024-05-01' ORDER BY date LIMIT 2;
SELECT processed->>'user_comments' AS in_document FROM crashpipe.crashes_protected WHERE crash_date = '2024-05-01' ORDER BY date LIMIT 1;
SELECT (crashpipe.supersearch('{"date": [">=2024-05-14", "<2024-05-15"], "url": "$url 151", "_columns": ["url", "user_comments"], "_facets": []}'))->'hits';
SELECT annotations->>'Comments' FROM crashpipe.raw_crashes WHERE crash_date = '2024-05-01' ORDER BY submitted_at LIMIT 1;
SELECT crashpipe.reprocess(crash_id) FROM crashpipe.crashes LIMIT 1;

\c - regress_reprocess
SELECT count(*) FROM crashpipe.crashes WHERE crash_date = '2024-05-14';
BEGIN;
SELECT crashpipe.reprocess(crash_id, 10) FROM crashpipe.crashes
WHERE crash_date = '2024-05-14' AND signature = 'OOM | small';
SELECT count(*) AS queued FROM crashpipe.queue WHERE priority = 10;
ROLLBACK;
SELECT annotations FROM crashpipe.raw_crashes LIMIT 1;
SELECT crash_id IS NOT NULL FROM crashpipe.raw_crashes LIMIT 1;

\c - regress_admin
SELECT user_comments IS NOT NULL AS sees_protected FROM crashpipe.crashes_protected LIMIT 1;
BEGIN;
UPDATE crashpipe.products SET enabled = false WHERE name = 'Fenix';
SELECT crashpipe.create_token('ops@example.com', '{view_pii}') ~ '^[0-9a-f]{64}$' AS token_made;
ROLLBACK;

\c - regress_nobody
SELECT count(*) FROM crashpipe.crashes;
SELECT crashpipe.supersearch('{}');

\c - :owner
DROP FUNCTION public.probe_summary();
DROP FUNCTION public.probe(text);
DROP TABLE public.protected_probes;
DROP ROLE regress_reader, regress_pii, regress_reprocess, regress_admin, regress_nobody;
