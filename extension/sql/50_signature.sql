-- extension/sql/50_signature.sql
-- Crash signatures: Socorro's signature generation (extension/core/siggen)
-- with its four lists kept in a table.
--
-- crashpipe.siglists holds one row per list entry (a line of Socorro's list
-- files without comments or blanks); an entry's position orders it in its
-- list and, for lists read by load_siglists, is its line in the file.  The
-- defaults are crashpipe's own lists in siglists/ at the top of the source
-- tree (inserted by 51_siglists_data.sql, generated from those files).
--
-- Every statement that changes the table runs siglists_changed once: it
-- compiles the new lists through the generator, so an invalid regular
-- expression aborts the statement (the old lists stay), and it stamps
-- siglists_version with a fresh sequence value.  Each backend caches its
-- compiled lists under the stamp it read and recompiles when the committed
-- stamp differs, so an edit reaches every backend at its next call.
--
-- Unlike Socorro, where an empty list file joins into a regex that matches
-- every frame, a regex list without entries here matches no frame.

CREATE TABLE crashpipe.siglists (
    list            text NOT NULL CHECK (list IN ('irrelevant', 'prefix', 'sentinels', 'signatures_with_line_numbers')),
    position        integer NOT NULL,
    pattern         text NOT NULL CHECK (pattern ~ '^\s*[^\s#]' AND pattern !~ '[\n\r]'),
    PRIMARY KEY (list, position)
);
COMMENT ON TABLE crashpipe.siglists IS 'Signature generation lists, one row per entry; changes apply to the next crashpipe.signature call in every session.';
COMMENT ON COLUMN crashpipe.siglists.list IS 'irrelevant, prefix, sentinels or signatures_with_line_numbers (Socorro''s irrelevant_signature_re.txt, prefix_signature_re.txt, signature_sentinels.txt, signatures_with_line_numbers_re.txt).';
COMMENT ON COLUMN crashpipe.siglists.position IS 'Order of the entry in its list; for lists read by crashpipe.load_siglists, its line number in the file.';
COMMENT ON COLUMN crashpipe.siglists.pattern IS 'A regular expression matched at the start of a normalized frame (PCRE2), or for sentinels an exact frame; one line, not blank, not starting with #.';
SELECT pg_catalog.pg_extension_config_dump('crashpipe.siglists', '');

