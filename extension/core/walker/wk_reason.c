/*-------------------------------------------------------------------------
 * extension/core/walker/wk_reason.c
 *	  The crash reason string Breakpad prints for an exception: Windows
 *	  exception codes (access violations with their kind, fast-fail
 *	  codes), POSIX signals with their si_code, and Mach exceptions.
 *
 *	  A code Breakpad has no name for prints as "0x<code> / 0x<flags>".
 *	  The tables hold the names most crashes use; DEVIATIONS.md lists
 *	  what is not covered yet.
 *-------------------------------------------------------------------------
 */
#include "wk_internal.h"

#include <stdio.h>
#include <string.h>

#define REASON_LEN 128
#define LENGTH(a) (sizeof(a) / sizeof((a)[0]))

/* A numeric code and its name. */
typedef struct code_name
{
	uint32_t	code;
	const char *name;
} code_name;

static const code_name windows_codes[] = {
	{0x80000001, "EXCEPTION_GUARD_PAGE"},
	{0x80000002, "EXCEPTION_DATATYPE_MISALIGNMENT"},
	{0x80000003, "EXCEPTION_BREAKPOINT"},
	{0x80000004, "EXCEPTION_SINGLE_STEP"},
	{0xc0000006, "EXCEPTION_IN_PAGE_ERROR"},
	{0xc0000008, "EXCEPTION_INVALID_HANDLE"},
	{0xc000001d, "EXCEPTION_ILLEGAL_INSTRUCTION"},
	{0xc0000025, "EXCEPTION_NONCONTINUABLE_EXCEPTION"},
	{0xc0000026, "EXCEPTION_INVALID_DISPOSITION"},
	{0xc000008c, "EXCEPTION_BOUNDS_EXCEEDED"},
	{0xc000008d, "EXCEPTION_FLT_DENORMAL_OPERAND"},
	{0xc000008e, "EXCEPTION_FLT_DIVIDE_BY_ZERO"},
	{0xc000008f, "EXCEPTION_FLT_INEXACT_RESULT"},
	{0xc0000090, "EXCEPTION_FLT_INVALID_OPERATION"},
	{0xc0000091, "EXCEPTION_FLT_OVERFLOW"},
	{0xc0000092, "EXCEPTION_FLT_STACK_CHECK"},
	{0xc0000093, "EXCEPTION_FLT_UNDERFLOW"},
	{0xc0000094, "EXCEPTION_INT_DIVIDE_BY_ZERO"},
	{0xc0000095, "EXCEPTION_INT_OVERFLOW"},
	{0xc0000096, "EXCEPTION_PRIV_INSTRUCTION"},
	{0xc00000fd, "EXCEPTION_STACK_OVERFLOW"},
	{0xc0000194, "EXCEPTION_POSSIBLE_DEADLOCK"},
	{0xc0000374, "EXCEPTION_HEAP_CORRUPTION"},
	{0xe06d7363, "Unhandled C++ Exception"}
};

static const code_name fast_fail_codes[] = {
	{0, "FAST_FAIL_LEGACY_GS_VIOLATION"},
	{1, "FAST_FAIL_VTGUARD_CHECK_FAILURE"},
	{2, "FAST_FAIL_STACK_COOKIE_CHECK_FAILURE"},
	{3, "FAST_FAIL_CORRUPT_LIST_ENTRY"},
	{4, "FAST_FAIL_INCORRECT_STACK"},
	{5, "FAST_FAIL_INVALID_ARG"},
	{6, "FAST_FAIL_GS_COOKIE_INIT"},
	{7, "FAST_FAIL_FATAL_APP_EXIT"},
	{8, "FAST_FAIL_RANGE_CHECK_FAILURE"},
	{9, "FAST_FAIL_UNSAFE_REGISTRY_ACCESS"},
	{10, "FAST_FAIL_GUARD_ICALL_CHECK_FAILURE"}
};

static const char *const signal_names[] = {
	NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
	"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
	"SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
	"SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
	"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
};

/* si_code names; code is signal << 8 | si_code. */
static const code_name signal_codes[] = {
	{0x401, "ILL_ILLOPC"}, {0x402, "ILL_ILLOPN"}, {0x403, "ILL_ILLADR"},
	{0x404, "ILL_ILLTRP"}, {0x405, "ILL_PRVOPC"}, {0x406, "ILL_PRVREG"},
	{0x407, "ILL_COPROC"}, {0x408, "ILL_BADSTK"},
	{0x701, "BUS_ADRALN"}, {0x702, "BUS_ADRERR"}, {0x703, "BUS_OBJERR"},
	{0x801, "FPE_INTDIV"}, {0x802, "FPE_INTOVF"}, {0x803, "FPE_FLTDIV"},
	{0x804, "FPE_FLTOVF"}, {0x805, "FPE_FLTUND"}, {0x806, "FPE_FLTRES"},
	{0x807, "FPE_FLTINV"}, {0x808, "FPE_FLTSUB"},
	{0xb01, "SEGV_MAPERR"}, {0xb02, "SEGV_ACCERR"}
};

