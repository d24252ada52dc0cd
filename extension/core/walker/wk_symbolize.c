/*-------------------------------------------------------------------------
 * extension/core/walker/wk_symbolize.c
 *	  Symbols for frames: asking the supplier once per module, filling a
 *	  frame's module, function, source line and inline frames, and
 *	  Breakpad's test of whether a stack word found by scanning can be a
 *	  return address.
 *
 *	  A function comes from a FUNC record, else from the nearest PUBLIC
 *	  below the address (see symcache_lookup_public); the source line
 *	  from the FUNC's line records.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

/* The symbol cache of dump module m, asking the supplier the first time. */
const symcache *
wk_symbols_for(wk_ctx *ctx, int64_t m)
{
	if (m < 0 || ctx->symbols == NULL)
		return NULL;
	if (ctx->res->symbols[m] == WK_SYMBOLS_NOT_ASKED)
	{
		ctx->caches[m] = ctx->symbols(ctx->symbols_ctx, &ctx->dump->modules[m]);
		ctx->res->symbols[m] = ctx->caches[m] ? WK_SYMBOLS_LOADED :
			WK_SYMBOLS_MISSING;
	}
	return ctx->caches[m];
}

/* Fill the function fields of frame from FUNC or PUBLIC; false if none. */
static bool
fill_function(const symcache *cache, uint64_t base, wk_frame *frame)
{
	uint64_t	rel = frame->instruction - base;
	symcache_func fn;
	symcache_public pub;
	symcache_line line;

	if (symcache_lookup_func(cache, rel, &fn))
	{
		frame->function = fn.name;
		frame->function_base = base + fn.addr;
		if (symcache_lookup_line(cache, rel, &line) && line.file)
		{
			frame->source_file = line.file;
			frame->source_line = line.line;
			frame->source_line_base = base + line.addr;
		}
		return true;
	}
	if (symcache_lookup_public(cache, rel, &pub))
	{
		frame->function = pub.name;
		frame->function_base = base + pub.addr;
		return true;
	}
	return false;
}

/* Set frame's module and, when symbols allow, function and line. */
void
wk_symbolize(wk_ctx *ctx, wk_frame *frame)
{
	const symcache *cache;

	frame->module = wk_module_for(ctx->res, frame->instruction);
	frame->function = NULL;
	frame->source_file = NULL;
	cache = wk_symbols_for(ctx, frame->module);
	if (cache)
		fill_function(cache, ctx->dump->modules[frame->module].base_of_image,
					  frame);
}

/*
 * The INLINE records covering frame's instruction as its inline frames,
 * innermost first: each is named by its INLINE_ORIGIN, based at its
 * range, and placed at the call site of the one inside it (the
 * innermost at the frame's line record); the frame itself moves to the
 * outermost call site.  A call site without a file (the old INLINE
 * format) keeps the line record's file, as Breakpad copies it.
 */
void
wk_add_inlines(wk_ctx *ctx, wk_frame *frame)
{
	const symcache *cache = frame->function ?
		wk_symbols_for(ctx, frame->module) : NULL;
	symcache_inline in[WK_MAX_INLINES];
	const char *line_file = frame->source_file;
	uint64_t	base;
	int			n;
	int			k;

	if (cache == NULL)
		return;
	base = ctx->dump->modules[frame->module].base_of_image;
	n = symcache_lookup_inlines(cache, frame->instruction - base, in,
								WK_MAX_INLINES);
	if (n == 0 ||
		(frame->inlines = md_arena_array(&ctx->res->arena, (size_t) n,
										 sizeof(wk_inline))) == NULL)
		return;
	for (k = n - 1; k >= 0; k--)
	{
		wk_inline  *o = &frame->inlines[n - 1 - k];

		o->function = in[k].origin;
		o->function_base = base + in[k].addr;
		o->source_file = frame->source_file;
		o->source_line = frame->source_line;
		frame->source_file = in[k].call_file ? in[k].call_file : line_file;
		frame->source_line = in[k].call_line;
	}
	frame->inline_count = (uint32_t) n;
}

/*
 * Breakpad's InstructionAddressSeemsValid: inside a module, and inside a
 * function if that module has symbols.
 */
bool
wk_address_seems_valid(wk_ctx *ctx, uint64_t addr)
{
	wk_frame	frame;

	frame.instruction = addr;
	wk_symbolize(ctx, &frame);
	if (frame.module < 0)
		return false;
	return wk_symbols_for(ctx, frame.module) == NULL || frame.function != NULL;
}
