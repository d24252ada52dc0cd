#!/usr/bin/env python3
"""tests/e2e/web_api.py: crashpipe-web's JSON API, sessions and input checks.

Run by tests/e2e/run.sh against its throwaway instance (the web front of
make up).  Inserts crashes of its own (product WebApiTest) with protected
keys and annotations, then checks over real HTTP: what each kind of caller
gets from /api/ProcessedCrash/ and /api/RawCrash/ (exact bodies), the
overview routes' exact answers, browser sessions with their CSRF checks,
and for every route bad parameters and SQL-injection attempts, which must
be refused with 400 and a message and must change nothing in the database.
Deletes its rows at the end.  Prints "web_api: N passed, N failed".
"""
import http.client
import json
import os
import sys
import urllib.parse
from datetime import datetime, timezone

from e2e import check, check_eq, counts, sql as sql_rows

PORT = int(os.environ["CRASHPIPE_WEB_PORT"])
TODAY = datetime.now(timezone.utc)
DAY = TODAY.strftime("%y%m%d")
ID = "0e1b0a11-0000-4000-8000-0000a1" + DAY
ID_NONE = "0e1b0a11-0000-4000-8000-0000a2" + DAY
PRODUCT = "WebApiTest"
SIGNATURE = "web_api | crash"
DUMP = b"MDMP\x93\xa7\x00\x00not really a dump\x00\xff"
PUBLIC = {"uuid": ID, "product": PRODUCT, "version": "7.0", "signature": SIGNATURE, "os_name": "Linux"}
PROTECTED = {"url": "https://secret.example/x", "user_comments": "call me at 555"}
ANNOTATIONS = {"ProductName": PRODUCT, "Version": "7.0", "URL": "https://secret.example/x",
               "Comments": "call me at 555", "Email": "me@secret.example"}


def sql(query):
    """The last value psql prints for the statements (e2e.sql's rows, joined)."""
    rows = sql_rows(query)
    return rows[-1][0] if rows else ""


def request(method, path, headers=None, body=None):
    """(status, headers as a list of pairs, body bytes); no redirect is followed."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    out = (r.status, r.getheaders(), r.read())
    conn.close()
    return out


def get_json(path, token=None, cookie=None):
    headers = {}
    if token:
        headers["Auth-Token"] = token
    if cookie:
        headers["Cookie"] = cookie
    status, _, body = request("GET", path, headers)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body


def form(fields):
    return urllib.parse.urlencode(fields, doseq=True)


def setup():
    """The test's product, crash, raw crash, dump, signature and tokens."""
    processed = json.dumps({**PUBLIC, **PROTECTED})
    sql("""
DELETE FROM crashpipe.api_tokens WHERE owner LIKE 'web-api-%%';
SELECT crashpipe.ensure_partitions(crashpipe.crash_id_date('%(id)s'));
INSERT INTO crashpipe.products (name, bug_url) VALUES ('%(product)s', NULL) ON CONFLICT DO NOTHING;
INSERT INTO crashpipe.processed_crashes (crash_id, crash_date, submitted_at, success, product, version,
    os_name, signature, processed)
VALUES ('%(id)s', crashpipe.crash_id_date('%(id)s'), now(), true, '%(product)s', '7.0', 'Linux',
    '%(sig)s', '%(processed)s');
INSERT INTO crashpipe.raw_crashes (crash_id, crash_date, submitted_at, product, version, annotations,
    metadata, throttle_result, throttle_rule)
VALUES ('%(id)s', crashpipe.crash_id_date('%(id)s'), '2026-01-02 03:04:05+00', '%(product)s', '7.0',
    '%(annotations)s', '{"user_agent": "web-api-test"}', 'accept', 'web-api');
INSERT INTO crashpipe.dumps (crash_id, crash_date, name, data, sha256)
VALUES ('%(id)s', crashpipe.crash_id_date('%(id)s'), 'upload_file_minidump', '\\x%(dump)s', 'x');
INSERT INTO crashpipe.signatures (signature, first_seen, first_build, bug_ids)
VALUES ('%(sig)s', '2026-01-02 03:04:05+00', '20260102030405', '{1234,99}');
""" % {"id": ID, "product": PRODUCT, "sig": SIGNATURE, "processed": processed.replace("'", "''"),
       "annotations": json.dumps(ANNOTATIONS), "dump": DUMP.hex()})
    return {name: sql("SELECT crashpipe.create_token('web-api-%s', '%s')" % (name, perms))
            for name, perms in [("plain", "{}"), ("pii", "{view_pii}"), ("rawdump", "{view_rawdump}"),
                                ("reprocess", "{reprocess_crashes}")]}


