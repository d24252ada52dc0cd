-- Live rollups and the dashboard functions over them, on the fixture loaded
-- by 81_roles (162 crashes, 2024-05-01 to 2024-05-14 UTC).
\set SHOW_CONTEXT never
SET TimeZone = 'UTC';
-- the rollups add up to the crashes, however they are sliced
SELECT (SELECT sum(crashes) FROM crashpipe.crash_hourly WHERE hour >= '2024-05-01' AND hour < '2024-05-15') AS hourly,
       (SELECT sum(crashes) FROM crashpipe.signature_hourly WHERE hour >= '2024-05-01' AND hour < '2024-05-15') AS signature_hourly,
       (SELECT sum(crashes) FROM crashpipe.signature_daily WHERE day BETWEEN '2024-05-01' AND '2024-05-14') AS daily,
       (SELECT count(*) FROM crashpipe.crashes WHERE crash_date BETWEEN '2024-05-01' AND '2024-05-14') AS crashes;
SELECT product, version, os_name, sum(crashes) FROM crashpipe.crash_hourly
WHERE hour >= '2024-05-01' AND hour < '2024-05-15' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
-- the signature_daily job rebuilds a day from the crashes and agrees with the live counts
CREATE TEMP TABLE live AS SELECT * FROM crashpipe.signature_daily WHERE day = '2024-05-13';
SELECT crashpipe.job_signature_daily('2024-05-14 00:10+00');
SELECT count(*) AS rows, sum(crashes) AS crashes,
       (SELECT count(*) FROM (SELECT * FROM live EXCEPT SELECT * FROM crashpipe.signature_daily WHERE day = '2024-05-13') d) AS differ
FROM crashpipe.signature_daily WHERE day = '2024-05-13';

-- reprocessing that changes a signature moves its counts; deleting takes them off
BEGIN;
UPDATE crashpipe.processed_crashes SET signature = 'js::gc::Sweep'
WHERE crash_date = '2024-05-14' AND signature = 'OOM | small';
SELECT signature, sum(crashes) FROM crashpipe.signature_daily
WHERE day = '2024-05-14' AND signature IN ('OOM | small', 'js::gc::Sweep') GROUP BY 1 ORDER BY 1;
DELETE FROM crashpipe.processed_crashes WHERE crash_date = '2024-05-14';
SELECT count(*) AS daily_rows, (SELECT sum(crashes) FROM crashpipe.crash_hourly WHERE hour >= '2024-05-14' AND hour < '2024-05-15') AS hourly
FROM crashpipe.signature_daily WHERE day = '2024-05-14';
ROLLBACK;

-- top crashers of Firefox 125.0 over the week up to 2024-05-14, against the week before
SELECT * FROM crashpipe.top_crashers('Firefox', '125.0', '7 days', '2024-05-14 18:00+00');
SELECT rank, signature, crashes, percent FROM crashpipe.top_crashers('Firefox', NULL, '14 days', '2024-05-14', 3);
SELECT count(*) FROM crashpipe.top_crashers('Firefox', '125.0', '1 day', '2024-04-01');
SELECT * FROM crashpipe.top_crashers('Firefox', '125.0', '0 days');
SELECT * FROM crashpipe.top_crashers('Firefox', '125.0', '400 days');

-- one signature by product, version, platform and day
SELECT * FROM crashpipe.signature_summary('js::gc::Sweep', '3 days', '2024-05-14');
SELECT * FROM crashpipe.signature_summary('no such signature', '3 days', '2024-05-14');

-- crash counts per day and per hour, zero-filled, for a dashboard panel
SELECT * FROM crashpipe.crash_rate('day', '2024-05-11', '2024-05-14 23:59+00', 'Firefox', '125.0', 'Linux');
SELECT bucket_start, sum(crashes) FROM crashpipe.crash_rate('hour', '2024-05-14 08:00+00', '2024-05-14 12:00+00')
GROUP BY 1 ORDER BY 1;
SELECT * FROM crashpipe.crash_rate('minute', '2024-05-14', '2024-05-15');
SELECT * FROM crashpipe.crash_rate('day', '2024-05-14', '2023-05-14');
