-- crashpipe.minidump_info reads a minidump from bytes.  The dump here is
-- built byte by byte, so every expected value below is known by construction:
-- Windows 7 SP1 on x86, 16 CPUs, an access violation reading 0x41414141 in
-- the one thread of the thread list.
\i sql/include/test_dumps.sql
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
SELECT * FROM pg_temp.prefix_outcomes('crashpipe.minidump_info');
