/*-------------------------------------------------------------------------
 * extension/core/walker/wk_context.c
 *	  CPU contexts: the register sets the walker knows (amd64, x86, arm64
 *	  and arm), and reading a thread's CONTEXT_AMD64, CONTEXT_X86,
 *	  CONTEXT_ARM64 (Windows/Crashpad's, or Breakpad's older layout with
 *	  a 64-bit flags word: the integer registers sit at the same offsets)
 *	  or CONTEXT_ARM from the dump.
 *
 *	  Only the integer registers matter for unwinding, so only they are
 *	  read (and x86 eflags, which Breakpad prints); extended (XSAVE)
 *	  contexts are longer but start the same way.
 *	  The callee-saves flags are the ones Breakpad's CFI walker uses to
 *	  carry registers the rules do not mention into the caller.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <string.h>

/* amd64 registers in CONTEXT_AMD64 order from offset 0x78, then rip. */
static const wk_regdef amd64_regs[] = {
	{"$rax", NULL, false, "rax"}, {"$rcx", NULL, false, "rcx"},
	{"$rdx", NULL, false, "rdx"}, {"$rbx", NULL, true, "rbx"},
	{"$rsp", ".cfa", false, "rsp"}, {"$rbp", NULL, true, "rbp"},
	{"$rsi", NULL, false, "rsi"}, {"$rdi", NULL, false, "rdi"},
	{"$r8", NULL, false, "r8"}, {"$r9", NULL, false, "r9"},
	{"$r10", NULL, false, "r10"}, {"$r11", NULL, false, "r11"},
	{"$r12", NULL, true, "r12"}, {"$r13", NULL, true, "r13"},
	{"$r14", NULL, true, "r14"}, {"$r15", NULL, true, "r15"},
	{"$rip", ".ra", false, "rip"}
};

/* x86 registers in CONTEXT_X86 order from offset 0x9c, then esp, eflags. */
static const wk_regdef x86_regs[] = {
	{"$edi", NULL, true, "edi"}, {"$esi", NULL, true, "esi"},
	{"$ebx", NULL, true, "ebx"}, {"$edx", NULL, false, "edx"},
	{"$ecx", NULL, false, "ecx"}, {"$eax", NULL, false, "eax"},
	{"$ebp", NULL, true, "ebp"}, {"$eip", ".ra", false, "eip"},
	{"$esp", ".cfa", false, "esp"}, {"$eflags", NULL, false, "eflags"}
};

/* arm64 x0..x30, sp, pc: x19..x29 are callee-saves (AAPCS64). */
static const wk_regdef arm64_regs[] = {
	{"x0", NULL, false, "x0"}, {"x1", NULL, false, "x1"},
	{"x2", NULL, false, "x2"}, {"x3", NULL, false, "x3"},
	{"x4", NULL, false, "x4"}, {"x5", NULL, false, "x5"},
	{"x6", NULL, false, "x6"}, {"x7", NULL, false, "x7"},
	{"x8", NULL, false, "x8"}, {"x9", NULL, false, "x9"},
	{"x10", NULL, false, "x10"}, {"x11", NULL, false, "x11"},
	{"x12", NULL, false, "x12"}, {"x13", NULL, false, "x13"},
	{"x14", NULL, false, "x14"}, {"x15", NULL, false, "x15"},
	{"x16", NULL, false, "x16"}, {"x17", NULL, false, "x17"},
	{"x18", NULL, false, "x18"}, {"x19", NULL, true, "x19"},
	{"x20", NULL, true, "x20"}, {"x21", NULL, true, "x21"},
	{"x22", NULL, true, "x22"}, {"x23", NULL, true, "x23"},
	{"x24", NULL, true, "x24"}, {"x25", NULL, true, "x25"},
	{"x26", NULL, true, "x26"}, {"x27", NULL, true, "x27"},
	{"x28", NULL, true, "x28"}, {"x29", NULL, true, "fp"},
	{"x30", NULL, false, "lr"}, {"sp", ".cfa", false, "sp"},
	{"pc", ".ra", false, "pc"}
};

