/*-------------------------------------------------------------------------
 * extension/core/siggen/csig.c
 *	  Socorro's CSignatureTool.generate: from the normalized frames to a
 *	  signature, using the sentinel, irrelevant and prefix lists and
 *	  merging repeated module-only frames (siggen-spec.md 3.3).
 *-------------------------------------------------------------------------
 */
#include "sg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SG_NO_FRAME_DATA "EMPTY: no frame data available"

/* Index of the first frame equal to s, or -1. */
static int
find_frame(const sg_list *frames, const char *s)
{
	int			i;

	for (i = 0; i < frames->count; i++)
		if (strcmp(frames->items[i], s) == 0)
			return i;
	return -1;
}

/* Where the signature starts: the earliest sentinel that applies. */
static int
sentinel_start(const siggen_lists *lists, const sg_list *frames)
{
	int			best = -1;
	int			i;

	for (i = 0; i < lists->nsentinels; i++)
	{
		const sg_sentinel *s = &lists->sentinels[i];
		int			at;

		if (s->only_if && find_frame(frames, s->only_if) < 0)
			continue;
		at = find_frame(frames, s->frame);
		if (at >= 0 && (best < 0 || at < best))
			best = at;
	}
	return best < 0 ? 0 : best;
}

/* Is this a module-only frame that merges with an equal predecessor? */
static bool
mergeable(const char *f)
{
	size_t		n = strlen(f);

	if (sg_starts(f, "(unloaded"))
		return false;
	return (n >= 4 && strcasecmp(f + n - 4, ".dll") == 0) ||
		(n >= 3 && strcasecmp(f + n - 3, ".so") == 0) ||
		strcmp(f, "XUL") == 0 || strcmp(f, "<name omitted>") == 0 ||
		sg_starts(f, "<unknown in");
}

/* Walk frames from start, collecting the signature parts into parts. */
static void
walk_frames(const siggen_lists *lists, const sg_list *frames, int start,
			sg_list *parts)
{
	int			i;

	for (i = start; i < frames->count; i++)
	{
		const char *f = frames->items[i];

		if (f[0] == '\0' || sg_match(lists->irrelevant, f))
			continue;
		if (mergeable(f) && parts->count > 0 &&
			strcmp(parts->items[parts->count - 1], f) == 0)
			continue;
		sg_list_pushs(parts, f);
		if (!sg_match(lists->prefix, f))
			break;
	}
}

/*
 * The signature of the frames ("" when none could be made, which the
 * caller treats as "leave the signature unset"); NULL when out of memory.
 */
char *
sg_c_generate(const siggen_lists *lists, const sg_list *frames,
			  long thread_index, sg_list *notes)
{
	int			start = sentinel_start(lists, frames);
	sg_list		parts = {NULL, 0, 0, false};
	char	   *sig;
	char		note[96];

	walk_frames(lists, frames, start, &parts);
	sig = parts.failed ? NULL : sg_list_join(&parts, 0, " | ");
	sg_list_free(&parts);
	if (!sig || sig[0] != '\0')
		return sig;
	free(sig);
	snprintf(note, sizeof(note),
			 "CSignatureTool: no frame data for crashing thread (%ld)", thread_index);
	sg_list_pushs(notes, note);
	if (start < frames->count)
		return sg_strdup(frames->items[start]);
	return sg_strdup(SG_NO_FRAME_DATA);
}
