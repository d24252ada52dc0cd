-- extension/sql/85_search_terms.sql
-- Super Search filters: from the request's field parameters to one WHERE
-- clause over a search view.  Each value is a string with an optional "!"
-- (not) and an operator prefix, as in Crash Stats:
--   (none) is one of    =  is    ~  contains    ^  starts with    $  ends with
--   >  >=  <  <=  ranges    __null__  has no value    __true__  is true
-- Which operators a field takes follows its query type.  Within one field,
-- plain matches are ORed (any of the values), ranges and negations ANDed;
-- fields are ANDed.  A negation also keeps crashes without a value, as
-- Elasticsearch's must_not does.
-- SQL text is built only from field names (quoted with %I, from the field
-- table), operators of the fixed list below and "$1[n]" references: every
-- value goes into the one text[] parameter $1 and is cast there to the
-- column's type, after a check that gives a clear error instead of a cast
-- failure.  Protected fields are refused (not skipped) for callers outside
-- crashpipe_pii, with an error that names the field and never a value.

CREATE FUNCTION crashpipe.search_field(field_name text, pii boolean)
RETURNS crashpipe.search_fields
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    f crashpipe.search_fields;
BEGIN
    SELECT * INTO f FROM crashpipe.search_fields s WHERE s.name = field_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown field "%"', field_name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The Super Search fields are the rows of crashpipe.search_fields.';
    END IF;
    IF f.protected AND NOT pii THEN
        RAISE EXCEPTION 'field "%" is protected', field_name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'Protected fields can be searched, shown, faceted and sorted only by members of crashpipe_pii.',
                  HINT = 'Ask an administrator for the crashpipe_pii role (an API token with the view_pii permission).';
    END IF;
    RETURN f;
END
$$;
COMMENT ON FUNCTION crashpipe.search_field(text, boolean) IS 'The search_fields row of a field the caller may use: unknown fields raise invalid_parameter_value, protected ones insufficient_privilege unless pii is true.';

CREATE FUNCTION crashpipe.search_column_type(field_name text)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = 'crashpipe.crashes_protected'::regclass AND a.attname = field_name
$$;
COMMENT ON FUNCTION crashpipe.search_column_type(text) IS 'SQL type of a search field''s column in the search views.';

CREATE FUNCTION crashpipe.search_values(value jsonb, param text)
RETURNS SETOF text
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    IF jsonb_typeof(value) IN ('string', 'number', 'boolean') THEN
        RETURN NEXT value #>> '{}';
    ELSIF jsonb_typeof(value) = 'array'
          AND NOT EXISTS (SELECT FROM jsonb_array_elements(value) e
                          WHERE jsonb_typeof(e) NOT IN ('string', 'number', 'boolean')) THEN
        RETURN QUERY SELECT e #>> '{}' FROM jsonb_array_elements(value) e;
    ELSE
        RAISE EXCEPTION 'bad value for parameter "%"', param
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Got a JSON %s.', jsonb_typeof(value)),
                  HINT = 'A parameter is a string, a number, a boolean or an array of them.';
    END IF;
END
$$;
COMMENT ON FUNCTION crashpipe.search_values(jsonb, text) IS 'The values of one request parameter as text: a scalar, or each element of an array of scalars.';

CREATE FUNCTION crashpipe.search_operators(query_type text)
RETURNS text[]
LANGUAGE sql IMMUTABLE
AS $$
    -- longest first, so ">=" is not read as ">" followed by "="
    SELECT CASE query_type
        WHEN 'string' THEN '{__null__,=,~,^,$}'
        WHEN 'enum' THEN '{__null__,=,~,^,$}'
        WHEN 'bool' THEN '{__null__,__true__}'
        ELSE '{__null__,>=,<=,>,<,=}' END::text[]
$$;
COMMENT ON FUNCTION crashpipe.search_operators(text) IS 'Operator prefixes a query type accepts, longest first: strings and enums = ~ ^ $, numbers and dates = > >= < <=, bools __true__; all __null__.';

