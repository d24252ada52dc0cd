/*-------------------------------------------------------------------------
 * extension/core/walker/wk_postfix.c
 *	  The postfix evaluator of Breakpad's symbol files, in its two uses:
 *	  CFI rule expressions such as "$rsp 8 +" or ".cfa -8 + ^", which
 *	  leave one value (wk_postfix_eval), and STACK WIN program strings
 *	  such as "$T0 $ebp = $eip $T0 4 + ^ =", which assign variables and
 *	  leave nothing (wk_program_eval).
 *
 *	  Tokens are numbers, names ($reg, $T0, .cfa, .raSearch, and the bare
 *	  register names of arm and arm64 CFI: sp, x29, lr), the binary
 *	  operators + - * / % @ (align down), the unary ^ (read a stack
 *	  word) and, in programs, = (assign to a $ name).  Names are pushed
 *	  as they are and looked up when an operator takes them, so the
 *	  left side of = is a name, never a value.  Assignments made before
 *	  a program fails stay made, as in Breakpad.
 *
 *	  Everything is bounded: the stack depth, the token length, the
 *	  number of variables, and every memory read (through the thread's
 *	  stack region).  Values wrap at the CPU's word size.  Any error (an
 *	  unknown name, a bad token, division by zero, stack underflow, a
 *	  leftover value) makes the whole evaluation fail.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

#define WK_POSTFIX_DEPTH	32

/* A stack entry: a value, or a name not looked up yet. */
typedef struct pf_item
{
	uint64_t	value;
	const char *name;			/* NULL for a value */
	size_t		len;
} pf_item;

/* The evaluator's state for one expression or program. */
typedef struct postfix
{
	pf_item		stack[WK_POSTFIX_DEPTH];
	int			depth;
	uint64_t	mask;
	const wk_var *vars;			/* expression mode */
	int			nvars;
	wk_dict    *dict;			/* program mode, or NULL */
	const wk_memory *mem;
	int			word;
} postfix;

/* Push an item; false on overflow. */
static bool
push(postfix *pf, uint64_t v, const char *name, size_t len)
{
	if (pf->depth >= WK_POSTFIX_DEPTH)
		return false;
	pf->stack[pf->depth].value = v & pf->mask;
	pf->stack[pf->depth].name = name;
	pf->stack[pf->depth].len = len;
	pf->depth++;
	return true;
}

/* The index of a dictionary variable, or -1. */
static int
dict_find(const wk_dict *d, const char *name, size_t len)
{
	int			i;

	for (i = 0; i < d->count; i++)
		if (strlen(d->vars[i].name) == len &&
			memcmp(d->vars[i].name, name, len) == 0)
			return i;
	return -1;
}

/* The value of a name; false if it has none. */
static bool
lookup(const postfix *pf, const char *name, size_t len, uint64_t *out)
{
	int			i;

	if (pf->dict)
	{
		i = dict_find(pf->dict, name, len);
		if (i < 0)
			return false;
		*out = pf->dict->vars[i].value;
		return true;
	}
	for (i = 0; i < pf->nvars; i++)
		if (strlen(pf->vars[i].name) == len &&
			memcmp(pf->vars[i].name, name, len) == 0)
		{
			*out = pf->vars[i].value;
			return true;
		}
	return false;
}

/* Pop the top item as a value (looking a name up); false if impossible. */
static bool
pop_value(postfix *pf, uint64_t *out)
{
	pf_item    *it;

	if (pf->depth < 1)
		return false;
	it = &pf->stack[--pf->depth];
	if (it->name == NULL)
	{
		*out = it->value;
		return true;
	}
	if (!lookup(pf, it->name, it->len, out))
		return false;
	*out &= pf->mask;
	return true;
}

