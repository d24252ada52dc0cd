#!/usr/bin/env python3
"""tests/bench/web.py: crashpipe-web's latency against the same query in psql.

Starts a throwaway crashpipe under var/bench-web (its own cluster, no
processor workers, crashpipe-web with its default pool), fills it with a
generated database of BENCH_CRASHES (default 1,000,000) processed crashes
over the last 28 days (products, versions, platforms, and signatures with a
long-tailed distribution, plus the signature_daily rollups and first-seen
rows), then for each page's data query measures BENCH_RUNS sequential
requests over one kept-alive HTTP connection and the same SQL statement run
as often in one psql session (\\timing: client-side time, round trip
included), and prints p50 and p95 of each, the web/psql ratios and the
milliseconds the web adds at p50 (HTTP, parameter checks, JSON copy).
Queries: Super Search with a signature facet over 14 days, Top Crashers,
a report page (ProcessedCrash and RawCrash) and the product home chart.
Those whose SQL function is not installed are skipped with a note.  The
generated database is kept between runs (BENCH_FRESH=1 makes it again).
"""
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VAR = os.path.join(REPO, "var", "bench-web")
CRASHES = int(os.environ.get("BENCH_CRASHES", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "200"))
PGPORT = os.environ.get("BENCH_PGPORT", "5611")
WEBPORT = os.environ.get("BENCH_WEBPORT", "8611")
ENV = dict(os.environ, CRASHPIPE_VAR=VAR, CRASHPIPE_PGPORT=PGPORT, CRASHPIPE_WEB_PORT=WEBPORT,
           CRASHPIPE_COLLECTOR_PORT=os.environ.get("BENCH_COLLECTORPORT", "8612"),
           CRASHPIPE_WORKERS="1", CRASHPIPE_QUIET="1", CRASHPIPE_SPOOL="")
OWNER = "postgres" if os.getuid() == 0 else os.environ.get("USER", "")
DSN = "host=%s/run port=%s dbname=crashpipe user=%s" % (VAR, PGPORT, OWNER)

GENERATE = """
SELECT setseed(0.42);
SELECT crashpipe.ensure_partitions(current_date - d) FROM generate_series(0, 27) d;
INSERT INTO crashpipe.processed_crashes (crash_id, crash_date, processed_at, submitted_at, success,
    product, version, build_id, release_channel, process_type, os_name, cpu_arch, reason, signature,
    uptime, processed)
SELECT id, day, ts, ts, true, product, version, build,
       'release', 'parent', os, cpu, reason, signature, uptime,
       jsonb_build_object('uuid', id, 'crash_id', id, 'product', product, 'version', version, 'build', build,
           'release_channel', 'release', 'process_type', 'parent', 'os_name', os, 'cpu_arch', cpu,
           'reason', reason, 'signature', signature, 'uptime', uptime, 'date_processed', ts,
           'submitted_timestamp', ts, 'success', true, 'url', 'https://secret.example/' || i)
FROM (
    SELECT i, day, crashpipe.stamp_crash_id(gen_random_uuid(), 0, day) AS id,
           day + (random() * 86399) * interval '1 second' AS ts,
           CASE WHEN random() < 0.9 THEN 'Firefox' ELSE 'Thunderbird' END AS product,
           (120 + floor(random() * 8))::text || '.0' AS version,
           to_char(day, 'YYYYMMDD') || '000000' AS build,
           (ARRAY['Windows NT', 'Windows NT', 'Windows NT', 'Mac OS X', 'Linux'])[1 + floor(random() * 5)] AS os,
           (ARRAY['amd64', 'x86', 'arm64'])[1 + floor(random() * 3)] AS cpu,
           (ARRAY['EXCEPTION_ACCESS_VIOLATION_READ', 'SIGSEGV /SEGV_MAPERR', 'EXCEPTION_BREAKPOINT'])[1 + floor(random() * 3)] AS reason,
           'sig_' || floor(exp(random() * ln(20000)))::int || ' | mozilla::Something' AS signature,
           floor(random() * 100000)::bigint AS uptime
    FROM (SELECT i, current_date - (i % 28) AS day FROM generate_series(1, :crashes) i) g
) s;
INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, submitted_at, product, version, annotations,
    metadata, throttle_result, throttle_rule)
SELECT crash_id, crash_date, submitted_at, product, version,
       jsonb_build_object('ProductName', product, 'Version', version, 'BuildID', build_id,
                          'ReleaseChannel', 'release', 'URL', 'https://secret.example/'),
       '{}', 'accept', 'bench'
FROM crashpipe.processed_crashes;
INSERT INTO crashpipe.signatures (signature, first_seen, first_build)
SELECT signature, min(submitted_at), min(build_id) FROM crashpipe.processed_crashes GROUP BY 1
ON CONFLICT DO NOTHING;
DELETE FROM crashpipe.signature_daily;
INSERT INTO crashpipe.signature_daily (day, product, version, signature, os_name, crashes)
SELECT crash_date, product, version, signature, os_name, count(*)
FROM crashpipe.processed_crashes GROUP BY 1, 2, 3, 4, 5;
VACUUM ANALYZE;
"""


