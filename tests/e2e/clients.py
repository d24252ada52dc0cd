"""tests/e2e/clients.py: the wire formats of Breakpad's and Crashpad's uploaders.

Imported by e2e.py, whose helpers (check, sql, ...) it is handed.  Each
submission is built the way the real client builds it, byte for byte:

* Breakpad's minidump_upload posts with libcurl's form API: the fields prod
  and ver, the dump as upload_file_minidump, and "Expect:" switched off.
  curl -F is that same libcurl code.
* Crashpad's upload thread (HTTPMultipartBuilder) sends every annotation as
  its own form part in key order, names with " CR LF % escaped as %xx, the
  dump as upload_file_minidump with filename <report uuid>.dmp, the whole
  body gzipped, chunked (its transports stream a body of unknown length),
  and product, version and guid in the query string.

Then the raw crash is read back from SQL: every annotation and every dump
byte must equal what went on the wire, and after processing the crash must
carry the product and version the client named with prod and ver.
"""
import gzip
import http.client as httpclient
import os
import random
import string
import subprocess
import urllib.parse
import uuid

T = None  # the e2e module, set by run()


def stored_crash(crash_id):
    """(annotations, collector notes, {dump name: bytes}) of a stored crash."""
    row = T.sql("SELECT annotations::text, (metadata->'collector_notes')::text FROM crashpipe.raw_crashes "
                "WHERE crash_id = %s" % T.lit(crash_id))
    if not row:
        return None, None, {}
    dumps = dict(T.sql("SELECT name, encode(data, 'hex') FROM crashpipe.dumps WHERE crash_id = %s"
                       % T.lit(crash_id)))
    return (T.json.loads(row[0][0]), T.json.loads(row[0][1]),
            {n: bytes.fromhex(h) for n, h in dumps.items()})


