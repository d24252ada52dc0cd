/*-------------------------------------------------------------------------
 * extension/core/walker/wk_postfix.c
 *	  The postfix evaluator for CFI rule expressions such as
 *	  "$rsp 8 +" or ".cfa -8 + ^": numbers, register and pseudo-register
 *	  names, the binary operators + - * / % @ (align down) and the unary
 *	  ^ (read a stack word).
 *
 *	  Everything is bounded: the stack depth, the token length, and every
 *	  memory read (through the thread's stack region).  Values wrap at
 *	  the CPU's word size, as they would on the machine.  Any error (an
 *	  unknown name, a bad token, division by zero, stack underflow or not
 *	  exactly one value left) makes the whole expression fail.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

#define WK_POSTFIX_DEPTH	32
#define WK_TOKEN_MAX		64

/* The evaluator's state for one expression. */
typedef struct postfix
{
	uint64_t	stack[WK_POSTFIX_DEPTH];
	int			depth;
	uint64_t	mask;
} postfix;

/* Push a value; false on overflow. */
static bool
push(postfix *pf, uint64_t v)
{
	if (pf->depth >= WK_POSTFIX_DEPTH)
		return false;
	pf->stack[pf->depth++] = v & pf->mask;
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

	if (pf->depth < 2)
		return false;
	b = pf->stack[--pf->depth];
	a = pf->stack[--pf->depth];
	if ((op == '/' || op == '%' || op == '@') && b == 0)
		return false;
	switch (op)
	{
		case '+':
			return push(pf, a + b);
		case '-':
			return push(pf, a - b);
		case '*':
			return push(pf, a * b);
		case '/':
			return push(pf, a / b);
		case '%':
			return push(pf, a % b);
		default:
			return push(pf, a & ((uint64_t) 0 - b));
	}
}

/* Replace the top value with the stack word it points at. */
static bool
deref(postfix *pf, const wk_memory *mem, int word)
{
	uint64_t	v;

	if (pf->depth < 1 ||
		!wk_read_word(mem, pf->stack[pf->depth - 1], word, &v))
		return false;
	pf->depth--;
	return push(pf, v);
}

/* Push the value of a named variable. */
static bool
variable(postfix *pf, const char *tok, size_t len, const wk_var *vars,
		 int nvars)
{
	int			i;

	for (i = 0; i < nvars; i++)
		if (strlen(vars[i].name) == len && memcmp(vars[i].name, tok, len) == 0)
			return push(pf, vars[i].value);
	return false;
}

/* Evaluate one token. */
static bool
token(postfix *pf, const char *tok, size_t len, const wk_var *vars,
	  int nvars, const wk_memory *mem, int word)
{
	uint64_t	v;

	if (len == 1 && strchr("+-*/%@", tok[0]) != NULL)
		return binary(pf, tok[0]);
	if (len == 1 && tok[0] == '^')
		return deref(pf, mem, word);
	if (tok[0] == '$' || tok[0] == '.')
		return variable(pf, tok, len, vars, nvars);
	return parse_number(tok, len, &v) && push(pf, v);
}

/* Evaluate expr[0..len) to one value. */
bool
wk_postfix_eval(const char *expr, size_t len, const wk_var *vars, int nvars,
				const wk_memory *mem, int word, uint64_t *out)
{
	postfix		pf;
	size_t		i = 0;

	pf.depth = 0;
	pf.mask = word == 8 ? UINT64_MAX : UINT32_MAX;
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
		if (i - start > WK_TOKEN_MAX ||
			!token(&pf, expr + start, i - start, vars, nvars, mem, word))
			return false;
	}
	if (pf.depth != 1)
		return false;
	*out = pf.stack[0];
	return true;
}