static const char *const mach_names[] = {
	NULL, "EXC_BAD_ACCESS", "EXC_BAD_INSTRUCTION", "EXC_ARITHMETIC",
	"EXC_EMULATION", "EXC_SOFTWARE", "EXC_BREAKPOINT", "EXC_SYSCALL",
	"EXC_MACH_SYSCALL", "EXC_RPC_ALERT"
};

static const code_name kern_codes[] = {
	{1, "KERN_INVALID_ADDRESS"}, {2, "KERN_PROTECTION_FAILURE"},
	{8, "KERN_NO_ACCESS"}, {9, "KERN_MEMORY_FAILURE"},
	{10, "KERN_MEMORY_ERROR"}, {13, "EXC_I386_GPFLT"}
};

/* The name of code in table, or NULL. */
static const char *
find_code(const code_name *table, size_t n, uint32_t code)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (table[i].code == code)
			return table[i].name;
	return NULL;
}

/* Windows: access violations by kind, fast fails by code, then the table. */
static void
windows_reason(const md_exception *ex, char *buf)
{
	const char *name = find_code(windows_codes, LENGTH(windows_codes),
								 ex->exception_code);
	static const char *const av[] = {"_READ", "_WRITE", NULL, NULL, NULL,
	NULL, NULL, NULL, "_EXEC"};

	if (ex->exception_code == 0xc0000005)
		snprintf(buf, REASON_LEN, "EXCEPTION_ACCESS_VIOLATION%s",
				 ex->number_parameters >= 1 && ex->exception_information[0] <= 8 &&
				 av[ex->exception_information[0]] ?
				 av[ex->exception_information[0]] : "");
	else if (ex->exception_code == 0xc0000409)
	{
		name = ex->number_parameters < 1 ? "EXCEPTION_STACK_BUFFER_OVERRUN" :
			find_code(fast_fail_codes, LENGTH(fast_fail_codes),
					  (uint32_t) ex->exception_information[0]);
		if (name)
			snprintf(buf, REASON_LEN, "%s", name);
	}
	else if (name)
		snprintf(buf, REASON_LEN, "%s", name);
}

/* POSIX signals, with the si_code for SIGILL, SIGBUS, SIGFPE, SIGSEGV. */
static void
signal_reason(const md_exception *ex, char *buf)
{
	uint32_t	sig = ex->exception_code;
	const char *sub;

	if (sig == 0xffffffff)
	{
		snprintf(buf, REASON_LEN, "DUMP_REQUESTED");
		return;
	}
	if (sig >= LENGTH(signal_names) || signal_names[sig] == NULL)
		return;
	if (sig != 4 && sig != 7 && sig != 8 && sig != 11)
	{
		snprintf(buf, REASON_LEN, "%s", signal_names[sig]);
		return;
	}
	sub = ex->exception_flags > 0xff ? NULL :
		find_code(signal_codes, LENGTH(signal_codes),
				  sig << 8 | ex->exception_flags);
	if (sub)
		snprintf(buf, REASON_LEN, "%s / %s", signal_names[sig], sub);
	else
		snprintf(buf, REASON_LEN, "%s /%s0x%08x", signal_names[sig],
				 sig == 11 ? "" : " ", ex->exception_flags);
}

/* Mach exceptions and the uncaught-NSException codes (Breakpad's, Crashpad's). */
static void
mach_reason(const md_exception *ex, char *buf)
{
	uint32_t	code = ex->exception_code;
	const char *sub;

	if (code == 0xdeadc0de || code == 0x43506e78)
	{
		snprintf(buf, REASON_LEN, "Uncaught NSException");
		return;
	}
	if (code >= LENGTH(mach_names) || mach_names[code] == NULL)
		return;
	sub = code == 1 ? find_code(kern_codes, LENGTH(kern_codes),
								ex->exception_flags) : NULL;
	if (sub)
		snprintf(buf, REASON_LEN, "%s / %s", mach_names[code], sub);
	else
		snprintf(buf, REASON_LEN, "%s / 0x%08x", mach_names[code],
				 ex->exception_flags);
}

/* Breakpad's crash reason for the dump's exception, in arena memory. */
const char *
wk_crash_reason(md_arena *arena, const md_dump *dump)
{
	const md_exception *ex = dump->exception;
	uint32_t	os = dump->system_info ? dump->system_info->platform_id : 0;
	char		buf[REASON_LEN];
	char	   *out;

	snprintf(buf, REASON_LEN, "0x%08x / 0x%08x", ex->exception_code,
			 ex->exception_flags);
	if (os == MD_OS_WIN32_NT || os == MD_OS_WIN32_WINDOWS)
		windows_reason(ex, buf);
	else if (os == MD_OS_LINUX || os == MD_OS_ANDROID)
		signal_reason(ex, buf);
	else if (os == MD_OS_MAC_OS_X || os == MD_OS_IOS)
		mach_reason(ex, buf);
	out = md_arena_alloc(arena, strlen(buf) + 1);
	if (out)
		memcpy(out, buf, strlen(buf) + 1);
	return out;
}