CREATE FUNCTION crashpipe.search_term(f crashpipe.search_fields, raw text,
                                      OUT negated boolean, OUT operator text, OUT value text)
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    op text;
BEGIN
    negated := raw LIKE '!%';
    value := CASE WHEN negated THEN substr(raw, 2) ELSE raw END;
    operator := '';
    FOREACH op IN ARRAY crashpipe.search_operators(f.query_type) LOOP
        IF left(value, length(op)) = op THEN
            operator := op;
            value := substr(value, length(op) + 1);
            EXIT;
        END IF;
    END LOOP;
    IF operator IN ('__null__', '__true__') AND value <> '' THEN
        RAISE EXCEPTION 'bad value "%" for field "%"', raw, f.name
            USING ERRCODE = 'invalid_parameter_value', DETAIL = format('%s takes no value.', operator);
    END IF;
    IF f.query_type = 'date' AND (operator IN ('', '=') OR negated) THEN
        RAISE EXCEPTION 'bad value "%" for field "%"', raw, f.name
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A date is searched with one of the operators >, >=, < and <=, not negated.',
                  HINT = 'For a day, pass two values, e.g. [">=2024-03-01", "<2024-03-02"].';
    END IF;
END
$$;
COMMENT ON FUNCTION crashpipe.search_term(crashpipe.search_fields, text) IS 'Splits one Super Search value into negation, operator (one the field''s query type accepts, else none) and the value itself.';

CREATE FUNCTION crashpipe.search_check_value(f crashpipe.search_fields, sql_type text, value text)
RETURNS void
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    IF sql_type NOT IN ('text', 'character varying') THEN
        EXECUTE format('SELECT ($1)::%s', sql_type) USING value;
    END IF;
EXCEPTION WHEN data_exception THEN
    RAISE EXCEPTION 'bad value "%" for field "%"', value, f.name
        USING ERRCODE = 'invalid_parameter_value',
              DETAIL = format('Values of %s are of type %s (query type %s).', f.name, sql_type, f.query_type);
END
$$;
COMMENT ON FUNCTION crashpipe.search_check_value(crashpipe.search_fields, text, text) IS 'Refuses a value that does not convert to the field''s column type, with an error naming field and value.';