def run(argv, **kw):
    return subprocess.run(argv, env=ENV, check=True, **kw)


def psql(args, text=None):
    argv = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", DSN] + args
    if os.getuid() == 0:
        argv = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] + argv
    return run(argv, input=text, capture_output=True, text=True).stdout


def start():
    """Bring the bench instance up, generating its crashes unless they are there."""
    if os.environ.get("BENCH_FRESH") == "1":
        run(["bash", os.path.join(REPO, "scripts", "down.sh")], capture_output=True)
        run(["rm", "-rf", VAR])
    run(["bash", os.path.join(REPO, "scripts", "up.sh")], capture_output=True)
    have = int(psql(["-At", "-c", "SELECT count(*) FROM crashpipe.processed_crashes"]).strip())
    if have < CRASHES:
        print("generating %d processed crashes (once; kept in %s) ..." % (CRASHES, VAR), flush=True)
        psql(["-c", "TRUNCATE crashpipe.processed_crashes, crashpipe.raw_crashes, crashpipe.signatures"])
        psql(["-v", "crashes=%d" % CRASHES, "-f", "-"], GENERATE)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def web_times(path):
    """Milliseconds of RUNS GET requests of path over one connection (after a warm-up)."""
    conn = http.client.HTTPConnection("127.0.0.1", int(WEBPORT), timeout=60)
    times = []
    for i in range(RUNS + 5):
        t0 = time.perf_counter()
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise RuntimeError("%s answered %d: %s" % (path, r.status, body[:200]))
        if i >= 5:
            times.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return times


def psql_times(statement):
    """Milliseconds psql's \\timing reports for RUNS runs of statement (after a warm-up)."""
    script = "\\o /dev/null\n" + (statement + ";\n") * 5 + "\\timing on\n" + (statement + ";\n") * RUNS
    out = psql(["-f", "-"], script)
    times = [float(t) for t in re.findall(r"^Time: ([0-9.]+) ms", out, re.M)]
    if len(times) != RUNS:
        raise RuntimeError("psql printed %d timings, expected %d" % (len(times), RUNS))
    return times


def has_function(name):
    return psql(["-At", "-c", "SELECT count(*) FROM pg_proc WHERE proname = '%s'" % name]).strip() != "0"


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def cases():
    """(name, web path, SQL statement, function it needs) of each measured query."""
    crash_id = psql(["-At", "-c", "SELECT crash_id FROM crashpipe.processed_crashes "
                     "ORDER BY crash_id LIMIT 1 OFFSET 4242"]).strip()
    since = psql(["-At", "-c", "SELECT current_date - 13"]).strip()
    search = {"product": ["Firefox"], "date": [">=" + since], "_facets": ["signature"],
              "_results_number": ["0"]}
    search_q = urllib.parse.urlencode(search, doseq=True)
    return [
        ("Super Search, signature facet, 14 days", "/api/SuperSearch/?" + search_q,
         "SELECT crashpipe.supersearch(%s::jsonb)" % literal(json.dumps(search)), "supersearch"),
        ("Top Crashers, Firefox, 7 days", "/api/TopCrashers/?product=Firefox&days=7",
         "SELECT crashpipe.api_top_crashers('Firefox', NULL, 7)", "api_top_crashers"),
        ("report page: ProcessedCrash", "/api/ProcessedCrash/?crash_id=" + crash_id,
         "SELECT crashpipe.api_processed_crash(%s, false)" % literal(crash_id), "api_processed_crash"),
        ("report page: RawCrash", "/api/RawCrash/?crash_id=" + crash_id,
         "SELECT crashpipe.api_raw_crash(%s, false)" % literal(crash_id), "api_raw_crash"),
        ("product home: CrashesPerDay, 7 days", "/api/CrashesPerDay/?product=Firefox&days=7",
         "SELECT crashpipe.api_crashes_per_day('Firefox', 7)", "api_crashes_per_day"),
    ]


def main():
    start()
    total = psql(["-At", "-c", "SELECT count(*) FROM crashpipe.processed_crashes"]).strip()
    print("%s processed crashes; %d runs each; machine shared with other work, so absolute "
          "figures are noisy, the ratios less so" % (total, RUNS))
    print("%-40s %19s %19s %16s %10s" % ("query", "web p50/p95 ms", "psql p50/p95 ms", "web/psql p50/p95",
                                          "+ms p50"))
    for name, path, statement, function in cases():
        if not has_function(function):
            print("%-40s skipped: crashpipe.%s is not installed" % (name, function))
            continue
        web = web_times(path)
        direct = psql_times(statement)
        w50, w95, d50, d95 = (percentile(web, 50), percentile(web, 95),
                              percentile(direct, 50), percentile(direct, 95))
        print("%-40s %9.2f %9.2f %9.2f %9.2f %8.2fx %6.2fx %9.2f" % (
            name, w50, w95, d50, d95, w50 / d50, w95 / d95, w50 - d50), flush=True)
    run(["bash", os.path.join(REPO, "scripts", "down.sh")], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
