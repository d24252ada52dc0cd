/*-------------------------------------------------------------------------
 * extension/pg/signature_notes.c
 *	  crashpipe.replace_signature_notes(processor_notes, notes): a crash's
 *	  processor notes with the signature generator's lines replaced by new
 *	  ones, for re-signaturing a stored crash without reprocessing it.
 *
 *	  The generator's notes are the lines that start with the name of one
 *	  of its rules (siggen_is_note); the new notes take the place of the
 *	  first of them, or go at the end when there were none, so the other
 *	  rules' notes keep their order.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "siggen.h"

PG_FUNCTION_INFO_V1(crashpipe_replace_signature_notes);

/* Append one line to the notes being built. */
static void
add_line(StringInfo out, const char *line, int len)
{
	if (out->len > 0)
		appendStringInfoChar(out, '\n');
	appendBinaryStringInfo(out, line, len);
}

/* Append every non-null element of a text array as a line. */
static void
add_notes(StringInfo out, ArrayType *notes)
{
	Datum	   *items;
	bool	   *nulls;
	int			n;
	int			i;

	deconstruct_array(notes, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &n);
	for (i = 0; i < n; i++)
		if (!nulls[i])
			add_line(out, VARDATA_ANY(DatumGetTextPP(items[i])),
					 VARSIZE_ANY_EXHDR(DatumGetTextPP(items[i])));
}

/* crashpipe.replace_signature_notes(processor_notes text, notes text[]) */
Datum
crashpipe_replace_signature_notes(PG_FUNCTION_ARGS)
{
	text	   *old = PG_GETARG_TEXT_PP(0);
	ArrayType  *notes = PG_GETARG_ARRAYTYPE_P(1);
	const char *p = VARDATA_ANY(old);
	const char *end = p + VARSIZE_ANY_EXHDR(old);
	bool		placed = false;
	StringInfoData out;

	initStringInfo(&out);
	while (p < end)
	{
		const char *nl = memchr(p, '\n', end - p);
		const char *stop = nl ? nl : end;

		if (!siggen_is_note(p, stop - p))
			add_line(&out, p, stop - p);
		else if (!placed)
		{
			add_notes(&out, notes);
			placed = true;
		}
		p = nl ? nl + 1 : end;
	}
	if (!placed)
		add_notes(&out, notes);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out.data, out.len));
}
