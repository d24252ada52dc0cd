-- extension/sql/30_processed_crashes.sql
-- Processed crashes: every Super Search field of Socorro that crashpipe
-- fills is a typed column named as the processed-crash key it comes from
-- (os_name for Super Search's platform, build_id for the key build,
-- memory_* for memory_measures.*), and the whole processed crash, with
-- json_dump, is kept in processed.  crashpipe.process_crash (32_process.sql)
-- writes a row from what crashpipe.processor_rules returns; the columns are
-- filled from the document by name (crashpipe.processed_row), so a column
-- added here is filled without touching the code.  Integers that come from
-- annotations are bigint, whatever Elasticsearch's mapping in Socorro, so a
-- large value is stored rather than refused.

CREATE TABLE crashpipe.processed_crashes (
    crash_id                           uuid NOT NULL,
    crash_date                         date NOT NULL,
    processed_at                       timestamptz NOT NULL DEFAULT now(),
    submitted_at                       timestamptz NOT NULL,
    success                            boolean NOT NULL,
    build_id                           text,
    mdsw_status_string                 text,
    collector_notes                    text[],
    client_crash_date                  timestamptz,
    abort_message                      text,
    accessibility                      boolean,
    accessibility_client               text,
    accessibility_in_proc_client       text,
    adapter_device_id                  text,
    adapter_driver_version             text,
    adapter_subsys_id                  text,
    adapter_vendor_id                  text,
    addons                             text[],
    addons_checked                     boolean,
    address                            text,
    android_board                      text,
    android_brand                      text,
    android_cpu_abi                    text,
    android_cpu_abi2                   text,
    android_device                     text,
    android_display                    text,
    android_fingerprint                text,
    android_hardware                   text,
    android_manufacturer               text,
    android_model                      text,
    android_packagename                text,
    android_version                    text,
    app_init_dlls                      text,
    app_notes                          text,
    application_build_id               text,
    async_shutdown_timeout             text,
    available_page_file                bigint,
    available_physical_memory          bigint,
    available_virtual_memory           bigint,
    background_task_name               text,
    co_marshal_interface_failure       text,
    content_sandbox_capabilities       bigint,
    content_sandbox_capable            boolean,
    content_sandbox_enabled            boolean,
    content_sandbox_level              bigint,
    cpu_arch                           text,
    cpu_count                          integer,
    cpu_info                           text,
    cpu_microcode_version              text,
    crash_inconsistencies              text[],
    crash_report_keys                  text[],
    crashing_thread                    integer,
    crashing_thread_name               text,
    distribution_id                    text,
    dom_fission_enabled                boolean,
    dom_ipc_enabled                    boolean,
    dumper_error                       text,
    em_check_compatibility             boolean,
    glean_client_id                    text,
    gmp_library_path                   text,
    gmp_plugin                         boolean,
    graphics_critical_error            text,
    graphics_startup_test              boolean,
    hang                               text,
    has_device_touch_screen            boolean,
    has_guard_page_access              boolean,
    has_mac_boot_args                  boolean,
    install_age                        bigint,
    install_time                       bigint,
    ipc_channel_error                  text,
    ipc_fatal_error_msg                text,
    ipc_fatal_error_protocol           text,
    ipc_message_name                   text,
    ipc_message_size                   bigint,
    ipc_shutdown_state                 text,
    ipc_system_error                   bigint,
    is_garbage_collecting              boolean,
    java_stack_trace                   text,
    java_stack_trace_raw               text,
    js_large_allocation_failure        text,
    last_crash                         bigint,
    last_error_value                   text,
    mac_available_memory_sysctl        bigint,
    mac_boot_args                      text,
    mac_crash_info                     text,
    mac_memory_pressure                text,
    mac_memory_pressure_sysctl         bigint,
    major_version                      integer,
    marionette                         boolean,
    memory_explicit                    bigint,
    memory_gfx_textures                bigint,
    memory_ghost_windows               bigint,
    memory_heap_allocated              bigint,
    memory_heap_overhead               bigint,
    memory_heap_unclassified           bigint,
    memory_host_object_urls            bigint,
    memory_images                      bigint,
    memory_js_main_runtime             bigint,
    memory_private                     bigint,
    memory_resident                    bigint,
    memory_resident_unique             bigint,
    memory_system_heap_allocated       bigint,
    memory_top_none_detached           bigint,
    memory_vsize                       bigint,
    memory_vsize_max_contiguous        bigint,
    minidump_sha256_hash               text,
    missing_symbols                    text,
    modules_in_stack                   text,
    moz_crash_reason                   text,
    moz_crash_reason_raw               text,
    oom_allocation_size                bigint,
    os_name                            text,
    os_pretty_version                  text,
    os_version                         text,
    phc_alloc_stack                    text,
    phc_base_address                   text,
    phc_free_stack                     text,
    phc_kind                           text,
    phc_usable_size                    bigint,
    plugin_filename                    text,
    plugin_name                        text,
    plugin_version                     text,
    possible_bit_flips_max_confidence  integer,
    process_type                       text,
    processor_notes                    text,
    product                            text,
    productid                          text,
    proto_signature                    text,
    quota_manager_shutdown_timeout     text,
    reason                             text,
    release_channel                    text,
    remote_agent                       boolean,
    remote_type                        text,
    report_type                        text,
    safe_mode                          boolean,
    shutdown_progress                  text,
    shutdown_reason                    text,
    signature                          text,
    soft_errors                        text,
    stackwalk_version                  text,
    startup_crash                      boolean,
    startup_time                       bigint,
    submitted_from                     text,
    system_memory_use_percentage       bigint,
    thread_count                       integer,
    throttleable                       boolean,
    topmost_filenames                  text,
    total_page_file                    bigint,
    total_physical_memory              bigint,
    total_virtual_memory               bigint,
    uptime                             bigint,
    uptime_ts                          double precision,
    url                                text,
    user_comments                      text,
    useragent_locale                   text,
    utility_actors_name                text[],
    utility_process_sandboxing_kind    bigint,
    vendor                             text,
    version                            text,
    windows_error_reporting            boolean,
    xpcom_spin_event_loop_stack        text,
    processed                          jsonb COMPRESSION lz4 NOT NULL,
    PRIMARY KEY (crash_id, crash_date)
) PARTITION BY RANGE (crash_date);
CREATE INDEX processed_crashes_processed_at_idx ON crashpipe.processed_crashes (processed_at DESC);
CREATE INDEX processed_crashes_product_idx ON crashpipe.processed_crashes (product, version, crash_date);
CREATE INDEX processed_crashes_signature_idx ON crashpipe.processed_crashes (signature, crash_date);
COMMENT ON TABLE crashpipe.processed_crashes IS 'Crashes after processing: each searchable field a typed column named after its processed-crash key, the whole processed crash (Socorro''s field names, json_dump included) in processed.';
COMMENT ON COLUMN crashpipe.processed_crashes.crash_id IS 'Crash id, as returned to the client.';
COMMENT ON COLUMN crashpipe.processed_crashes.crash_date IS 'UTC day encoded in the crash id; the partition key.';
COMMENT ON COLUMN crashpipe.processed_crashes.processed_at IS 'When this processing was stored (completed_datetime).';
COMMENT ON COLUMN crashpipe.processed_crashes.submitted_at IS 'When the collector stored the crash (date_processed and submitted_timestamp).';
COMMENT ON COLUMN crashpipe.processed_crashes.success IS 'true when every rule ran (Socorro''s meaning); whether the minidump could be walked is mdsw_status_string.';
COMMENT ON COLUMN crashpipe.processed_crashes.build_id IS 'Build id (BuildID annotation, key build), usually YYYYMMDDhhmmss; text, as the schema has it, so a malformed one is kept.';
COMMENT ON COLUMN crashpipe.processed_crashes.mdsw_status_string IS 'How the stack walk of upload_file_minidump ended: OK, EmptyMinidump, ERROR_NO_MINIDUMP_HEADER, ERROR_TOO_LARGE or ERROR_TIMEOUT; null without a minidump.';
COMMENT ON COLUMN crashpipe.processed_crashes.client_crash_date IS 'Crash time as the client reported it (CrashTime), else the submission time (DatesAndTimesRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.collector_notes IS 'Notes the collector made while accepting the crash (collector_metadata.collector_notes); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.abort_message IS 'The AbortMessage annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.accessibility IS 'true when the Accessibility annotation was Active (AccessibilityRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.accessibility_client IS 'The AccessibilityClient annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.accessibility_in_proc_client IS 'The AccessibilityInProcClient annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.adapter_device_id IS 'The AdapterDeviceID annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.adapter_driver_version IS 'The AdapterDriverVersion annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.adapter_subsys_id IS 'The AdapterSubsysID annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.adapter_vendor_id IS 'The AdapterVendorID annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.addons IS 'Add-ons as id:version, URL-decoded, :NO_VERSION where the version was missing (AddonsRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.addons_checked IS 'Whether add-on compatibility was checked (EMCheckCompatibility), null when not said (AddonsRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.address IS 'Crash address in hex, as the stack walk found it, adjusted for null-pointer and non-canonical accesses (CrashingThreadInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_board IS 'The Android_Board annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_brand IS 'The Android_Brand annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_cpu_abi IS 'The Android_CPU_ABI annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_cpu_abi2 IS 'The Android_CPU_ABI2 annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_device IS 'The Android_Device annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_display IS 'The Android_Display annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_fingerprint IS 'The Android_Fingerprint annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_hardware IS 'The Android_Hardware annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_manufacturer IS 'The Android_Manufacturer annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_model IS 'The Android_Model annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_packagename IS 'The Android_PackageName annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.android_version IS 'The Android_Version annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.app_init_dlls IS 'The AppInitDLLs annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.app_notes IS 'The Notes annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.application_build_id IS 'The ApplicationBuildID annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.async_shutdown_timeout IS 'The AsyncShutdownTimeout annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.available_page_file IS 'The AvailablePageFile annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.available_physical_memory IS 'The AvailablePhysicalMemory annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.available_virtual_memory IS 'The AvailableVirtualMemory annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.background_task_name IS 'The BackgroundTaskName annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.co_marshal_interface_failure IS 'The CoMarshalInterfaceFailure annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.content_sandbox_capabilities IS 'The ContentSandboxCapabilities annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.content_sandbox_capable IS 'The ContentSandboxCapable annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.content_sandbox_enabled IS 'The ContentSandboxEnabled annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.content_sandbox_level IS 'The ContentSandboxLevel annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.cpu_arch IS 'CPU architecture: x86, amd64, arm, arm64, ... from the minidump, else Android_CPU_ABI or CPUArchitecture (CPUInfoRule and its fall-backs).';
COMMENT ON COLUMN crashpipe.processed_crashes.cpu_count IS 'Number of CPUs the minidump reports (CPUInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.cpu_info IS 'CPU vendor and model as Breakpad prints it, e.g. GenuineIntel family 6 model 26 stepping 5 (CPUInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.cpu_microcode_version IS 'CPU microcode version in hex, when the walk knows it (CPUInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.crash_inconsistencies IS 'What the walk found inconsistent between crash reason and crashing instruction (CrashInconsistenciesRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.crash_report_keys IS 'Names of the annotations and dumps in the report, sorted (CrashReportKeysRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.crashing_thread IS 'Index of the crashing thread in json_dump.threads (CrashingThreadInfoRule; 0 for shutdown hangs).';
COMMENT ON COLUMN crashpipe.processed_crashes.crashing_thread_name IS 'Name of the crashing thread, if the dump names threads (CrashingThreadInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.distribution_id IS 'Who built the product: DistributionID, else the telemetry partner id; unknown or mozilla when absent or empty (DistributionIdRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.dom_fission_enabled IS 'The DOMFissionEnabled annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.dom_ipc_enabled IS 'The DOMIPCEnabled annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.dumper_error IS 'The DumperError annotation (CopyFromRawCrashRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.em_check_compatibility IS 'The EMCheckCompatibility annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.glean_client_id IS 'The GleanClientId annotation (CopyFromRawCrashRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.gmp_library_path IS 'The GMPLibraryPath annotation (CopyFromRawCrashRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.gmp_plugin IS 'The GMPPlugin annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.graphics_critical_error IS 'The GraphicsCriticalError annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.graphics_startup_test IS 'The GraphicsStartupTest annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.hang IS 'The Hang annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.has_device_touch_screen IS 'The HasDeviceTouchScreen annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.has_guard_page_access IS 'true when a memory access of the crashing instruction likely hit a guard page (HasGuardPageAccessRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.has_mac_boot_args IS 'true when the macOS boot arguments were not empty (MacBootArgsRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.install_age IS 'Seconds from InstallTime to the crash (DatesAndTimesRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.install_time IS 'The InstallTime annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.ipc_channel_error IS 'The ipc_channel_error annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.ipc_fatal_error_msg IS 'The IPCFatalErrorMsg annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.ipc_fatal_error_protocol IS 'The IPCFatalErrorProtocol annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.ipc_message_name IS 'The IPCMessageName annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.ipc_message_size IS 'The IPCMessageSize annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.ipc_shutdown_state IS 'The IPCShutdownState annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.ipc_system_error IS 'The IPCSystemError annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.is_garbage_collecting IS 'The IsGarbageCollecting annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.java_stack_trace IS 'JavaStackTrace without exception messages: class line and frames, or malformed (JavaStackTraceRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.java_stack_trace_raw IS 'JavaStackTrace as sent, messages included (JavaStackTraceRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.js_large_allocation_failure IS 'The JSLargeAllocationFailure annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.last_crash IS 'Seconds since the previous crash (SecondsSinceLastCrash) (DatesAndTimesRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.last_error_value IS 'Windows GetLastError value of the crashing thread (CrashingThreadInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.mac_available_memory_sysctl IS 'The MacAvailableMemorySysctl annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.mac_boot_args IS 'macOS boot arguments from the minidump (MacBootArgsRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.mac_crash_info IS 'macOS __crash_info records from the minidump, as JSON text with sorted keys (MacCrashInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.mac_memory_pressure IS 'The MacMemoryPressure annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.mac_memory_pressure_sysctl IS 'The MacMemoryPressureSysctl annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.major_version IS 'Whole number before the first dot of Version, or 0 (MajorVersionRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.marionette IS 'The Marionette annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_explicit IS 'The "explicit" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_gfx_textures IS 'The "gfx-textures" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_ghost_windows IS 'The "ghost-windows" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_heap_allocated IS 'The "heap-allocated" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_heap_overhead IS 'The "heap-overhead" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_heap_unclassified IS 'The "heap-unclassified" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_host_object_urls IS 'The "host-object-urls" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_images IS 'The "images" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_js_main_runtime IS 'The "js-main-runtime" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_private IS 'The "private" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_resident IS 'The "resident" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_resident_unique IS 'The "resident-unique" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_system_heap_allocated IS 'The "system-heap-allocated" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_top_none_detached IS 'The "top-none-detached" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_vsize IS 'The "vsize" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.memory_vsize_max_contiguous IS 'The "vsize-max-contiguous" measurement of the crashing process in its memory report (MemoryReportExtraction).';
COMMENT ON COLUMN crashpipe.processed_crashes.minidump_sha256_hash IS 'SHA-256 of the upload_file_minidump part, or empty when there is none (MinidumpSha256HashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.missing_symbols IS 'Modules on a stack without symbols, as filename/version/debugid[/codeid] joined with ; (MissingSymbolsRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.modules_in_stack IS 'Modules on the crashing stack, as filename/debugid joined with ; (ModulesInStackRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.moz_crash_reason IS 'MozCrashReason, with dynamic texts replaced by sanitized--see moz_crash_reason_raw (MozCrashReasonRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.moz_crash_reason_raw IS 'MozCrashReason as sent (MozCrashReasonRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.oom_allocation_size IS 'The OOMAllocationSize annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.os_name IS 'Operating system from the minidump (Windows NT, Linux, Mac OS X, ...), else Android or the OS annotation (OSInfoRule and its fall-backs).';
COMMENT ON COLUMN crashpipe.processed_crashes.os_pretty_version IS 'Readable OS version: Windows 10, Windows 11, macOS 14, the Linux distribution, Android 34 (OSPrettyVersionRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.os_version IS 'OS version as Breakpad prints it, else the Android SDK or OSVersion (OSInfoRule and its fall-backs).';
COMMENT ON COLUMN crashpipe.processed_crashes.phc_alloc_stack IS 'PHCAllocStack: allocation stack of the memory PHC caught (PHCRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.phc_base_address IS 'PHCBaseAddress in hex (PHCRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.phc_free_stack IS 'PHCFreeStack: free stack of the memory PHC caught (PHCRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.phc_kind IS 'PHCKind: what the probabilistic heap checker caught (PHCRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.phc_usable_size IS 'PHCUsableSize (PHCRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.plugin_filename IS 'PluginFilename of plugin process crashes (PluginRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.plugin_name IS 'PluginName of plugin process crashes (PluginRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.plugin_version IS 'PluginVersion of plugin process crashes (PluginRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.possible_bit_flips_max_confidence IS 'Highest confidence, 0 to 100, that the crash address is a bit flip (PossibleBitFlipsRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.process_type IS 'Crashing process type: parent unless ProcessType says otherwise (ProcessTypeRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.processor_notes IS 'What the rules changed or could not do, one line each after the >>> Start processing line.';
COMMENT ON COLUMN crashpipe.processed_crashes.product IS 'The ProductName annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.productid IS 'The ProductID annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.proto_signature IS 'The normalized frames the signature was made from (SignatureGeneratorRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.quota_manager_shutdown_timeout IS 'The QuotaManagerShutdownTimeout annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.reason IS 'Crash reason as Breakpad names it, e.g. EXCEPTION_ACCESS_VIOLATION_READ or SIGSEGV /SEGV_MAPERR (CrashingThreadInfoRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.release_channel IS 'The ReleaseChannel annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.remote_agent IS 'The RemoteAgent annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.remote_type IS 'The RemoteType annotation (CopyFromRawCrashRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.report_type IS 'hang (IPC channel error, shutdown timeout, watchdog on the stack) or crash (ReportTypeRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.safe_mode IS 'The SafeMode annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.shutdown_progress IS 'The ShutdownProgress annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.shutdown_reason IS 'The ShutdownReason annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.signature IS 'Crash signature, the key crashes are grouped by (SignatureGeneratorRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.soft_errors IS 'Problems the walk met but worked around, as JSON text of at most 4096 bytes (SoftErrorsRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.stackwalk_version IS 'Version of the stack walker (MinidumpStackwalkRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.startup_crash IS 'The StartupCrash annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.startup_time IS 'The StartupTime annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.submitted_from IS 'How the report was sent: Client, Infobar, Auto, CrashedTab or Unknown (SubmittedFromRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.system_memory_use_percentage IS 'The SystemMemoryUsePercentage annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.thread_count IS 'Number of threads in the dump (ThreadCountRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.throttleable IS 'The Throttleable annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.topmost_filenames IS 'First source file on the crashing stack, inline frames first (TopMostFilesRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.total_page_file IS 'The TotalPageFile annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.total_physical_memory IS 'The TotalPhysicalMemory annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.total_virtual_memory IS 'The TotalVirtualMemory annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.uptime IS 'Seconds the process ran before crashing, CrashTime - StartupTime, at least 0 (DatesAndTimesRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.uptime_ts IS 'The UptimeTS annotation as double precision (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.url IS 'The URL annotation (CopyFromRawCrashRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.user_comments IS 'The Comments annotation (CopyFromRawCrashRule); protected.';
COMMENT ON COLUMN crashpipe.processed_crashes.useragent_locale IS 'The useragent_locale annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.utility_actors_name IS 'UtilityActorsName as a list (UtilityActorsNameRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.utility_process_sandboxing_kind IS 'The UtilityProcessSandboxingKind annotation as bigint (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.vendor IS 'The Vendor annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.version IS 'The Version annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.windows_error_reporting IS 'The WindowsErrorReporting annotation as boolean (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.xpcom_spin_event_loop_stack IS 'The XPCOMSpinEventLoopStack annotation (CopyFromRawCrashRule).';
COMMENT ON COLUMN crashpipe.processed_crashes.processed IS 'The whole processed crash with Socorro''s field names, json_dump (the stack walk, in rust-minidump''s --json shape) included; what /api/ProcessedCrash/ returns.';