/* Parse a decimal (optionally negative) or 0x-hex literal. */
static bool
parse_number(const char *tok, size_t len, uint64_t *out)
{
	bool		neg = len > 1 && tok[0] == '-';
	size_t		i = neg ? 1 : 0;
	int			base = 10;
	uint64_t	v = 0;

	if (len - i > 2 && tok[i] == '0' && (tok[i + 1] == 'x' || tok[i + 1] == 'X'))
	{
		base = 16;
		i += 2;
	}
	if (i >= len)
		return false;
	for (; i < len; i++)
	{
		char		c = tok[i];
		int			d = (c >= '0' && c <= '9') ? c - '0' :
			(base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10 :
			(base == 16 && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;

		if (d < 0)
			return false;
		v = v * (uint64_t) base + (uint64_t) d;
	}
	*out = neg ? (uint64_t) 0 - v : v;
	return true;
}

/* Apply a binary operator to the top two values. */
static bool
binary(postfix *pf, char op)
{
	uint64_t	b;
	uint64_t	a;

	if (!pop_value(pf, &b) || !pop_value(pf, &a))
		return false;
	if ((op == '/' || op == '%' || op == '@') && b == 0)
		return false;
	switch (op)
	{
		case '+':
			return push(pf, a + b, NULL, 0);
		case '-':
			return push(pf, a - b, NULL, 0);
		case '*':
			return push(pf, a * b, NULL, 0);
		case '/':
			return push(pf, a / b, NULL, 0);
		case '%':
			return push(pf, a % b, NULL, 0);
		default:
			return push(pf, a & ((uint64_t) 0 - b), NULL, 0);
	}
}

/* Replace the top value with the stack word it points at. */
static bool
deref(postfix *pf)
{
	uint64_t	addr;
	uint64_t	v;

	return pop_value(pf, &addr) &&
		wk_read_word(pf->mem, addr, pf->word, &v) && push(pf, v, NULL, 0);
}

/* Set a dictionary variable, adding it if new; false when full. */
static bool
dict_set(wk_dict *d, const char *name, size_t len, uint64_t value)
{
	int			i = dict_find(d, name, len);

	if (i < 0)
	{
		if (d->count >= WK_DICT_MAX || len > WK_TOKEN_MAX)
			return false;
		i = d->count++;
		memcpy(d->names[i], name, len);
		d->names[i][len] = '\0';
		d->vars[i].name = d->names[i];
	}
	d->vars[i].value = value;
	d->assigned |= WK_BIT(i);
	return true;
}

/* "name value =": assign to a $ name (programs only). */
static bool
assign(postfix *pf)
{
	uint64_t	v;
	pf_item    *target;

	if (pf->dict == NULL || !pop_value(pf, &v) || pf->depth < 1)
		return false;
	target = &pf->stack[--pf->depth];
	if (target->name == NULL || target->name[0] != '$')
		return false;
	return dict_set(pf->dict, target->name, target->len, v);
}

/* Evaluate one token. */
static bool
token(postfix *pf, const char *tok, size_t len)
{
	uint64_t	v;

	if (len == 1 && strchr("+-*/%@", tok[0]) != NULL)
		return binary(pf, tok[0]);
	if (len == 1 && tok[0] == '^')
		return deref(pf);
	if (len == 1 && tok[0] == '=')
		return assign(pf);
	if (tok[0] == '$' || tok[0] == '.' ||
		(tok[0] >= 'a' && tok[0] <= 'z') || (tok[0] >= 'A' && tok[0] <= 'Z'))
		return push(pf, 0, tok, len);
	return parse_number(tok, len, &v) && push(pf, v, NULL, 0);
}

/* Run every token of expr[0..len). */
static bool
run(postfix *pf, const char *expr, size_t len)
{
	size_t		i = 0;

	pf->depth = 0;
	pf->mask = pf->word == 8 ? UINT64_MAX : UINT32_MAX;
	while (i < len)
	{
		size_t		start;

		while (i < len && (expr[i] == ' ' || expr[i] == '\t'))
			i++;
		start = i;
		while (i < len && expr[i] != ' ' && expr[i] != '\t')
			i++;
		if (i == start)
			break;
		if (i - start > WK_TOKEN_MAX || !token(pf, expr + start, i - start))
			return false;
	}
	return true;
}

/* Evaluate the expression expr[0..len) to one value. */
bool
wk_postfix_eval(const char *expr, size_t len, const wk_var *vars, int nvars,
				const wk_memory *mem, int word, uint64_t *out)
{
	postfix		pf;

	memset(&pf, 0, sizeof(pf));
	pf.vars = vars;
	pf.nvars = nvars;
	pf.mem = mem;
	pf.word = word;
	return run(&pf, expr, len) && pf.depth == 1 && pop_value(&pf, out);
}

/* Add a variable the program starts with; false when full. */
bool
wk_dict_add(wk_dict *dict, const char *name, uint64_t value)
{
	uint32_t	assigned = dict->assigned;
	bool		ok = dict_set(dict, name, strlen(name), value);

	dict->assigned = assigned;
	return ok;
}

/* The value of a variable (0 if it has none) and whether it was assigned. */
uint64_t
wk_dict_get(const wk_dict *dict, const char *name, bool *assigned)
{
	int			i = dict_find(dict, name, strlen(name));

	if (assigned)
		*assigned = i >= 0 && ((dict->assigned >> i) & 1);
	return i >= 0 ? dict->vars[i].value : 0;
}

/* Run the program prog over dict; true if it ran and left nothing. */
bool
wk_program_eval(const char *prog, wk_dict *dict, const wk_memory *mem,
				int word)
{
	postfix		pf;

	memset(&pf, 0, sizeof(pf));
	pf.dict = dict;
	pf.mem = mem;
	pf.word = word;
	return run(&pf, prog, strlen(prog)) && pf.depth == 0;
}
