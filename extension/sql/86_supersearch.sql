-- extension/sql/86_supersearch.sql
-- crashpipe.supersearch(jsonb): Crash Stats' Super Search over the search
-- views, one engine for SQL users and the web front's /api/SuperSearch/.
-- The request is Super Search's parameters as a JSON object (each a string
-- or an array of strings; see 85_search_terms.sql for the filters):
--   _columns  fields of each hit (uuid, date, signature, product, version)
--   _sort     fields to sort hits by, "-" first for descending (-date)
--   _results_number (100, at most 1000), _results_offset (0, at most 10000)
--   _facets   fields to count crashes by (signature); _facets_size terms
--             each (50, at most 10000; 0 turns facets off)
--   _aggs.<field>            terms of <field>, each with facets of the listed fields
--   _histogram.<field>       buckets of a date or number field, each with
--                            facets of the listed fields;
--   _histogram_interval.<field>  hour, day (default), week, month, year, or
--                            a number for number fields (default 1)
-- The answer has Crash Stats' shape: {"hits": [...], "total": n,
-- "facets": {"signature": [{"term": ..., "count": ...}], "histogram_date":
-- [{"term": ..., "count": ..., "facets": {...}}]}, "errors": []}.
-- The caller's role decides the view: crashes_protected for crashpipe_pii,
-- else crashes, where a protected field is refused wherever it is named.
-- Runs with TimeZone UTC, so dates are read and written in UTC.

CREATE FUNCTION crashpipe.search_int(params jsonb, param text, default_value integer, max_value integer)
RETURNS integer
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    texts text[] := ARRAY(SELECT crashpipe.search_values(coalesce(params->param, to_jsonb(default_value)), param));
BEGIN
    IF cardinality(texts) <> 1 OR texts[1] !~ '^\s*[0-9]{1,9}\s*$' OR texts[1]::integer > max_value THEN
        RAISE EXCEPTION 'bad value for parameter "%"', param
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('%s is a whole number from 0 to %s.', param, max_value);
    END IF;
    RETURN texts[1]::integer;
END
$$;
COMMENT ON FUNCTION crashpipe.search_int(jsonb, text, integer, integer) IS 'A whole-number meta parameter of a Super Search request (0 to max_value), or its default.';

CREATE FUNCTION crashpipe.search_list(params jsonb, param text, default_value text[])
RETURNS text[]
LANGUAGE sql IMMUTABLE
AS $$
    -- as in Socorro, an empty list or "" means the default
    SELECT coalesce(nullif(ARRAY(SELECT v FROM crashpipe.search_values(coalesce(params->param, '[]'), param) v
                                 WHERE v <> ''), '{}'), default_value)
$$;
COMMENT ON FUNCTION crashpipe.search_list(jsonb, text, text[]) IS 'A list meta parameter of a Super Search request (empty values dropped), or its default when absent or empty.';

CREATE FUNCTION crashpipe.search_check_params(params jsonb)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    param text;
BEGIN
    IF params IS NULL OR jsonb_typeof(params) <> 'object' THEN
        RAISE EXCEPTION 'a Super Search request is a JSON object'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Got %s.', coalesce('a JSON ' || jsonb_typeof(params), 'NULL')),
                  HINT = 'For example {"product": ["Firefox"], "_facets": ["signature"]}.';
    END IF;
    FOR param IN SELECT k FROM jsonb_object_keys(params) k WHERE k LIKE '\_%' LOOP
        IF param NOT IN ('_columns', '_sort', '_facets', '_facets_size', '_results_number', '_results_offset')
           AND param !~ '^_(aggs|histogram|histogram_interval)\.[a-z0-9_]+$' THEN
            RAISE EXCEPTION 'unknown parameter "%"', param
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'The meta parameters are _columns, _sort, _facets, _facets_size, _results_number, _results_offset, _aggs.<field>, _histogram.<field> and _histogram_interval.<field>.';
        END IF;
    END LOOP;
    IF (SELECT sum(jsonb_array_length(CASE jsonb_typeof(e.value) WHEN 'array' THEN e.value ELSE '[0]' END))
        FROM jsonb_each(params) e) > 1000 THEN
        RAISE EXCEPTION 'too many values in a Super Search request'
            USING ERRCODE = 'program_limit_exceeded', DETAIL = 'A request holds at most 1000 values.';
    END IF;
END
$$;
COMMENT ON FUNCTION crashpipe.search_check_params(jsonb) IS 'Refuses a Super Search request that is not an object, names an unknown meta parameter or holds more than 1000 values.';

