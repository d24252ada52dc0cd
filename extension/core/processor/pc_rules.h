/*-------------------------------------------------------------------------
 * extension/core/processor/pc_rules.h
 *	  The rule functions, one per Socorro rule, in the files that hold
 *	  them; pc_rules.c lists them in the order they run.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_PC_RULES_H
#define CRASHPIPE_PC_RULES_H

#include "pc_internal.h"

/* pc_rules_raw.c */
extern void pc_rule_de_null(pc_ctx *ctx);
extern void pc_rule_de_none(pc_ctx *ctx);
extern void pc_rule_crash_report_keys(pc_ctx *ctx);
extern void pc_rule_collector_metadata(pc_ctx *ctx);
extern void pc_rule_convert_module_signature_info(pc_ctx *ctx);

/* pc_copy.c */
extern void pc_rule_copy_from_raw_crash(pc_ctx *ctx);
extern bool pc_copy_field(int i, const char **key, const char **annotation,
						  const char **type);

/* pc_rules_version.c */
extern void pc_rule_fenix_version_rewrite(pc_ctx *ctx);
extern void pc_rule_esr_version_rewrite(pc_ctx *ctx);
extern void pc_rule_submitted_from(pc_ctx *ctx);
extern void pc_rule_identifier(pc_ctx *ctx);
extern void pc_rule_minidump_sha256_hash(pc_ctx *ctx);
extern void pc_rule_major_version(pc_ctx *ctx);

/* pc_stackwalk.c */
extern void pc_rule_minidump_stackwalk(pc_ctx *ctx);

/* pc_rules_dump.c */
extern void pc_rule_module_url_rewrite(pc_ctx *ctx);
extern void pc_rule_crashing_thread_info(pc_ctx *ctx);
extern void pc_rule_possible_bit_flips(pc_ctx *ctx);
extern void pc_rule_crash_inconsistencies(pc_ctx *ctx);
extern void pc_rule_has_guard_page_access(pc_ctx *ctx);

/* pc_truncate.c */
extern void pc_rule_truncate_stacks(pc_ctx *ctx);

/* pc_rules_mozilla.c */
extern void pc_rule_plugin(pc_ctx *ctx);
extern void pc_rule_process_type(pc_ctx *ctx);
extern void pc_rule_accessibility(pc_ctx *ctx);
extern void pc_rule_phc(pc_ctx *ctx);
extern void pc_rule_moz_crash_reason(pc_ctx *ctx);
extern void pc_rule_utility_actors_name(pc_ctx *ctx);
extern void pc_rule_report_type(pc_ctx *ctx);
extern void pc_rule_distribution_id(pc_ctx *ctx);

/* pc_addons.c */
extern void pc_rule_addons(pc_ctx *ctx);
extern void pc_rule_theme_pretty_name(pc_ctx *ctx);

/* pc_dates.c */
extern void pc_rule_dates_and_times(pc_ctx *ctx);

/* pc_memory.c */
extern void pc_rule_out_of_memory_binary(pc_ctx *ctx);
extern void pc_rule_memory_report_extraction(pc_ctx *ctx);

/* pc_breadcrumbs.c */
extern void pc_rule_breadcrumbs(pc_ctx *ctx);

/* pc_java.c */
extern void pc_rule_java_stack_trace(pc_ctx *ctx);

/* pc_rules_mac.c */
extern void pc_rule_mac_boot_args(pc_ctx *ctx);
extern void pc_rule_mac_crash_info(pc_ctx *ctx);

/* pc_platform.c */
extern void pc_rule_cpu_info(pc_ctx *ctx);
extern void pc_rule_android_cpu_info(pc_ctx *ctx);
extern void pc_rule_os_info(pc_ctx *ctx);
extern void pc_rule_android_os_info(pc_ctx *ctx);
extern void pc_rule_platform_info(pc_ctx *ctx);

/* pc_pretty_version.c */
extern void pc_rule_os_pretty_version(pc_ctx *ctx);

/* pc_stack_summary.c */
extern void pc_rule_topmost_files(pc_ctx *ctx);
extern void pc_rule_modules_in_stack(pc_ctx *ctx);
extern void pc_rule_missing_symbols(pc_ctx *ctx);
extern void pc_rule_soft_errors(pc_ctx *ctx);
extern void pc_rule_thread_count(pc_ctx *ctx);

/* pc_signature.c */
extern void pc_rule_signature_generator(pc_ctx *ctx);
extern void pc_rule_shutdown_hang_crashing_thread(pc_ctx *ctx);

#endif							/* CRASHPIPE_PC_RULES_H */
