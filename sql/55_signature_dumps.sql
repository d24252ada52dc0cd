-- Signatures of every test dump in ../shared/testdata (Breakpad's, and
-- rust-minidump's), walked with their symbols and signed with crashpipe's
-- own lists, as the processor does it: a dump the stack walker cannot read
-- (the text microdumps, the deliberately broken ones) is signed without a
-- json_dump.  Also a real Firefox ESR crash: its crashing thread as this
-- repository keeps it (tests/data/firefox-esr-crash.json, from a crash of
-- Debian's firefox-esr made by ../shared/clients/firefox-crash-submit.sh;
-- a fresh crash is signed in the end-to-end test, where the thread that
-- takes the signal, and so the signature, varies from run to run).
-- Without ../shared the dump part prints nothing (55_signature_dumps_1.out).
--
-- Why these signatures are the sensible ones:
--   * Windows dumps without symbols: the first module frame (crashme.exe,
--     tiny.exe), merged over repeats; exec_av_on_stack crashed executing the
--     stack, so its first frame is just an address (@0x3df944).
--   * Linux "driver" dumps without symbols: the program's own module, the
--     libc, libpthread and ld.so frames above it being irrelevant; the ones
--     that crashed in code outside any module show the address.
--   * With symbols: the function that crashed (crash, CrashFunction), or for
--     glibc's fatal-error paths (abort, __fortify_fail, __stack_chk_fail and
--     the stack walk glibc does to report them) the caller that failed the
--     check: overflow, stack_smash.
--   * The Firefox crash was a SIGSEGV sent while the main thread waited in
--     libc; without Firefox's symbols the first relevant frame is libxul.so.
SELECT coalesce(current_setting('regress.shared_testdata', true), '/nonexistent') AS testdata \gset
SELECT (pg_stat_file(:'testdata', true)).isdir IS TRUE AS have_testdata \gset

-- the signature of one dump file, walked with the symbols of dir, and why
-- it has no json_dump when the walker refused it
CREATE FUNCTION pg_temp.dump_signature(dir text, dump text, OUT signature text, OUT walk_error text)
LANGUAGE plpgsql AS $$
DECLARE
    walked jsonb;
BEGIN
    PERFORM set_config('crashpipe.symbol_paths', dir || '/symbols', true);
    BEGIN
        walked := crashpipe.stackwalk(pg_read_binary_file(dir || '/' || dump));
    EXCEPTION WHEN data_corrupted OR invalid_parameter_value OR program_limit_exceeded THEN
        walk_error := SQLERRM;
    END;
    SELECT s.signature INTO signature
    FROM crashpipe.signature(CASE WHEN walked IS NULL THEN '{}' ELSE jsonb_build_object('json_dump', walked) END) AS s;
END
$$;

\if :have_testdata
SELECT d.set, f.dump, s.signature, s.walk_error
FROM (VALUES ('breakpad', :'testdata' || '/breakpad'),
             ('rust-minidump', :'testdata' || '/rust-minidump/testdata')) AS d(set, path),
     LATERAL pg_ls_dir(d.path) AS f(dump),
     LATERAL pg_temp.dump_signature(d.path, f.dump) AS s
WHERE f.dump LIKE '%.dmp'
ORDER BY 1, 2;
\endif

-- the Firefox ESR crash: signature, notes and the first frames of the proto signature
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT pg_read_file(:'abs_srcdir' || '/tests/data/firefox-esr-crash.json') AS firefox \gset
SELECT s.signature, s.notes, array_to_string((string_to_array(s.proto_signature, ' | '))[1:9], ' | ') AS proto_start
FROM crashpipe.signature(:'firefox') AS s;
