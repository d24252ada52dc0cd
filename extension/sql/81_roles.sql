-- extension/sql/81_roles.sql
-- The permission model, as database roles, shared by analysts, dashboards
-- and the web front (which maps API-token permissions to these roles with
-- crashpipe.permission_roles):
--   crashpipe_reader     public fields only: crashpipe.crashes, crash_frames,
--                        modules, rollups, alerts, the export view, supersearch
--   crashpipe_pii        reader + protected fields (crashes_protected) and the
--                        raw crashes and dumps
--   crashpipe_reprocess  reader + crashpipe.reprocess
--   crashpipe_admin      all of the above + products, throttle rules, lists,
--                        symbols, jobs and tokens
-- Readers reach crash data only through views that leave protected columns
-- out, never through the tables, so no query, EXPLAIN or error message can
-- show them a protected value.  Functions run with the caller's rights
-- (none is SECURITY DEFINER), so they cannot be used to step around this.
-- Roles belong to the cluster, not the database: they are made only when
-- missing and survive DROP EXTENSION.  The grants are in 89_grants.sql,
-- after every object exists.

CREATE FUNCTION crashpipe.ensure_role(role_name name, member_of name[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    parent name;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
    END IF;
    FOREACH parent IN ARRAY member_of LOOP
        IF NOT pg_catalog.pg_has_role(role_name, parent, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', parent, role_name);
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION crashpipe.ensure_role(name, name[]) FROM PUBLIC;
COMMENT ON FUNCTION crashpipe.ensure_role(name, name[]) IS 'Install helper: creates a NOLOGIN role if it does not exist and makes it a member of the given roles.';

SELECT crashpipe.ensure_role('crashpipe_reader');
SELECT crashpipe.ensure_role('crashpipe_pii', '{crashpipe_reader}');
SELECT crashpipe.ensure_role('crashpipe_reprocess', '{crashpipe_reader}');
SELECT crashpipe.ensure_role('crashpipe_admin', '{crashpipe_pii,crashpipe_reprocess}');

CREATE TABLE crashpipe.permission_roles (
    permission      text PRIMARY KEY,
    role_name       name NOT NULL
);
COMMENT ON TABLE crashpipe.permission_roles IS 'Which database role grants each API-token permission, so the web front and SQL share one permission model.';
COMMENT ON COLUMN crashpipe.permission_roles.permission IS 'An API-token permission (crashpipe.api_tokens.permissions).';
COMMENT ON COLUMN crashpipe.permission_roles.role_name IS 'The role whose members hold the permission.';
INSERT INTO crashpipe.permission_roles (permission, role_name) VALUES
    ('view_pii', 'crashpipe_pii'),
    ('view_rawdump', 'crashpipe_pii'),
    ('reprocess_crashes', 'crashpipe_reprocess'),
    ('upload_symbols', 'crashpipe_admin'),
    ('admin', 'crashpipe_admin');

CREATE FUNCTION crashpipe.token_role(permissions text[])
RETURNS name
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN 'crashpipe_admin' = ANY (roles)
          OR ('crashpipe_pii' = ANY (roles) AND 'crashpipe_reprocess' = ANY (roles)) THEN 'crashpipe_admin'
        WHEN 'crashpipe_pii' = ANY (roles) THEN 'crashpipe_pii'
        WHEN 'crashpipe_reprocess' = ANY (roles) THEN 'crashpipe_reprocess'
        ELSE 'crashpipe_reader' END::name
    FROM (SELECT ARRAY(SELECT r.role_name FROM crashpipe.permission_roles r
                       WHERE r.permission = ANY (coalesce(permissions, '{}'))) AS roles) s
$$;
COMMENT ON FUNCTION crashpipe.token_role(text[]) IS 'The one role a request with these API-token permissions runs as (SET ROLE): the least role that holds them all; crashpipe_reader for none (anonymous).';

CREATE FUNCTION crashpipe.is_pii_reader()
RETURNS boolean
LANGUAGE sql STABLE
AS $$ SELECT pg_catalog.pg_has_role(current_user, 'crashpipe_pii', 'USAGE') $$;
COMMENT ON FUNCTION crashpipe.is_pii_reader() IS 'Whether the current role may see protected fields (is crashpipe_pii, a member of it, or a superuser).';
