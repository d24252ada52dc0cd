-- extension/sql/27_stackwalk.sql
-- SQL entry point of the portable stack walker (extension/core/walker).

CREATE FUNCTION crashpipe.stackwalk(dump bytea, options jsonb DEFAULT '{}')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'crashpipe_stackwalk'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION crashpipe.stackwalk(bytea, jsonb) IS 'Every thread''s call stack of a minidump, symbolized from crashpipe.symbol_paths, as rust-minidump''s minidump-stackwalk --json document.';
