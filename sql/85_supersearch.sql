-- crashpipe.supersearch on the fixture loaded by 81_roles, run by the owner
-- (a superuser, so protected fields are allowed): every operator, meta
-- parameter and facet kind, and every kind of bad request with its error.
-- A helper shows just the totals and the uuid-less hits.
\set SHOW_CONTEXT never
CREATE FUNCTION pg_temp.total(params text) RETURNS bigint LANGUAGE sql AS $$
    SELECT (crashpipe.supersearch(('{"date": [">=2024-05-01", "<2024-05-15"]}'::jsonb || params::jsonb))->>'total')::bigint
$$;
CREATE FUNCTION pg_temp.facets(params text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT crashpipe.supersearch(('{"date": [">=2024-05-01", "<2024-05-15"], "_results_number": 0}'::jsonb || params::jsonb))->'facets'
$$;

-- operators, each against the same count made with SQL
SELECT q, pg_temp.total(q) AS total FROM (VALUES
    ('{}'),
    ('{"product": "Thunderbird"}'),
    ('{"product": ["Thunderbird", "Firefox"]}'),
    ('{"product": "!Firefox"}'),
    ('{"product": ["!Firefox", "!Thunderbird"]}'),
    ('{"version": "=126.0b1"}'),
    ('{"signature": "~::"}'),
    ('{"signature": "!~::"}'),
    ('{"signature": "^OOM"}'),
    ('{"signature": "$Sweep"}'),
    ('{"signature": ["^OOM", "$Sweep"]}'),
    ('{"signature": "~%"}'),
    ('{"signature": "~_"}'),
    ('{"uptime": ">=500"}'),
    ('{"uptime": [">=500", "<600"]}'),
    ('{"uptime": "<=40"}'),
    ('{"uptime": ["37", "36"]}'),
    ('{"cpu_count": [">4", "!8"]}'),
    ('{"moz_crash_reason": "__null__"}'),
    ('{"moz_crash_reason": "!__null__"}'),
    ('{"startup_crash": "__true__"}'),
    ('{"startup_crash": "false"}'),
    ('{"startup_crash": "!__true__"}'),
    ('{"memory_explicit": ">100000000"}'),
    ('{"uuid": "=' || crashpipe.stamp_crash_id(md5('crash 151')::uuid, 0, '2024-05-14') || '"}'),
    ('{"uuid": "~0240514"}'),
    ('{"date": [">=2024-05-14T10:00:00", "<2024-05-15"]}'),
    ('{"date": [">2024-05-14T10:00:00", "<=2024-05-14T11:00:00"]}'),
    ('{"platform": "Linux", "product": "Firefox", "version": "125.0"}'),
    ('{"url": "~secret"}'),
    ('{"url": "~SECRET url 1"}'),
    ('{"build_id": ">=20240421094512"}'),
    ('{"addons": "dark@example.org:2"}'),
    ('{"addons": ["dark@example.org:2", "dark@example.org:1"]}'),
    ('{"addons": "~ublock"}'),
    ('{"addons": "!~ublock"}'),
    ('{"addons": "__null__"}')
) AS t(q);
SELECT count(*) FILTER (WHERE signature LIKE '%::%') AS contains, count(*) FILTER (WHERE uptime >= 500) AS uptime_500,
       count(*) FILTER (WHERE uptime <= 40) AS uptime_40,
       count(*) FILTER (WHERE cpu_count > 4 AND cpu_count <> 8) AS cpu, count(*) FILTER (WHERE moz_crash_reason IS NULL) AS no_reason,
       count(*) FILTER (WHERE startup_crash) AS startup, count(*) FILTER (WHERE build_id >= '20240421094512') AS builds,
       count(*) FILTER (WHERE 'dark@example.org:2' = ANY (addons)) AS dark_2, count(addons) AS with_addons
FROM crashpipe.crashes_protected WHERE crash_date BETWEEN '2024-05-01' AND '2024-05-14';

-- the default date range is the 7 days before now: the 2024 fixture is outside it
SELECT crashpipe.supersearch('{"product": "Thunderbird"}') - 'hits';

-- hits: columns, sort (then crash id), paging; dates and ids as Crash Stats writes them
SELECT jsonb_pretty(crashpipe.supersearch('{"date": [">=2024-05-14", "<2024-05-15"], "product": "Thunderbird",
    "_columns": ["uuid", "date", "signature", "uptime", "cpu_count", "startup_crash", "memory_explicit"],
    "_sort": ["-uptime"], "_facets": ["version"]}'));
SELECT h->>'signature' AS signature, h->>'uptime' AS uptime
FROM jsonb_array_elements(crashpipe.supersearch('{"date": [">=2024-05-01", "<2024-05-15"], "product": "Firefox",
    "_columns": ["signature", "uptime"], "_sort": ["signature", "-uptime"], "_results_number": 3, "_results_offset": 40}')->'hits') h;
SELECT jsonb_array_length(crashpipe.supersearch('{"date": [">=2024-05-01", "<2024-05-15"], "_results_number": "1000"}')->'hits') AS all_hits;

-- facets, aggregations and histograms
SELECT jsonb_pretty(pg_temp.facets('{"_facets": ["signature", "platform"], "_facets_size": 2}'));
SELECT jsonb_pretty(pg_temp.facets('{"product": "Thunderbird", "_facets": ["release_channel"], "_aggs.signature": ["platform"], "_facets_size": 2}'));
SELECT jsonb_pretty(pg_temp.facets('{"date": [">=2024-05-13", "<2024-05-15"], "product": "Thunderbird", "_histogram.date": ["signature"]}'));
SELECT jsonb_pretty(pg_temp.facets('{"date": [">=2024-05-14T09:00:00", "<2024-05-14T12:00:00"], "_facets": ["version"], "_histogram.date": [], "_histogram_interval.date": "hour"}'));
SELECT jsonb_pretty(pg_temp.facets('{"product": "Thunderbird", "_histogram.uptime": ["platform"], "_histogram_interval.uptime": 250, "_facets_size": 1}'));
SELECT pg_temp.facets('{"_facets_size": 0, "_histogram.date": []}');
SELECT pg_temp.facets('{"_facets": ["user_comments"], "_facets_size": 1, "product": "Thunderbird", "date": [">=2024-05-14", "<2024-05-15"]}');

-- bad requests: each a clear error, nothing run
SELECT crashpipe.supersearch(NULL);
SELECT crashpipe.supersearch('[]');
SELECT crashpipe.supersearch('{"nonsense": "x"}');
SELECT crashpipe.supersearch('{"_nonsense": "x"}');
SELECT crashpipe.supersearch('{"_return_query": "true"}');
SELECT crashpipe.supersearch('{"product": {"a": 1}}');
SELECT crashpipe.supersearch('{"uptime": ">abc"}');
SELECT crashpipe.supersearch('{"uuid": "not-a-uuid"}');
SELECT crashpipe.supersearch('{"date": "2024-05-01"}');
SELECT crashpipe.supersearch('{"date": "!>=2024-05-01"}');
SELECT crashpipe.supersearch('{"date": ">=yesterday-ish"}');
SELECT crashpipe.supersearch('{"date": [">=2022-01-01", "<2024-01-01"]}');
SELECT crashpipe.supersearch('{"startup_crash": "maybe"}');
SELECT crashpipe.supersearch('{"moz_crash_reason": "__null__x"}');
SELECT crashpipe.supersearch('{"_results_number": 1001}');
SELECT crashpipe.supersearch('{"_results_number": "-1"}');
SELECT crashpipe.supersearch('{"_results_offset": "ten"}');
SELECT crashpipe.supersearch('{"_facets_size": 10001}');
SELECT crashpipe.supersearch('{"_columns": ["signature", "bogus"]}');
SELECT crashpipe.supersearch('{"_sort": ["-bogus"]}');
SELECT crashpipe.supersearch('{"_histogram.signature": []}');
SELECT crashpipe.supersearch('{"_histogram.date": [], "_histogram_interval.date": "fortnight"}');
SELECT crashpipe.supersearch('{"_histogram.uptime": [], "_histogram_interval.uptime": "0"}');
SELECT crashpipe.supersearch(jsonb_build_object('product', (SELECT jsonb_agg(i) FROM generate_series(1, 1001) i)));
SELECT crashpipe.supersearch(jsonb_build_object('_facets', (SELECT jsonb_agg('signature'::text) FROM generate_series(1, 51))));
-- SQL in values is only ever a value
SELECT pg_temp.total('{"signature": "x'') OR true --"}') AS injected, pg_temp.total('{"signature": "~\"; DROP TABLE x"}') AS quoted;
