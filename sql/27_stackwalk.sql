-- crashpipe.stackwalk walks every thread of a minidump and returns
-- rust-minidump's JSON.  The synthetic dump is the one of 30_minidump_info
-- (Windows 7 SP1 on x86, an access violation reading 0x41414141 in the one
-- thread, which has no context, so no frames); every value is known by
-- construction.
CREATE FUNCTION pg_temp.le(v bigint, n integer) RETURNS bytea LANGUAGE sql AS $$
    SELECT string_agg(set_byte('\x00'::bytea, 0, ((v >> (8 * i)) & 255)::integer), ''::bytea ORDER BY i)
    FROM generate_series(0, n - 1) AS i
$$;
CREATE FUNCTION pg_temp.test_dump() RETURNS bytea LANGUAGE sql AS $$
    SELECT 'MDMP'::bytea || pg_temp.le(42899, 4) || pg_temp.le(3, 4) || pg_temp.le(32, 4)
        || pg_temp.le(0, 4) || pg_temp.le(1795000000, 4) || pg_temp.le(0, 8)
        -- directory: system info at 68, exception at 136, thread list at 304
        || pg_temp.le(7, 4) || pg_temp.le(56, 4) || pg_temp.le(68, 4)
        || pg_temp.le(6, 4) || pg_temp.le(168, 4) || pg_temp.le(136, 4)
        || pg_temp.le(3, 4) || pg_temp.le(52, 4) || pg_temp.le(304, 4)
        -- system info: x86, family 6, model 26 stepping 5, 16 CPUs, NT 6.1.7600, CSD at 124
        || pg_temp.le(0, 2) || pg_temp.le(6, 2) || pg_temp.le(6661, 2) || pg_temp.le(16, 1)
        || pg_temp.le(1, 1) || pg_temp.le(6, 4) || pg_temp.le(1, 4) || pg_temp.le(7600, 4)
        || pg_temp.le(2, 4) || pg_temp.le(124, 4) || pg_temp.le(256, 2) || pg_temp.le(0, 2)
        || 'GenuineIntel'::bytea || pg_temp.le(0, 12)
        -- CSD version "SP1" as a MINIDUMP_STRING
        || pg_temp.le(6, 4) || '\x530050003100'::bytea || pg_temp.le(0, 2)
        -- exception: thread 0x1234, EXCEPTION_ACCESS_VIOLATION reading 0x41414141
        || pg_temp.le(4660, 4) || pg_temp.le(0, 4) || pg_temp.le(3221225477, 4) || pg_temp.le(0, 4)
        || pg_temp.le(0, 8) || pg_temp.le(1094795585, 8) || pg_temp.le(2, 4) || pg_temp.le(0, 4)
        || pg_temp.le(0, 8) || pg_temp.le(1094795585, 8) || pg_temp.le(0, 104) || pg_temp.le(0, 8)
        -- thread list: one thread, 0x1234, no stack memory or context
        || pg_temp.le(1, 4) || pg_temp.le(4660, 4) || pg_temp.le(0, 44)
$$;

SHOW crashpipe.symbol_paths;
SELECT jsonb_pretty(crashpipe.stackwalk(pg_temp.test_dump()));
SELECT crashpipe.stackwalk(pg_temp.test_dump(), '{}') = crashpipe.stackwalk(pg_temp.test_dump()) AS same;

-- what is not a minidump is refused with a clear error, and so are options
SELECT crashpipe.stackwalk('not a minidump at all, just text'::bytea);
SELECT crashpipe.stackwalk(''::bytea);
SELECT crashpipe.stackwalk(substring(pg_temp.test_dump() FROM 1 FOR 20));
SELECT crashpipe.stackwalk(pg_temp.test_dump(), '{"threads": "all"}');
SELECT crashpipe.stackwalk(pg_temp.test_dump(), '[]');
SELECT crashpipe.stackwalk(NULL) IS NULL AS null_in_null_out;

-- every prefix of the dump gives a result or a clean error, never a crash
DO $$
DECLARE
    ok integer := 0;
    refused integer := 0;
    dump bytea := pg_temp.test_dump();
BEGIN
    FOR n IN 0..length(dump) LOOP
        BEGIN
            PERFORM crashpipe.stackwalk(substring(dump FROM 1 FOR n));
            ok := ok + 1;
        EXCEPTION WHEN data_corrupted THEN
            refused := refused + 1;
        END;
    END LOOP;
    RAISE NOTICE 'prefixes: % walked, % refused', ok, refused;
END
$$;

-- A real dump with symbols, when the shared test data is there: the
-- crashing thread's frames (module, function, file, line) must be the ones
-- Breakpad's "minidump_stackwalk -m" printed.  The NOTICE is the same line
-- either way, so this output does not depend on the data being present.
-- tests/regress.sh sets regress.shared_testdata when ../shared is there.
DO $$
DECLARE
    dir constant text := coalesce(current_setting('regress.shared_testdata', true), '/nonexistent') || '/breakpad';
    dump constant text := dir || '/linux_null_read_av.dmp';
    ref constant text := dir || '/linux_null_read_av.stackwalk.machine_readable.ours-breakpad.out';
    walked jsonb;
    want text[];
    got text[];
BEGIN
    IF pg_stat_file(dump, true) IS NULL OR pg_stat_file(ref, true) IS NULL THEN
        RAISE NOTICE 'real dump: frames match Breakpad';
        RETURN;
    END IF;
    PERFORM set_config('crashpipe.symbol_paths', dir || '/symbols', true);
    walked := crashpipe.stackwalk(pg_read_binary_file(dump));
    SELECT array_agg(concat_ws('|', f[3], f[4], f[5], f[6]) ORDER BY f[2]::integer) INTO want
    FROM regexp_split_to_table(pg_read_file(ref), E'\n') AS l,
         LATERAL string_to_array(l, '|') AS f
    WHERE f[1] = (walked->'crash_info'->>'crashing_thread');
    SELECT array_agg(concat_ws('|', fr->>'module', coalesce(fr->>'function', ''),
                               coalesce(fr->>'file', ''), coalesce(fr->>'line', ''))
                     ORDER BY (fr->>'frame')::integer) INTO got
    FROM jsonb_array_elements(walked->'crashing_thread'->'frames') AS fr;
    IF got IS NOT DISTINCT FROM want AND cardinality(got) > 0 THEN
        RAISE NOTICE 'real dump: frames match Breakpad';
    ELSE
        RAISE NOTICE 'real dump: frames differ: got %, want %', got, want;
    END IF;
END
$$;
