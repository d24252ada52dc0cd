-- Signatures of Breakpad's test dumps, walked with their symbols and
-- crashpipe's own lists, pinned here.  They are checked inside the DO block
-- so that the output is the same when ../shared is absent (tests/regress.sh
-- sets regress.shared_testdata when it is there).
DO $$
DECLARE
    dir constant text := coalesce(current_setting('regress.shared_testdata', true), '/nonexistent') || '/breakpad';
    expected constant text[][] := ARRAY[
        ['linux_null_read_av', 'crash'],
        ['linux_overflow', '__fsetlocking'],
        ['minidump2', '(anonymous namespace)::CrashFunction'],
        ['ascii_read_av', 'crashme.exe'],
        ['tiny-exe-fastfail', 'tiny.exe'],
        ['linux_raise_sigabrt', 'driver']];
    got text;
    wrong text[] := '{}';
BEGIN
    IF (pg_stat_file(dir, true)).size IS NOT NULL THEN
        PERFORM set_config('crashpipe.symbol_paths', dir || '/symbols', true);
        FOR i IN 1..array_length(expected, 1) LOOP
            SELECT s.signature INTO got
            FROM crashpipe.signature(jsonb_build_object('json_dump', crashpipe.stackwalk(
                     pg_read_binary_file(dir || '/' || expected[i][1] || '.dmp')))) AS s;
            IF got IS DISTINCT FROM expected[i][2] THEN
                wrong := wrong || format('%s: %s, not %s', expected[i][1], got, expected[i][2]);
            END IF;
        END LOOP;
    END IF;
    IF cardinality(wrong) = 0 THEN
        RAISE NOTICE 'Breakpad test dumps: signatures as pinned';
    ELSE
        RAISE NOTICE 'Breakpad test dumps: %', array_to_string(wrong, '; ');
    END IF;
END
$$;
