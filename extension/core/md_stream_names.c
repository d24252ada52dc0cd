/*-------------------------------------------------------------------------
 * extension/core/md_stream_names.c
 *	  Names of minidump stream types, for the summary's stream list and
 *	  for notes.
 *
 *	  Windows' own types (MINIDUMP_STREAM_TYPE, including Windows CE's),
 *	  Breakpad's ("Gg", 0x4767xxxx), Crashpad's ("CP", 0x4350xxxx),
 *	  Chromium's stability report and Mozilla's ("Mz", 0x4d7axxxx).  The
 *	  spellings are those of rust-minidump's MINIDUMP_STREAM_TYPE, which
 *	  follow Microsoft's where Microsoft has one.
 *-------------------------------------------------------------------------
 */
#include "minidump.h"

/* A stream type and its name. */
typedef struct stream_name
{
	uint32_t	type;
	const char *name;
} stream_name;

static const stream_name stream_names[] = {
	{0, "UnusedStream"},
	{1, "ReservedStream0"},
	{2, "ReservedStream1"},
	{3, "ThreadListStream"},
	{4, "ModuleListStream"},
	{5, "MemoryListStream"},
	{6, "ExceptionStream"},
	{7, "SystemInfoStream"},
	{8, "ThreadExListStream"},
	{9, "Memory64ListStream"},
	{10, "CommentStreamA"},
	{11, "CommentStreamW"},
	{12, "HandleDataStream"},
	{13, "FunctionTableStream"},
	{14, "UnloadedModuleListStream"},
	{15, "MiscInfoStream"},
	{16, "MemoryInfoListStream"},
	{17, "ThreadInfoListStream"},
	{18, "HandleOperationListStream"},
	{19, "TokenStream"},
	{20, "JavaScriptDataStream"},
	{21, "SystemMemoryInfoStream"},
	{22, "ProcessVmCountersStream"},
	{23, "IptTraceStream"},
	{24, "ThreadNamesStream"},
	{0x8000, "ceStreamNull"},
	{0x8001, "ceStreamSystemInfo"},
	{0x8002, "ceStreamException"},
	{0x8003, "ceStreamModuleList"},
	{0x8004, "ceStreamProcessList"},
	{0x8005, "ceStreamThreadList"},
	{0x8006, "ceStreamThreadContextList"},
	{0x8007, "ceStreamThreadCallStackList"},
	{0x8008, "ceStreamMemoryVirtualList"},
	{0x8009, "ceStreamMemoryPhysicalList"},
	{0x800a, "ceStreamBucketParameters"},
	{0x800b, "ceStreamProcessModuleMap"},
	{0x800c, "ceStreamDiagnosisList"},
	{0xffff, "LastReservedStream"},
	{0x47670001, "BreakpadInfoStream"},
	{0x47670002, "AssertionInfoStream"},
	{0x47670003, "LinuxCpuInfo"},
	{0x47670004, "LinuxProcStatus"},
	{0x47670005, "LinuxLsbRelease"},
	{0x47670006, "LinuxCmdLine"},
	{0x47670007, "LinuxEnviron"},
	{0x47670008, "LinuxAuxv"},
	{0x47670009, "LinuxMaps"},
	{0x4767000a, "LinuxDsoDebug"},
	{0x43500001, "CrashpadInfoStream"},
	{0x4b6b0002, "StabilityReportStream"},
	{0x4d7a0001, "MozMacosCrashInfoStream"},
	{0x4d7a0002, "MozMacosBootargsStream"},
	{0x4d7a0003, "MozLinuxLimits"},
	{0x4d7a0004, "MozSoftErrors"},
};

/* The name of a stream type, or NULL if it is not one we know. */
const char *
md_stream_name(uint32_t stream_type)
{
	size_t		i;

	for (i = 0; i < sizeof(stream_names) / sizeof(stream_names[0]); i++)
		if (stream_names[i].type == stream_type)
			return stream_names[i].name;
	return NULL;
}