def teardown():
    sql("""
DELETE FROM crashpipe.processed_crashes WHERE crash_id = '%(id)s';
DELETE FROM crashpipe.dumps WHERE crash_id = '%(id)s';
DELETE FROM crashpipe.raw_crashes WHERE crash_id = '%(id)s';
DELETE FROM crashpipe.signatures WHERE signature = '%(sig)s';
DELETE FROM crashpipe.products WHERE name = '%(product)s';
DELETE FROM crashpipe.api_tokens WHERE owner LIKE 'web-api-%%';
""" % {"id": ID, "sig": SIGNATURE, "product": PRODUCT})


def check_crash_reads(tokens):
    """Protected keys and annotations reach only view_pii; raw dumps only view_rawdump."""
    path = "/api/ProcessedCrash/?crash_id=" + ID
    for who in (None, "plain", "rawdump", "reprocess"):
        check_eq(get_json(path, tokens.get(who)), (200, PUBLIC), "processed crash for %s: public keys only" % who)
    check_eq(get_json(path, tokens["pii"]), (200, {**PUBLIC, **PROTECTED}), "processed crash for view_pii: all")
    raw = "/api/RawCrash/?crash_id=" + ID
    public = {"uuid": ID, "ProductName": PRODUCT, "Version": "7.0",
              "submitted_timestamp": "2026-01-02T03:04:05+00:00"}
    for who in (None, "plain", "rawdump"):
        check_eq(get_json(raw, tokens.get(who)), (200, public), "raw crash for %s: public annotations" % who)
    check_eq(get_json(raw, tokens["pii"]),
             (200, {**public, **ANNOTATIONS, "metadata": {"user_agent": "web-api-test"}}),
             "raw crash for view_pii: every annotation and the metadata")
    dump = raw + "&format=raw"
    for who in (None, "plain", "pii"):
        check_eq(get_json(dump, tokens.get(who)),
                 (403, {"error": "this needs an API token with the permission view_rawdump"}),
                 "raw dump refused to %s" % who)
    status, headers, body = request("GET", dump, {"Auth-Token": tokens["rawdump"]})
    check_eq((status, dict(headers).get("Content-Type"), body), (200, "application/octet-stream", DUMP),
             "raw dump bytes for view_rawdump")
    check_eq(get_json(dump + "&name=memory_report", tokens["rawdump"]),
             (404, {"error": "crash not found", "crash_id": ID}), "raw dump of a part that is not there")
    check_eq(get_json("/api/RawCrash/?crash_id=" + ID_NONE), (404, {"error": "crash not found", "crash_id": ID_NONE}),
             "raw crash that is not there")


