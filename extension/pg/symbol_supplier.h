/*-------------------------------------------------------------------------
 * extension/pg/symbol_supplier.h
 *	  Where the stack walks run inside PostgreSQL get their symbols from:
 *	  one supplier for crashpipe.stackwalk and the processor, so a change
 *	  of symbol source (directories today) applies to both at once.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_SYMBOL_SUPPLIER_H
#define CRASHPIPE_SYMBOL_SUPPLIER_H

#include "walker.h"

/* The callback a walk asks for a module's symbols, and its context. */
typedef struct crashpipe_symbols
{
	wk_symbol_fn lookup;		/* NULL when no symbols are configured */
	void	   *ctx;
} crashpipe_symbols;

/*
 * A supplier for one call, allocated in the current memory context (so
 * the symbol files it loads go when the context does).
 */
extern crashpipe_symbols crashpipe_symbols_open(void);

#endif
