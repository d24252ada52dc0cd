-- API tokens: made with create_token (shown once, stored hashed), resolved
-- with token_permissions (valid and unexpired only), revoked.
SET client_min_messages = warning;
CREATE TEMP TABLE t AS
SELECT crashpipe.create_token('alice@example.com', '{view_pii,reprocess_crashes,view_pii}') AS token;
-- 64 hex digits, and only the hash is stored.
SELECT token ~ '^[0-9a-f]{64}$' AS hex, length(token) FROM t;
SELECT owner, permissions, token_hash = sha256(convert_to((SELECT token FROM t), 'UTF8')) AS hashed,
       last_used_at IS NULL AS unused
FROM crashpipe.api_tokens WHERE owner = 'alice@example.com';
SELECT count(*) AS plain_token_stored FROM crashpipe.api_tokens a, t
WHERE position(convert_to(t.token, 'UTF8') IN a.token_hash) > 0;
-- Resolving a token gives its owner and permissions and records the use.
SELECT * FROM crashpipe.token_permissions((SELECT token FROM t));
SELECT last_used_at IS NOT NULL AS used FROM crashpipe.api_tokens WHERE owner = 'alice@example.com';
-- Unknown and expired tokens resolve to nothing.
SELECT count(*) AS unknown FROM crashpipe.token_permissions('0000');
SELECT count(*) AS expired
FROM crashpipe.token_permissions(crashpipe.create_token('bob', '{admin}', now() - interval '1 second'));
-- Bad requests.
SELECT crashpipe.create_token('carol', '{view_pii,superpowers}');
SELECT crashpipe.create_token(' ', '{}');
-- Revoking.
SELECT crashpipe.revoke_token((SELECT token FROM t)) AS revoked,
       crashpipe.revoke_token((SELECT token FROM t)) AS again;
SELECT count(*) AS after_revoke FROM crashpipe.token_permissions((SELECT token FROM t));
-- Only the owner of the extension may make tokens.
SELECT has_function_privilege('public', 'crashpipe.create_token(text, text[], timestamptz)', 'EXECUTE') AS public_may_create;
DELETE FROM crashpipe.api_tokens;