def check_overview():
    """Exact answers of the overview routes for the test's data."""
    sig = urllib.parse.quote(SIGNATURE)
    check_eq(get_json("/api/SignatureFirstDate/?signatures=%s&signatures=never" % sig),
             (200, {"hits": [{"signature": SIGNATURE, "first_date": "2026-01-02T03:04:05+00:00",
                              "first_build": "20260102030405"}], "total": 1}), "signature first date")
    check_eq(get_json("/api/Bugs/?signatures=" + sig),
             (200, {"hits": [{"id": 99, "signature": SIGNATURE}, {"id": 1234, "signature": SIGNATURE}],
                    "total": 2}), "bugs of a signature")
    check_eq(get_json("/api/CrashesPerDay/?product=%s&days=1" % PRODUCT),
             (200, {"product": PRODUCT, "days": [TODAY.strftime("%Y-%m-%d")],
                    "versions": [{"version": "7.0", "total": 1, "by_day": {TODAY.strftime("%Y-%m-%d"): 1}}]}),
             "crashes per day")
    status, products = get_json("/api/Products/")
    check_eq((status, {"product": PRODUCT, "channels": [], "bug_url": None} in products["hits"]), (200, True),
             "products list the test's product")
    status, jobs = get_json("/api/JobStatus/")
    check_eq((status, sorted(j["name"] for j in jobs["hits"])),
             (200, ["partitions", "retention", "signature_daily", "signature_first_seen"]), "job status")
    status, st = get_json("/api/Status/")
    check_eq((status, sorted(st), st["queue"]["failed"]),
             (200, ["latest_processed_at", "processors", "queue", "version"], 0), "status")
    check_eq(get_json("/api/Session/"), (200, {"owner": None, "permissions": []}), "anonymous session")


def cookies_of(headers):
    """The Set-Cookie headers as {name: (value, attributes)}."""
    out = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair, _, attributes = value.partition("; ")
            key, _, val = pair.partition("=")
            out[key] = (val, attributes)
    return out


def login(token):
    status, headers, _ = request("POST", "/session/login", {"Content-Type": "application/x-www-form-urlencoded"},
                                 form({"token": token}))
    return status, dict(headers).get("Location"), cookies_of(headers)


