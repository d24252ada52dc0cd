-- extension/sql/82_crash_views.sql
-- The two search views, made from the field table (80_search_fields.sql):
--   crashpipe.crashes            one row per processed crash, a typed column
--                                per public field, and the processed document
--                                with its public keys only;
--   crashpipe.crashes_protected  the same with every field and the whole
--                                document, for crashpipe_pii.
-- They hide columns, not rows, so a reader's own functions in a WHERE clause
-- see nothing the view does not show; that is why they need no
-- security_barrier (which would stop LIKE and other non-leakproof filters
-- from reaching the index and the partitions).
-- Each column is an identifier from the field table, quoted with %I, or a
-- cast of a path literal; no value ever becomes SQL text.

CREATE FUNCTION crashpipe.search_field_sql(field crashpipe.search_fields)
RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE
        WHEN field.source_column IS NOT NULL THEN format('p.%I', field.source_column)
        WHEN field.query_type IN ('string', 'enum') THEN format('(p.processed #>> %L)', field.source_path)
        ELSE format('crashpipe.%I(p.processed #> %L)',
                    CASE field.query_type WHEN 'integer' THEN 'json_bigint' WHEN 'float' THEN 'json_float'
                                          WHEN 'bool' THEN 'json_bool' ELSE 'json_timestamptz' END,
                    field.source_path)
    END
$$;
COMMENT ON FUNCTION crashpipe.search_field_sql(crashpipe.search_fields) IS 'The SQL expression over processed_crashes p that reads a search field: its column, or its path of the processed document cast by the query type.';

CREATE FUNCTION crashpipe.comment_column(view_name name, column_name name, description text)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('COMMENT ON COLUMN crashpipe.%I.%I IS %L', view_name, column_name, description);
END
$$;
REVOKE ALL ON FUNCTION crashpipe.comment_column(name, name, text) FROM PUBLIC;
COMMENT ON FUNCTION crashpipe.comment_column(name, name, text) IS 'Install helper: sets the comment of a column of a crashpipe view.';

CREATE FUNCTION crashpipe.build_crash_view(view_name name, with_protected boolean)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    columns text;
    document text;
BEGIN
    SELECT string_agg(format('%s AS %I', crashpipe.search_field_sql(s), s.name), E',\n       ' ORDER BY s.name)
    INTO columns
    FROM crashpipe.search_fields s WHERE with_protected OR NOT s.protected;
    document := CASE WHEN with_protected THEN 'p.processed'
                ELSE 'crashpipe.public_part(p.processed, ''processed'')' END;
    EXECUTE format(E'CREATE VIEW crashpipe.%I AS\nSELECT p.crash_id, p.crash_date, p.processed_at,\n       %s,\n'
                   || E'       p.processed -> ''json_dump'' AS json_dump, %s AS processed\nFROM crashpipe.processed_crashes p',
                   view_name, columns, document);
    PERFORM crashpipe.comment_column(view_name, s.name, s.description || CASE WHEN s.protected THEN ' Protected.' ELSE '' END)
    FROM crashpipe.search_fields s WHERE with_protected OR NOT s.protected;
    PERFORM crashpipe.comment_column(view_name, 'crash_id', 'Crash id (the key, with crash_date).');
    PERFORM crashpipe.comment_column(view_name, 'crash_date',
                                     'UTC day encoded in the crash id; filter on it to read only that day''s partition.');
    PERFORM crashpipe.comment_column(view_name, 'processed_at', 'When processing finished.');
    PERFORM crashpipe.comment_column(view_name, 'json_dump',
                                     'What the minidump says, in the shape of rust-minidump''s minidump-stackwalk --json.');
    PERFORM crashpipe.comment_column(view_name, 'processed',
        CASE WHEN with_protected THEN 'The whole processed crash with Socorro''s field names.'
             ELSE 'The processed crash with Socorro''s field names, public keys only (crashpipe.public_fields).' END);
END
$$;
REVOKE ALL ON FUNCTION crashpipe.build_crash_view(name, boolean) FROM PUBLIC;
COMMENT ON FUNCTION crashpipe.build_crash_view(name, boolean) IS 'Install helper: creates a search view from crashpipe.search_fields, with or without the protected fields, and documents its columns.';

SELECT crashpipe.build_crash_view('crashes', false);
COMMENT ON VIEW crashpipe.crashes IS 'One row per processed crash with every public Super Search field as a typed column; readable by crashpipe_reader.';
SELECT crashpipe.build_crash_view('crashes_protected', true);
COMMENT ON VIEW crashpipe.crashes_protected IS 'One row per processed crash with every Super Search field, protected ones included, and the whole processed crash; readable by crashpipe_pii.';

CREATE FUNCTION crashpipe.processed_crash(crash_id uuid)
RETURNS jsonb
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    IF crashpipe.is_pii_reader() THEN
        RETURN (SELECT c.processed FROM crashpipe.crashes_protected c
                WHERE c.crash_id = processed_crash.crash_id
                  AND c.crash_date = crashpipe.crash_id_date(processed_crash.crash_id));
    END IF;
    RETURN (SELECT c.processed FROM crashpipe.crashes c
            WHERE c.crash_id = processed_crash.crash_id
              AND c.crash_date = crashpipe.crash_id_date(processed_crash.crash_id));
END
$$;
COMMENT ON FUNCTION crashpipe.processed_crash(uuid) IS 'The processed crash document as the caller may see it: whole for crashpipe_pii, public keys only for other readers; null when the crash is not processed.';
