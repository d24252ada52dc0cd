-- extension/sql/89_grants.sql
-- What each role may read and do (the roles are made in 81_roles.sql).
-- This piece runs last, so "every table" means every table of the install
-- script.  Readers get views and rollups, never crashpipe.processed_crashes
-- or raw_crashes themselves: those hold protected data in mixed columns.

GRANT USAGE ON SCHEMA crashpipe TO crashpipe_reader;
GRANT SELECT ON crashpipe.crashes, crashpipe.crash_frames, crashpipe.modules,
                crashpipe.search_fields, crashpipe.public_fields, crashpipe.permission_roles,
                crashpipe.signature_daily, crashpipe.signature_hourly, crashpipe.crash_hourly,
                crashpipe.signatures, crashpipe.products, crashpipe.job_status, crashpipe.processor_status,
                crashpipe.alerts, crashpipe.recent_alerts, crashpipe.telemetry_export
    TO crashpipe_reader;

GRANT SELECT ON crashpipe.crashes_protected, crashpipe.raw_crashes, crashpipe.dumps TO crashpipe_pii;

-- reprocess checks that the raw crash exists (by its key only) and queues it
GRANT SELECT (crash_id, crash_date) ON crashpipe.raw_crashes TO crashpipe_reprocess;
GRANT SELECT, INSERT, UPDATE ON crashpipe.queue TO crashpipe_reprocess;

GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA crashpipe TO crashpipe_admin;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA crashpipe TO crashpipe_admin;
GRANT EXECUTE ON FUNCTION crashpipe.create_token(text, text[], timestamptz), crashpipe.revoke_token(text)
    TO crashpipe_admin;
