/*-------------------------------------------------------------------------
 * extension/core/md_exception.c
 *	  The exception stream (MINIDUMP_EXCEPTION_STREAM) and the crash
 *	  address Breakpad reports for it.
 *
 *	  The crash address is not always exception_address: for a Windows
 *	  access violation or in-page error, Windows puts the faulting data
 *	  address in exception_information[1], and Breakpad reports that.
 *	  On 32-bit CPUs Breakpad then keeps only the low 32 bits (some
 *	  writers leave garbage above them).  Without system info it reports
 *	  exception_address as it stands.
 *-------------------------------------------------------------------------
 */
#include "md_internal.h"

#define MD_EXCEPTION_ACCESS_VIOLATION	0xc0000005
#define MD_EXCEPTION_IN_PAGE_ERROR		0xc0000006

/* True for the CPUs whose addresses Breakpad truncates to 32 bits. */
static bool
is_32bit_cpu(uint16_t architecture)
{
	switch (architecture)
	{
		case MD_CPU_X86:
		case MD_CPU_MIPS:
		case MD_CPU_PPC:
		case MD_CPU_SHX:
		case MD_CPU_ARM:
		case MD_CPU_X86_WIN64:
			return true;
		default:
			return false;
	}
}

/* The address Breakpad's "Crash|reason|address|thread" line shows. */
static uint64_t
crash_address(const md_dump *dump, const md_exception *ex)
{
	const md_system_info *si = dump->system_info;
	uint64_t	address = ex->exception_address;

	if (si == NULL)
		return address;
	if ((si->platform_id == MD_OS_WIN32_NT ||
		 si->platform_id == MD_OS_WIN32_WINDOWS) &&
		(ex->exception_code == MD_EXCEPTION_ACCESS_VIOLATION ||
		 ex->exception_code == MD_EXCEPTION_IN_PAGE_ERROR) &&
		ex->number_parameters >= 2)
		address = ex->exception_information[1];
	if (is_32bit_cpu(si->processor_architecture))
		address &= 0xffffffff;
	return address;
}

/* Read the exception stream into dump->exception, if present. */
void
md_read_exception(md_dump *dump)
{
	uint32_t	size;
	const uint8_t *p = md_stream_data(dump, MD_STREAM_EXCEPTION, MD_EXCEPTION_SIZE, &size);
	md_exception *ex;
	int			i;

	if (p == NULL || (ex = md_arena_alloc(&dump->arena, sizeof(*ex))) == NULL)
		return;
	ex->thread_id = md_u32(p);
	ex->exception_code = md_u32(p + 8);
	ex->exception_flags = md_u32(p + 12);
	ex->exception_record = md_u64(p + 16);
	ex->exception_address = md_u64(p + 24);
	ex->number_parameters = md_u32(p + 32);
	for (i = 0; i < MD_EXCEPTION_MAX_PARAMETERS; i++)
		ex->exception_information[i] = md_u64(p + 40 + 8 * i);
	ex->thread_context.data_size = md_u32(p + 160);
	ex->thread_context.rva = md_u32(p + 164);
	ex->crash_address = crash_address(dump, ex);
	dump->exception = ex;
}
