-- The extension installs into its own schema with every table and column
-- documented, and the processor workers are running.
CREATE EXTENSION crashpipe;
SELECT extversion FROM pg_extension WHERE extname = 'crashpipe';

-- tables of the design, partitioned where crash data lives
SELECT c.relname, c.relkind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'crashpipe' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname;

-- no table or column without a COMMENT
SELECT c.relname AS table_without_comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'crashpipe' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND obj_description(c.oid, 'pg_class') IS NULL;
SELECT c.relname, a.attname AS column_without_comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = 'crashpipe' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND col_description(c.oid, a.attnum) IS NULL;
-- nor a function
SELECT p.proname AS function_without_comment
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'crashpipe' AND obj_description(p.oid, 'pg_proc') IS NULL;

-- the settings exist with their defaults or the test configuration
SELECT name, setting, unit, context FROM pg_settings WHERE name LIKE 'crashpipe.%' ORDER BY name;

-- both processor workers are up (they may still be connecting: wait up to 30 s)
DO $$
BEGIN
    FOR i IN 1..300 LOOP
        EXIT WHEN (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'crashpipe processor') = 2;
        PERFORM pg_sleep(0.1);
    END LOOP;
END
$$;
SELECT backend_type, count(*) FROM pg_stat_activity
WHERE backend_type = 'crashpipe processor' GROUP BY backend_type;
