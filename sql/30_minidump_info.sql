-- crashpipe.minidump_info reads a minidump from bytes.  The dump here is
-- built byte by byte, so every expected value below is known by construction:
-- Windows 7 SP1 on x86, 16 CPUs, an access violation reading 0x41414141 in
-- the one thread of the thread list.
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
SELECT length(pg_temp.test_dump());

SELECT jsonb_pretty(crashpipe.minidump_info(pg_temp.test_dump()) - 'streams');
SELECT s->>'type' AS type, s->>'name' AS name, s->>'size' AS size, s->>'offset' AS offset
FROM jsonb_array_elements(crashpipe.minidump_info(pg_temp.test_dump())->'streams') AS s;

-- a dump cut inside its streams still gives what can be read, with notes
SELECT crashpipe.minidump_info(substring(pg_temp.test_dump() FROM 1 FOR 200))->'notes' AS notes_when_cut,
       crashpipe.minidump_info(substring(pg_temp.test_dump() FROM 1 FOR 200))->'system_info'->>'os_ver' AS os_ver;

-- what is not a minidump is refused with a clear error
SELECT crashpipe.minidump_info('not a minidump at all, just text'::bytea);
SELECT crashpipe.minidump_info(''::bytea);
SELECT crashpipe.minidump_info(substring(pg_temp.test_dump() FROM 1 FOR 20));

-- every prefix of the dump gives a result or a clean error, never a crash:
-- shorter than header + directory (68 bytes) is refused, longer reads partly
DO $$
DECLARE
    ok integer := 0;
    refused integer := 0;
    dump bytea := pg_temp.test_dump();
BEGIN
    FOR n IN 0..length(dump) LOOP
        BEGIN
            PERFORM crashpipe.minidump_info(substring(dump FROM 1 FOR n));
            ok := ok + 1;
        EXCEPTION WHEN data_corrupted THEN
            refused := refused + 1;
        END;
    END LOOP;
    RAISE NOTICE 'prefixes read: %, refused: %', ok, refused;
END
$$;
