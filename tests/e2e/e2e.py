#!/usr/bin/env python3
"""tests/e2e/e2e.py: end-to-end test of a running crashpipe.

Run by tests/e2e/run.sh, which starts a throwaway instance and exports its
ports.  Crash reports go in through the collector over real HTTP (curl forms
with every Breakpad test dump, and a real Firefox ESR crash submitted by its
own crash reporter); after the workers processed them, the exact fields are
checked through SQL and through the web API: OS and CPU against Breakpad's
own minidump_stackwalk output, hashes against the bytes sent, annotations
against what the client put on the wire.  Then bad input and a database
outage.  Prints "e2e: N passed, N failed, N skipped".
"""
import gzip
import hashlib
import http.client as httpclient
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import clients

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared")
VAR = os.environ["CRASHPIPE_VAR"]
COLLECTOR = "http://127.0.0.1:%s" % os.environ["CRASHPIPE_COLLECTOR_PORT"]
WEB = "http://127.0.0.1:%s" % os.environ["CRASHPIPE_WEB_PORT"]
OWNER = "postgres" if os.getuid() == 0 else None
DSN = "host=%s/run port=%s dbname=crashpipe user=%s" % (
    VAR, os.environ["CRASHPIPE_PGPORT"], OWNER or os.environ.get("USER", ""))
PRODUCT = "CrashpipeTest"
ID_RE = re.compile(r"^CrashID=bp-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{6}[0-9]{6})\n\Z")

counts = {"passed": 0, "failed": 0, "skipped": 0}
# rule names that start the signature generator's processor notes
SIGGEN_RULES = {"SignatureGenerationRule", "StackwalkerErrorSignatureRule", "BadHardware", "OOMSignature",
                "AbortSignature", "SignatureShutdownTimeout", "SignatureRunWatchDog", "SignatureIPCChannelError",
                "SignatureIPCMessageName", "StackOverflowSignature", "HungProcess", "SigPrintableCharsOnly",
                "SigFixWhitespace", "SigTruncate"}


def check(ok, what, got=None, want=None):
    """Count one check; print what differed when it fails."""
    if ok:
        counts["passed"] += 1
        return True
    counts["failed"] += 1
    print("FAIL %s" % what)
    if got is not None or want is not None:
        print("  got:  %r\n  want: %r" % (got, want))
    return False


def check_eq(got, want, what):
    return check(got == want, what, got, want)


def skip(why):
    counts["skipped"] += 1
    print("SKIP %s" % why)


def as_owner(argv):
    """Command line running argv as the cluster owner (root runs it as postgres)."""
    if OWNER:
        return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] + argv
    return argv


