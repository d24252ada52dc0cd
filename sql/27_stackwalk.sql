-- crashpipe.stackwalk walks every thread of a minidump and returns
-- rust-minidump's JSON.  The synthetic dump is the one of 30_minidump_info
-- (Windows 7 SP1 on x86, an access violation reading 0x41414141 in the one
-- thread, which has no context, so no frames); every value is known by
-- construction.
\i sql/include/test_dumps.sql

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
SELECT * FROM pg_temp.prefix_outcomes('crashpipe.stackwalk');

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
