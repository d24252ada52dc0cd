#!/usr/bin/env python3
"""tests/load/loadtest.py: nothing acknowledged is lost, under load and failures.

Run by tests/load/run.sh against a throwaway instance.  Client threads post
crashes (200 KB and 1.5 MB minidump parts) for LOAD_SECONDS; meanwhile
PostgreSQL is stopped (immediate) and started again, and the collector is
SIGKILLed and restarted.  Every crash id a client received is then looked
up in crashpipe.raw_crashes after the spool has drained.
Prints "N acknowledged, N stored, N lost" and "load: N passed, N failed".
"""
import http.client
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VAR = os.environ["CRASHPIPE_VAR"]
PORT = int(os.environ["CRASHPIPE_COLLECTOR_PORT"])
SECONDS = float(os.environ.get("LOAD_SECONDS", "40"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "16"))
OWNER = "postgres" if os.getuid() == 0 else None
DSN = "host=%s/run port=%s dbname=crashpipe user=%s" % (VAR, os.environ["CRASHPIPE_PGPORT"],
                                                         OWNER or os.environ.get("USER", ""))
ID_RE = re.compile(r"^CrashID=bp-([0-9a-f-]{36})\n\Z")
BOUNDARY = "crashpipe-load-boundary"


def as_owner(argv):
    if OWNER:
        return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] + argv
    return argv


def sql(query):
    out = subprocess.run(as_owner(["psql", "-X", "-tA", "-v", "ON_ERROR_STOP=1", DSN, "-f", "-"]),
                         input=query, capture_output=True, text=True, check=True).stdout
    return out.strip()


def body(size, n):
    dump = (b"MDMP" + os.urandom(60)) * (size // 64)
    return (("--%s\r\nContent-Disposition: form-data; name=\"ProductName\"\r\n\r\nFirefox\r\n"
             "--%s\r\nContent-Disposition: form-data; name=\"Version\"\r\n\r\nload.%d\r\n"
             "--%s\r\nContent-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"d.dmp\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n" % (BOUNDARY, BOUNDARY, n, BOUNDARY)).encode()
            + dump + ("\r\n--%s--\r\n" % BOUNDARY).encode())


BODIES = [body(200 * 1024, 0), body(1536 * 1024, 1)]
acked, answers, lock = [], {}, threading.Lock()


def client(stop):
    """Post until told to stop; remember every crash id received."""
    while not stop.is_set():
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            conn.request("POST", "/submit", body=random.choice(BODIES),
                         headers={"Content-Type": "multipart/form-data; boundary=" + BOUNDARY})
            r = conn.getresponse()
            text = r.read().decode(errors="replace")
            conn.close()
            key = "%d %s" % (r.status, "CrashID" if text.startswith("CrashID") else text.strip())
        except (OSError, http.client.HTTPException) as e:
            key, text = "error %s" % type(e).__name__, ""
        m = ID_RE.match(text)
        with lock:
            answers[key] = answers.get(key, 0) + 1
            if m:
                acked.append(m.group(1))
        if key.startswith("error"):
            time.sleep(0.05)


def pg_ctl(*args):
    subprocess.run(as_owner([os.path.join(os.environ["CRASHPIPE_PG_BIN"], "pg_ctl"), "-D", VAR + "/pgdata"] + list(args)),
                   capture_output=True)


def restart_collector():
    """SIGKILL the collector and start it again with the same command line."""
    pidfile = os.path.join(VAR, "run", "collector.pid")
    pid = int(open(pidfile).read())
    argv = open("/proc/%d/cmdline" % pid, "rb").read().decode().split("\0")[:-1]
    os.kill(pid, signal.SIGKILL)
    while os.path.exists("/proc/%d" % pid) and open("/proc/%d/stat" % pid).read().split()[2] != "Z":
        time.sleep(0.01)
    log = open(os.path.join(VAR, "log", "collector.log"), "ab")
    proc = subprocess.Popen(as_owner(argv), stdout=log, stderr=log, start_new_session=True)
    with open(pidfile, "w") as f:
        f.write("%d\n" % proc.pid)


def chaos():
    """The failures, at fixed points of the run."""
    time.sleep(SECONDS * 0.2)
    print("chaos: stopping PostgreSQL (immediate)", flush=True)
    pg_ctl("-m", "immediate", "-w", "stop")
    time.sleep(SECONDS * 0.15)
    print("chaos: SIGKILL and restart the collector while the database is down", flush=True)
    restart_collector()
    time.sleep(SECONDS * 0.1)
    print("chaos: starting PostgreSQL again", flush=True)
    pg_ctl("-l", os.path.join(VAR, "log", "postgres.log"), "-w", "start")
    time.sleep(SECONDS * 0.2)
    print("chaos: SIGKILL and restart the collector under load", flush=True)
    restart_collector()


def main():
    stop = threading.Event()
    threads = [threading.Thread(target=client, args=(stop,)) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    chaos_thread = threading.Thread(target=chaos)
    chaos_thread.start()
    time.sleep(SECONDS)
    stop.set()
    for t in threads + [chaos_thread]:
        t.join()
    spool = os.path.join(VAR, "spool")
    deadline = time.time() + 120
    while time.time() < deadline and any(f.endswith(".crash") for f in os.listdir(spool)):
        time.sleep(0.5)
    ids = sorted(set(acked))
    stored = int(sql("SELECT count(*) FROM crashpipe.raw_crashes WHERE crash_id = ANY('{%s}'::uuid[])"
                     % ",".join(ids))) if ids else 0
    print("answers: " + ", ".join("%s x%d" % kv for kv in sorted(answers.items())))
    print("%d acknowledged, %d stored, %d lost (%d duplicate acknowledgements)"
          % (len(ids), stored, len(ids) - stored, len(acked) - len(ids)))
    ok = len(ids) > 0 and stored == len(ids) and len(acked) == len(ids)
    print("load: %d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
