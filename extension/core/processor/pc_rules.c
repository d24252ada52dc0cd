/*-------------------------------------------------------------------------
 * extension/core/processor/pc_rules.c
 *	  The rules pc_process runs, in this fixed order: Socorro's
 *	  DEFAULT_RULESET (../shared/specs/processor-rules.md), with each rule
 *	  under Socorro's name, so a processed crash means what it means on
 *	  Crash Stats.
 *
 *	  The order matters: the copy rule fills the fields later rules read;
 *	  the stack walk comes before everything that reads json_dump;
 *	  Android's and the annotation fall-backs for CPU and OS follow the
 *	  minidump's; the signature comes last but one, since it reads
 *	  json_dump, the Java fields and the copied annotations.
 *
 *	  Left out, because they need Mozilla's infrastructure:
 *	  BetaVersionRule (asks Mozilla's product-version service for the real
 *	  version of a beta build; here the version stays as sent) and the
 *	  telemetry destination.  The stack walk is crashpipe's own walker
 *	  (pc_stackwalk.c), not minidump-stackwalk run as a program.
 *
 *	  Notes.  A rule adds a processor note, "<Rule>: <what>", when it
 *	  changed what the client sent or the walker found (a rewritten
 *	  version, a truncated stack, a redacted URL) or when it could not do
 *	  its job with the data given (malformed JSON, a non-integer time, a
 *	  dump that is not a minidump).  Notes never hold annotation values,
 *	  which may be private; they are public.
 *-------------------------------------------------------------------------
 */
#include "pc_internal.h"
#include "pc_rules.h"

static const pc_rule rules[] = {
	{"DeNullRule", pc_rule_de_null},
	{"DeNoneRule", pc_rule_de_none},
	{"CrashReportKeysRule", pc_rule_crash_report_keys},
	{"CollectorMetadataRule", pc_rule_collector_metadata},
	{"ConvertModuleSignatureInfoRule", pc_rule_convert_module_signature_info},
	{"CopyFromRawCrashRule", pc_rule_copy_from_raw_crash},
	{"FenixVersionRewriteRule", pc_rule_fenix_version_rewrite},
	{"ESRVersionRewrite", pc_rule_esr_version_rewrite},
	{"SubmittedFromRule", pc_rule_submitted_from},
	{"IdentifierRule", pc_rule_identifier},
	{"MinidumpSha256HashRule", pc_rule_minidump_sha256_hash},
	{"MinidumpStackwalkRule", pc_rule_minidump_stackwalk},
	{"ModuleURLRewriteRule", pc_rule_module_url_rewrite},
	{"CrashingThreadInfoRule", pc_rule_crashing_thread_info},
	{"TruncateStacksRule", pc_rule_truncate_stacks},
	{"PossibleBitFlipsRule", pc_rule_possible_bit_flips},
	{"CrashInconsistenciesRule", pc_rule_crash_inconsistencies},
	{"HasGuardPageAccessRule", pc_rule_has_guard_page_access},
	{"MajorVersionRule", pc_rule_major_version},
	{"PluginRule", pc_rule_plugin},
	{"ProcessTypeRule", pc_rule_process_type},
	{"AccessibilityRule", pc_rule_accessibility},
	{"AddonsRule", pc_rule_addons},
	{"DatesAndTimesRule", pc_rule_dates_and_times},
	{"OutOfMemoryBinaryRule", pc_rule_out_of_memory_binary},
	{"PHCRule", pc_rule_phc},
	{"BreadcrumbsRule", pc_rule_breadcrumbs},
	{"JavaStackTraceRule", pc_rule_java_stack_trace},
	{"MacBootArgsRule", pc_rule_mac_boot_args},
	{"MacCrashInfoRule", pc_rule_mac_crash_info},
	{"MozCrashReasonRule", pc_rule_moz_crash_reason},
	{"UtilityActorsNameRule", pc_rule_utility_actors_name},
	{"ReportTypeRule", pc_rule_report_type},
	{"CPUInfoRule", pc_rule_cpu_info},
	{"AndroidCPUInfoRule", pc_rule_android_cpu_info},
	{"DistributionIdRule", pc_rule_distribution_id},
	{"OSInfoRule", pc_rule_os_info},
	{"AndroidOSInfoRule", pc_rule_android_os_info},
	{"PlatformInfoRule", pc_rule_platform_info},
	{"OSPrettyVersionRule", pc_rule_os_pretty_version},
	{"TopMostFilesRule", pc_rule_topmost_files},
	{"ModulesInStackRule", pc_rule_modules_in_stack},
	{"MissingSymbolsRule", pc_rule_missing_symbols},
	{"ThemePrettyNameRule", pc_rule_theme_pretty_name},
	{"MemoryReportExtraction", pc_rule_memory_report_extraction},
	{"SoftErrorsRule", pc_rule_soft_errors},
	{"ThreadCountRule", pc_rule_thread_count},
	{"SignatureGeneratorRule", pc_rule_signature_generator},
	{"ShutDownHangCrashingThreadRule", pc_rule_shutdown_hang_crashing_thread}
};

/* The rule table and its length. */
const pc_rule *
pc_rules(int *count)
{
	*count = (int) (sizeof(rules) / sizeof(rules[0]));
	return rules;
}

/* How many rules run. */
int
pc_rule_count(void)
{
	return (int) (sizeof(rules) / sizeof(rules[0]));
}

/* The name of rule index, in running order, or NULL. */
const char *
pc_rule_name(int index)
{
	return index >= 0 && index < pc_rule_count() ? rules[index].name : NULL;
}
