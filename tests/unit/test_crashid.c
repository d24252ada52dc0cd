/*-------------------------------------------------------------------------
 * tests/unit/test_crashid.c
 *	  Crash ids made by the collector: Antenna's layout (UUID4, throttle
 *	  digit 0, UTC day YYMMDD) and no repeats.
 *-------------------------------------------------------------------------
 */
#include <regex.h>
#include <stdlib.h>

#include "crashid.h"
#include "unit.h"

/* Compare qsort-style for sorting ids. */
static int
compare_ids(const void *a, const void *b)
{
	return strcmp(a, b);
}

int
main(void)
{
	static char ids[10000][CRASHID_LEN + 1];
	regex_t		re;
	int			repeats = 0;
	int			malformed = 0;

	/* 2026-11-22 23:59:59 UTC, and one second later */
	CHECK(crashid_new(1795391999, ids[0]));
	CHECK_STR(ids[0] + 29, "0261122");
	CHECK(crashid_new(1795392000, ids[0]));
	CHECK_STR(ids[0] + 29, "0261123");

	CHECK(regcomp(&re, "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{5}0[0-9]{6}$",
				  REG_EXTENDED | REG_NOSUB) == 0);
	for (int i = 0; i < 10000; i++)
		if (!crashid_new(1795391999, ids[i]) || regexec(&re, ids[i], 0, NULL, 0) != 0)
			malformed++;
	CHECK_INT(malformed, 0);
	qsort(ids, 10000, sizeof(ids[0]), compare_ids);
	for (int i = 1; i < 10000; i++)
		repeats += strcmp(ids[i - 1], ids[i]) == 0;
	CHECK_INT(repeats, 0);
	regfree(&re);
	return unit_finish("crashid");
}
