-- extension/sql/25_minidump.sql
-- SQL entry points of the portable minidump reader (extension/core).

CREATE FUNCTION crashpipe.minidump_info(dump bytea)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'crashpipe_minidump_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION crashpipe.minidump_info(bytea) IS 'What a minidump holds: header, stream directory, system info, exception, threads and modules, as jsonb.';
