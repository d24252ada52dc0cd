/*-------------------------------------------------------------------------
 * extension/core/walker/wk_scan.c
 *	  Stack scanning, the last resort: look at the words from the
 *	  callee's stack pointer up for one that could be a return address.
 *	  The test is applied to the word minus one, the call instruction the
 *	  caller frame is symbolized at: it must lie inside a loaded module,
 *	  and inside a function when that module has symbols.  This matches
 *	  Breakpad's output on the test dumps both ways: a word equal to a
 *	  module's base is rejected, and one just past a module's end is
 *	  accepted (linux_inline.dmp, libc.so.6 + 0x1c4508).
 *
 *	  Breakpad looks at WK_SCAN_WORDS + 1 words, four times as many from
 *	  the context frame (whose caller may have pushed more), and stops at
 *	  the end of the stack memory.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

/* Find the first plausible return address in words + 1 words from start. */
bool
wk_scan_words(wk_ctx *ctx, uint64_t start, uint64_t words, uint64_t *found_at,
			  uint64_t *ip)
{
	int			word = ctx->arch->word;
	uint64_t	i;

	for (i = 0; i <= words; i++)
	{
		uint64_t	at = start + i * (uint64_t) word;
		uint64_t	v;

		if (at < start || !wk_read_word(&ctx->mem, at, word, &v))
			return false;
		if (v != 0 && wk_address_seems_valid(ctx, v - 1))
		{
			*found_at = at;
			*ip = v;
			return true;
		}
	}
	return false;
}

/* The scan of Breakpad's unwinders: 4x as far from the context frame. */
bool
wk_scan(wk_ctx *ctx, uint64_t start, bool context_frame, uint64_t *found_at,
		uint64_t *ip)
{
	return wk_scan_words(ctx, start,
						 context_frame ? WK_SCAN_WORDS * 4 : WK_SCAN_WORDS,
						 found_at, ip);
}
