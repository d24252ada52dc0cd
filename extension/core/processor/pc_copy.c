/*-------------------------------------------------------------------------
 * extension/core/processor/pc_copy.c
 *	  CopyFromRawCrashRule: the processed-crash fields that are one
 *	  annotation each, copied and converted to the field's type.
 *
 *	  The table is the compatibility interface with Socorro: every key of
 *	  its processed-crash schema that names a source annotation, with the
 *	  key's first non-null type (tests/unit/test_processor.c checks it
 *	  against ../shared/testdata/socorro/crash_schema_fields.json).
 *	  Conversions follow Python's: booleans from 1/0/true/false, integers
 *	  as int() reads them (but within 64 bits), numbers as float() reads
 *	  them (but finite, since JSON has no NaN), strings with trailing
 *	  white space removed, objects parsed from JSON text.  A value that
 *	  does not convert is left out with a note naming the annotation (not
 *	  its value: notes are public).
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"
#include "pc_text.h"

#include <math.h>
#include <string.h>
#include <strings.h>

typedef enum pc_type
{
	PC_STRING,
	PC_INTEGER,
	PC_NUMBER,
	PC_BOOLEAN,
	PC_OBJECT
} pc_type;

typedef enum pc_default
{
	PC_NO_DEFAULT,
	PC_DEFAULT_FALSE			/* absent means false */
} pc_default;

typedef struct pc_field
{
	const char *key;			/* processed-crash key */
	const char *annotation;		/* raw-crash annotation */
	pc_type		type;
	pc_default	dflt;
} pc_field;