CREATE FUNCTION crashpipe.search_hits_sql(params jsonb, pii boolean, from_where text, INOUT vals text[], OUT sql text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    columns text := (SELECT string_agg(format('%I', (crashpipe.search_field(c, pii)).name), ', ')
                     FROM unnest(crashpipe.search_list(params, '_columns', '{uuid,date,signature,product,version}')) c);
    sorts text := (SELECT string_agg(format('%I %s NULLS LAST', (crashpipe.search_field(ltrim(s, '-'), pii)).name,
                                            CASE WHEN s LIKE '-%' THEN 'DESC' ELSE 'ASC' END), ', ')
                   FROM unnest(crashpipe.search_list(params, '_sort', '{-date}')) s);
BEGIN
    vals := vals || crashpipe.search_int(params, '_results_number', 100, 1000)::text
                 || crashpipe.search_int(params, '_results_offset', 0, 10000)::text;
    -- jsonb_agg keeps the subquery's order
    sql := format('(SELECT coalesce(jsonb_agg(to_jsonb(h)), ''[]'') FROM (SELECT %s %s ORDER BY %scrash_id '
                  'LIMIT ($1[%s])::integer OFFSET ($1[%s])::integer) h)',
                  columns, from_where, coalesce(sorts || ', ', ''), cardinality(vals) - 1, cardinality(vals));
END
$$;
COMMENT ON FUNCTION crashpipe.search_hits_sql(jsonb, boolean, text, text[]) IS 'The SQL of a Super Search request''s hits: the _columns of the matching crashes in _sort order (then crash id), one page of _results_number from _results_offset.';

CREATE FUNCTION crashpipe.search_terms_sql(group_expr text, field_name text, from_where text, size_ref text)
RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    -- a jsonb object: for each value of group_expr (as text), the top terms of field_name
    SELECT format('(SELECT jsonb_object_agg(w.g, w.terms) FROM (SELECT r.g, jsonb_agg(jsonb_build_object(''term'', r.term, '
                  '''count'', r.n) ORDER BY r.n DESC, r.term) AS terms FROM (SELECT x.*, row_number() OVER '
                  '(PARTITION BY x.g ORDER BY x.n DESC, x.term) AS rank FROM (SELECT (%s)::text AS g, %I AS term, '
                  'count(*) AS n %s AND %I IS NOT NULL GROUP BY 1, 2) x) r WHERE r.rank <= %s GROUP BY r.g) w)',
                  group_expr, field_name, from_where, field_name, size_ref)
$$;
COMMENT ON FUNCTION crashpipe.search_terms_sql(text, text, text, text) IS 'SQL of a jsonb object mapping each value of a grouping expression to the top terms of a field among the matching crashes.';

CREATE FUNCTION crashpipe.search_group_sql(group_expr text, subfields text[], from_where text, size_ref text,
                                           by_count boolean)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    facets text := '';
    maps text := '';
    i integer := 0;
    sub text;
BEGIN
    FOREACH sub IN ARRAY subfields LOOP
        i := i + 1;
        facets := facets || format(', %L, coalesce(s.m%s -> (b.term)::text, ''[]'')', sub, i);
        maps := maps || format(', %s AS m%s', crashpipe.search_terms_sql(group_expr, sub, from_where, size_ref), i);
    END LOOP;
    RETURN format('(SELECT coalesce(jsonb_agg(jsonb_build_object(''term'', b.term, ''count'', b.n)%s ORDER BY %s), ''[]'') '
                  'FROM (SELECT %s AS term, count(*) AS n %s AND (%s) IS NOT NULL GROUP BY 1 ORDER BY %s%s) b%s)',
                  CASE WHEN i > 0 THEN format(' || jsonb_build_object(''facets'', jsonb_build_object(%s))', substr(facets, 3))
                       ELSE '' END,
                  CASE WHEN by_count THEN 'b.n DESC, b.term' ELSE 'b.term' END,
                  group_expr, from_where, group_expr,
                  CASE WHEN by_count THEN '2 DESC, 1' ELSE '1' END,
                  CASE WHEN by_count THEN ' LIMIT ' || size_ref ELSE '' END,
                  CASE WHEN i > 0 THEN format(' CROSS JOIN (SELECT %s) s', substr(maps, 3)) ELSE '' END);
END
$$;
COMMENT ON FUNCTION crashpipe.search_group_sql(text, text[], text, text, boolean) IS 'SQL of a facet: the matching crashes counted by a grouping expression (the top terms by count, or every bucket in order), each group with facets of the subfields.';

CREATE FUNCTION crashpipe.search_bucket_sql(f crashpipe.search_fields, params jsonb, INOUT vals text[], OUT expr text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    param text := '_histogram_interval.' || f.name;
    step text[] := crashpipe.search_list(params, param, CASE WHEN f.query_type = 'date' THEN '{day}'::text[] ELSE '{1}'::text[] END);
    unit text;
BEGIN
    IF f.query_type = 'date' THEN
        unit := CASE WHEN cardinality(step) = 1 THEN
                    CASE step[1] WHEN '1h' THEN 'hour' WHEN '1d' THEN 'day' WHEN '1w' THEN 'week'
                                 WHEN '1M' THEN 'month' WHEN '1y' THEN 'year' ELSE step[1] END END;
        IF unit IS NULL OR unit NOT IN ('hour', 'day', 'week', 'month', 'year') THEN
            RAISE EXCEPTION 'bad value for parameter "%"', param
                USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Date intervals are hour, day, week, month and year.';
        END IF;
        vals := vals || unit;
        expr := format('date_trunc($1[%s], %I)', cardinality(vals), f.name);
    ELSIF f.query_type IN ('integer', 'float') THEN
        IF cardinality(step) <> 1 OR step[1] !~ '^[0-9]{1,15}(\.[0-9]{1,15})?$' OR step[1]::numeric = 0 THEN
            RAISE EXCEPTION 'bad value for parameter "%"', param
                USING ERRCODE = 'invalid_parameter_value', DETAIL = 'A number interval is a positive number.';
        END IF;
        vals := vals || step[1];
        expr := format('(floor(%I / ($1[%s])::numeric) * ($1[%2$s])::numeric)', f.name, cardinality(vals));
    ELSE
        RAISE EXCEPTION 'field "%" has no histogram', f.name
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Histograms are made of date and number fields.';
    END IF;
END
$$;
COMMENT ON FUNCTION crashpipe.search_bucket_sql(crashpipe.search_fields, jsonb, text[]) IS 'The bucket expression of _histogram.<field>: date_trunc by the _histogram_interval unit for dates, multiples of the interval for numbers.';

CREATE FUNCTION crashpipe.search_facets_sql(params jsonb, pii boolean, from_where text, INOUT vals text[], OUT sql text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    size integer := crashpipe.search_int(params, '_facets_size', 50, 10000);
    size_ref text;
    items text[] := '{}';
    param text;
    f crashpipe.search_fields;
    subs text[];
    b record;
BEGIN
    vals := vals || size::text;
    size_ref := format('($1[%s])::integer', cardinality(vals));
    FOR param IN SELECT unnest(crashpipe.search_list(params, '_facets', '{signature}')) LOOP
        f := crashpipe.search_field(param, pii);
        items := items || format('(%L, %s)', f.name,
                                 crashpipe.search_group_sql(format('%I', f.name), '{}', from_where, size_ref, true));
    END LOOP;
    FOR param IN SELECT k FROM jsonb_object_keys(params) k WHERE k ~ '^_(aggs|histogram)\.' ORDER BY k LOOP
        f := crashpipe.search_field(substr(param, strpos(param, '.') + 1), pii);
        subs := ARRAY(SELECT (crashpipe.search_field(s, pii)).name FROM unnest(crashpipe.search_list(params, param, '{}')) s);
        IF param LIKE '\_aggs.%' THEN
            items := items || format('(%L, %s)', f.name,
                                     crashpipe.search_group_sql(format('%I', f.name), subs, from_where, size_ref, true));
        ELSE
            b := crashpipe.search_bucket_sql(f, params, vals);
            vals := b.vals;
            items := items || format('(%L, %s)', 'histogram_' || f.name,
                                     crashpipe.search_group_sql(b.expr, subs, from_where, size_ref, false));
        END IF;
    END LOOP;
    IF cardinality(items) > 50 THEN
        RAISE EXCEPTION 'too many facets in a Super Search request'
            USING ERRCODE = 'program_limit_exceeded',
                  DETAIL = 'A request asks for at most 50 facets, aggregations and histograms.';
    END IF;
    sql := CASE WHEN size = 0 OR cardinality(items) = 0 THEN '''{}''::jsonb'
                ELSE format('(SELECT jsonb_object_agg(t.k, t.v) FROM (VALUES %s) AS t(k, v))', array_to_string(items, ', '))
           END;
END
$$;
COMMENT ON FUNCTION crashpipe.search_facets_sql(jsonb, boolean, text, text[]) IS 'The SQL of a Super Search request''s facets object: _facets, _aggs.<field> and _histogram.<field>, each at most _facets_size terms (0: no facets).';

CREATE FUNCTION crashpipe.supersearch(params jsonb)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET "TimeZone" = 'UTC'
AS $$
DECLARE
    pii boolean := crashpipe.is_pii_reader();
    w record;
    hits record;
    facets record;
    from_where text;
    result jsonb;
BEGIN
    PERFORM crashpipe.search_check_params(params);
    w := crashpipe.search_where(params, pii, '{}');
    from_where := format('FROM crashpipe.%I WHERE (%s)', CASE WHEN pii THEN 'crashes_protected' ELSE 'crashes' END, w.condition);
    hits := crashpipe.search_hits_sql(params, pii, from_where, w.vals);
    facets := crashpipe.search_facets_sql(params, pii, from_where, hits.vals);
    EXECUTE format('SELECT jsonb_build_object(''hits'', %s, ''total'', (SELECT count(*) %s), ''facets'', %s, ''errors'', ''[]''::jsonb)',
                   hits.sql, from_where, facets.sql)
    INTO result USING facets.vals;
    RETURN result;
END
$$;
COMMENT ON FUNCTION crashpipe.supersearch(jsonb) IS 'Crash Stats'' Super Search: filters, _columns, _sort, _results_number/_offset, _facets (+ _facets_size), _aggs.<field> and _histogram.<field>; returns {"hits", "total", "facets", "errors"}. Protected fields only for crashpipe_pii.';
