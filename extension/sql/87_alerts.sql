-- extension/sql/87_alerts.sql
-- Alerts dashboards and chat bots can LISTEN for instead of polling:
--   crashpipe_new_signature  a signature is seen for the first time (its
--                            crashpipe.signatures row is made);
--   crashpipe_spike          a signature's crashes in one UTC hour reach
--                            crashpipe.spike_min_crashes and exceed
--                            crashpipe.spike_factor times its baseline, the
--                            mean crashes per hour over crashpipe.spike_baseline
--                            before that hour (signature_hourly).
-- Each alert is a row of crashpipe.alerts, raised once per kind, signature
-- and hour, and a notification whose payload is the alert as JSON (the
-- signature cut to 1000 characters; the row has all of it).  Both come
-- from triggers in the transaction that stores the crash, so a listener
-- hears only of committed crashes.

CREATE TABLE crashpipe.alerts (
    alert_id        bigserial PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('new_signature', 'spike')),
    signature       text NOT NULL,
    hour            timestamptz NOT NULL,
    crashes         integer,
    baseline        double precision,
    raised_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, signature, hour)
);
CREATE INDEX alerts_raised_at_idx ON crashpipe.alerts (raised_at);
COMMENT ON TABLE crashpipe.alerts IS 'New-signature and spike alerts, one row per kind, signature and hour; each was also sent as a notification on channel crashpipe_<kind>.';
COMMENT ON COLUMN crashpipe.alerts.alert_id IS 'Alert number, increasing.';
COMMENT ON COLUMN crashpipe.alerts.kind IS 'new_signature or spike.';
COMMENT ON COLUMN crashpipe.alerts.signature IS 'The signature the alert is about.';
COMMENT ON COLUMN crashpipe.alerts.hour IS 'UTC hour of the spike, or of the first crash of a new signature.';
COMMENT ON COLUMN crashpipe.alerts.crashes IS 'Spike: crashes of the signature in that hour when the alert was raised.';
COMMENT ON COLUMN crashpipe.alerts.baseline IS 'Spike: mean crashes per hour of the signature over crashpipe.spike_baseline before that hour.';
COMMENT ON COLUMN crashpipe.alerts.raised_at IS 'When the alert was raised.';

CREATE FUNCTION crashpipe.raise_alert(kind text, signature text, hour timestamptz,
                                      crashes integer DEFAULT NULL, baseline double precision DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    a crashpipe.alerts;
BEGIN
    INSERT INTO crashpipe.alerts (kind, signature, hour, crashes, baseline)
    VALUES (kind, signature, hour, crashes, baseline)
    ON CONFLICT ON CONSTRAINT alerts_kind_signature_hour_key DO NOTHING
    RETURNING * INTO a;
    IF a.alert_id IS NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_catalog.pg_notify('crashpipe_' || a.kind,
        jsonb_build_object('alert_id', a.alert_id, 'kind', a.kind, 'signature', left(a.signature, 1000),
                           'hour', a.hour, 'crashes', a.crashes, 'baseline', a.baseline)::text);
    RETURN true;
END
$$;
COMMENT ON FUNCTION crashpipe.raise_alert(text, text, timestamptz, integer, double precision) IS 'Records an alert unless one of its kind, signature and hour exists, and then sends it on channel crashpipe_new_signature or crashpipe_spike with the alert as JSON; true if it was new.';

CREATE FUNCTION crashpipe.alert_new_signatures()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM crashpipe.raise_alert('new_signature', s.signature, date_trunc('hour', s.first_seen, 'UTC'))
    FROM new_signatures s WHERE s.signature <> '' ORDER BY s.signature;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION crashpipe.alert_new_signatures() IS 'Statement trigger on crashpipe.signatures: a new_signature alert and notification for every signature inserted.';

CREATE TRIGGER signatures_alert AFTER INSERT ON crashpipe.signatures
    REFERENCING NEW TABLE AS new_signatures FOR EACH STATEMENT EXECUTE FUNCTION crashpipe.alert_new_signatures();

CREATE FUNCTION crashpipe.alert_spikes()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    factor double precision := current_setting('crashpipe.spike_factor')::double precision;
    min_crashes integer := current_setting('crashpipe.spike_min_crashes')::integer;
    window_length interval := current_setting('crashpipe.spike_baseline')::interval;
    raised bigint;
BEGIN
    WITH touched AS (
        SELECT DISTINCT coalesce(n.signature, '') AS signature, date_trunc('hour', n.submitted_at, 'UTC') AS hour
        FROM new_rows n
    ), counted AS (
        SELECT t.signature, t.hour, h.crashes,
               coalesce((SELECT sum(b.crashes) FROM crashpipe.signature_hourly b
                         WHERE b.signature = t.signature AND b.hour >= t.hour - window_length AND b.hour < t.hour), 0)
               / (extract(epoch FROM window_length) / 3600) AS baseline
        FROM touched t JOIN crashpipe.signature_hourly h ON h.signature = t.signature AND h.hour = t.hour
        WHERE t.signature <> '' AND h.crashes >= min_crashes
    )
    SELECT count(crashpipe.raise_alert('spike', c.signature, c.hour, c.crashes, c.baseline)
                 ORDER BY c.signature, c.hour)
    INTO raised
    FROM counted c WHERE c.crashes > factor * c.baseline;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION crashpipe.alert_spikes() IS 'Statement trigger on processed_crashes (after the rollups): a spike alert and notification for every signature and hour the new crashes pushed over the spike rule.';

-- fires after crash_rollups_insert (triggers fire in name order), so the counts include these crashes
CREATE TRIGGER crash_spikes_insert AFTER INSERT ON crashpipe.processed_crashes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crashpipe.alert_spikes();

CREATE VIEW crashpipe.recent_alerts AS
SELECT a.alert_id, a.kind, a.signature, a.hour, a.crashes, round(a.baseline::numeric, 2) AS baseline, a.raised_at,
       s.first_seen, s.bug_ids
FROM crashpipe.alerts a
LEFT JOIN crashpipe.signatures s ON s.signature = a.signature
WHERE a.raised_at > now() - interval '7 days'
ORDER BY a.raised_at DESC, a.alert_id DESC;
COMMENT ON VIEW crashpipe.recent_alerts IS 'Alerts raised in the last 7 days, newest first, with the signature''s first-seen time and bugs; readable by crashpipe_reader.';
COMMENT ON COLUMN crashpipe.recent_alerts.alert_id IS 'Alert number.';
COMMENT ON COLUMN crashpipe.recent_alerts.kind IS 'new_signature or spike.';
COMMENT ON COLUMN crashpipe.recent_alerts.signature IS 'The signature the alert is about.';
COMMENT ON COLUMN crashpipe.recent_alerts.hour IS 'UTC hour of the spike, or of the first crash of a new signature.';
COMMENT ON COLUMN crashpipe.recent_alerts.crashes IS 'Spike: crashes in that hour when the alert was raised.';
COMMENT ON COLUMN crashpipe.recent_alerts.baseline IS 'Spike: mean crashes per hour before, rounded to two decimals.';
COMMENT ON COLUMN crashpipe.recent_alerts.raised_at IS 'When the alert was raised.';
COMMENT ON COLUMN crashpipe.recent_alerts.first_seen IS 'When the signature was first seen.';
COMMENT ON COLUMN crashpipe.recent_alerts.bug_ids IS 'Bugs linked to the signature.';