static const pc_field fields[] = {
	{"abort_message", "AbortMessage", PC_STRING, PC_NO_DEFAULT},
	{"accessibility_client", "AccessibilityClient", PC_STRING, PC_NO_DEFAULT},
	{"accessibility_in_proc_client", "AccessibilityInProcClient", PC_STRING, PC_NO_DEFAULT},
	{"adapter_device_id", "AdapterDeviceID", PC_STRING, PC_NO_DEFAULT},
	{"adapter_driver_version", "AdapterDriverVersion", PC_STRING, PC_NO_DEFAULT},
	{"adapter_subsys_id", "AdapterSubsysID", PC_STRING, PC_NO_DEFAULT},
	{"adapter_vendor_id", "AdapterVendorID", PC_STRING, PC_NO_DEFAULT},
	{"android_board", "Android_Board", PC_STRING, PC_NO_DEFAULT},
	{"android_brand", "Android_Brand", PC_STRING, PC_NO_DEFAULT},
	{"android_cpu_abi", "Android_CPU_ABI", PC_STRING, PC_NO_DEFAULT},
	{"android_cpu_abi2", "Android_CPU_ABI2", PC_STRING, PC_NO_DEFAULT},
	{"android_device", "Android_Device", PC_STRING, PC_NO_DEFAULT},
	{"android_display", "Android_Display", PC_STRING, PC_NO_DEFAULT},
	{"android_fingerprint", "Android_Fingerprint", PC_STRING, PC_NO_DEFAULT},
	{"android_hardware", "Android_Hardware", PC_STRING, PC_NO_DEFAULT},
	{"android_manufacturer", "Android_Manufacturer", PC_STRING, PC_NO_DEFAULT},
	{"android_model", "Android_Model", PC_STRING, PC_NO_DEFAULT},
	{"android_packagename", "Android_PackageName", PC_STRING, PC_NO_DEFAULT},
	{"android_version", "Android_Version", PC_STRING, PC_NO_DEFAULT},
	{"app_init_dlls", "AppInitDLLs", PC_STRING, PC_NO_DEFAULT},
	{"app_notes", "Notes", PC_STRING, PC_NO_DEFAULT},
	{"application_build_id", "ApplicationBuildID", PC_STRING, PC_NO_DEFAULT},
	{"async_shutdown_timeout", "AsyncShutdownTimeout", PC_STRING, PC_NO_DEFAULT},
	{"available_page_file", "AvailablePageFile", PC_INTEGER, PC_NO_DEFAULT},
	{"available_physical_memory", "AvailablePhysicalMemory", PC_INTEGER, PC_NO_DEFAULT},
	{"available_virtual_memory", "AvailableVirtualMemory", PC_INTEGER, PC_NO_DEFAULT},
	{"background_task_name", "BackgroundTaskName", PC_STRING, PC_NO_DEFAULT},
	{"build", "BuildID", PC_STRING, PC_NO_DEFAULT},
	{"co_marshal_interface_failure", "CoMarshalInterfaceFailure", PC_STRING, PC_NO_DEFAULT},
	{"co_unmarshal_interface_result", "CoUnmarshalInterfaceResult", PC_STRING, PC_NO_DEFAULT},
	{"content_sandbox_capabilities", "ContentSandboxCapabilities", PC_INTEGER, PC_NO_DEFAULT},
	{"content_sandbox_capable", "ContentSandboxCapable", PC_BOOLEAN, PC_NO_DEFAULT},
	{"content_sandbox_enabled", "ContentSandboxEnabled", PC_BOOLEAN, PC_NO_DEFAULT},
	{"content_sandbox_level", "ContentSandboxLevel", PC_INTEGER, PC_NO_DEFAULT},
	{"dom_fission_enabled", "DOMFissionEnabled", PC_BOOLEAN, PC_NO_DEFAULT},
	{"dom_ipc_enabled", "DOMIPCEnabled", PC_BOOLEAN, PC_NO_DEFAULT},
	{"dumper_error", "DumperError", PC_STRING, PC_NO_DEFAULT},
	{"em_check_compatibility", "EMCheckCompatibility", PC_BOOLEAN, PC_NO_DEFAULT},
	{"glean_client_id", "GleanClientId", PC_STRING, PC_NO_DEFAULT},
	{"gmp_library_path", "GMPLibraryPath", PC_STRING, PC_NO_DEFAULT},
	{"gmp_plugin", "GMPPlugin", PC_BOOLEAN, PC_NO_DEFAULT},
	{"graphics_critical_error", "GraphicsCriticalError", PC_STRING, PC_NO_DEFAULT},
	{"graphics_startup_test", "GraphicsStartupTest", PC_BOOLEAN, PC_NO_DEFAULT},
	{"hang", "Hang", PC_STRING, PC_NO_DEFAULT},
	{"has_device_touch_screen", "HasDeviceTouchScreen", PC_BOOLEAN, PC_NO_DEFAULT},
	{"install_time", "InstallTime", PC_INTEGER, PC_NO_DEFAULT},
	{"ipc_channel_error", "ipc_channel_error", PC_STRING, PC_NO_DEFAULT},
	{"ipc_fatal_error_msg", "IPCFatalErrorMsg", PC_STRING, PC_NO_DEFAULT},
	{"ipc_fatal_error_protocol", "IPCFatalErrorProtocol", PC_STRING, PC_NO_DEFAULT},
	{"ipc_message_name", "IPCMessageName", PC_STRING, PC_NO_DEFAULT},
	{"ipc_message_size", "IPCMessageSize", PC_INTEGER, PC_NO_DEFAULT},
	{"ipc_shutdown_state", "IPCShutdownState", PC_STRING, PC_NO_DEFAULT},
	{"ipc_system_error", "IPCSystemError", PC_INTEGER, PC_NO_DEFAULT},
	{"is_garbage_collecting", "IsGarbageCollecting", PC_BOOLEAN, PC_NO_DEFAULT},
	{"java_exception", "JavaException", PC_OBJECT, PC_NO_DEFAULT},
	{"js_large_allocation_failure", "JSLargeAllocationFailure", PC_STRING, PC_NO_DEFAULT},
	{"mac_available_memory_sysctl", "MacAvailableMemorySysctl", PC_INTEGER, PC_NO_DEFAULT},
	{"mac_memory_pressure", "MacMemoryPressure", PC_STRING, PC_NO_DEFAULT},
	{"mac_memory_pressure_critical_time", "MacMemoryPressureCriticalTime", PC_STRING, PC_NO_DEFAULT},
	{"mac_memory_pressure_normal_time", "MacMemoryPressureNormalTime", PC_STRING, PC_NO_DEFAULT},
	{"mac_memory_pressure_sysctl", "MacMemoryPressureSysctl", PC_INTEGER, PC_NO_DEFAULT},
	{"mac_memory_pressure_warning_time", "MacMemoryPressureWarningTime", PC_STRING, PC_NO_DEFAULT},
	{"marionette", "Marionette", PC_BOOLEAN, PC_DEFAULT_FALSE},
	{"oom_allocation_size", "OOMAllocationSize", PC_INTEGER, PC_NO_DEFAULT},
	{"product", "ProductName", PC_STRING, PC_NO_DEFAULT},
	{"productid", "ProductID", PC_STRING, PC_NO_DEFAULT},
	{"quota_manager_shutdown_timeout", "QuotaManagerShutdownTimeout", PC_STRING, PC_NO_DEFAULT},
	{"release_channel", "ReleaseChannel", PC_STRING, PC_NO_DEFAULT},
	{"remote_agent", "RemoteAgent", PC_BOOLEAN, PC_DEFAULT_FALSE},
	{"remote_type", "RemoteType", PC_STRING, PC_NO_DEFAULT},
	{"safe_mode", "SafeMode", PC_BOOLEAN, PC_NO_DEFAULT},
	{"shutdown_progress", "ShutdownProgress", PC_STRING, PC_NO_DEFAULT},
	{"shutdown_reason", "ShutdownReason", PC_STRING, PC_NO_DEFAULT},
	{"startup_crash", "StartupCrash", PC_BOOLEAN, PC_NO_DEFAULT},
	{"startup_time", "StartupTime", PC_INTEGER, PC_NO_DEFAULT},
	{"system_memory_use_percentage", "SystemMemoryUsePercentage", PC_INTEGER, PC_NO_DEFAULT},
	{"telemetry_environment", "TelemetryEnvironment", PC_OBJECT, PC_NO_DEFAULT},
	{"throttleable", "Throttleable", PC_BOOLEAN, PC_NO_DEFAULT},
	{"total_page_file", "TotalPageFile", PC_INTEGER, PC_NO_DEFAULT},
	{"total_physical_memory", "TotalPhysicalMemory", PC_INTEGER, PC_NO_DEFAULT},
	{"total_virtual_memory", "TotalVirtualMemory", PC_INTEGER, PC_NO_DEFAULT},
	{"uptime_ts", "UptimeTS", PC_NUMBER, PC_NO_DEFAULT},
	{"url", "URL", PC_STRING, PC_NO_DEFAULT},
	{"user_comments", "Comments", PC_STRING, PC_NO_DEFAULT},
	{"useragent_locale", "useragent_locale", PC_STRING, PC_NO_DEFAULT},
	{"utility_process_sandboxing_kind", "UtilityProcessSandboxingKind", PC_INTEGER, PC_NO_DEFAULT},
	{"vendor", "Vendor", PC_STRING, PC_NO_DEFAULT},
	{"version", "Version", PC_STRING, PC_NO_DEFAULT},
	{"windows_error_reporting", "WindowsErrorReporting", PC_BOOLEAN, PC_NO_DEFAULT},
	{"xpcom_spin_event_loop_stack", "XPCOMSpinEventLoopStack", PC_STRING, PC_NO_DEFAULT},
};

