/*-------------------------------------------------------------------------
 * extension/pg/alert_gucs.c
 *	  The settings of crashpipe's spike alerts (extension/sql/87_alerts.sql
 *	  reads them with current_setting).  They are server-wide (reload), so
 *	  every processor worker raises alerts by the same rule.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/guc.h"

#include "crashpipe.h"

static double spike_factor = 3.0;
static int	spike_min_crashes = 10;
static int	spike_baseline = 86400;

/* Define crashpipe.spike_factor, spike_min_crashes and spike_baseline. */
void
crashpipe_define_alert_gucs(void)
{
	DefineCustomRealVariable("crashpipe.spike_factor",
							 "A signature spikes when its crashes in an hour exceed this multiple of its hourly baseline.",
							 "The baseline is the signature's mean crashes per hour over crashpipe.spike_baseline before that hour.",
							 &spike_factor, 3.0, 1.0, 1000000.0,
							 PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.spike_min_crashes",
							"Fewest crashes of a signature in one hour that can count as a spike.",
							NULL,
							&spike_min_crashes, 10, 1, 1000000,
							PGC_SIGHUP, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("crashpipe.spike_baseline",
							"Time before an hour over which a signature's hourly baseline is averaged.",
							NULL,
							&spike_baseline, 86400, 3600, 366 * 86400,
							PGC_SIGHUP, GUC_UNIT_S, NULL, NULL, NULL);
}