CREATE SEQUENCE crashpipe.siglists_version_seq;
COMMENT ON SEQUENCE crashpipe.siglists_version_seq IS 'Source of crashpipe.siglists_version stamps; a value is never reused, even by an aborted change.';
-- start at the install time in microseconds, so a backend that cached lists
-- of a dropped installation never mistakes a new stamp for its old one
SELECT pg_catalog.setval('crashpipe.siglists_version_seq',
                         (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);

CREATE TABLE crashpipe.siglists_version (
    id              boolean PRIMARY KEY DEFAULT true CHECK (id),
    version         bigint NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE crashpipe.siglists_version IS 'One row: the stamp of the current crashpipe.siglists contents, which backends compare with their cached lists.';
COMMENT ON COLUMN crashpipe.siglists_version.id IS 'Always true: the table has exactly one row.';
COMMENT ON COLUMN crashpipe.siglists_version.version IS 'Value of crashpipe.siglists_version_seq taken by the last statement that changed crashpipe.siglists.';
COMMENT ON COLUMN crashpipe.siglists_version.changed_at IS 'When crashpipe.siglists last changed.';
INSERT INTO crashpipe.siglists_version (version) VALUES (nextval('crashpipe.siglists_version_seq'));

CREATE FUNCTION crashpipe.siglists_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'crashpipe_siglists_changed'
LANGUAGE C;
COMMENT ON FUNCTION crashpipe.siglists_changed() IS 'Statement trigger on crashpipe.siglists: refuses lists that do not compile (invalid regular expression, with list and line) and stamps a new siglists_version.';

CREATE TRIGGER siglists_changed
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON crashpipe.siglists
FOR EACH STATEMENT EXECUTE FUNCTION crashpipe.siglists_changed();

CREATE FUNCTION crashpipe.load_siglists(dir text)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    files CONSTANT text[] := ARRAY['irrelevant_signature_re.txt', 'prefix_signature_re.txt',
                                   'signature_sentinels.txt', 'signatures_with_line_numbers_re.txt'];
    lists CONSTANT text[] := ARRAY['irrelevant', 'prefix', 'sentinels', 'signatures_with_line_numbers'];
    texts text[] := '{}';
    n integer;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'permission denied for function load_siglists'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Only superusers may read signature lists from the server''s file system.',
                  HINT = 'Edit crashpipe.siglists with INSERT, UPDATE and DELETE instead.';
    END IF;
    -- read all four files before changing anything
    FOR i IN 1..4 LOOP
        texts := texts || pg_catalog.pg_read_file(rtrim(dir, '/') || '/' || files[i]);
    END LOOP;
    DELETE FROM crashpipe.siglists;
    INSERT INTO crashpipe.siglists (list, position, pattern)
    SELECT lists[i], l.lineno, l.entry
    FROM generate_subscripts(texts, 1) AS i,
         LATERAL (SELECT lineno, regexp_replace(line, '^\s+|\s+$', '', 'g') AS entry
                  FROM regexp_split_to_table(texts[i], E'\n') WITH ORDINALITY AS t(line, lineno)) AS l
    WHERE l.entry <> '' AND l.entry NOT LIKE '#%';
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
REVOKE ALL ON FUNCTION crashpipe.load_siglists(text) FROM PUBLIC;
COMMENT ON FUNCTION crashpipe.load_siglists(text) IS 'Superuser only: replace crashpipe.siglists with the four Socorro-format list files in a server directory; returns the number of entries. Nothing changes if a file cannot be read or a pattern is invalid.';

CREATE FUNCTION crashpipe.siglists_json()
RETURNS jsonb
LANGUAGE sql STABLE
AS $$
    SELECT jsonb_object_agg(n.list, coalesce((SELECT jsonb_agg(s.pattern ORDER BY s.position)
                                              FROM crashpipe.siglists s WHERE s.list = n.list), '[]'))
    FROM unnest('{irrelevant,prefix,sentinels,signatures_with_line_numbers}'::text[]) AS n(list)
$$;
COMMENT ON FUNCTION crashpipe.siglists_json() IS 'The lists in crashpipe.siglists as one jsonb object of arrays ({"irrelevant": [...], "prefix": [...], ...}, entries in position order), the form crashpipe.signature_preview takes candidate lists in.';

CREATE FUNCTION crashpipe.signature_crash_data(crash jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'crashpipe_signature_crash_data'
LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION crashpipe.signature_crash_data(jsonb) IS 'The crash_data object signature generation reads: a processed crash (one with json_dump) or a stack walk (one with crash_info) converted as Socorro''s convert_to_crash_data does, a crash_data object unchanged.';

CREATE FUNCTION crashpipe.signature(crash jsonb,
    OUT signature text, OUT proto_signature text, OUT notes text[])
AS 'MODULE_PATHNAME', 'crashpipe_signature'
LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION crashpipe.signature(jsonb) IS 'Socorro-compatible signature, proto signature (null unless the stack path found frames) and generator notes of a crash: a processed crash with json_dump, a stack walk, or a crash_data object; with the lists in crashpipe.siglists.';

CREATE FUNCTION crashpipe.processed_signature(processed jsonb,
    OUT signature text, OUT proto_signature text, OUT notes text[], OUT debug text)
AS 'MODULE_PATHNAME', 'crashpipe_processed_signature'
LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION crashpipe.processed_signature(jsonb) IS 'A stored processed crash signed as the processor''s SignatureGeneratorRule signs it, with the lists in crashpipe.siglists: signature, proto signature, notes, and the debug lines signature_debug holds.';

CREATE FUNCTION crashpipe.processed_signature(processed jsonb, lists jsonb,
    OUT signature text, OUT proto_signature text, OUT notes text[], OUT debug text)
AS 'MODULE_PATHNAME', 'crashpipe_processed_signature'
LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION crashpipe.processed_signature(jsonb, jsonb) IS 'The same with candidate lists instead of crashpipe.siglists: a jsonb object of arrays as crashpipe.siglists_json() returns (a list it lacks is empty). The lists are compiled once per query.';
