#!/usr/bin/env python3
"""tests/bench/signatures.py: signature generation and resignature, measured.

1. Signatures per second per core of the portable generator
   (tests/bench/bench_signatures.c, built here with -O2) on the stacks of
   every test dump plus the real Firefox ESR crash, and on the crash_data of
   Socorro's pipeline cases; each against the 100,000/s target and against
   a plain JSON parse of the same input.  Socorro's own generator (Python)
   cannot be installed here, so there is no peer program to run.
2. crashpipe.resignature over BENCH_CRASHES (default 1,000,000) stored
   crashes on a throwaway instance (var/bench/signatures): the crashes the
   processor made of every test dump, copied with fresh ids over ten days.
   Printed against two peers measured in the same run: a plain scan that
   reads (detoasts) every processed crash, and reprocessing, which walks
   the dumps again (what resignature saves).
"""
import json
import os
import socket
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "testdata")
VAR = os.path.join(REPO, "var", "bench", "signatures")
CRASHES = int(os.environ.get("BENCH_CRASHES", "1000000"))
DAYS = 10
SINCE = "2025-01-01"
OWNER = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] if os.getuid() == 0 else []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def microbench():
    """Build and run the generator's own benchmark."""
    cases = os.path.join(SHARED, "siggen", "cases.json")
    lines = os.path.join(REPO, "var", "bench", "siggen_cases.jsonl")
    binary = os.path.join(REPO, "var", "bench", "bench_signatures")
    os.makedirs(os.path.dirname(lines), exist_ok=True)
    with open(lines, "w") as out:
        for c in json.load(open(cases))["cases"]:
            if c["kind"] == "pipeline":
                out.write(json.dumps(c["input"]["crash_data"]) + "\n")
    core = os.path.join(REPO, "extension", "core")
    sources = [os.path.join(REPO, "tests", "bench", "bench_signatures.c")]
    for sub in ("siggen", "walker", "symbols", ""):
        d = os.path.join(core, sub)
        sources += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".c"))
    subprocess.run(["cc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror"] +
                   ["-I" + os.path.join(core, s) for s in ("", "siggen", "walker", "symbols")] +
                   ["-o", binary] + sources + ["-lpcre2-8"], check=True)
    print("== signature generation (portable core, one thread; CPU time, so per core)")
    sys.stdout.flush()
    subprocess.run([binary, REPO, SHARED, lines, os.environ.get("BENCH_SECONDS", "3")], check=True)


