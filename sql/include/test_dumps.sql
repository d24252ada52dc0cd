-- sql/include/test_dumps.sql
-- Minidumps built byte by byte for the regress tests, so every value read
-- from them is known by construction.  pg_temp.le(v, n) is v as n
-- little-endian bytes; pg_temp.test_dump() is a Windows 7 SP1 x86 dump with
-- 16 CPUs and an access violation reading 0x41414141 in its one thread
-- (no stack memory, no context).  Included with \i, relative to the
-- repository root, which is where tests/regress.sh runs pg_regress.
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
-- How many prefixes of test_dump() (every length from 0 to whole) the
-- function named reader reads, and how many it refuses with data_corrupted;
-- any other outcome (a crash, another error) fails the test.
CREATE FUNCTION pg_temp.prefix_outcomes(reader text, OUT read integer, OUT refused integer)
LANGUAGE plpgsql AS $$
DECLARE
    dump bytea := pg_temp.test_dump();
BEGIN
    read := 0;
    refused := 0;
    FOR n IN 0..length(dump) LOOP
        BEGIN
            EXECUTE format('SELECT %s($1)', reader) USING substring(dump FROM 1 FOR n);
            read := read + 1;
        EXCEPTION WHEN data_corrupted THEN
            refused := refused + 1;
        END;
    END LOOP;
END
$$;