def minidump_upload(dump, product, version):
    """Submit as Breakpad's minidump_upload does; returns (status, body)."""
    argv = ["curl", "-sS", "-w", "\n%{http_code}", "-H", "Expect:",
            "-F", "prod=%s" % product, "-F", "ver=%s" % version,
            "-F", "upload_file_minidump=@%s" % dump, T.COLLECTOR + "/submit"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    body, _, status = out.rpartition("\n")
    return int(status), body


def check_minidump_upload(dump):
    """A minidump_upload request is stored exactly; returns (crash id, version) to check once processed."""
    status, body = minidump_upload(dump, T.PRODUCT, "5.0.1")
    m = T.ID_RE.match(body)
    if not T.check(status == 200 and m, "minidump_upload-style submission accepted", (status, body)):
        return None
    annotations, notes, dumps = stored_crash(m.group(1))
    T.check_eq(annotations, {"prod": T.PRODUCT, "ver": "5.0.1", "ProductName": T.PRODUCT, "Version": "5.0.1"},
               "minidump_upload fields stored as sent, ProductName and Version added from them")
    T.check_eq(notes, ["ProductName taken from the prod field.", "Version taken from the ver field."],
               "minidump_upload collector notes")
    with open(dump, "rb") as f:
        T.check(dumps == {"upload_file_minidump": f.read()}, "minidump_upload dump stored byte for byte",
                sorted(dumps))
    return m.group(1), "5.0.1"


def crashpad_escape(name):
    """HTTPMultipartBuilder's escaping of a form-part name."""
    return "".join("%%%02x" % ord(c) if c in '\r\n"%' else c for c in name)


def crashpad_annotations(product, version, n=300):
    """Simple annotations like a Chromium-based product's, and many more."""
    rng = random.Random(6)
    notes = {"prod": product, "ver": version, "guid": uuid.UUID(int=rng.getrandbits(128)).hex,
             "plat": "Linux", "ptype": "browser", "pid": "4242", "channel": "beta",
             "list_annotations": "flag one\nflag two\nGPU: 0x10de",
             'quote"and%percent': "a value with \"quotes\" and a\r\nline break",
             "unicode": "caf\u00e9 \u2603 \U0001f4a5"}
    for i in range(n - len(notes)):
        notes["annotation_%03d" % i] = "".join(rng.choice(string.ascii_letters + string.digits + " _-./:")
                                               for _ in range(rng.randrange(0, 120)))
    return notes


def crashpad_body(annotations, dump_bytes, report_uuid):
    """The multipart body Crashpad builds (before gzip) and its boundary."""
    rng = random.Random(7)
    boundary = "---MultipartBoundary-%s---" % "".join(rng.choice(string.ascii_letters + string.digits)
                                                       for _ in range(32))
    out = []
    for key in sorted(annotations):
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                    % (boundary, crashpad_escape(key), annotations[key])).encode())
    out.append(("--%s\r\nContent-Disposition: form-data; name=\"upload_file_minidump\"; filename=\"%s.dmp\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (boundary, report_uuid)).encode())
    out.append(dump_bytes + b"\r\n" + ("--%s--\r\n" % boundary).encode())
    return b"".join(out), boundary


def crashpad_upload(annotations, dump_bytes):
    """POST like Crashpad: gzip, chunked, client identified in the URL; (status, body)."""
    report_uuid = uuid.UUID(int=random.Random(8).getrandbits(128))
    body, boundary = crashpad_body(annotations, dump_bytes, report_uuid)
    packed = gzip.compress(body)
    query = urllib.parse.urlencode({"product": annotations["prod"], "version": annotations["ver"],
                                    "guid": annotations["guid"]})
    conn = httpclient.HTTPConnection("127.0.0.1", int(os.environ["CRASHPIPE_COLLECTOR_PORT"]), timeout=60)
    chunks = (packed[i:i + 32768] for i in range(0, len(packed), 32768))
    conn.request("POST", "/submit?" + query, body=chunks, encode_chunked=True,
                 headers={"Content-Type": "multipart/form-data; boundary=%s" % boundary,
                          "Content-Encoding": "gzip", "User-Agent": "Crashpad/0.8.0"})
    r = conn.getresponse()
    out = (r.status, r.read().decode())
    conn.close()
    return out


def check_crashpad(dump):
    """A Crashpad upload with 300 annotations is stored exactly; returns (crash id, version)."""
    annotations = crashpad_annotations(T.PRODUCT, "6.0.2")
    with open(dump, "rb") as f:
        dump_bytes = f.read()
    status, body = crashpad_upload(annotations, dump_bytes)
    m = T.ID_RE.match(body)
    if not T.check(status == 200 and m, "Crashpad-style gzip chunked upload accepted", (status, body)):
        return None
    stored, notes, dumps = stored_crash(m.group(1))
    wire = {crashpad_escape(k): v for k, v in annotations.items()}
    T.check_eq(stored, dict(wire, ProductName=T.PRODUCT, Version="6.0.2"),
               "Crashpad's %d annotations stored as sent, ProductName and Version added" % len(wire))
    T.check_eq(notes, ["ProductName taken from the prod field.", "Version taken from the ver field."],
               "Crashpad collector notes")
    T.check(dumps == {"upload_file_minidump": dump_bytes}, "Crashpad dump stored byte for byte", sorted(dumps))
    metadata = T.json.loads(T.sql("SELECT metadata::text FROM crashpipe.raw_crashes WHERE crash_id = %s"
                                  % T.lit(m.group(1)))[0][0])
    T.check_eq((metadata["payload"], metadata["payload_compressed"], metadata["user_agent"]),
               ("multipart", "1", "Crashpad/0.8.0"), "Crashpad crash metadata")
    return m.group(1), "6.0.2"


def check_processed(sent):
    """Once processed, the crashes of both clients carry the product and version they named."""
    for crash_id, version in sent:
        row = T.processed(crash_id)
        if T.check(row is not None, "processed row for %s" % crash_id):
            T.check_eq((row["product"], row["version"]), (T.PRODUCT, version),
                       "product and version of %s from prod and ver" % crash_id)


def run(e2e, dump):
    """Submit with both clients' wire formats; returns what check_processed wants later."""
    global T
    T = e2e
    sent = [check_minidump_upload(dump), check_crashpad(dump)]
    return [s for s in sent if s]