class Instance:
    """A throwaway crashpipe under var/bench/signatures, without processor workers."""

    def __init__(self):
        self.env = dict(os.environ, CRASHPIPE_VAR=VAR, CRASHPIPE_PGPORT=free_port(),
                        CRASHPIPE_COLLECTOR_PORT=free_port(), CRASHPIPE_WEB_PORT=free_port(),
                        CRASHPIPE_WORKERS="0", CRASHPIPE_QUIET="1", CRASHPIPE_SPOOL="",
                        CRASHPIPE_SYMBOL_PATHS=",".join([os.path.join(SHARED, "breakpad", "symbols"),
                                                         os.path.join(SHARED, "rust-minidump", "testdata",
                                                                      "symbols")]))
        user = "postgres" if os.getuid() == 0 else os.environ.get("USER", "")
        self.dsn = "host=%s/run port=%s dbname=crashpipe user=%s" % (VAR, self.env["CRASHPIPE_PGPORT"], user)

    def start(self):
        subprocess.run(["bash", os.path.join(REPO, "scripts", "down.sh")], env=self.env, capture_output=True)
        subprocess.run(["rm", "-rf", VAR], check=True)
        subprocess.run(["bash", os.path.join(REPO, "scripts", "up.sh")], env=self.env, check=True)

    def stop(self):
        subprocess.run(["bash", os.path.join(REPO, "scripts", "down.sh")], env=self.env, capture_output=True)
        subprocess.run(["rm", "-rf", VAR])

    def sql(self, query):
        """Run SQL; (seconds, rows as lists of strings)."""
        start = time.perf_counter()
        out = subprocess.run(OWNER + ["psql", "-X", "-tA", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-q",
                                      self.dsn, "-f", "-"], input=query, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        return seconds, [l.split("\t") for l in out.stdout.splitlines() if l]


TEMPLATES = """
CREATE TABLE bench_files AS
SELECT d.dir || '/' || f AS path FROM
    (VALUES (%(breakpad)s), (%(rust)s)) AS d(dir), LATERAL pg_ls_dir(d.dir) AS f
WHERE f LIKE '%%.dmp' AND f NOT LIKE 'microdump-%%' AND f NOT LIKE 'invalid-%%';
SELECT crashpipe.submit('{"ProductName": "Firefox", "Version": "120.0", "BuildID": "20240101000000",
                          "ReleaseChannel": "release"}', ARRAY['upload_file_minidump'],
                        ARRAY[pg_read_binary_file(path)]) FROM bench_files;
SELECT count(crashpipe.process_crash(crash_id)) FROM crashpipe.queue;
CREATE TABLE bench_templates AS
SELECT row_number() OVER (ORDER BY p.crash_id) - 1 AS i, p.crash_id, r.annotations, p.processed
FROM crashpipe.processed_crashes p JOIN crashpipe.raw_crashes r USING (crash_id, crash_date);
SELECT count(*), avg(pg_column_size(processed))::integer, avg(length(processed::text))::integer
FROM bench_templates;
"""

COPY_DAY = """
SELECT crashpipe.ensure_partitions('%(day)s');
CREATE TEMP TABLE ids AS
SELECT crashpipe.stamp_crash_id(gen_random_uuid(), 0, '%(day)s') AS crash_id, g
FROM generate_series(1, %(n)d) AS g;
INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, submitted_at, product, version, annotations,
                                   metadata, throttle_result, throttle_rule)
SELECT ids.crash_id, '%(day)s', '%(day)s'::timestamptz + ids.g * interval '80 ms', 'Firefox', '120.0',
       t.annotations, '{}', 'accept', 'bench'
FROM ids JOIN bench_templates t ON t.i = ids.g %% (SELECT count(*) FROM bench_templates);
INSERT INTO crashpipe.processed_crashes
SELECT r.* FROM ids JOIN bench_templates t ON t.i = ids.g %% (SELECT count(*) FROM bench_templates),
    LATERAL crashpipe.processed_row(ids.crash_id, '%(day)s', t.processed || jsonb_build_object('date_processed',
        '%(day)s'::timestamptz + ids.g * interval '80 ms')) r;
"""

SCAN = """SELECT count(*) FROM crashpipe.processed_crashes p
WHERE p.submitted_at >= '%s' AND p.processed ? 'json_dump'""" % SINCE

SIGNATURES = """SELECT count(s.signature) FROM crashpipe.processed_crashes p
CROSS JOIN LATERAL crashpipe.processed_signature(p.processed) s
WHERE p.submitted_at >= '%s'""" % SINCE

CANDIDATE = """jsonb_build_object('irrelevant', crashpipe.siglists_json()->'irrelevant' || '["driver$"]')"""


def per_crash(seconds, n):
    return "%8.1f s  %7.1f us/crash  %9.0f crashes/s" % (seconds, seconds / n * 1e6, n / seconds)


def load(db):
    """Store CRASHES crashes; (templates, crashes since SINCE: the copies and the templates)."""
    seconds, rows = db.sql(TEMPLATES % {"breakpad": "'%s'" % os.path.join(SHARED, "breakpad"),
                                        "rust": "'%s'" % os.path.join(SHARED, "rust-minidump", "testdata")})
    templates, size, text = (int(x) for x in rows[-1])
    print("templates: %d crashes processed from the test dumps, processed jsonb %d bytes stored "
          "(%d as text)" % (templates, size, text))
    start = time.perf_counter()
    for d in range(DAYS):
        day = "2025-01-%02d" % (d + 1)
        db.sql(COPY_DAY % {"day": day, "n": CRASHES // DAYS})
    db.sql("VACUUM ANALYZE crashpipe.processed_crashes; VACUUM ANALYZE crashpipe.raw_crashes;")
    _, rows = db.sql("SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))), "
                     "(SELECT count(*) FROM crashpipe.processed_crashes WHERE submitted_at >= '%s') "
                     "FROM pg_inherits WHERE inhparent = 'crashpipe.processed_crashes'::regclass" % SINCE)
    print("stored %s crashes over %d days in %.0f s (processed_row, the processor's own insert); "
          "processed_crashes is %s" % (rows[0][1], DAYS, time.perf_counter() - start, rows[0][0]))
    return templates, int(rows[0][1])


def resignature_bench(db, templates, n):
    scan, _ = db.sql(SCAN)
    sign, _ = db.sql(SIGNATURES)
    preview, prows = db.sql("SELECT sum(crashes) FROM crashpipe.signature_preview('%s', %s)" % (SINCE, CANDIDATE))
    still, srows = db.sql("SELECT * FROM crashpipe.resignature('%s')" % SINCE)
    db.sql("INSERT INTO crashpipe.siglists (list, position, pattern) VALUES ('irrelevant', 9000, 'driver$')")
    moved, mrows = db.sql("SELECT * FROM crashpipe.resignature('%s')" % SINCE)
    rounds = max(1, 2000 // templates)
    reprocess, _ = db.sql("SELECT count(crashpipe.process_crash(crash_id)) FROM bench_templates, "
                          "generate_series(1, %d)" % rounds)
    print("== resignature over %d stored crashes (one transaction each; machine shared with other "
          "engineers, so absolute times are noisy)" % n)
    print("  scan (peer: detoast every processed crash)   %s" % per_crash(scan, n))
    print("  signatures of every stored crash (SELECT)     %s  = %.1fx the scan" % (per_crash(sign, n), sign / scan))
    print("  signature_preview with a candidate edit       %s  (%s crashes would move)"
          % (per_crash(preview, n), prows[0][0]))
    print("  resignature, nothing to change                %s  (%s)" % (per_crash(still, n), "/".join(srows[0])))
    print("  resignature after the edit                    %s  (crashes/updated/moved/new/days: %s)"
          % (per_crash(moved, n), "/".join(mrows[0])))
    per_reprocess = reprocess / (rounds * templates)
    print("  reprocessing (peer: walks the dump again)     %8.1f s  %7.1f us/crash  (%d crashes)"
          % (reprocess, per_reprocess * 1e6, rounds * templates))
    print("  resignature after the edit is %.1fx faster per crash than reprocessing, %.1fx the cost of the scan"
          % (per_reprocess / (moved / n), moved / scan))


def main():
    if not os.path.isdir(SHARED):
        print("signatures bench: ../shared/testdata is absent; nothing to measure")
        return
    microbench()
    db = Instance()
    try:
        db.start()
        resignature_bench(db, *load(db))
    finally:
        db.stop()


if __name__ == "__main__":
    main()
