-- extension/sql/83_frames.sql
-- Stacks and modules of processed crashes as rows, read from the json_dump
-- key of the processed crash (rust-minidump's shape, public in Socorro), so
-- an analyst can GROUP BY a module or a function without walking JSON.  Both views expand json_dump
-- per crash: filter on crash_id and crash_date (crashpipe.crash_id_date)
-- so only one partition is read, or join them to a filtered crashes query.

CREATE VIEW crashpipe.crash_frames AS
SELECT p.crash_id, p.crash_date,
       coalesce(crashpipe.json_bigint(f.frame -> 'frame'), f.n - 1)::integer AS frame,
       f.frame ->> 'module' AS module,
       f.frame ->> 'function' AS function,
       f.frame ->> 'file' AS file,
       crashpipe.json_bigint(f.frame -> 'line')::integer AS line,
       f.frame ->> 'trust' AS trust,
       f.frame ->> 'offset' AS "offset",
       f.frame ->> 'module_offset' AS module_offset,
       f.frame ->> 'function_offset' AS function_offset,
       crashpipe.json_bool(f.frame -> 'missing_symbols') AS missing_symbols
FROM crashpipe.processed_crashes p
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(p.processed #> '{json_dump,crashing_thread,frames}') = 'array'
         THEN p.processed #> '{json_dump,crashing_thread,frames}' ELSE '[]' END) WITH ORDINALITY AS f(frame, n);
COMMENT ON VIEW crashpipe.crash_frames IS 'One row per frame of the crashing thread of each processed crash (json_dump.crashing_thread.frames), top frame first; readable by crashpipe_reader.';
COMMENT ON COLUMN crashpipe.crash_frames.crash_id IS 'Crash the frame belongs to.';
COMMENT ON COLUMN crashpipe.crash_frames.crash_date IS 'UTC day encoded in the crash id; filter on it to read one partition.';
COMMENT ON COLUMN crashpipe.crash_frames.frame IS 'Frame index, 0 for the top of the stack.';
COMMENT ON COLUMN crashpipe.crash_frames.module IS 'File name of the module the instruction is in, or null outside every module.';
COMMENT ON COLUMN crashpipe.crash_frames.function IS 'Function name from the symbols, or null without symbols.';
COMMENT ON COLUMN crashpipe.crash_frames.file IS 'Source file of the function, when the symbols have line records.';
COMMENT ON COLUMN crashpipe.crash_frames.line IS 'Source line of the instruction, when the symbols have line records.';
COMMENT ON COLUMN crashpipe.crash_frames.trust IS 'How the frame was found: context, cfi, frame_pointer, scan, ... (most to least trustworthy).';
COMMENT ON COLUMN crashpipe.crash_frames."offset" IS 'Instruction address, in hex.';
COMMENT ON COLUMN crashpipe.crash_frames.module_offset IS 'Instruction address relative to the module base, in hex.';
COMMENT ON COLUMN crashpipe.crash_frames.function_offset IS 'Instruction address relative to the function start, in hex.';
COMMENT ON COLUMN crashpipe.crash_frames.missing_symbols IS 'true when the frame''s module had no symbols.';

CREATE VIEW crashpipe.modules AS
SELECT p.crash_id, p.crash_date, (m.n - 1)::integer AS module_index,
       m.module ->> 'filename' AS filename,
       m.module ->> 'debug_file' AS debug_file,
       m.module ->> 'debug_id' AS debug_id,
       m.module ->> 'code_id' AS code_id,
       m.module ->> 'version' AS version,
       m.module ->> 'base_addr' AS base_addr,
       m.module ->> 'end_addr' AS end_addr,
       crashpipe.json_bool(m.module -> 'loaded_symbols') AS loaded_symbols,
       crashpipe.json_bool(m.module -> 'missing_symbols') AS missing_symbols,
       crashpipe.json_bool(m.module -> 'corrupt_symbols') AS corrupt_symbols,
       (m.n - 1) = crashpipe.json_bigint(p.processed #> '{json_dump,main_module}') AS main_module
FROM crashpipe.processed_crashes p
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(p.processed #> '{json_dump,modules}') = 'array' THEN p.processed #> '{json_dump,modules}' ELSE '[]' END)
    WITH ORDINALITY AS m(module, n);
COMMENT ON VIEW crashpipe.modules IS 'One row per module loaded in the crashing process of each processed crash (json_dump.modules), with its symbol status; readable by crashpipe_reader.';
COMMENT ON COLUMN crashpipe.modules.crash_id IS 'Crash the module list belongs to.';
COMMENT ON COLUMN crashpipe.modules.crash_date IS 'UTC day encoded in the crash id; filter on it to read one partition.';
COMMENT ON COLUMN crashpipe.modules.module_index IS 'Position in the minidump''s module list, from 0.';
COMMENT ON COLUMN crashpipe.modules.filename IS 'File name of the module (code file), e.g. xul.dll.';
COMMENT ON COLUMN crashpipe.modules.debug_file IS 'Debug file name, the first part of a symbol file''s path, e.g. xul.pdb.';
COMMENT ON COLUMN crashpipe.modules.debug_id IS 'Debug id, the second part of a symbol file''s path.';
COMMENT ON COLUMN crashpipe.modules.code_id IS 'Code id (PE timestamp and size, or ELF build id).';
COMMENT ON COLUMN crashpipe.modules.version IS 'File version from the module''s version resource, if any.';
COMMENT ON COLUMN crashpipe.modules.base_addr IS 'First address of the module, in hex.';
COMMENT ON COLUMN crashpipe.modules.end_addr IS 'Address just past the module, in hex.';
COMMENT ON COLUMN crashpipe.modules.loaded_symbols IS 'true when symbols for the module were found and used.';
COMMENT ON COLUMN crashpipe.modules.missing_symbols IS 'true when the walker needed symbols for the module and had none.';
COMMENT ON COLUMN crashpipe.modules.corrupt_symbols IS 'true when the module''s symbol file could not be read.';
COMMENT ON COLUMN crashpipe.modules.main_module IS 'true for the main executable of the crashing process.';