static const char *const type_names[] = {"string", "integer", "number", "boolean", "object"};

/* true/false from 1/0/true/false (any case), a JSON boolean, or 1/0. */
static json_value *
to_boolean(pc_ctx *ctx, const json_value *v)
{
	if (v->type == JV_BOOL)
		return pc_bool(ctx, v->boolean);
	if (v->type == JV_NUMBER && v->is_int && (v->ival == 0 || v->ival == 1))
		return pc_bool(ctx, v->ival == 1);
	if (v->type != JV_STRING)
		return NULL;
	if (strcmp(v->text, "1") == 0 || strcasecmp(v->text, "true") == 0)
		return pc_bool(ctx, true);
	if (strcmp(v->text, "0") == 0 || strcasecmp(v->text, "false") == 0)
		return pc_bool(ctx, false);
	return NULL;
}

/* An integer from decimal text or a JSON number (truncated, as int() does). */
static json_value *
to_integer(pc_ctx *ctx, const json_value *v)
{
	int64_t		i;

	if (v->type == JV_NUMBER && v->is_int)
		return pc_int(ctx, v->ival);
	if (v->type == JV_NUMBER && fabs(v->dval) < 9.2e18)
		return pc_int(ctx, (int64_t) v->dval);
	if (v->type == JV_STRING && pc_parse_int(v->text, v->len, &i))
		return pc_int(ctx, i);
	return NULL;
}

