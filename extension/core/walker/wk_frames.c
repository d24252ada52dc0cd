/*-------------------------------------------------------------------------
 * extension/core/walker/wk_frames.c
 *	  Frames as Breakpad prints them: a physical frame with inline frames
 *	  is printed as those inline frames (innermost first) and then
 *	  itself, renumbering the frames after it.  The -m and human printers
 *	  both go through here, so they expand inline frames the same way.
 *
 *	  A printed inline frame has no registers, is found by "inline
 *	  record", and is offset from the instruction (return address - 1),
 *	  not from the return address; an origin without a name prints as
 *	  Breakpad's "<name omitted>".
 *-------------------------------------------------------------------------
 */
#include "walker.h"

/* How many frames frame prints as. */
uint32_t
wk_printed_frames(const wk_frame *frame)
{
	return frame->inline_count + 1;
}

/* The k-th printed frame of frame: inline frames first, then itself. */
void
wk_printed_frame(const wk_frame *frame, uint32_t k, wk_frame *out)
{
	const wk_inline *in;

	*out = *frame;
	out->inline_count = 0;
	out->inlines = NULL;
	if (k >= frame->inline_count)
		return;
	in = &frame->inlines[k];
	out->return_address = frame->instruction;
	out->trust = WK_TRUST_INLINE;
	out->leaf = false;
	out->function = in->function ? in->function : "<name omitted>";
	out->function_base = in->function_base;
	out->source_file = in->source_file;
	out->source_line = in->source_line;
	out->regs.valid = 0;
}
