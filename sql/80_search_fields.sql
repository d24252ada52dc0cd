-- The field table and the two search views made from it: every Super Search
-- field of Socorro (../shared/testdata/socorro/supersearch_fields.json) is a
-- row, the 17 protected ones are marked, the public view leaves them out and
-- documents every column, and the public processed document keeps only the
-- keys web's allow-list crashpipe.public_fields names.
\set SHOW_CONTEXT never
SELECT count(*) AS fields, count(*) FILTER (WHERE protected) AS protected,
       count(source_column) AS in_columns
FROM crashpipe.search_fields;
SELECT string_agg(name, ', ' ORDER BY name) AS protected_fields FROM crashpipe.search_fields WHERE protected;
SELECT query_type, count(*) FROM crashpipe.search_fields GROUP BY 1 ORDER BY 1;
-- every field has its processed_crashes column, named after it but for these
SELECT name, source_column, source_path, query_type FROM crashpipe.search_fields
WHERE source_column IS DISTINCT FROM name ORDER BY name;

-- a field and the document key it lives under agree on protection: the key
-- of a public field is in the allow-list, the key of a protected one is not
SELECT s.name, s.protected, s.source_path[1] AS key
FROM crashpipe.search_fields s
LEFT JOIN crashpipe.public_fields k ON k.record = 'processed' AND k.key = s.source_path[1]
WHERE s.protected = (k.key IS NOT NULL) ORDER BY 1;

-- crashes: key columns, one column per public field, json_dump, processed; crashes_protected: every field
SELECT c.relname, count(*) AS columns,
       count(*) FILTER (WHERE s.protected) AS protected_columns,
       count(*) FILTER (WHERE s.name IS NULL) AS other_columns,
       string_agg(a.attname, ', ' ORDER BY a.attnum) FILTER (WHERE s.name IS NULL) AS others
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
LEFT JOIN crashpipe.search_fields s ON s.name = a.attname
WHERE c.oid IN ('crashpipe.crashes'::regclass, 'crashpipe.crashes_protected'::regclass)
GROUP BY c.relname ORDER BY c.relname;
-- each column is typed by its source: the column's type, or the field's query type
SELECT s.query_type, format_type(a.atttypid, a.atttypmod) AS column_type, count(*)
FROM crashpipe.search_fields s
JOIN pg_attribute a ON a.attrelid = 'crashpipe.crashes_protected'::regclass AND a.attname = s.name
GROUP BY 1, 2 ORDER BY 1, 2;
-- every column of every crashpipe view has a comment
SELECT c.relname, a.attname AS undocumented_column
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE n.nspname = 'crashpipe' AND c.relkind = 'v' AND col_description(c.oid, a.attnum) IS NULL;
SELECT col_description('crashpipe.crashes_protected'::regclass, a.attnum)
FROM pg_attribute a WHERE a.attrelid = 'crashpipe.crashes_protected'::regclass AND a.attname = 'user_comments';

-- the typed readers of processed-document values never fail on odd values
SELECT crashpipe.json_bigint(v) AS bigint, crashpipe.json_float(v) AS float, crashpipe.json_bool(v) AS bool,
       crashpipe.json_timestamptz(v) AS timestamptz
FROM (VALUES ('12'::jsonb), ('"12"'), ('1.5'), ('"x"'), ('true'), ('"0"'), ('null'), ('{}'),
             ('"99999999999999999999"'), ('"2024-05-01T10:00:00+00:00"'), ('"2024-13-45"')) AS t(v);
SELECT crashpipe.jsonb_pick('{"a": 1, "b": 2, "c": 3}', '{a,c,d}'), crashpipe.jsonb_pick(NULL, '{a}');