def sql(query):
    """Run one query with psql; rows as lists of strings."""
    out = subprocess.run(as_owner(["psql", "-X", "-tA", "-F", "\t", "-v", "ON_ERROR_STOP=1", DSN, "-f", "-"]),
                         input=query, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def http(method, url, body=None, headers=None):
    """(status, headers, body bytes) of one request; errors are answers too."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def raw_post(body, headers):
    """POST /submit with exactly these headers (no Content-Type unless given)."""
    conn = httpclient.HTTPConnection("127.0.0.1", int(os.environ["CRASHPIPE_COLLECTOR_PORT"]), timeout=60)
    conn.request("POST", "/submit", body=body, headers=headers)
    r = conn.getresponse()
    out = (r.status, r.read())
    conn.close()
    return out


def too_large_status(length):
    """Status line the collector answers to headers announcing a body of length bytes."""
    with socket.create_connection(("127.0.0.1", int(os.environ["CRASHPIPE_COLLECTOR_PORT"])), timeout=30) as s:
        s.sendall(b"POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n" % length)
        return s.recv(4096).split(b"\r\n")[0][:12]


def multipart(parts, boundary="crashpipe-e2e-boundary"):
    """A multipart body from (name, filename or None, content type or None, bytes) parts."""
    out = b""
    for name, filename, ctype, data in parts:
        disp = 'form-data; name="%s"' % name + ('; filename="%s"' % filename if filename else "")
        out += b"--" + boundary.encode() + b"\r\nContent-Disposition: " + disp.encode() + b"\r\n"
        if ctype:
            out += b"Content-Type: " + ctype.encode() + b"\r\n"
        out += b"\r\n" + data + b"\r\n"
    return out + b"--" + boundary.encode() + b"--\r\n"


def curl_submit(fields, dump):
    """Submit like a curl-based reporter: form fields and one minidump part."""
    argv = ["curl", "-sS", "-w", "\n%{http_code}"]
    for k, v in fields:
        argv += ["-F", "%s=%s" % (k, v)]
    argv += ["-F", "upload_file_minidump=@%s" % dump, COLLECTOR + "/submit"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    body, _, status = out.rpartition("\n")
    return int(status), body


def breakpad_dumps():
    d = os.path.join(SHARED, "testdata", "breakpad")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".dmp"))


def reference_lines(dump):
    """OS and CPU lines of Breakpad's minidump_stackwalk -m for this dump."""
    ref = dump[:-4] + ".stackwalk.machine_readable.nosyms.ours-breakpad.out"
    if not os.path.exists(ref):
        return None
    with open(ref) as f:
        lines = f.read().split("\n")
    return lines[0], lines[1]


def submit_breakpad_dumps():
    """Submit every Breakpad test dump; returns {dump path: (crash id, fields)}."""
    sent = {}
    for i, dump in enumerate(breakpad_dumps()):
        fields = [("ProductName", PRODUCT), ("Version", "1.%d" % i), ("BuildID", "20261122%06d" % i),
                  ("ReleaseChannel", "nightly"), ("CrashTime", str(1795000000 + i)),
                  ("StartupTime", str(1795000000 + i - 100)), ("Note", "dump %s" % os.path.basename(dump))]
        status, body = curl_submit(fields, dump)
        m = ID_RE.match(body)
        if check(status == 200 and m, "submit %s" % os.path.basename(dump), (status, body)):
            sent[dump] = (m.group(1), dict(fields))
    print("submitted %d Breakpad test dumps through the collector" % len(sent))
    return sent


def submit_plain():
    """A curl form whose dump part is not a minidump: stored, then processed with a note."""
    path = os.path.join(VAR, "not-a-minidump.bin")
    with open(path, "wb") as f:
        f.write(b"this is not a minidump\r\n--boundary-looking line\r\n\x00\xff")
    fields = [("ProductName", PRODUCT), ("Version", "2.0"), ("ReleaseChannel", "beta"),
              ("BuildID", "20261122123456")]
    status, body = curl_submit(fields, path)
    m = ID_RE.match(body)
    if check(status == 200 and m, "plain curl submission", (status, body)):
        return m.group(1), path
    return None


def check_plain(crash_id, path):
    row = processed(crash_id)
    if not check(row is not None, "processed row for the plain curl crash"):
        return
    check_eq((row["success"], row["product"], row["version"], row["release_channel"], row["build_id"],
              row["minidump_sha256_hash"], row["mdsw_status_string"], row["json_dump"], row["signature"],
              notes(row)),
             (True, PRODUCT, "2.0", "beta", "20261122123456", sha256_file(path), "ERROR_NO_MINIDUMP_HEADER", {},
              "EMPTY: no frame data available; ERROR_NO_MINIDUMP_HEADER",
              "MinidumpStackwalkRule: upload_file_minidump: failed: 1: ERROR_NO_MINIDUMP_HEADER: "
              "signature is 0x73696874, not 0x504d444d (\"MDMP\")\n"
              "CrashingThreadInfoRule: mdsw did not identify the crashing thread\n"
              "DatesAndTimesRule: WARNING: raw_crash missing CrashTime\n"
              "DatesAndTimesRule: client_crash_date is unknown\n"
              "SignatureGenerationRule: CSignatureTool: no frame data for crashing thread (0)"),
             "plain curl crash processed with notes")
    check_api(crash_id, row)


def firefox_version():
    with open("/usr/lib/firefox-esr/application.ini") as f:
        ini = dict(l.strip().split("=", 1) for l in f if "=" in l)
    return ini["Version"], ini["BuildID"]


def submit_firefox():
    """A real Firefox ESR crash through its own crash reporter; (crash id, outdir) or None."""
    script = os.path.join(SHARED, "clients", "firefox-crash-submit.sh")
    if not os.path.exists(script) or not os.path.exists("/usr/lib/firefox-esr/firefox-esr"):
        skip("firefox-esr crash: ../shared/clients or firefox-esr is missing")
        return None
    version, build = firefox_version()
    url = "%s/submit?id={ec8030f7-c20a-464f-9b0e-13a3a9e97384}&version=%s&buildid=%s" % (
        COLLECTOR, version, build)
    outdir = os.path.join(VAR, "firefox")
    rc = subprocess.run(["bash", script, url, outdir], capture_output=True, text=True).returncode
    if not check_eq(rc, 0, "firefox-crash-submit.sh exit status"):
        for name in ("inside.log", "relay.log", "submit.log"):
            p = os.path.join(outdir, name)
            if os.path.exists(p):
                print("--- %s\n%s" % (name, open(p, errors="replace").read()[-3000:]))
        return None
    crash_id = open(os.path.join(outdir, "crash-id.txt")).read().strip()
    print("Firefox ESR %s crashed and its crash reporter submitted %s" % (version, crash_id))
    check(crash_id.startswith("bp-"), "firefox crash id has the bp- prefix", crash_id)
    return crash_id[3:], outdir


def wait_for_queue(timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if sql("SELECT count(*) FROM crashpipe.queue WHERE state = 'pending'")[0][0] == "0":
            return True
        time.sleep(0.5)
    return False


def processed(crash_id):
    """The processed_crashes row of a crash, with json_dump (kept inside processed) beside the columns."""
    rows = sql("SELECT row_to_json(p)::text FROM crashpipe.processed_crashes p WHERE crash_id = %s"
               % lit(crash_id))
    if not rows:
        return None
    row = json.loads(rows[0][0])
    row["json_dump"] = row["processed"].get("json_dump")
    return row


START_NOTE = re.compile(r"^>>> Start processing: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00 "
                        r"\(crashpipe processor \d+\)\n")


def notes(row):
    """processor_notes without their first line, which says when and by whom processing began."""
    got = row["processor_notes"]
    return START_NOTE.sub("", got) if START_NOTE.match(got) else "(no start line) " + got


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def check_api(crash_id, row):
    """The web API returns the processed crash's public part to anonymous callers."""
    status, headers, body = http("GET", WEB + "/api/ProcessedCrash/?crash_id=bp-" + crash_id)
    if not check_eq(status, 200, "web API status for %s" % crash_id):
        return
    check_eq(headers.get("Content-Type", "").split(";")[0], "application/json", "web API content type")
    doc = json.loads(body)
    public = sql("SELECT crashpipe.public_part(processed, 'processed') FROM crashpipe.processed_crashes "
                 "WHERE crash_id = %s" % lit(crash_id))
    check_eq(doc, json.loads(public[0][0]), "web API body is the public part of the processed crash %s" % crash_id)


def breakpad_frames(dump):
    """(crashing thread, [module|function|file|line]) from Breakpad's -m output with symbols."""
    ref = dump[:-4] + ".stackwalk.machine_readable.ours-breakpad.out"
    if not os.path.exists(ref):
        return None, None
    lines = [l.split("|") for l in open(ref).read().split("\n") if l]
    crash = next((l for l in lines if l[0] == "Crash"), None)
    if crash is None or len(crash) < 4 or not crash[3]:
        return None, None
    thread = crash[3]
    return int(thread), ["|".join(l[2:6]) for l in lines if l[0] == thread and len(l) == 7]


def check_frames(name, dump, row):
    """The crashing thread in json_dump has Breakpad's frames (module, function, file, line)."""
    thread, want = breakpad_frames(dump)
    if thread is None:
        return
    frames = (row["json_dump"] or {}).get("crashing_thread") or {}
    got = ["|".join("" if f.get(k) is None else str(f[k]) for k in ("module", "function", "file", "line"))
           for f in frames.get("frames", [])]
    check_eq((row["crashing_thread"], got), (thread, want), "crashing thread frames of %s against Breakpad" % name)


def check_cli_signature(name, annotations, row):
    """crashpipe-signature (the generator outside the server, fed the whole crash) agrees with the processor."""
    cli = subprocess.run([os.path.join(REPO, "extension/core/siggen/cli/crashpipe-signature"), "--json",
                          "--lists", os.path.join(REPO, "siglists")],
                         input=json.dumps(dict(annotations, **row["processed"])), capture_output=True, text=True)
    notes = [n for n in row["processor_notes"].split("\n") if n.split(": ")[0] in SIGGEN_RULES]
    check_eq(json.loads(cli.stdout or "null"),
             {"signature": row["signature"], "proto_signature": row["processed"].get("proto_signature"),
              "notes": notes}, "crashpipe-signature on the stored crash of %s" % name)


def check_breakpad_crash(dump, crash_id, fields):
    name = os.path.basename(dump)
    row = processed(crash_id)
    if not check(row is not None, "processed row for %s" % name):
        return
    check_eq((row["product"], row["version"], row["build_id"], row["release_channel"], row["uptime"]),
             (PRODUCT, fields["Version"], fields["BuildID"], "nightly", 100), "annotation fields of %s" % name)
    check_eq(row["minidump_sha256_hash"], sha256_file(dump), "minidump hash of %s" % name)
    stored = sql("SELECT encode(sha256(data), 'hex') FROM crashpipe.dumps WHERE crash_id = %s" % lit(crash_id))
    check_eq(stored, [[sha256_file(dump)]], "stored dump bytes of %s" % name)
    ref = reference_lines(dump)
    if name.startswith("microdump-"):
        check_eq((row["success"], row["mdsw_status_string"]), (True, "ERROR_NO_MINIDUMP_HEADER"),
                 "%s (a text microdump) is not a minidump" % name)
        check(notes(row).startswith("MinidumpStackwalkRule: upload_file_minidump: failed: 1: "
                                    "ERROR_NO_MINIDUMP_HEADER: signature is "),
              "processor note for %s" % name, row["processor_notes"])
    elif ref is None:
        skip("no Breakpad reference output for %s" % name)
    else:
        check_eq((row["success"], row["mdsw_status_string"]), (True, "OK"), "%s processed successfully" % name)
        si = row["json_dump"]["system_info"]
        ours = ("OS|%s|%s" % (si["os"], si["os_ver"]), "CPU|%s|%s|%s" % (si["cpu_arch"], si["cpu_info"], si["cpu_count"]))
        check_eq(ours, ref, "OS and CPU of %s against Breakpad's minidump_stackwalk -m" % name)
        # the columns are those values with white space stripped (OSInfoRule, CPUInfoRule)
        check_eq((row["os_name"], row["os_version"], row["cpu_arch"], row["cpu_info"], row["cpu_count"]),
                 (si["os"].strip(), si["os_ver"].strip(), si["cpu_arch"], si["cpu_info"], si["cpu_count"]),
                 "OS and CPU columns of %s" % name)
        check_frames(name, dump, row)
    check_cli_signature(name, fields, row)
    check_api(crash_id, row)


def wire_extra(outdir):
    """The extra JSON part the Firefox client sent in the request answered with a CrashID."""
    wire = os.path.join(outdir, "wire")
    for f in sorted(os.listdir(wire)):
        if not f.endswith(".response.raw"):
            continue
        if b"CrashID=" not in open(os.path.join(wire, f), "rb").read():
            continue
        raw = open(os.path.join(wire, f.replace(".response.", ".request.")), "rb").read()
        head, _, body = raw.partition(b"\r\n\r\n")
        boundary = re.search(rb"boundary=([^\r\n;]+)", head).group(1)
        for part in body.split(b"--" + boundary):
            phead, _, pbody = part.partition(b"\r\n\r\n")
            if b'name="extra"' in phead:
                return json.loads(pbody[:-2])
    return None


def check_firefox_crash(crash_id, outdir):
    row = processed(crash_id)
    if not check(row is not None, "processed row for the Firefox crash %s" % crash_id):
        return
    extra = wire_extra(outdir)
    if not check(extra is not None, "the Firefox request with its extra part was captured"):
        return
    esr = "esr" if extra.get("ReleaseChannel") == "esr" else ""
    check_eq((row["product"], row["version"], row["build_id"], row["release_channel"]),
             (extra["ProductName"], extra["Version"] + esr, extra["BuildID"], extra["ReleaseChannel"]),
             "Firefox product, version, build and channel")
    check_eq((row["success"], row["os_name"], row["cpu_arch"], row["cpu_count"]),
             (True, "Linux", "amd64", os.cpu_count()), "Firefox crash OS and CPU")
    dump_hash = sha256_file(os.path.join(outdir, "report.dmp"))
    check_eq((row["minidump_sha256_hash"], extra.get("MinidumpSha256Hash")), (dump_hash, dump_hash),
             "Firefox minidump hash")
    stored = json.loads(sql("SELECT annotations::text FROM crashpipe.raw_crashes WHERE crash_id = %s"
                            % lit(crash_id))[0][0])
    check(row["json_dump"]["thread_count"] > 1 and row["json_dump"]["crashing_thread"]["frames"],
          "Firefox crash walked: threads and crashing-thread frames", row["json_dump"].get("thread_count"))
    again = sql("SELECT signature FROM crashpipe.signature(%s::jsonb || %s::jsonb)"
                % (lit(json.dumps(extra)), lit(json.dumps(row["processed"]))))
    check(row["signature"] and not row["signature"].startswith("EMPTY"), "Firefox crash has a signature",
          row["signature"])
    check_eq(again, [[row["signature"]]], "Firefox signature recomputed from the stored crash")
    check_cli_signature("the Firefox crash", stored, row)
    thread = row["json_dump"]["threads"][row["crashing_thread"]]
    names = {f.get("function") or f.get("module") for f in thread["frames"]}
    check(set(row["signature"].split(" | ")) <= names, "Firefox signature is made of crashing-thread frames",
          row["signature"], sorted(n for n in names if n))
    print("Firefox crash signature: %s" % row["signature"])
    scrubbed = ("Email", "TelemetryClientId", "TelemetryServerURL", "TelemetrySessionId")
    check_eq(stored, {k: v for k, v in extra.items() if k not in scrubbed},
             "Firefox annotations stored exactly as sent, less the ones never stored")
    check_api(crash_id, row)


def check_bad_input():
    status, _, body = http("POST", COLLECTOR + "/submit", b"hello", {"Content-Type": "text/plain"})
    check_eq((status, body), (400, b"Discarded=malformed_wrong_content_type\n"), "non-multipart body")
    status, _, body = http("GET", COLLECTOR + "/nope")
    check_eq(status, 404, "unknown collector route")
    status, _, body = http("GET", WEB + "/nope")
    check_eq(status, 404, "unknown web route")
    status, _, body = http("GET", WEB + "/api/ProcessedCrash/?crash_id=garbage")
    check_eq(status, 400, "invalid crash id in the web API")
    status, body = curl_submit([("ProductName", "NoSuchProduct")], os.devnull)
    check_eq((status, body), (200, "Discarded=rule_unsupported_product\n"), "unsupported product")


MALFORMED = [
    # (what, headers, body, status, answer)
    ("no content type", {}, b"x", 400, b"Discarded=malformed_no_content_type\n"),
    ("wrong content type", {"Content-Type": "application/json"}, b"{}", 400,
     b"Discarded=malformed_wrong_content_type\n"),
    ("no boundary", {"Content-Type": "multipart/form-data"}, b"x", 400, b"Discarded=malformed_no_boundary\n"),
    ("empty body", {"Content-Type": "multipart/form-data; boundary=b"}, b"", 400,
     b"Discarded=malformed_no_content_length\n"),
    ("bad gzip", {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary", "Content-Encoding": "gzip"},
     b"this is not gzip", 400, b"Discarded=malformed_bad_gzip\n"),
    ("invalid json", {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary"},
     multipart([("extra", "extra.json", "application/json", b'{"ProductName": ')]), 400,
     b"Discarded=malformed_invalid_json\n"),
    ("json not an object", {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary"},
     multipart([("extra", "extra.json", "application/json", b'["ProductName"]')]), 400,
     b"Discarded=malformed_invalid_json_value\n"),
    ("reserved dump name", {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary"},
     multipart([("ProductName", None, None, PRODUCT.encode()), ("dump_names", "d.dmp", None, b"MDMP")]), 400,
     b"Discarded=malformed_invalid_dump_name\n"),
    ("truncated multipart", {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary"},
     multipart([("ProductName", None, None, PRODUCT.encode())])[:-30], 400,
     b"Discarded=malformed_invalid_payload_structure\n"),
    ("no annotations", {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary"},
     multipart([("upload_file_minidump", "x.dmp", "application/octet-stream", b"MDMP")]), 400,
     b"Discarded=malformed_no_annotations\n"),
]


def check_malformed():
    """Every malformed kind of the collector spec gets its exact answer, and nothing is stored."""
    before = sql("SELECT count(*) FROM crashpipe.raw_crashes")
    for what, headers, body, status, answer in MALFORMED:
        check_eq(raw_post(body, headers), (status, answer), "malformed submission: %s" % what)
    check_eq(too_large_status(26 * 1024 * 1024), b"HTTP/1.1 413", "a 26 MB body is refused before it is sent")
    check_eq(sql("SELECT count(*) FROM crashpipe.raw_crashes"), before, "malformed submissions stored nothing")


def check_gzip_and_extra():
    """A gzip body with an extra JSON part and two dumps is stored byte for byte."""
    extra = {"ProductName": PRODUCT, "Version": "3.0", "Email": "someone@example.com", "Nested": "{\"a\": [1]}"}
    dumps = {"upload_file_minidump": bytes(range(256)) * 40, "memory_report": gzip.compress(b"{}")}
    body = multipart([("extra", "extra.json", "application/json", json.dumps(extra).encode())] +
                     [(n, n + ".bin", "application/octet-stream", d) for n, d in dumps.items()])
    status, answer = raw_post(gzip.compress(body), {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary",
                                                    "Content-Encoding": "gzip"})
    m = ID_RE.match(answer.decode())
    if not check(status == 200 and m, "gzip submission accepted", (status, answer)):
        return
    crash_id = m.group(1)
    row = sql("SELECT annotations::text, metadata::text FROM crashpipe.raw_crashes WHERE crash_id = %s" % lit(crash_id))
    annotations, metadata = json.loads(row[0][0]), json.loads(row[0][1])
    check_eq(annotations, {k: v for k, v in extra.items() if k != "Email"}, "gzip crash annotations, less Email")
    check_eq((metadata["payload"], metadata["payload_compressed"], metadata["collector_notes"]),
             ("json", "1", ["Removed Email from raw crash."]), "gzip crash metadata")
    stored = dict(sql("SELECT name, encode(sha256(data), 'hex') FROM crashpipe.dumps WHERE crash_id = %s"
                      % lit(crash_id)))
    check_eq(stored, {n: hashlib.sha256(d).hexdigest() for n, d in dumps.items()}, "gzip crash dumps byte for byte")


def metrics_of(port):
    """The /metrics of the collector on port, as {series: value}."""
    status, headers, body = http("GET", "http://127.0.0.1:%d/metrics" % port)
    check_eq((status, headers.get("Content-Type")), (200, "text/plain; version=0.0.4"), "metrics page")
    series = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            series[name] = float(value)
    return series


def check_metrics():
    """Three known submissions move exactly the counters they should."""
    ctype = {"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary"}
    accepted = multipart([("ProductName", None, None, PRODUCT.encode())])
    rejected = multipart([("ProductName", None, None, b"NoSuchProduct")])
    port = int(os.environ["CRASHPIPE_COLLECTOR_PORT"])
    before = metrics_of(port)
    raw_post(b"x", {"Content-Type": "multipart/form-data"})
    raw_post(accepted, ctype)
    raw_post(rejected, ctype)
    after = metrics_of(port)
    moved = {k: after[k] - before.get(k, 0) for k in after
             if after[k] != before.get(k, 0) and "_bucket" not in k and "_sum" not in k}
    check_eq(moved, {'crashpipe_collector_crashes_total{result="accept"}': 1,
                     'crashpipe_collector_crashes_total{result="reject"}': 1,
                     'crashpipe_collector_discarded_total{reason="malformed_no_boundary"}': 1,
                     "crashpipe_collector_received_bytes_total": 1 + len(accepted) + len(rejected),
                     "crashpipe_collector_request_duration_seconds_count": 3},
             "metrics moved by one malformed, one accepted and one rejected submission")
    check_eq(after['crashpipe_collector_request_duration_seconds_bucket{le="+Inf"}'],
             after["crashpipe_collector_request_duration_seconds_count"], "histogram +Inf bucket equals count")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_spool_collector(port, spool_dir):
    """A second collector on the same database, spooling during outages."""
    log = open(os.path.join(VAR, "log", "collector-spool.log"), "ab")
    proc = subprocess.Popen([os.path.join(REPO, "collector", "crashpipe-collector"),
                             "--listen", "127.0.0.1:%d" % port, "--dsn", DSN, "--spool-dir", spool_dir],
                            stdout=log, stderr=log)
    for _ in range(100):
        try:
            if http("GET", "http://127.0.0.1:%d/__lbheartbeat__" % port)[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.1)
    return proc


def spool_files(spool_dir):
    return sorted(f for f in os.listdir(spool_dir) if f.endswith(".crash"))


def spool_submit(port, n):
    """Submit report n to the spooling collector; (crash id, annotations, dump bytes)."""
    annotations = {"ProductName": PRODUCT if n < 2 else "NoSuchProduct", "Version": "spool.%d" % n}
    dump = (b"spooled dump %d\r\n--" % n) * (1000 * (n + 1))
    body = multipart([("extra", "extra.json", "application/json", json.dumps(annotations).encode()),
                      ("upload_file_minidump", "d.dmp", "application/octet-stream", dump)])
    conn = httpclient.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/submit", body=body,
                 headers={"Content-Type": "multipart/form-data; boundary=crashpipe-e2e-boundary"})
    answer = conn.getresponse().read().decode()
    m = ID_RE.match(answer)
    check(m and m.group(1)[-7] == "0", "spooled submission %d answered with an accept id" % n, answer)
    return (m.group(1) if m else None), annotations, dump


def check_spooled(sent):
    """The spooled reports are stored, once each, exactly as sent."""
    for crash_id, annotations, dump in sent:
        rows = sql("SELECT annotations::text, throttle_result, throttle_rule, metadata->>'collector_notes',"
                   " (SELECT encode(sha256(data), 'hex') FROM crashpipe.dumps d WHERE d.crash_id = r.crash_id)"
                   " FROM crashpipe.raw_crashes r WHERE crash_id = %s" % lit(crash_id))
        if not check_eq(len(rows), 1, "spooled crash %s stored once" % crash_id):
            continue
        stored, result, rule, notes, digest = rows[0]
        rejected = annotations["ProductName"] != PRODUCT
        check_eq((json.loads(stored), result, rule, json.loads(notes), digest),
                 (annotations, "accept", "unsupported_product" if rejected else "accept_everything",
                  ["accepted during a database outage; throttle rule unsupported_product said reject"]
                  if rejected else [], hashlib.sha256(dump).hexdigest()),
                 "spooled crash %s stored exactly" % crash_id)


def wait_sql(query, want, timeout=60):
    """Poll query until it returns want, riding out a server restart; the last answer."""
    deadline, got = time.time() + timeout, None
    while time.time() < deadline:
        try:
            got = sql(query)
            if got == want:
                break
        except subprocess.CalledProcessError:
            pass
        time.sleep(0.2)
    return got


def check_worker_kill(dump):
    """A processor worker SIGKILLed in the middle of a crash loses nothing: the
    crash is processed after PostgreSQL's restart, exactly once."""
    holder = subprocess.Popen(as_owner(["psql", "-X", "-q", DSN]), stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    holder.stdin.write("BEGIN; LOCK TABLE crashpipe.processed_crashes IN ACCESS EXCLUSIVE MODE;\n")
    holder.stdin.flush()
    wait_sql("SELECT count(*) FROM pg_locks WHERE relation = 'crashpipe.processed_crashes'::regclass"
             " AND mode = 'AccessExclusiveLock' AND granted", [["1"]])
    status, body = curl_submit([("ProductName", PRODUCT), ("Version", "killed.1")], dump)
    m = ID_RE.match(body)
    if not check(status == 200 and m, "submission for the worker kill test", body):
        holder.kill()
        return
    crash_id = m.group(1)
    for _ in range(100):
        pid = sql("SELECT pid FROM crashpipe.processor_status WHERE current_crash = %s" % lit(crash_id))
        if pid:
            break
        time.sleep(0.1)
    if not check(pid, "a worker is in the middle of the crash"):
        holder.kill()
        return
    os.kill(int(pid[0][0]), 9)
    holder.stdin.close()
    holder.wait(timeout=30)
    got = wait_sql("SELECT count(*) FROM crashpipe.processed_crashes WHERE crash_id = %s" % lit(crash_id), [["1"]])
    check_eq(got, [["1"]], "the crash of the killed worker is processed once after the restart")
    check_eq(sql("SELECT count(*) FROM crashpipe.queue WHERE crash_id = %s" % lit(crash_id)), [["0"]],
             "and no longer queued")
    check_eq(sql("SELECT count(*) FROM crashpipe.raw_crashes WHERE crash_id = %s" % lit(crash_id)), [["1"]],
             "and stored once")


def check_installed_web():
    """The installed crashpipe-web (make install) finds its stylesheet in share/crashpipe."""
    binary = os.environ.get("CRASHPIPE_PGROOT", "") + "/usr/local/bin/crashpipe-web"
    if not os.path.exists(binary):
        skip("installed crashpipe-web: %s is absent" % binary)
        return
    port = free_port()
    proc = subprocess.Popen([binary, "--listen", "127.0.0.1:%d" % port, "--dsn", DSN],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    status, body = None, b""
    try:
        for _ in range(50):
            try:
                status, _, body = http("GET", "http://127.0.0.1:%d/static/style.css" % port)
                break
            except OSError:
                time.sleep(0.1)
        want = open(os.path.join(REPO, "web", "static", "style.css"), "rb").read()
        check_eq((status, body), (200, want), "installed crashpipe-web serves its stylesheet")
    finally:
        proc.terminate()
        proc.wait()


def check_outage(dump):
    """With the database down the collector answers 503 and stores nothing; then it recovers."""
    pg_ctl = [os.path.join(os.environ["CRASHPIPE_PG_BIN"], "pg_ctl"), "-D", VAR + "/pgdata"]
    spool_dir, port = os.path.join(VAR, "spool"), free_port()
    spooler = start_spool_collector(port, spool_dir)
    before = sql("SELECT count(*) FROM crashpipe.raw_crashes")
    subprocess.run(as_owner(pg_ctl + ["-m", "fast", "-w", "stop"]), check=True, capture_output=True)
    status, body = curl_submit([("ProductName", PRODUCT)], dump)
    check((status, "CrashID" in body) == (503, False), "submission while the database is down", body)
    status, _, _ = http("GET", WEB + "/api/ProcessedCrash/?crash_id=bp-de1bb258-cbbf-4589-a673-34f800160918")
    check_eq(status, 503, "web API while the database is down")
    sent = [spool_submit(port, n) for n in range(3)]
    check_eq(spool_files(spool_dir), sorted(c + ".crash" for c, _, _ in sent if c), "acknowledged reports are spooled")
    spooler.kill()
    spooler.wait()
    spooler = start_spool_collector(port, spool_dir)
    time.sleep(2.5)
    check_eq(metrics_of(port).get("crashpipe_collector_spool_depth"), 3.0, "spool depth after a restart, database down")
    subprocess.run(as_owner(pg_ctl + ["-l", VAR + "/log/postgres.log", "-w", "start"]),
                   check=True, capture_output=True)
    spooled_ids = ",".join(lit(c) for c, _, _ in sent if c) or "NULL"
    check_eq(sql("SELECT count(*) FROM crashpipe.raw_crashes WHERE crash_id NOT IN (%s)" % spooled_ids), before,
             "nothing but the spooled reports stored for the outage")
    status, body = curl_submit([("ProductName", PRODUCT)], dump)
    check(status == 200 and ID_RE.match(body), "collector recovers after the database returns", body)
    deadline = time.time() + 30
    while spool_files(spool_dir) and time.time() < deadline:
        time.sleep(0.2)
    check_eq(spool_files(spool_dir), [], "the spool is replayed once the database is back")
    check_spooled(sent)
    time.sleep(2.5)
    check_eq(metrics_of(port).get("crashpipe_collector_spool_depth"), 0.0, "spool depth after the replay")
    spooler.terminate()
    spooler.wait()


def main():
    sql("INSERT INTO crashpipe.products (name) VALUES (%s)" % lit(PRODUCT))
    check_bad_input()
    check_malformed()
    check_gzip_and_extra()
    check_metrics()
    if not os.path.isdir(os.path.join(SHARED, "testdata")):
        skip("Breakpad test dumps: ../shared/testdata is absent")
        sent = {}
    else:
        sent = submit_breakpad_dumps()
    plain = submit_plain()
    firefox = submit_firefox()
    by_clients = clients.run(sys.modules[__name__], next(iter(sent), None) or (plain and plain[1]) or os.devnull)
    check(wait_for_queue(), "queue drained")
    check_eq(sql("SELECT count(*) FROM crashpipe.queue"), [["0"]], "no crash left queued or failed")
    for dump, (crash_id, fields) in sent.items():
        check_breakpad_crash(dump, crash_id, fields)
    if plain:
        check_plain(*plain)
    if firefox:
        check_firefox_crash(*firefox)
    clients.check_processed(by_clients)
    status, headers, body = http("GET", WEB + "/")
    check_eq((status, headers.get("Content-Type", "").split(";")[0]), (200, "text/html"), "web index page")
    newest = sql("SELECT crash_id FROM crashpipe.processed_crashes ORDER BY processed_at DESC LIMIT 1")
    check(newest and newest[0][0].encode() in body, "index page lists the newest crash")
    check_installed_web()
    check_worker_kill(next(iter(sent), os.devnull))
    check_outage(next(iter(sent), os.devnull))
    print("e2e: %(passed)d passed, %(failed)d failed, %(skipped)d skipped" % counts)
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