def check_sessions(tokens):
    """Login cookies, the session they give, and the CSRF checks of form posts."""
    status, location, cookies = login(tokens["reprocess"])
    check_eq((status, location, sorted(cookies)), (303, "/", ["crashpipe_csrf", "crashpipe_token"]), "login")
    check_eq(cookies["crashpipe_token"], (tokens["reprocess"], "HttpOnly; Path=/; SameSite=Strict; Max-Age=2592000"),
             "session cookie is HttpOnly and SameSite=Strict")
    csrf = cookies["crashpipe_csrf"][0]
    check(len(csrf) == 64 and csrf != login(tokens["reprocess"])[2]["crashpipe_csrf"][0],
          "CSRF value is random per login", csrf)
    jar = "crashpipe_token=%s; crashpipe_csrf=%s" % (tokens["reprocess"], csrf)
    check_eq(get_json("/api/Session/", cookie=jar),
             (200, {"owner": "web-api-reprocess", "permissions": ["reprocess_crashes"]}), "session from the cookie")
    post = lambda headers, fields: request("POST", "/api/Reprocessing/", {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": jar, **headers}, form(fields))
    refused = b'{"error": "missing or wrong CSRF token: reload the page and try again"}'
    unknown = ('{"error": "crash %s does not exist"}' % ID_NONE).encode()
    for what, headers, fields, want in [
            ("without CSRF token", {}, {"crash_ids": ID_NONE}, (403, refused)),
            ("with a wrong CSRF token", {}, {"crash_ids": ID_NONE, "csrf_token": "0" * 64}, (403, refused)),
            ("with the CSRF field", {}, {"crash_ids": ID_NONE, "csrf_token": csrf}, (404, unknown)),
            ("with the CSRF header", {"X-CSRF-Token": csrf}, {"crash_ids": ID_NONE}, (404, unknown)),
            ("from another origin", {"Origin": "http://evil.example", "X-CSRF-Token": csrf}, {"crash_ids": ID_NONE},
             (403, b'{"error": "cross-site form post refused"}'))]:
        status, _, body = post(headers, fields)
        check_eq((status, body), want, "cookie post %s" % what)
    status, _, body = request("POST", "/session/login", {"Origin": "http://evil.example",
                                                         "Content-Type": "application/x-www-form-urlencoded"},
                              form({"token": tokens["pii"]}))
    check_eq((status, body), (403, b"cross-site form post refused\n"), "login from another origin refused")
    check_eq(login("not-a-token")[0], 403, "login with an unknown token refused")
    check_eq(login("bad token;")[0], 400, "login with a malformed token refused")
    check_eq(get_json("/api/Session/", cookie="crashpipe_token=" + "f" * 64), (200, {"owner": None, "permissions": []}),
             "an unknown session cookie is anonymous")
    status, headers, _ = request("POST", "/session/logout", {"Cookie": jar, "X-CSRF-Token": csrf})
    check_eq((status, {k: v[0] for k, v in cookies_of(headers).items()}),
             (303, {"crashpipe_token": "", "crashpipe_csrf": ""}), "logout clears both cookies")


def fingerprint():
    """A digest of every table a request could change."""
    return sql("""SELECT md5(string_agg(t, '|')) FROM (
        SELECT (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY crash_id), '')) FROM crashpipe.processed_crashes p)
        UNION ALL SELECT (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY crash_id), '')) FROM crashpipe.raw_crashes r)
        UNION ALL SELECT (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY signature), '')) FROM crashpipe.signatures s)
        UNION ALL SELECT (SELECT md5(coalesce(string_agg(q::text, ',' ORDER BY crash_id), '')) FROM crashpipe.queue q)
        UNION ALL SELECT (SELECT md5(coalesce(string_agg(a.owner || a.permissions::text, ',' ORDER BY a.owner), ''))
                          FROM crashpipe.api_tokens a)
        UNION ALL SELECT (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY name), '')) FROM crashpipe.products p)
        UNION ALL SELECT (SELECT md5(coalesce(string_agg(t::text, ','), '')) FROM pg_tables t
                          WHERE schemaname = 'crashpipe')) x(t)""")


INJECTIONS = ["' OR '1'='1", "'; DROP TABLE crashpipe.signatures; --", "x') UNION SELECT token_hash FROM crashpipe.api_tokens --",
              "\\'; SELECT pg_sleep(5); --", "$1", "%00", "{\"a\": 1}", "1; DELETE FROM crashpipe.processed_crashes"]

# (path, query, status, error message): every route's bad parameters.
BAD = [
    ("/api/ProcessedCrash/", "", 400, "missing parameter crash_id"),
    ("/api/ProcessedCrash/", "crash_id=" + ID + "&crash_id=" + ID, 400, "parameter crash_id given more than once"),
    ("/api/ProcessedCrash/", "crash_id=" + ID + "&datatype=raw", 400, "parameter datatype must be one of: processed"),
    ("/api/ProcessedCrash/", "crash_id=%C0%AF", 400, "parameter crash_id is not UTF-8 text without control characters"),
    ("/api/ProcessedCrash/", "crash_id=a%0Ab", 400, "parameter crash_id is not UTF-8 text without control characters"),
    ("/api/ProcessedCrash/", "crash_id=" + "a" * 1025, 400, "parameter crash_id is too long (at most 1024 bytes)"),
    ("/api/RawCrash/", "crash_id=" + ID + "&format=xml", 400, "parameter format must be one of: meta, raw"),
    ("/api/RawCrash/", "crash_id=" + ID + "&name=x", 400, "parameter name is only for format=raw"),
    ("/api/RawCrash/", "format=meta", 400, "missing parameter crash_id"),
    ("/api/SignatureFirstDate/", "", 400, "missing parameter signatures"),
    ("/api/SignatureFirstDate/", "&".join(["signatures=s%d" % i for i in range(101)]), 400,
     "too many values of parameter signatures (at most 100)"),
    ("/api/Bugs/", "", 400, "missing parameter signatures"),
    ("/api/CrashesPerDay/", "", 400, "missing parameter product"),
    ("/api/CrashesPerDay/", "product=%s&days=0" % PRODUCT, 400, "parameter days must be a whole number from 1 to 90"),
    ("/api/CrashesPerDay/", "product=%s&days=91" % PRODUCT, 400, "parameter days must be a whole number from 1 to 90"),
    ("/api/CrashesPerDay/", "product=%s&days=7x" % PRODUCT, 400, "parameter days must be a whole number from 1 to 90"),
    ("/api/CrashesPerDay/", "product=%s&days=99999999999" % PRODUCT, 400,
     "parameter days must be a whole number from 1 to 90"),
    ("/api/CrashesPerDay/", "product=Nope", 400, "unknown product \"Nope\""),
]
ROUTES = ["/api/ProcessedCrash/", "/api/RawCrash/", "/api/Status/", "/api/SignatureFirstDate/", "/api/Bugs/",
          "/api/JobStatus/", "/api/Products/", "/api/CrashesPerDay/", "/api/Session/"]


def check_bad_input(tokens):
    """400s with their message for bad parameters and injections; nothing changes."""
    before = fingerprint()
    for path, q, status, message in BAD:
        check_eq(get_json(path + "?" + q, tokens["pii"]), (status, {"error": message}), "%s?%s" % (path, q[:60]))
    for path in ROUTES:
        check_eq(get_json(path + "?zzz%27--=1"), (400, {"error": "unknown parameter \"zzz'--\""}),
                 "%s refuses an unknown parameter" % path)
    for payload in INJECTIONS:
        value = urllib.parse.quote(payload)
        for path, q in [("/api/ProcessedCrash/", "crash_id="), ("/api/RawCrash/", "crash_id="),
                        ("/api/RawCrash/", "crash_id=%s&format=raw&name=" % ID)]:
            status, body = get_json(path + "?" + q + value, tokens["rawdump"])
            check(status == 400 and "error" in body, "%s?%s%r refused" % (path, q, payload), (status, body))
        status, body = get_json("/api/CrashesPerDay/?product=" + value)
        check_eq((status, body), (400, {"error": "unknown product \"%s\"" % payload}),
                 "CrashesPerDay product %r is just an unknown product" % payload)
        for path in ("/api/SignatureFirstDate/", "/api/Bugs/"):
            check_eq(get_json(path + "?signatures=" + value), (200, {"hits": [], "total": 0}),
                     "%s signature %r is just a string" % (path, payload))
        status, _, body = request("POST", "/api/Reprocessing/", {"Auth-Token": tokens["reprocess"],
                                  "Content-Type": "application/x-www-form-urlencoded"}, form({"crash_ids": payload}))
        check_eq(status, 400, "reprocessing crash id %r refused" % payload)
    check_eq(fingerprint(), before, "bad requests changed nothing in the database")


def check_pages():
    """Every page is its HTML file with its script, under the security headers."""
    pages = {"/search/": "search", "/topcrashers/": "topcrashers", "/signature/?signature=x": "signature",
             "/report/index/" + ID: "report", "/home/product/Firefox": "product", "/jobs/": "jobs",
             "/login/": "login"}
    for path, name in pages.items():
        status, headers, body = request("GET", path)
        h = dict(headers)
        check_eq((status, h.get("Content-Type"), h.get("Content-Security-Policy"), h.get("X-Frame-Options"),
                  h.get("Cache-Control"), ('<script type="module" src="/static/%s.js">' % name).encode() in body),
                 (200, "text/html; charset=utf-8", "default-src 'self'", "DENY", "no-store", True), "page " + path)
    status, headers, _ = request("GET", "/static/common.js")
    check_eq((status, dict(headers).get("Content-Type")), (200, "text/javascript; charset=utf-8"), "script type")
    check_eq(request("POST", "/search/", {}, "a=1")[0], 405, "pages take no posts")


def main():
    tokens = setup()
    try:
        check_crash_reads(tokens)
        check_overview()
        check_sessions(tokens)
        check_bad_input(tokens)
        check_pages()
    finally:
        teardown()
    print("web_api: %(passed)d passed, %(failed)d failed" % counts)
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