CREATE FUNCTION crashpipe.like_pattern(operator text, value text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT
AS $$
    SELECT CASE WHEN operator IN ('~', '$') THEN '%' ELSE '' END
           || replace(replace(replace(value, '\', '\\'), '%', '\%'), '_', '\_')
           || CASE WHEN operator IN ('~', '^') THEN '%' ELSE '' END
$$;
COMMENT ON FUNCTION crashpipe.like_pattern(text, text) IS 'The LIKE pattern for a contains (~), starts-with (^) or ends-with ($) value, with %, _ and \ in the value matched literally.';

CREATE FUNCTION crashpipe.search_predicate(f crashpipe.search_fields, operator text, value text,
                                           INOUT vals text[], OUT predicate text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    sql_type text := crashpipe.search_column_type(f.name);
    -- a list column (addons, ...) matches when one of its elements does
    element_type text := CASE WHEN sql_type LIKE '%[]' THEN left(sql_type, -2) END;
    n integer := cardinality(vals) + 1;
BEGIN
    IF operator IN ('__null__', '__true__') THEN
        predicate := format(CASE operator WHEN '__null__' THEN '%I IS NULL' ELSE '%I IS TRUE' END, f.name);
        RETURN;
    END IF;
    IF operator IN ('~', '^', '$') THEN
        vals := vals || crashpipe.like_pattern(operator, value);
        predicate := format(CASE WHEN element_type IS NULL THEN '%I::text LIKE $1[%s]'
                                 ELSE 'EXISTS (SELECT FROM unnest(%I) AS e WHERE e::text LIKE $1[%s])' END, f.name, n);
        RETURN;
    END IF;
    PERFORM crashpipe.search_check_value(f, coalesce(element_type, sql_type), value);
    vals := vals || value;
    predicate := CASE WHEN element_type IS NOT NULL THEN format('($1[%s])::%s = ANY (%I)', n, element_type, f.name)
                      ELSE format('%I %s ($1[%s])::%s', f.name, CASE operator WHEN '' THEN '=' ELSE operator END,
                                  n, sql_type) END;
END
$$;
COMMENT ON FUNCTION crashpipe.search_predicate(crashpipe.search_fields, text, text, text[]) IS 'SQL for one operator and value of a field, the value appended to the bound array vals and referenced as $1[n]; a list column matches when one of its elements does.';

CREATE FUNCTION crashpipe.search_field_condition(f crashpipe.search_fields, raw_values text[],
                                                 INOUT vals text[], OUT condition text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    raw text;
    t record;
    p text;
    any_of text[] := '{}';
    all_of text[] := '{}';
BEGIN
    FOREACH raw IN ARRAY raw_values LOOP
        t := crashpipe.search_term(f, raw);
        SELECT s.vals, s.predicate INTO vals, p FROM crashpipe.search_predicate(f, t.operator, t.value, vals) s;
        IF t.negated THEN
            all_of := all_of || format('NOT coalesce(%s, false)', p);
        ELSIF t.operator IN ('>', '>=', '<', '<=') THEN
            all_of := all_of || p;
        ELSE
            any_of := any_of || p;
        END IF;
    END LOOP;
    IF cardinality(any_of) > 0 THEN
        all_of := all_of || ('(' || array_to_string(any_of, ' OR ') || ')');
    END IF;
    condition := CASE WHEN cardinality(all_of) = 0 THEN 'true' ELSE array_to_string(all_of, ' AND ') END;
END
$$;
COMMENT ON FUNCTION crashpipe.search_field_condition(crashpipe.search_fields, text[], text[]) IS 'The WHERE condition for one field''s values: matches ORed, ranges and negations ANDed.';

CREATE FUNCTION crashpipe.search_date_range(raw_values text[], INOUT vals text[], OUT condition text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    f crashpipe.search_fields := crashpipe.search_field('date', false);
    low timestamptz;
    high timestamptz;
    t record;
BEGIN
    SELECT c.vals, c.condition INTO vals, condition FROM crashpipe.search_field_condition(f, raw_values, vals) c;
    FOR t IN SELECT (crashpipe.search_term(f, r)).* FROM unnest(raw_values) r LOOP
        IF t.operator LIKE '>%' THEN
            low := greatest(low, t.value::timestamptz);
        ELSIF t.operator LIKE '<%' THEN
            high := least(high, t.value::timestamptz);
        END IF;
    END LOOP;
    high := coalesce(high, now());
    IF low IS NULL THEN
        low := high - interval '7 days';
        vals := vals || low::text;
        condition := format('%s AND date >= ($1[%s])::timestamptz', condition, cardinality(vals));
    END IF;
    IF high - low > interval '365 days' THEN
        RAISE EXCEPTION 'date range is longer than 365 days'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The search covers %s to %s.', low, high),
                  HINT = 'Narrow it with date values such as ">=2024-03-01" and "<2024-04-01".';
    END IF;
    -- A crash is stored within a day of the day in its id (crashpipe.check_submission),
    -- so these bounds only let the planner skip partitions.
    vals := vals || ((low AT TIME ZONE 'UTC')::date - 1)::text || ((high AT TIME ZONE 'UTC')::date + 1)::text;
    condition := format('%s AND crash_date BETWEEN ($1[%s])::date AND ($1[%s])::date',
                        condition, cardinality(vals) - 1, cardinality(vals));
END
$$;
COMMENT ON FUNCTION crashpipe.search_date_range(text[], text[]) IS 'The condition on date: the given bounds, a lower bound 7 days before the upper one (or now) when none is given, at most 365 days, and the matching crash_date range for partition pruning.';

CREATE FUNCTION crashpipe.search_where(params jsonb, pii boolean, INOUT vals text[], OUT condition text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    param text;
    value jsonb;
    parts text[] := '{}';
    c record;
BEGIN
    FOR param, value IN SELECT e.key, e.value FROM jsonb_each(params) e
                        WHERE e.key NOT LIKE '\_%' AND e.key <> 'date' ORDER BY e.key LOOP
        c := crashpipe.search_field_condition(crashpipe.search_field(param, pii),
                                              ARRAY(SELECT crashpipe.search_values(value, param)), vals);
        vals := c.vals;
        parts := parts || c.condition;
    END LOOP;
    c := crashpipe.search_date_range(ARRAY(SELECT crashpipe.search_values(coalesce(params->'date', '[]'), 'date')), vals);
    vals := c.vals;
    condition := array_to_string(parts || c.condition, ' AND ');
END
$$;
COMMENT ON FUNCTION crashpipe.search_where(jsonb, boolean, text[]) IS 'The WHERE clause of a Super Search request over a search view, with its values appended to the bound array vals.';
