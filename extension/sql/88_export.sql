-- extension/sql/88_export.sql
-- Public-safe exports for an analytics server:
--   crashpipe.telemetry_export  the columns Mozilla's Socorro exports to
--       Telemetry (the socorro_crash data set), protected ones left out,
--       with json_dump cut to what that export keeps (no thread list but the
--       crashing thread's top 10 frames); built on crashpipe.crashes, so it
--       can only show what readers may see.  For COPY (SELECT ...) TO.
--   crashpipe.create_export_publication(name)  a logical-replication
--       publication of processed_crashes limited to the typed columns of
--       public fields (PostgreSQL 15 column lists), for streaming them to
--       another server.

CREATE VIEW crashpipe.telemetry_export AS
SELECT c.crash_id, c.crash_date, c.abort_message, c.accessibility, c.adapter_device_id,
       c.adapter_driver_version, c.adapter_subsys_id, c.adapter_vendor_id, c.addons,
       c.addons_checked, c.address, c.android_board, c.android_brand, c.android_cpu_abi,
       c.android_cpu_abi2, c.android_device, c.android_hardware, c.android_manufacturer,
       c.android_model, c.android_version, c.app_init_dlls, c.app_notes, c.available_physical_memory,
       c.available_virtual_memory, c.build_id, c.cpu_arch, c.cpu_info, c.cpu_microcode_version,
       c.date, c.dom_fission_enabled, c.dom_ipc_enabled, c.gmp_plugin, c.graphics_critical_error,
       c.graphics_startup_test, c.install_age, c.ipc_channel_error, c.ipc_fatal_error_msg,
       c.ipc_fatal_error_protocol, c.ipc_message_name, c.ipc_system_error, c.is_garbage_collecting,
       c.java_stack_trace, c.last_crash, c.minidump_sha256_hash, c.moz_crash_reason,
       c.oom_allocation_size, c.platform, c.platform_pretty_version, c.platform_version,
       c.plugin_filename, c.plugin_name, c.plugin_version, c.process_type, c.processor_notes,
       c.product, c.productid, c.proto_signature, c.reason, c.release_channel, c.safe_mode,
       c.shutdown_progress, c.signature, c.startup_crash, c.topmost_filenames,
       c.total_physical_memory, c.total_virtual_memory, c.uptime, c.useragent_locale, c.uuid,
       c.version,
       c.processed -> 'additional_minidumps' AS additional_minidumps,
       c.processed -> 'memory_measures' AS memory_measures,
       crashpipe.jsonb_pick(c.json_dump, '{crash_info,largest_free_vm_block,main_module,modules,pid,status,system_info,thread_count,write_combine_size}')
       || jsonb_build_object('crashing_thread', jsonb_build_object(
              'threads_index', c.json_dump #> '{crashing_thread,threads_index}',
              'total_frames', c.json_dump #> '{crashing_thread,frame_count}',
              'frames', (SELECT coalesce(jsonb_agg(f.frame ORDER BY f.n), '[]') FROM jsonb_array_elements(
                             CASE WHEN jsonb_typeof(c.json_dump #> '{crashing_thread,frames}') = 'array'
                                  THEN c.json_dump #> '{crashing_thread,frames}' ELSE '[]' END)
                             WITH ORDINALITY AS f(frame, n) WHERE f.n <= 10))) AS json_dump
FROM crashpipe.crashes c;
COMMENT ON VIEW crashpipe.telemetry_export IS 'Public-safe export of processed crashes with the columns Socorro sends to Telemetry (socorro_crash), for COPY (SELECT ...) TO; readable by crashpipe_reader.';
SELECT count(*) AS commented FROM (
    SELECT crashpipe.comment_column('telemetry_export', s.name, s.description)
    FROM crashpipe.search_fields s
    JOIN pg_catalog.pg_attribute a ON a.attname = s.name AND a.attrelid = 'crashpipe.telemetry_export'::regclass) c;
COMMENT ON COLUMN crashpipe.telemetry_export.crash_id IS 'Crash id (the key, with crash_date).';
COMMENT ON COLUMN crashpipe.telemetry_export.crash_date IS 'UTC day encoded in the crash id; export one day with WHERE crash_date = ...';
COMMENT ON COLUMN crashpipe.telemetry_export.additional_minidumps IS 'Names of the other minidumps of the report (processed crash key additional_minidumps).';
COMMENT ON COLUMN crashpipe.telemetry_export.memory_measures IS 'Measures from the memory report (processed crash key memory_measures).';
COMMENT ON COLUMN crashpipe.telemetry_export.json_dump IS 'json_dump without the thread list: crash and system info, modules, and the crashing thread''s top 10 frames.';

CREATE FUNCTION crashpipe.create_export_publication(publication_name name)
RETURNS text[]
LANGUAGE plpgsql
AS $$
DECLARE
    columns text[] := ARRAY['crash_id', 'crash_date', 'processed_at']
                      || ARRAY(SELECT DISTINCT s.source_column::text FROM crashpipe.search_fields s
                               WHERE NOT s.protected AND s.source_column IS NOT NULL
                                 AND s.source_column NOT IN ('crash_id', 'crash_date', 'processed_at') ORDER BY 1);
BEGIN
    EXECUTE format('CREATE PUBLICATION %I FOR TABLE crashpipe.processed_crashes (%s) WITH (publish_via_partition_root = true)',
                   publication_name, (SELECT string_agg(format('%I', c), ', ') FROM unnest(columns) c));
    RETURN columns;
END
$$;
REVOKE ALL ON FUNCTION crashpipe.create_export_publication(name) FROM PUBLIC;
COMMENT ON FUNCTION crashpipe.create_export_publication(name) IS 'Superuser: creates a logical-replication publication of processed_crashes with only the key and the typed columns of public fields (a PostgreSQL 15 column list); returns the columns. Subscribers need a table with those columns.';
