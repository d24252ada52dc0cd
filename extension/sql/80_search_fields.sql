-- extension/sql/80_search_fields.sql
-- The field table: every Super Search field crashpipe offers, where its
-- value lives and who may see it.  The search views (crashpipe.crashes,
-- crashpipe.crashes_protected, made by 82_crash_views.sql) get one typed
-- column per row, and crashpipe.supersearch takes field names, operators
-- and protection from here, so a field is added with one row and nothing
-- else.  Names, query types and protection follow Socorro's Super Search
-- fields (../shared/testdata/socorro/supersearch_fields.json), so Crash
-- Stats queries work unchanged.
--
-- How to add a field (or promote one to a column):
--   1. processor: add the typed column to crashpipe.processed_crashes
--      (30_processed_crashes.sql), named after the field, and have the
--      processor fill it;
--   2. here: add a row (name, query_type, source_column, source_path,
--      protected, description).  A field whose column has its own name is
--      found by the UPDATE below the rows, so source_column is only written
--      where the names differ (uuid is crash_id, date is submitted_at,
--      platform is os_name, ...).
--   A row whose field has no column reads source_path of the processed
--   crash jsonb, cast by its query type, so a field the processor only
--   writes to the document is searchable too (slower: no index, the
--   document is read).
--   3. web's allow-list crashpipe.public_fields (42_public_fields.sql)
--      decides which keys of the processed document itself readers see;
--      list a public field's key there too (sql/80_search_fields checks
--      that the two agree).
--   The views are built when the extension is installed or upgraded, so
--   edits belong in the install script.

CREATE TABLE crashpipe.search_fields (
    name            text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    query_type      text NOT NULL CHECK (query_type IN ('string', 'enum', 'integer', 'float', 'date', 'bool')),
    source_column   name,
    source_path     text[] NOT NULL CHECK (cardinality(source_path) > 0),
    protected       boolean NOT NULL DEFAULT false,
    description     text NOT NULL
);
COMMENT ON TABLE crashpipe.search_fields IS 'Super Search fields: one row per searchable field of processed crashes, with its query type, where it is stored and whether it is protected; the search views have one column per row.';
COMMENT ON COLUMN crashpipe.search_fields.name IS 'Field name as Super Search and Crash Stats name it; also the column name in crashpipe.crashes and crashpipe.crashes_protected.';
COMMENT ON COLUMN crashpipe.search_fields.query_type IS 'string, enum, integer, float, date or bool: decides the operators crashpipe.supersearch accepts for the field.';
COMMENT ON COLUMN crashpipe.search_fields.source_column IS 'Column of crashpipe.processed_crashes holding the value, or null to read source_path of the processed jsonb.';
COMMENT ON COLUMN crashpipe.search_fields.source_path IS 'Path of the value in the processed crash document (processed_crashes.processed), Socorro''s key.';
COMMENT ON COLUMN crashpipe.search_fields.protected IS 'true for protected data (personal or security-sensitive): only members of crashpipe_pii see, search, facet or sort it.';
COMMENT ON COLUMN crashpipe.search_fields.description IS 'What the field holds.';

