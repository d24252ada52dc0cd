-- extension/sql/15_throttle.sql
-- Throttling, Antenna's way but in a table: rules are tried in position
-- order; a rule matches when all its conditions hold; its result is a
-- constant or, with sample_percent, a roll between two results.  The first
-- decisive result wins; CONTINUE goes on to the next rule; nothing decisive
-- rejects with rule NO_MATCH.  Operators edit rules with plain SQL and the
-- next crash sees them.
--
-- The roll is not random() but comes from the crash id's random digits, so
-- a retried submission (same id) gets the same decision.

CREATE TABLE crashpipe.throttle_rules (
    position        integer PRIMARY KEY,
    name            text NOT NULL UNIQUE CHECK (name ~* '^[a-z0-9_]+$'),
    conditions      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(conditions) = 'array'),
    result          text NOT NULL CHECK (result IN ('accept', 'defer', 'reject', 'fakeaccept', 'continue')),
    sample_percent  numeric CHECK (sample_percent BETWEEN 0 AND 100),
    result_otherwise text CHECK (result_otherwise IN ('accept', 'defer', 'reject', 'fakeaccept', 'continue')),
    enabled         boolean NOT NULL DEFAULT true,
    CHECK ((sample_percent IS NULL) = (result_otherwise IS NULL))
);
COMMENT ON TABLE crashpipe.throttle_rules IS 'Throttle rules applied by crashpipe.submit in position order; the first decisive result wins, no match rejects (rule NO_MATCH).';
COMMENT ON COLUMN crashpipe.throttle_rules.position IS 'Evaluation order, lowest first.';
COMMENT ON COLUMN crashpipe.throttle_rules.name IS 'Rule name, reported to clients as Discarded=rule_<name> when it rejects.';
COMMENT ON COLUMN crashpipe.throttle_rules.conditions IS 'Array of {"annotation": name, "op": operator, "value": ...}, all of which must hold; [] always matches. Operators: exists, absent, equals, not_equals (value: a string or an array of strings), matches, not_matches (value: a regular expression), less_than, greater_than (numeric value), unsupported_product (ProductName not enabled in crashpipe.products), buildid_older_than_days (BuildID YYYYMMDDhhmmss older than value days).';
COMMENT ON COLUMN crashpipe.throttle_rules.result IS 'accept, defer, reject, fakeaccept or continue; with sample_percent, the result when the roll is below sample_percent.';
COMMENT ON COLUMN crashpipe.throttle_rules.sample_percent IS 'If set, the share (0-100) of matching crashes that get result; the others get result_otherwise.';
COMMENT ON COLUMN crashpipe.throttle_rules.result_otherwise IS 'Result for matching crashes whose roll is at or above sample_percent.';
COMMENT ON COLUMN crashpipe.throttle_rules.enabled IS 'false skips the rule.';

INSERT INTO crashpipe.throttle_rules (position, name, conditions, result) VALUES
    (10, 'unsupported_product', '[{"annotation": "ProductName", "op": "unsupported_product"}]', 'reject'),
    (1000, 'accept_everything', '[]', 'accept');
SELECT pg_catalog.pg_extension_config_dump('crashpipe.throttle_rules', '');

CREATE FUNCTION crashpipe.throttle_condition(annotations jsonb, condition jsonb)
RETURNS boolean
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    v text := annotations->>(condition->>'annotation');
    arg jsonb := condition->'value';
    wanted text[] := CASE jsonb_typeof(arg) WHEN 'array' THEN ARRAY(SELECT jsonb_array_elements_text(arg))
                                            WHEN 'string' THEN ARRAY[arg #>> '{}'] END;
BEGIN
    RETURN CASE condition->>'op'
        WHEN 'exists' THEN v IS NOT NULL
        WHEN 'absent' THEN v IS NULL
        WHEN 'equals' THEN v = ANY (wanted)
        WHEN 'not_equals' THEN v IS NOT NULL AND v <> ALL (wanted)
        WHEN 'matches' THEN v ~ (arg #>> '{}')
        WHEN 'not_matches' THEN v !~ (arg #>> '{}')
        WHEN 'less_than' THEN v ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' AND v::numeric < (arg #>> '{}')::numeric
        WHEN 'greater_than' THEN v ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' AND v::numeric > (arg #>> '{}')::numeric
        WHEN 'unsupported_product' THEN NOT EXISTS (SELECT FROM crashpipe.products p WHERE p.name = v AND p.enabled)
        WHEN 'buildid_older_than_days' THEN v ~ '^20[0-9]{12}$' AND to_timestamp(v, 'YYYYMMDDHH24MISS')
            < now() - make_interval(days => (arg #>> '{}')::integer)
        END;
END
$$;
COMMENT ON FUNCTION crashpipe.throttle_condition(jsonb, jsonb) IS 'Whether one throttle rule condition holds for a crash''s annotations; an unknown operator is null (the rule does not match).';

CREATE FUNCTION crashpipe.throttle_roll(crash_id uuid)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT round((('x' || left(replace(crash_id::text, '-', ''), 8))::bit(32)::bigint % 10000) / 100.0, 2)
$$;
COMMENT ON FUNCTION crashpipe.throttle_roll(uuid) IS 'The sampling roll of a crash, in [0, 100), taken from the random digits of its id so a retry rolls the same.';

CREATE FUNCTION crashpipe.throttle(annotations jsonb, crash_id uuid, OUT result text, OUT rule text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    r crashpipe.throttle_rules;
BEGIN
    FOR r IN SELECT * FROM crashpipe.throttle_rules WHERE enabled ORDER BY position LOOP
        -- every condition must hold (an unknown operator or a missing value
        -- does not); a rule without conditions always matches
        CONTINUE WHEN NOT coalesce((SELECT bool_and(coalesce(crashpipe.throttle_condition(annotations, c), false))
                                    FROM jsonb_array_elements(r.conditions) AS c), true);
        result := CASE WHEN r.sample_percent IS NULL OR crashpipe.throttle_roll(crash_id) < r.sample_percent
                       THEN r.result ELSE r.result_otherwise END;
        IF result <> 'continue' THEN
            rule := r.name;
            RETURN;
        END IF;
    END LOOP;
    result := 'reject';
    rule := 'NO_MATCH';
END
$$;
COMMENT ON FUNCTION crashpipe.throttle(jsonb, uuid) IS 'Throttle decision for a crash: accept, defer, reject or fakeaccept, and the rule that decided.';
