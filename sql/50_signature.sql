-- Crash signatures with the lists in crashpipe.siglists: crashpipe's own
-- defaults (siglists/), edits that reach the next call in this and other
-- sessions, refused bad patterns, and lists loaded from files.

-- a crash_data object whose thread 0 has these function names (a name
-- "module:x" is a frame with only a module)
CREATE FUNCTION pg_temp.stack(VARIADIC names text[]) RETURNS jsonb
LANGUAGE sql AS $$
    SELECT jsonb_build_object('crashing_thread', 0, 'threads', jsonb_build_array(jsonb_build_object(
        'frames', (SELECT jsonb_agg(CASE WHEN n LIKE 'module:%' THEN jsonb_build_object('module', substr(n, 8))
                                         ELSE jsonb_build_object('function', n) END ORDER BY i)
                   FROM unnest(names) WITH ORDINALITY AS u(n, i)))))
$$;

-- the defaults: one row per entry, positions are lines of siglists/*.txt
SELECT list, count(*) AS entries, min(position) AS first_line
FROM crashpipe.siglists GROUP BY list ORDER BY list;

-- glibc abort in free(): abort machinery skipped, free is a prefix
SELECT * FROM crashpipe.signature(pg_temp.stack('__pthread_kill_implementation', 'raise', 'abort',
    '__libc_message', 'malloc_printerr', '_int_free', 'free', 'Parser::~Parser()', 'main'));
-- Windows: exception dispatch above the sentinel dropped, module names lowercased
SELECT * FROM crashpipe.signature(pg_temp.stack('module:KERNELBASE.dll', 'RaiseException',
    'KiUserExceptionDispatcher', 'memcpy', 'Buffer::Append(char const*, unsigned int)', 'WinMain')
    || '{"os": "Windows NT"}');
-- lock waits are prefixes: the signature runs to the first real frame
SELECT signature FROM crashpipe.signature(pg_temp.stack('KiFastSystemCallRet', 'NtWaitForSingleObject',
    'RtlpWaitOnCriticalSection', 'RtlEnterCriticalSection', 'PR_Lock', 'nsFoo::Bar'));
-- macOS: libsystem frames without symbols are irrelevant
SELECT signature FROM crashpipe.signature(pg_temp.stack('module:libsystem_kernel.dylib', '__pthread_kill',
    'pthread_kill', 'abort', 'std::__terminate(void (*)())', '__cxa_throw', 'Engine::Start()'));
-- a C++ pure virtual call is a sentinel and keeps its caller
SELECT signature FROM crashpipe.signature(pg_temp.stack('abort', '__cxa_pure_virtual',
    'Widget::Paint()', 'main'));
-- Rust panic: everything up to the panic sentinels is dropped
SELECT signature FROM crashpipe.signature(pg_temp.stack('std::sys::pal::unix::abort_internal',
    'std::process::abort', 'rust_panic', 'rust_begin_unwind', 'core::panicking::panic_fmt',
    'core::panicking::panic_bounds_check', 'mycrate::parse::header', 'main'));
-- an interpreter loop keeps its line number
SELECT signature FROM crashpipe.signature(
    '{"crashing_thread": 0, "threads": [{"frames": [{"function": "memcpy"},
      {"function": "ExecInterpExpr", "file": "execExprInterp.c", "line": 1234}]}]}');
-- no frames at all, a Java stack trace, an abort message
SELECT * FROM crashpipe.signature('{}');
SELECT signature FROM crashpipe.signature('{"java_stack_trace": "java.lang.NullPointerException: boom\n\tat org.example.Foo.bar(Foo.java:12)"}');
SELECT signature FROM crashpipe.signature(pg_temp.stack('abort', 'Foo::Check()')
    || '{"abort_message": "assertion failed: x > 0"}');
-- a processed crash (with json_dump) is converted to crash_data first
SELECT crashpipe.signature_crash_data('{"json_dump": {"crash_info": {"crashing_thread": 1, "type": "SIGSEGV"},
    "system_info": {"os": "Linux"}, "threads": []}, "AbortMessage": "x", "oom_allocation_size": "42"}');
SELECT signature, proto_signature FROM crashpipe.signature('{"json_dump": {"crash_info": {"crashing_thread": 1},
    "threads": [{"frames": [{"function": "a"}]}, {"frames": [{"function": "raise"}, {"function": "Crashy::Run()"}]}]}}');
-- only objects
SELECT * FROM crashpipe.signature('[1, 2]');

-- an edit takes effect for the next call in the same session
INSERT INTO crashpipe.siglists VALUES ('irrelevant', 1000, 'Parser::');
SELECT signature FROM crashpipe.signature(pg_temp.stack('free', 'Parser::~Parser()', 'main'));
UPDATE crashpipe.siglists SET pattern = 'Lexer::' WHERE list = 'irrelevant' AND position = 1000;
SELECT signature FROM crashpipe.signature(pg_temp.stack('free', 'Parser::~Parser()', 'main'));

-- ... and in another session that already has the lists cached
CREATE EXTENSION dblink;
SELECT dblink_connect('other', format('dbname=%s port=%s host=%s', current_database(),
    current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1))) AS connected;
SELECT * FROM dblink('other', $$SELECT signature FROM crashpipe.signature('{"threads": [{"frames":
    [{"function": "free"}, {"function": "Lexer::Next()"}, {"function": "main"}]}]}')$$) AS t(signature text);
DELETE FROM crashpipe.siglists WHERE list = 'irrelevant' AND position = 1000;
SELECT * FROM dblink('other', $$SELECT signature FROM crashpipe.signature('{"threads": [{"frames":
    [{"function": "free"}, {"function": "Lexer::Next()"}, {"function": "main"}]}]}')$$) AS t(signature text);
-- an edit rolled back leaves the other session (and this one) on the old lists
BEGIN;
INSERT INTO crashpipe.siglists VALUES ('prefix', 1000, 'Lexer::');
SELECT signature FROM crashpipe.signature(pg_temp.stack('free', 'Lexer::Next()', 'main'));
ROLLBACK;
SELECT signature FROM crashpipe.signature(pg_temp.stack('free', 'Lexer::Next()', 'main'));
SELECT * FROM dblink('other', $$SELECT signature FROM crashpipe.signature('{"threads": [{"frames":
    [{"function": "free"}, {"function": "Lexer::Next()"}, {"function": "main"}]}]}')$$) AS t(signature text);
SELECT dblink_disconnect('other');

-- an invalid regular expression is refused with its line and PCRE2's reason
INSERT INTO crashpipe.siglists VALUES ('irrelevant', 1000, 'Parser::'), ('prefix', 1001, 'Broken(');
UPDATE crashpipe.siglists SET pattern = 'free[' WHERE list = 'prefix' AND pattern = 'free$';
-- a sentinel is an exact string, not a regular expression
INSERT INTO crashpipe.siglists VALUES ('sentinels', 1000, 'Broken(');
DELETE FROM crashpipe.siglists WHERE list = 'sentinels' AND position = 1000;
-- entries are single non-blank lines, not comments
INSERT INTO crashpipe.siglists VALUES ('prefix', 1002, '# a note');
-- the previous lists are still in force
SELECT count(*) FROM crashpipe.siglists WHERE pattern IN ('Parser::', 'Broken(', 'free[');
SELECT signature FROM crashpipe.signature(pg_temp.stack('free', 'Parser::~Parser()', 'main'));

-- a new session sees the same lists
\c
SELECT signature FROM crashpipe.signature('{"threads": [{"frames": [{"function": "raise"},
    {"function": "free"}, {"function": "Parser::~Parser()"}]}]}');

-- load_siglists reads the four files; position is the file's line number
SELECT current_setting('data_directory') AS dir \gset
\set irrelevant :dir/irrelevant_signature_re.txt
\set prefix :dir/prefix_signature_re.txt
\set sentinels :dir/signature_sentinels.txt
\set line_numbers :dir/signatures_with_line_numbers_re.txt
BEGIN;
COPY (VALUES ('# test lists'), (''), ('Parser::'), ('raise')) TO :'irrelevant';
COPY (VALUES ('free$')) TO :'prefix';
COPY (VALUES ('')) TO :'sentinels';
COPY (VALUES ('')) TO :'line_numbers';
SELECT crashpipe.load_siglists(:'dir') AS entries;
SELECT list, position, pattern FROM crashpipe.siglists ORDER BY list, position;
SELECT signature FROM crashpipe.signature('{"threads": [{"frames": [{"function": "raise"},
    {"function": "free"}, {"function": "Parser::~Parser()"}, {"function": "main"}]}]}');
-- a bad pattern in a file is refused with the file's line number
COPY (VALUES ('# test lists'), ('ok'), ('(unclosed')) TO :'prefix';
SELECT crashpipe.load_siglists(:'dir');
ROLLBACK;
SELECT crashpipe.load_siglists('/nonexistent/siglists');
SELECT count(*) > 200 AS defaults_back FROM crashpipe.siglists;

-- Socorro's own lists give Socorro's signatures (when the test data is here)
BEGIN;
DO $$
DECLARE
    dir CONSTANT text := '/work/shared/testdata/siggen/siglists';
    sig text;
BEGIN
    IF pg_stat_file(dir, true) IS NOT NULL THEN
        PERFORM crashpipe.load_siglists(dir);
        SELECT signature INTO sig FROM crashpipe.signature('{"threads": [{"frames": [
            {"function": "KiFastSystemCallRet"}, {"function": "NtWaitForSingleObject"},
            {"function": "RtlpWaitOnCriticalSection"}, {"function": "RtlEnterCriticalSection"},
            {"function": "PR_Lock"}, {"function": "nsFoo::Bar"}]}]}');
        IF sig IS DISTINCT FROM 'RtlpWaitOnCriticalSection | RtlEnterCriticalSection | PR_Lock | nsFoo::Bar' THEN
            RAISE EXCEPTION 'unexpected signature with Socorro''s lists: %', sig;
        END IF;
    END IF;
END
$$;
ROLLBACK;
SELECT signature FROM crashpipe.signature('{"threads": [{"frames": [{"function": "KiFastSystemCallRet"},
    {"function": "NtWaitForSingleObject"}, {"function": "PR_Lock"}, {"function": "nsFoo::Bar"}]}]}');

-- only superusers load files
CREATE ROLE siglists_reader;
GRANT USAGE ON SCHEMA crashpipe TO siglists_reader;
GRANT EXECUTE ON FUNCTION crashpipe.load_siglists(text) TO siglists_reader;
SET ROLE siglists_reader;
SELECT crashpipe.load_siglists('/tmp');
RESET ROLE;
DROP OWNED BY siglists_reader;
DROP ROLE siglists_reader;
DROP EXTENSION dblink;