/* arm r0..r15 (r13 sp, r14 lr, r15 pc): r4..r11 are callee-saves. */
static const wk_regdef arm_regs[] = {
	{"r0", NULL, false, "r0"}, {"r1", NULL, false, "r1"},
	{"r2", NULL, false, "r2"}, {"r3", NULL, false, "r3"},
	{"r4", NULL, true, "r4"}, {"r5", NULL, true, "r5"},
	{"r6", NULL, true, "r6"}, {"r7", NULL, true, "r7"},
	{"r8", NULL, true, "r8"}, {"r9", NULL, true, "r9"},
	{"r10", NULL, true, "r10"}, {"r11", NULL, true, "fp"},
	{"r12", NULL, false, "r12"}, {"sp", ".cfa", false, "sp"},
	{"lr", NULL, false, "lr"}, {"pc", ".ra", false, "pc"}
};

/* Breakpad's register orders in its human output. */
static const int amd64_order[] = {
	0, 2, 1, 3, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16
};
static const int x86_order[] = {7, 8, 6, 2, 1, 0, 5, 4, 3, 9};
static const int arm64_order[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
	20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
};
static const int arm_order[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 11, 13, 14, 15
};

static const wk_arch amd64_arch = {
	.cpu = MD_CPU_AMD64, .word = 8, .nregs = 17, .regs = amd64_regs,
	.pc = 16, .sp = 4, .fp = 5, .lr = -1, .call_size = 1,
	.context_size = 1232, .print_order = amd64_order, .print_count = 17,
	.caller_print_count = 17
};

static const wk_arch x86_arch = {
	.cpu = MD_CPU_X86, .word = 4, .nregs = 10, .regs = x86_regs,
	.pc = 7, .sp = 8, .fp = 6, .lr = -1, .call_size = 1,
	.context_size = 716, .print_order = x86_order, .print_count = 10,
	.caller_print_count = 6
};

static const wk_arch arm64_arch = {
	.cpu = MD_CPU_ARM64, .word = 8, .nregs = 33, .regs = arm64_regs,
	.pc = 32, .sp = 31, .fp = 29, .lr = 30, .call_size = 4, .prints_call = true,
	.context_size = 276, .print_order = arm64_order, .print_count = 33,
	.caller_print_count = 33
};

/* Frame pointers are walked on 32-bit arm only where Breakpad does (iOS, r7). */
static const wk_arch arm_arch = {
	.cpu = MD_CPU_ARM, .word = 4, .nregs = 16, .regs = arm_regs,
	.pc = 15, .sp = 13, .fp = -1, .lr = 14, .call_size = 2, .prints_call = true,
	.context_size = 72, .print_order = arm_order, .print_count = 16,
	.caller_print_count = 16
};

static const wk_arch arm_ios_arch = {
	.cpu = MD_CPU_ARM, .word = 4, .nregs = 16, .regs = arm_regs,
	.pc = 15, .sp = 13, .fp = 7, .lr = 14, .call_size = 2, .prints_call = true,
	.context_size = 72, .print_order = arm_order, .print_count = 16,
	.caller_print_count = 16
};

/* The register set for the dump's CPU, or NULL if it is not walked. */
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
		case MD_CPU_ARM64:
		case MD_CPU_ARM64_OLD:
			return &arm64_arch;
		case MD_CPU_ARM:
			return dump->system_info->platform_id == MD_OS_IOS ?
				&arm_ios_arch : &arm_arch;
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

/* Read arm64 x0..x30, sp and pc (the same offsets in both layouts). */
static void
read_arm64(const uint8_t *p, wk_regs *out)
{
	int			i;

	for (i = 0; i < 33; i++)
		out->v[i] = wk_u64(p + 8 + 8 * i);
}

/* Read arm r0..r15. */
static void
read_arm(const uint8_t *p, wk_regs *out)
{
	int			i;

	for (i = 0; i < 16; i++)
		out->v[i] = wk_u32(p + 4 + 4 * i);
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
	else if (arch->cpu == MD_CPU_X86)
		read_x86(p, out);
	else if (arch->cpu == MD_CPU_ARM64)
		read_arm64(p, out);
	else
		read_arm(p, out);
	out->valid = WK_BIT(arch->nregs) - 1;
	return true;
}
