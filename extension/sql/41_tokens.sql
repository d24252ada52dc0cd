-- extension/sql/41_tokens.sql
-- API tokens for the web front: made and revoked with SQL by an operator,
-- resolved by crashpipe-web on each request that sends an Auth-Token
-- header.  Only the SHA-256 of a token is stored, so a copy of the database
-- gives nobody a usable token; the token itself is shown once, by
-- create_token.

CREATE FUNCTION crashpipe.token_hash(token text)
RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT sha256(convert_to(token, 'UTF8')) $$;
COMMENT ON FUNCTION crashpipe.token_hash(text) IS 'SHA-256 of an API token, the key of crashpipe.api_tokens.';

CREATE FUNCTION crashpipe.create_token(owner text, permissions text[] DEFAULT '{}',
                                       expires_at timestamptz DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    -- 64 hex digits from two random UUIDs: 244 random bits.
    token text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
    unknown text[] := ARRAY(SELECT unnest(permissions)
                            EXCEPT SELECT unnest('{view_pii,view_rawdump,reprocess_crashes,upload_symbols,admin}'::text[]));
BEGIN
    IF owner IS NULL OR btrim(owner) = '' THEN
        RAISE EXCEPTION 'a token needs an owner'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass the e-mail address or service name the token is for.';
    END IF;
    IF cardinality(unknown) > 0 THEN
        RAISE EXCEPTION 'unknown permission "%"', unknown[1]
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The permissions are view_pii, view_rawdump, reprocess_crashes, upload_symbols and admin.';
    END IF;
    INSERT INTO crashpipe.api_tokens (token_hash, owner, permissions, expires_at)
    VALUES (crashpipe.token_hash(token), owner,
            ARRAY(SELECT DISTINCT unnest(permissions) ORDER BY 1), expires_at);
    RETURN token;
END
$$;
REVOKE ALL ON FUNCTION crashpipe.create_token(text, text[], timestamptz) FROM PUBLIC;
COMMENT ON FUNCTION crashpipe.create_token(text, text[], timestamptz) IS 'Makes an API token for owner with the given permissions (view_pii, view_rawdump, reprocess_crashes, upload_symbols, admin) and returns it; it is shown only this once.';

CREATE FUNCTION crashpipe.revoke_token(token text)
RETURNS boolean
LANGUAGE sql
AS $$
    WITH gone AS (DELETE FROM crashpipe.api_tokens t
                  WHERE t.token_hash = crashpipe.token_hash(token) RETURNING 1)
    SELECT count(*) > 0 FROM gone
$$;
REVOKE ALL ON FUNCTION crashpipe.revoke_token(text) FROM PUBLIC;
COMMENT ON FUNCTION crashpipe.revoke_token(text) IS 'Deletes an API token; true if it existed.';

-- last_used_at is written at most once a minute per token, so a busy
-- client does not turn every read into a write.
CREATE FUNCTION crashpipe.token_permissions(token text)
RETURNS TABLE (owner text, permissions text[])
LANGUAGE sql
AS $$
    WITH found AS (
        SELECT t.token_hash, t.owner, t.permissions, t.last_used_at
        FROM crashpipe.api_tokens t
        WHERE t.token_hash = crashpipe.token_hash(token)
          AND (t.expires_at IS NULL OR t.expires_at > now())
    ), touched AS (
        UPDATE crashpipe.api_tokens t SET last_used_at = now()
        FROM found f
        WHERE t.token_hash = f.token_hash
          AND (f.last_used_at IS NULL OR f.last_used_at < now() - interval '1 minute')
    )
    SELECT f.owner, f.permissions FROM found f
$$;
COMMENT ON FUNCTION crashpipe.token_permissions(text) IS 'The owner and permissions of a valid (known, unexpired) API token; no row otherwise. Used by crashpipe-web for the Auth-Token header.';
