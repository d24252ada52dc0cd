-- sql/include/processor_notes.sql
-- pg_temp.notes(processor_notes): the notes with the time and worker of
-- their first line (">>> Start processing: <time> (<who>)", Socorro's)
-- replaced by <time> and <who>, so expected output does not change from run
-- to run; a first line of another shape is left as it is (and fails).
CREATE FUNCTION pg_temp.notes(notes text) RETURNS text LANGUAGE sql AS $$
    SELECT regexp_replace(notes,
        '^>>> Start processing: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?\+00:00 \((crashpipe processor \d+|backend \d+)\)',
        '>>> Start processing: <time> (<who>)')
$$;