/* A finite number from text or a JSON number. */
static json_value *
to_number(pc_ctx *ctx, const json_value *v)
{
	double		d;

	if (v->type == JV_NUMBER && isfinite(v->dval))
		return pc_double(ctx, v->dval);
	if (v->type == JV_STRING && pc_parse_double(v->text, v->len, &d))
		return pc_double(ctx, d);
	return NULL;
}

/* A string without trailing white space; a JSON number as its text. */
static json_value *
to_string(pc_ctx *ctx, const json_value *v)
{
	if (v->type == JV_STRING)
		return pc_string_n(ctx, v->text, pc_rstrip_len(v->text, v->len));
	if (v->type == JV_NUMBER)
		return pc_string(ctx, v->text);
	return NULL;
}

/* Does v have java_exception's shape: exception.values[] of stack traces? */
static bool
java_exception_shape(const json_value *v)
{
	const json_value *values = pc_path(v, "exception.values");
	size_t		i;

	if (values == NULL || values->type != JV_ARRAY)
		return false;
	for (i = 0; i < values->count; i++)
	{
		const json_value *st = jv_get(values->items[i], "stacktrace");
		const json_value *frames = jv_get(st, "frames");

		if (values->items[i]->type != JV_OBJECT ||
			(st != NULL && st->type != JV_OBJECT) ||
			(frames != NULL && frames->type != JV_ARRAY))
			return false;
	}
	return true;
}

/* An object parsed from JSON text (or given as one), checked for its key. */
static const json_value *
to_object(pc_ctx *ctx, const pc_field *f, const json_value *v)
{
	char		err[128];
	const json_value *obj = v;

	if (v->type == JV_STRING)
		obj = pc_parse(ctx, v->text, v->len, err, sizeof(err));
	if (obj == NULL || obj->type != JV_OBJECT)
		return NULL;
	if (strcmp(f->key, "java_exception") == 0 && !java_exception_shape(obj))
		return NULL;
	return obj;
}

/* The annotation's value converted to the field's type, or NULL. */
static const json_value *
convert(pc_ctx *ctx, const pc_field *f, const json_value *v)
{
	switch (f->type)
	{
		case PC_BOOLEAN:
			return to_boolean(ctx, v);
		case PC_INTEGER:
			return to_integer(ctx, v);
		case PC_NUMBER:
			return to_number(ctx, v);
		case PC_STRING:
			return to_string(ctx, v);
		case PC_OBJECT:
			return to_object(ctx, f, v);
	}
	return NULL;
}

/* CopyFromRawCrashRule: every one-annotation field, converted. */
void
pc_rule_copy_from_raw_crash(pc_ctx *ctx)
{
	size_t		i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
	{
		const pc_field *f = &fields[i];
		const json_value *v = pc_raw(ctx, f->annotation);
		const json_value *converted;

		if (v == NULL)
		{
			if (f->dflt == PC_DEFAULT_FALSE)
				pc_set(ctx, f->key, pc_bool(ctx, false));
			continue;
		}
		if ((converted = convert(ctx, f, v)) != NULL)
			pc_set(ctx, f->key, converted);
		else if (!ctx->nomem)
			pc_note(ctx, "%s is not a valid %s", f->annotation, type_names[f->type]);
	}
}

/* The table, for the unit test: key, annotation and type name of entry i. */
bool
pc_copy_field(int i, const char **key, const char **annotation, const char **type)
{
	if (i < 0 || (size_t) i >= sizeof(fields) / sizeof(fields[0]))
		return false;
	*key = fields[i].key;
	*annotation = fields[i].annotation;
	*type = type_names[fields[i].type];
	return true;
}
