/*-------------------------------------------------------------------------
 * extension/core/walker/wk_symbolize.c
 *	  Symbols for frames: asking the supplier once per module, filling a
 *	  frame's module, function and source line, and Breakpad's test of
 *	  whether a stack word found by scanning can be a return address.
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
	if (!ctx->tried[m])
	{
		ctx->tried[m] = true;
		ctx->caches[m] = ctx->symbols(ctx->symbols_ctx, &ctx->dump->modules[m]);
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
