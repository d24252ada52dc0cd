/*-------------------------------------------------------------------------
 * extension/core/walker/wk_context.c
 *	  CPU contexts: the register sets the walker knows (amd64 and x86),
 *	  and reading a thread's CONTEXT_AMD64 or CONTEXT_X86 from the dump.
 *
 *	  Only the integer registers matter for unwinding, so only they are
 *	  read; extended (XSAVE) contexts are longer but start the same way.
 *	  The callee-saves flags are the ones Breakpad's CFI walker uses to
 *	  carry registers the rules do not mention into the caller.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

/* amd64 registers in CONTEXT_AMD64 order from offset 0x78, then rip. */
static const wk_regdef amd64_regs[] = {
	{"$rax", NULL, false}, {"$rcx", NULL, false}, {"$rdx", NULL, false},
	{"$rbx", NULL, true}, {"$rsp", ".cfa", false}, {"$rbp", NULL, true},
	{"$rsi", NULL, false}, {"$rdi", NULL, false}, {"$r8", NULL, false},
	{"$r9", NULL, false}, {"$r10", NULL, false}, {"$r11", NULL, false},
	{"$r12", NULL, true}, {"$r13", NULL, true}, {"$r14", NULL, true},
	{"$r15", NULL, true}, {"$rip", ".ra", false}
};

/* x86 registers in CONTEXT_X86 order from offset 0x9c, then esp, eflags. */
static const wk_regdef x86_regs[] = {
	{"$edi", NULL, true}, {"$esi", NULL, true}, {"$ebx", NULL, true},
	{"$edx", NULL, false}, {"$ecx", NULL, false}, {"$eax", NULL, false},
	{"$ebp", NULL, true}, {"$eip", ".ra", false}, {"$esp", ".cfa", false},
	{"$eflags", NULL, false}
};

static const wk_arch amd64_arch = {
	MD_CPU_AMD64, 8, 17, amd64_regs, 16, 4, 5, 1232
};

static const wk_arch x86_arch = {
	MD_CPU_X86, 4, 10, x86_regs, 7, 8, 6, 716
};

/* The register set for the dump's CPU, or NULL if not supported yet. */
const wk_arch *
wk_arch_for(const md_dump *dump)
{
	if (dump->system_info == NULL)
		return NULL;
	switch (dump->system_info->processor_architecture)
	{
		case MD_CPU_AMD64:
			return &amd64_arch;
		case MD_CPU_X86:
		case MD_CPU_X86_WIN64:
			return &x86_arch;
		default:
			return NULL;
	}
}

/* Read amd64 rax..r15 (consecutive) and rip. */
static void
read_amd64(const uint8_t *p, wk_regs *out)
{
	int			i;

	for (i = 0; i < 16; i++)
		out->v[i] = wk_u64(p + 0x78 + 8 * i);
	out->v[16] = wk_u64(p + 0xf8);
}

/* Read x86 edi..ebp, eip (consecutive), esp and eflags. */
static void
read_x86(const uint8_t *p, wk_regs *out)
{
	int			i;

	for (i = 0; i < 8; i++)
		out->v[i] = wk_u32(p + 0x9c + 4 * i);
	out->v[8] = wk_u32(p + 0xc4);
	out->v[9] = wk_u32(p + 0xc0);
}

/* Read the context at where; false if it is missing or too short. */
bool
wk_read_context(const md_dump *dump, const wk_arch *arch, md_location where,
				wk_regs *out)
{
	const uint8_t *p = wk_bytes_at(dump, where);

	if (p == NULL || where.data_size < arch->context_size)
		return false;
	memset(out, 0, sizeof(*out));
	if (arch->cpu == MD_CPU_AMD64)
		read_amd64(p, out);
	else
		read_x86(p, out);
	out->valid = WK_BIT(arch->nregs) - 1;
	return true;
}