INSERT INTO crashpipe.search_fields (name, query_type, source_column, source_path, protected, description) VALUES
    ('abort_message', 'string', NULL, '{abort_message}', false,
     'The AbortMessage annotation.'),
    ('accessibility', 'bool', NULL, '{accessibility}', false,
     'true when the Accessibility annotation says Active.'),
    ('accessibility_client', 'string', NULL, '{accessibility_client}', false,
     'The AccessibilityClient annotation.'),
    ('accessibility_in_proc_client', 'string', NULL, '{accessibility_in_proc_client}', false,
     'The AccessibilityInProcClient annotation.'),
    ('adapter_device_id', 'string', NULL, '{adapter_device_id}', false,
     'The AdapterDeviceID annotation.'),
    ('adapter_driver_version', 'string', NULL, '{adapter_driver_version}', false,
     'The AdapterDriverVersion annotation.'),
    ('adapter_subsys_id', 'string', NULL, '{adapter_subsys_id}', false,
     'The AdapterSubsysID annotation.'),
    ('adapter_vendor_id', 'string', NULL, '{adapter_vendor_id}', false,
     'The AdapterVendorID annotation.'),
    ('addons', 'string', NULL, '{addons}', false,
     'Add-ons enabled at the time of the crash, as id:version entries.'),
    ('addons_checked', 'enum', NULL, '{addons_checked}', false,
     'Whether add-on compatibility checking was on (EMCheckCompatibility).'),
    ('address', 'string', 'address', '{address}', false,
     'Crash address from the minidump exception stream, in hex.'),
    ('android_board', 'enum', NULL, '{android_board}', false,
     'The Android_Board annotation.'),
    ('android_brand', 'enum', NULL, '{android_brand}', false,
     'The Android_Brand annotation.'),
    ('android_cpu_abi', 'enum', NULL, '{android_cpu_abi}', false,
     'The Android_CPU_ABI annotation.'),
    ('android_cpu_abi2', 'enum', NULL, '{android_cpu_abi2}', false,
     'The Android_CPU_ABI2 annotation.'),
    ('android_device', 'enum', NULL, '{android_device}', false,
     'The Android_Device annotation.'),
    ('android_display', 'enum', NULL, '{android_display}', false,
     'The Android_Display annotation.'),
    ('android_fingerprint', 'enum', NULL, '{android_fingerprint}', false,
     'The Android_Fingerprint annotation.'),
    ('android_hardware', 'enum', NULL, '{android_hardware}', false,
     'The Android_Hardware annotation.'),
    ('android_manufacturer', 'enum', NULL, '{android_manufacturer}', false,
     'The Android_Manufacturer annotation.'),
    ('android_model', 'string', NULL, '{android_model}', false,
     'The Android_Model annotation.'),
    ('android_packagename', 'string', NULL, '{android_packagename}', false,
     'The Android_PackageName annotation.'),
    ('android_version', 'string', NULL, '{android_version}', false,
     'The Android_Version annotation.'),
    ('app_init_dlls', 'string', NULL, '{app_init_dlls}', false,
     'The AppInitDLLs annotation.'),
    ('app_notes', 'string', NULL, '{app_notes}', false,
     'The Notes annotation.'),
    ('application_build_id', 'integer', NULL, '{application_build_id}', false,
     'The ApplicationBuildID annotation.'),
    ('async_shutdown_timeout', 'string', NULL, '{async_shutdown_timeout}', false,
     'The AsyncShutdownTimeout annotation.'),
    ('available_page_file', 'integer', NULL, '{available_page_file}', false,
     'The AvailablePageFile annotation.'),
    ('available_physical_memory', 'integer', NULL, '{available_physical_memory}', false,
     'The AvailablePhysicalMemory annotation.'),
    ('available_virtual_memory', 'integer', NULL, '{available_virtual_memory}', false,
     'The AvailableVirtualMemory annotation.'),
    ('background_task_name', 'string', NULL, '{background_task_name}', false,
     'The BackgroundTaskName annotation.'),
    ('build_id', 'integer', 'build_id', '{build}', false,
     'Build id (BuildID annotation), usually YYYYMMDDhhmmss.'),
    ('co_marshal_interface_failure', 'enum', NULL, '{co_marshal_interface_failure}', false,
     'The CoMarshalInterfaceFailure annotation.'),
    ('collector_notes', 'string', NULL, '{collector_metadata,collector_notes}', true,
     'Notes the collector wrote while receiving the report.'),
    ('content_sandbox_capabilities', 'integer', NULL, '{content_sandbox_capabilities}', false,
     'The ContentSandboxCapabilities annotation.'),
    ('content_sandbox_capable', 'bool', NULL, '{content_sandbox_capable}', false,
     'The ContentSandboxCapable annotation.'),
    ('content_sandbox_enabled', 'bool', NULL, '{content_sandbox_enabled}', false,
     'The ContentSandboxEnabled annotation.'),
    ('content_sandbox_level', 'integer', NULL, '{content_sandbox_level}', false,
     'The ContentSandboxLevel annotation.'),
    ('cpu_arch', 'enum', 'cpu_arch', '{cpu_arch}', false,
     'CPU architecture from the minidump: x86, amd64, arm, arm64, ...'),
    ('cpu_count', 'integer', 'cpu_count', '{json_dump,system_info,cpu_count}', false,
     'Number of processors from the minidump system info.'),
    ('cpu_info', 'string', 'cpu_info', '{cpu_info}', false,
     'CPU description as Breakpad prints it, e.g. GenuineIntel family 6 model 26 stepping 5.'),
    ('cpu_microcode_version', 'enum', NULL, '{cpu_microcode_version}', false,
     'CPU microcode version, from the minidump or the annotation.'),
    ('crash_inconsistencies', 'string', NULL, '{crash_inconsistencies}', false,
     'Inconsistencies the stack walker found in the minidump.'),
    ('crash_report_keys', 'string', NULL, '{crash_report_keys}', false,
     'Names of every annotation and dump part the report carried.'),
    ('crashing_thread', 'integer', 'crashing_thread', '{crashing_thread}', false,
     'Index of the crashing thread in the thread list.'),
    ('crashing_thread_name', 'string', NULL, '{crashing_thread_name}', false,
     'Name of the crashing thread, when the minidump names it.'),
    ('date', 'date', 'submitted_at', '{date_processed}', false,
     'When the collector stored the crash (Socorro date_processed, the submission time).'),
    ('distribution_id', 'string', NULL, '{distribution_id}', false,
     'Distribution id from the telemetry environment or the annotation.'),
    ('dom_fission_enabled', 'bool', NULL, '{dom_fission_enabled}', false,
     'The DOMFissionEnabled annotation.'),
    ('dom_ipc_enabled', 'bool', NULL, '{dom_ipc_enabled}', false,
     'The DOMIPCEnabled annotation.'),
    ('dumper_error', 'string', NULL, '{dumper_error}', true,
     'The DumperError annotation.'),
    ('em_check_compatibility', 'bool', NULL, '{em_check_compatibility}', false,
     'The EMCheckCompatibility annotation.'),
    ('glean_client_id', 'string', NULL, '{glean_client_id}', true,
     'The GleanClientId annotation.'),
    ('gmp_library_path', 'string', NULL, '{gmp_library_path}', true,
     'The GMPLibraryPath annotation.'),
    ('gmp_plugin', 'bool', NULL, '{gmp_plugin}', false,
     'The GMPPlugin annotation.'),
    ('graphics_critical_error', 'string', NULL, '{graphics_critical_error}', false,
     'The GraphicsCriticalError annotation.'),
    ('graphics_startup_test', 'bool', NULL, '{graphics_startup_test}', false,
     'The GraphicsStartupTest annotation.'),
    ('hang', 'string', NULL, '{hang}', false,
     'The Hang annotation.'),
    ('has_device_touch_screen', 'bool', NULL, '{has_device_touch_screen}', false,
     'The HasDeviceTouchScreen annotation.'),
    ('has_guard_page_access', 'bool', NULL, '{has_guard_page_access}', true,
     'Whether the crash address hit a guard page.'),
    ('has_mac_boot_args', 'bool', NULL, '{has_mac_boot_args}', false,
     'Whether macOS boot arguments were set.'),
    ('install_age', 'integer', 'install_age', '{install_age}', false,
     'Seconds since the build was installed (CrashTime - InstallTime).'),
    ('install_time', 'integer', NULL, '{install_time}', false,
     'The InstallTime annotation.'),
    ('ipc_channel_error', 'string', NULL, '{ipc_channel_error}', false,
     'The ipc_channel_error annotation.'),
    ('ipc_fatal_error_msg', 'string', NULL, '{ipc_fatal_error_msg}', false,
     'The IPCFatalErrorMsg annotation.'),
    ('ipc_fatal_error_protocol', 'string', NULL, '{ipc_fatal_error_protocol}', false,
     'The IPCFatalErrorProtocol annotation.'),
    ('ipc_message_name', 'string', NULL, '{ipc_message_name}', false,
     'The IPCMessageName annotation.'),
    ('ipc_message_size', 'integer', NULL, '{ipc_message_size}', false,
     'The IPCMessageSize annotation.'),
    ('ipc_shutdown_state', 'enum', NULL, '{ipc_shutdown_state}', false,
     'The IPCShutdownState annotation.'),
    ('ipc_system_error', 'integer', NULL, '{ipc_system_error}', false,
     'The IPCSystemError annotation.'),
    ('is_garbage_collecting', 'bool', NULL, '{is_garbage_collecting}', false,
     'The IsGarbageCollecting annotation.'),
    ('java_stack_trace', 'string', NULL, '{java_stack_trace}', false,
     'Java stack trace with its message removed.'),
    ('java_stack_trace_raw', 'string', NULL, '{java_stack_trace_raw}', true,
     'Java stack trace as sent, message included.'),
    ('js_large_allocation_failure', 'string', NULL, '{js_large_allocation_failure}', false,
     'The JSLargeAllocationFailure annotation.'),
    ('last_crash', 'integer', NULL, '{last_crash}', false,
     'Seconds between this crash and the previous one of the same installation.'),
    ('last_error_value', 'string', NULL, '{last_error_value}', false,
     'Windows last-error value of the crashing thread.'),
    ('mac_available_memory_sysctl', 'integer', NULL, '{mac_available_memory_sysctl}', false,
     'The MacAvailableMemorySysctl annotation.'),
    ('mac_boot_args', 'string', NULL, '{mac_boot_args}', true,
     'macOS boot arguments.'),
    ('mac_crash_info', 'string', NULL, '{mac_crash_info}', false,
     'macOS crash-info records from the minidump.'),
    ('mac_memory_pressure', 'string', NULL, '{mac_memory_pressure}', false,
     'The MacMemoryPressure annotation.'),
    ('mac_memory_pressure_sysctl', 'integer', NULL, '{mac_memory_pressure_sysctl}', false,
     'The MacMemoryPressureSysctl annotation.'),
    ('major_version', 'integer', NULL, '{major_version}', false,
     'Major number of the product version.'),
    ('marionette', 'bool', NULL, '{marionette}', false,
     'The Marionette annotation.'),
    ('memory_explicit', 'integer', NULL, '{memory_measures,explicit}', false,
     'Memory measure explicit from the memory report, in bytes (counts for ghost windows).'),
    ('memory_gfx_textures', 'integer', NULL, '{memory_measures,gfx_textures}', false,
     'Memory measure gfx_textures from the memory report, in bytes (counts for ghost windows).'),
    ('memory_ghost_windows', 'integer', NULL, '{memory_measures,ghost_windows}', false,
     'Memory measure ghost_windows from the memory report, in bytes (counts for ghost windows).'),
    ('memory_heap_allocated', 'integer', NULL, '{memory_measures,heap_allocated}', false,
     'Memory measure heap_allocated from the memory report, in bytes (counts for ghost windows).'),
    ('memory_heap_overhead', 'integer', NULL, '{memory_measures,heap_overhead}', false,
     'Memory measure heap_overhead from the memory report, in bytes (counts for ghost windows).'),
    ('memory_heap_unclassified', 'integer', NULL, '{memory_measures,heap_unclassified}', false,
     'Memory measure heap_unclassified from the memory report, in bytes (counts for ghost windows).'),
    ('memory_host_object_urls', 'integer', NULL, '{memory_measures,host_object_urls}', false,
     'Memory measure host_object_urls from the memory report, in bytes (counts for ghost windows).'),
    ('memory_images', 'integer', NULL, '{memory_measures,images}', false,
     'Memory measure images from the memory report, in bytes (counts for ghost windows).'),
    ('memory_js_main_runtime', 'integer', NULL, '{memory_measures,js_main_runtime}', false,
     'Memory measure js_main_runtime from the memory report, in bytes (counts for ghost windows).'),
    ('memory_private', 'integer', NULL, '{memory_measures,private}', false,
     'Memory measure private from the memory report, in bytes (counts for ghost windows).'),
    ('memory_resident', 'integer', NULL, '{memory_measures,resident}', false,
     'Memory measure resident from the memory report, in bytes (counts for ghost windows).'),
    ('memory_resident_unique', 'integer', NULL, '{memory_measures,resident_unique}', false,
     'Memory measure resident_unique from the memory report, in bytes (counts for ghost windows).'),
    ('memory_system_heap_allocated', 'integer', NULL, '{memory_measures,system_heap_allocated}', false,
     'Memory measure system_heap_allocated from the memory report, in bytes (counts for ghost windows).'),
    ('memory_top_none_detached', 'integer', NULL, '{memory_measures,top_none_detached}', false,
     'Memory measure top_none_detached from the memory report, in bytes (counts for ghost windows).'),
    ('memory_vsize', 'integer', NULL, '{memory_measures,vsize}', false,
     'Memory measure vsize from the memory report, in bytes (counts for ghost windows).'),
    ('memory_vsize_max_contiguous', 'integer', NULL, '{memory_measures,vsize_max_contiguous}', false,
     'Memory measure vsize_max_contiguous from the memory report, in bytes (counts for ghost windows).'),
    ('minidump_sha256_hash', 'string', 'minidump_sha256_hash', '{minidump_sha256_hash}', false,
     'SHA-256 of the upload_file_minidump part, or empty when there is none.'),
    ('missing_symbols', 'string', NULL, '{missing_symbols}', false,
     'Modules on the stack that had no symbols.'),
    ('modules_in_stack', 'string', NULL, '{modules_in_stack}', false,
     'Modules of the crashing thread''s frames, as debug_file/debug_id.'),
    ('moz_crash_reason', 'string', NULL, '{moz_crash_reason}', false,
     'MozCrashReason annotation with literal strings removed.'),
    ('moz_crash_reason_raw', 'string', NULL, '{moz_crash_reason_raw}', true,
     'MozCrashReason annotation as sent.'),
    ('oom_allocation_size', 'integer', NULL, '{oom_allocation_size}', false,
     'The OOMAllocationSize annotation.'),
    ('phc_alloc_stack', 'string', NULL, '{phc_alloc_stack}', true,
     'Allocation stack of the PHC-guarded block.'),
    ('phc_base_address', 'string', NULL, '{phc_base_address}', true,
     'Base address of the PHC-guarded block.'),
    ('phc_free_stack', 'string', NULL, '{phc_free_stack}', true,
     'Free stack of the PHC-guarded block.'),
    ('phc_kind', 'string', NULL, '{phc_kind}', true,
     'Kind of PHC (probabilistic heap checker) hit.'),
    ('phc_usable_size', 'integer', NULL, '{phc_usable_size}', true,
     'Usable size of the PHC-guarded block.'),
    ('platform', 'enum', 'os_name', '{os_name}', false,
     'Operating system from the minidump (Windows NT, Linux, Mac OS X, ...), else from the OS annotation.'),
    ('platform_pretty_version', 'string', 'os_pretty_version', '{os_pretty_version}', false,
     'Operating system name and version in readable form, e.g. Windows 10.'),
    ('platform_version', 'string', 'os_version', '{os_version}', false,
     'Operating-system version as Breakpad prints it.'),
    ('plugin_filename', 'enum', NULL, '{plugin_filename}', false,
     'File name of the plugin that crashed.'),
    ('plugin_name', 'enum', NULL, '{plugin_name}', false,
     'Name of the plugin that crashed.'),
    ('plugin_version', 'enum', NULL, '{plugin_version}', false,
     'Version of the plugin that crashed.'),
    ('possible_bit_flips_max_confidence', 'integer', NULL, '{possible_bit_flips_max_confidence}', false,
     'Highest confidence (percent) that the crash address is a bit flip.'),
    ('process_type', 'string', 'process_type', '{process_type}', false,
     'Crashing process type: parent unless the ProcessType annotation says otherwise.'),
    ('processor_notes', 'string', 'processor_notes', '{processor_notes}', false,
     'One line per processing rule that changed or failed something.'),
    ('product', 'enum', 'product', '{product}', false,
     'Product name (ProductName annotation).'),
    ('productid', 'enum', NULL, '{productid}', false,
     'The ProductID annotation.'),
    ('proto_signature', 'string', NULL, '{proto_signature}', false,
     'Every frame of the crashing thread joined, before the signature lists cut it.'),
    ('quota_manager_shutdown_timeout', 'string', NULL, '{quota_manager_shutdown_timeout}', false,
     'The QuotaManagerShutdownTimeout annotation.'),
    ('reason', 'string', 'reason', '{reason}', false,
     'Crash reason as Breakpad names it, e.g. EXCEPTION_ACCESS_VIOLATION_READ or SIGSEGV /SEGV_MAPERR.'),
    ('release_channel', 'enum', 'release_channel', '{release_channel}', false,
     'Release channel (ReleaseChannel annotation).'),
    ('remote_agent', 'bool', NULL, '{remote_agent}', false,
     'The RemoteAgent annotation.'),
    ('remote_type', 'enum', NULL, '{remote_type}', true,
     'The RemoteType annotation.'),
    ('report_type', 'string', NULL, '{report_type}', false,
     'crash or hang.'),
    ('safe_mode', 'bool', NULL, '{safe_mode}', false,
     'The SafeMode annotation.'),
    ('shutdown_progress', 'string', NULL, '{shutdown_progress}', false,
     'The ShutdownProgress annotation.'),
    ('shutdown_reason', 'string', NULL, '{shutdown_reason}', false,
     'The ShutdownReason annotation.'),
    ('signature', 'string', 'signature', '{signature}', false,
     'Crash signature, the key crashes are grouped by.'),
    ('soft_errors', 'string', NULL, '{soft_errors}', true,
     'Errors the processor noted without failing the crash.'),
    ('stackwalk_version', 'string', NULL, '{stackwalk_version}', false,
     'Name and version of the stack walker that made json_dump.'),
    ('startup_crash', 'bool', NULL, '{startup_crash}', false,
     'The StartupCrash annotation.'),
    ('startup_time', 'integer', NULL, '{startup_time}', false,
     'The StartupTime annotation.'),
    ('submitted_from', 'string', NULL, '{submitted_from}', false,
     'How the report was submitted: Auto, Client, CrashedTab, ...'),
    ('system_memory_use_percentage', 'integer', NULL, '{system_memory_use_percentage}', false,
     'The SystemMemoryUsePercentage annotation.'),
    ('thread_count', 'integer', NULL, '{thread_count}', false,
     'Number of threads in the minidump.'),
    ('throttleable', 'bool', NULL, '{throttleable}', false,
     'The Throttleable annotation.'),
    ('topmost_filenames', 'string', NULL, '{topmost_filenames}', false,
     'Source file of the top frame of the crashing thread.'),
    ('total_page_file', 'integer', NULL, '{total_page_file}', false,
     'The TotalPageFile annotation.'),
    ('total_physical_memory', 'integer', NULL, '{total_physical_memory}', false,
     'The TotalPhysicalMemory annotation.'),
    ('total_virtual_memory', 'integer', NULL, '{total_virtual_memory}', false,
     'The TotalVirtualMemory annotation.'),
    ('uptime', 'integer', 'uptime', '{uptime}', false,
     'Seconds the process ran before crashing (CrashTime - StartupTime).'),
    ('uptime_ts', 'float', NULL, '{uptime_ts}', false,
     'The UptimeTS annotation.'),
    ('url', 'string', NULL, '{url}', true,
     'The URL annotation.'),
    ('user_comments', 'string', NULL, '{user_comments}', true,
     'The Comments annotation.'),
    ('useragent_locale', 'enum', NULL, '{useragent_locale}', false,
     'The useragent_locale annotation.'),
    ('utility_actors_name', 'string', NULL, '{utility_actors_name}', false,
     'IPC actors of the crashing utility process.'),
    ('utility_process_sandboxing_kind', 'integer', NULL, '{utility_process_sandboxing_kind}', false,
     'The UtilityProcessSandboxingKind annotation.'),
    ('uuid', 'enum', 'crash_id', '{uuid}', false,
     'Crash id, as returned to the client.'),
    ('vendor', 'enum', NULL, '{vendor}', false,
     'The Vendor annotation.'),
    ('version', 'enum', 'version', '{version}', false,
     'Product version; esr appended on the esr channel, as Socorro does.'),
    ('windows_error_reporting', 'bool', NULL, '{windows_error_reporting}', false,
     'The WindowsErrorReporting annotation.'),
    ('xpcom_spin_event_loop_stack', 'string', NULL, '{xpcom_spin_event_loop_stack}', false,
     'The XPCOMSpinEventLoopStack annotation.');

