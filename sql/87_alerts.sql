-- Alerts: the fixture loaded by 81_roles made one new_signature alert per
-- signature and one spike (12 crashes of a new signature in one hour
-- against a baseline of 0).  Here more crashes show the spike rule at
-- work.  (The notifications themselves are heard by tests/e2e/alerts.py,
-- for crashes submitted through the collector: psql would print the
-- listening backend's pid here.)
\set SHOW_CONTEXT never
SET TimeZone = 'UTC';
SELECT kind, signature, hour, crashes, baseline FROM crashpipe.alerts
WHERE hour >= '2024-05-01' AND hour < '2024-05-15' ORDER BY alert_id;
SELECT kind, signature, crashes, baseline, first_seen FROM crashpipe.recent_alerts
WHERE hour >= '2024-05-01' AND hour < '2024-05-15' ORDER BY alert_id;
SELECT name, setting, unit FROM pg_settings WHERE name LIKE 'crashpipe.spike%' ORDER BY 1;

-- crashes stored later: a new signature, then a spike once an hour holds
-- 10 crashes of it and 3 times its baseline
CREATE FUNCTION pg_temp.store(n integer, sig text, at timestamptz) RETURNS void LANGUAGE sql AS $$
    INSERT INTO crashpipe.signatures (signature, first_seen) VALUES (sig, at) ON CONFLICT DO NOTHING;
    INSERT INTO crashpipe.processed_crashes (crash_id, crash_date, submitted_at, success, product, version,
                                             os_name, signature, processed)
    SELECT crashpipe.stamp_crash_id(md5(sig || at || i)::uuid, 0, (at AT TIME ZONE 'UTC')::date), (at AT TIME ZONE 'UTC')::date,
           at + i * interval '1 second', true, 'Firefox', '125.0', 'Linux', sig, '{}'
    FROM generate_series(1, n) i
$$;
-- 2 crashes at 08:00 and 5 at 09:00: a new signature, below the minimum of 10
SELECT pg_temp.store(2, 'mozilla::AlertTest', '2024-05-13 08:00+00');
SELECT pg_temp.store(5, 'mozilla::AlertTest', '2024-05-13 09:00+00');
-- a second new signature; then 9 more at 09:30 make 14: baseline (2 + 0) / 24 hours, a spike
SELECT pg_temp.store(9, 'mozilla::AlertTest2', '2024-05-13 09:00+00');
SELECT pg_temp.store(9, 'mozilla::AlertTest', '2024-05-13 09:30+00');
-- more crashes in the same hour raise nothing new
SELECT pg_temp.store(3, 'mozilla::AlertTest', '2024-05-13 09:45+00');
SELECT kind, signature, hour, crashes, round(baseline::numeric, 4) AS baseline FROM crashpipe.alerts
WHERE signature LIKE 'mozilla::AlertTest%' ORDER BY alert_id;
-- a steady signature spikes only while its baseline builds up: 12 an hour
-- from 00:00 spike until the 24-hour mean reaches 4 (at 08:00); 24 at the
-- next midnight do not (mean 12), 38 in the hour after do (mean 12.5)
SELECT count(pg_temp.store(12, 'mozilla::Steady', '2024-05-12 00:00+00'::timestamptz + h * interval '1 hour'))
FROM generate_series(0, 23) h;
SELECT pg_temp.store(24, 'mozilla::Steady', '2024-05-13 00:00+00');
SELECT pg_temp.store(38, 'mozilla::Steady', '2024-05-13 01:00+00');
SELECT kind, hour, crashes, baseline FROM crashpipe.alerts WHERE signature = 'mozilla::Steady' ORDER BY alert_id;
-- the rule follows the settings: with factor 1 and minimum 1, 1 crash over a baseline of 0 spikes, and 2 over 1/24
ALTER SYSTEM SET crashpipe.spike_factor = 1;
ALTER SYSTEM SET crashpipe.spike_min_crashes = 1;
SELECT pg_reload_conf();
SELECT pg_sleep(0.5);
SHOW crashpipe.spike_factor;
SELECT pg_temp.store(1, 'mozilla::Rare', '2024-05-10 04:00+00');
SELECT pg_temp.store(2, 'mozilla::Rare', '2024-05-10 05:00+00');
SELECT kind, hour, crashes, round(baseline::numeric, 4) AS baseline FROM crashpipe.alerts WHERE signature = 'mozilla::Rare' ORDER BY alert_id;
ALTER SYSTEM RESET crashpipe.spike_factor;
ALTER SYSTEM RESET crashpipe.spike_min_crashes;
SELECT pg_reload_conf();