-- a field whose processed_crashes column bears its name reads that column
UPDATE crashpipe.search_fields s SET source_column = s.name
WHERE s.source_column IS NULL
  AND EXISTS (SELECT FROM pg_catalog.pg_attribute a
              WHERE a.attrelid = 'crashpipe.processed_crashes'::regclass AND a.attname = s.name AND NOT a.attisdropped);

-- Conversions of a processed-crash value (jsonb) to a column type.  They
-- never fail: a value of the wrong shape reads as null, so one odd crash
-- cannot break a view or a search.
CREATE FUNCTION crashpipe.json_bigint(value jsonb)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN value #>> '{}' ~ '^\s*-?[0-9]{1,18}\s*$' THEN (value #>> '{}')::bigint END
$$;
COMMENT ON FUNCTION crashpipe.json_bigint(jsonb) IS 'A processed-crash value as bigint: a whole JSON number or a string of digits, else null.';

CREATE FUNCTION crashpipe.json_float(value jsonb)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN value #>> '{}' ~ '^\s*-?[0-9]{1,30}(\.[0-9]{1,30})?([eE][-+]?[0-9]{1,2})?\s*$'
                THEN (value #>> '{}')::double precision END
$$;
COMMENT ON FUNCTION crashpipe.json_float(jsonb) IS 'A processed-crash value as double precision: a JSON number or a numeric string, else null.';

CREATE FUNCTION crashpipe.json_bool(value jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE lower(value #>> '{}') WHEN 'true' THEN true WHEN '1' THEN true
                                      WHEN 'false' THEN false WHEN '0' THEN false END
$$;
COMMENT ON FUNCTION crashpipe.json_bool(jsonb) IS 'A processed-crash value as boolean: true, false, 1, 0 (as JSON or strings), else null.';

CREATE FUNCTION crashpipe.json_timestamptz(value jsonb)
RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    IF value #>> '{}' !~ '^\d{4}-\d\d-\d\d' THEN
        RETURN NULL;
    END IF;
    RETURN (value #>> '{}')::timestamptz;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION crashpipe.json_timestamptz(jsonb) IS 'A processed-crash value as timestamptz: an ISO 8601 string (in the session time zone unless it names one), else null.';

CREATE FUNCTION crashpipe.jsonb_pick(doc jsonb, keys text[])
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}')
    FROM jsonb_each(doc) AS e
    WHERE e.key = ANY (keys)
$$;
COMMENT ON FUNCTION crashpipe.jsonb_pick(jsonb, text[]) IS 'The object doc with only the given top-level keys; null stays null.';
