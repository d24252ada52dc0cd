/*-------------------------------------------------------------------------
 * extension/core/md_sysinfo.c
 *	  The system info stream (MINIDUMP_SYSTEM_INFO) and the OS and CPU
 *	  names Breakpad's minidump_stackwalk prints for it.
 *
 *	  The names must match Breakpad's "OS|name|version" and
 *	  "CPU|arch|info|count" lines exactly, quirks included:
 *	  - the OS version is "major.minor.build", then a space and the CSD
 *	    string whenever that string could be read, even when it is empty
 *	    (hence Windows' "6.1.7600 " with a trailing space);
 *	  - x86 and amd64 get "family F model M stepping S" from
 *	    processor_level and processor_revision (0xMMSS), which the dump
 *	    writer already filled in from CPUID, extended family and model
 *	    included; the CPUID version field is not consulted;
 *	  - only x86 (and WoW64, which Breakpad otherwise names by number)
 *	    reads CPU_INFORMATION as a vendor id, so amd64 has no vendor, and
 *	    an all-zero vendor leaves a leading space;
 *	  - ARM gets "ARMvN", vendor and part from the cpuid, and hwcaps;
 *	  - unknown platforms and architectures print as 0x%08x and 0x%04x.
 *-------------------------------------------------------------------------
 */
#include "md_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A value and its name, for the small lookup tables below. */
typedef struct md_name
{
	uint32_t	value;
	const char *name;
} md_name;

static const md_name os_names[] = {
	{MD_OS_WIN32_NT, "Windows NT"},
	{MD_OS_WIN32_WINDOWS, "Windows"},
	{MD_OS_MAC_OS_X, "Mac OS X"},
	{MD_OS_IOS, "iOS"},
	{MD_OS_LINUX, "Linux"},
	{MD_OS_SOLARIS, "Solaris"},
	{MD_OS_ANDROID, "Android"},
	{MD_OS_PS3, "PS3"},
	{MD_OS_NACL, "NaCl"},
	{MD_OS_FUCHSIA, "Fuchsia"},
};

static const md_name cpu_names[] = {
	{MD_CPU_X86, "x86"},
	{MD_CPU_AMD64, "amd64"},
	{MD_CPU_PPC, "ppc"},
	{MD_CPU_PPC64, "ppc64"},
	{MD_CPU_SPARC, "sparc"},
	{MD_CPU_ARM, "arm"},
	{MD_CPU_ARM64, "arm64"},
	{MD_CPU_ARM64_OLD, "arm64"},
	{MD_CPU_MIPS, "mips"},
	{MD_CPU_MIPS64, "mips64"},
	{MD_CPU_RISCV, "riscv"},
	{MD_CPU_RISCV64, "riscv64"},
};

/* ARM implementers (cpuid bits 24-31) and parts (cpuid & 0xff00fff0). */
static const md_name arm_vendors[] = {
	{0x41, "ARM"},
	{0x51, "Qualcomm"},
	{0x56, "Marvell"},
	{0x69, "Intel/Marvell"},
};

static const md_name arm_parts[] = {
	{0x4100c050, "Cortex-A5"},
	{0x4100c080, "Cortex-A8"},
	{0x4100c090, "Cortex-A9"},
	{0x4100c0f0, "Cortex-A15"},
	{0x4100c140, "Cortex-R4"},
	{0x4100c150, "Cortex-R5"},
	{0x4100b360, "ARM1136"},
	{0x4100b560, "ARM1156"},
	{0x4100b760, "ARM1176"},
	{0x4100b020, "ARM11-MPCore"},
	{0x41009260, "ARM926"},
	{0x41009460, "ARM946"},
	{0x41009660, "ARM966"},
	{0x510006f0, "Krait"},
	{0x510000f0, "Scorpion"},
};

/* Linux ARM ELF hwcap bits, in bit order. */
static const char *const arm_features[] = {
	"swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfpv2", "edsp",
	"java", "iwmmxt", "crunch", "thumbee", "neon", "vfpv3", "vfpv3d16",
	"tls", "vfpv4", "idiva", "idivt",
};

#define LENGTH(array) (sizeof(array) / sizeof((array)[0]))

/* Look a value up in a table; NULL if it is not there. */
static const char *
lookup(const md_name *table, size_t n, uint32_t value)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (table[i].value == value)
			return table[i].name;
	return NULL;
}

/* Append formatted text to a fixed buffer, truncating if it is full. */
static void append(char *buf, size_t size, const char *fmt,...) MD_PRINTF_LIKE(3, 4);

static void
append(char *buf, size_t size, const char *fmt,...)
{
	size_t		len = strlen(buf);
	va_list		args;

	va_start(args, fmt);
	vsnprintf(buf + len, size - len, fmt, args);
	va_end(args);
}

/* Breakpad's ARM cpu info: "ARMv7 ARM Cortex-A9 features: swp,half,...". */
static void
arm_cpu_info(const md_system_info *si, char *buf, size_t size)
{
	const char *vendor = lookup(arm_vendors, LENGTH(arm_vendors), si->arm_cpuid >> 24);
	const char *part = lookup(arm_parts, LENGTH(arm_parts), si->arm_cpuid & 0xff00fff0);
	const char *comma = "";
	size_t		i;

	append(buf, size, "ARMv%d", si->processor_level);
	if (si->arm_cpuid != 0)
	{
		if (vendor != NULL)
			append(buf, size, " %s", vendor);
		else
			append(buf, size, " vendor(0x%x)", si->arm_cpuid >> 24);
		if (part != NULL)
			append(buf, size, " %s", part);
		else
			append(buf, size, " part(0x%x)", si->arm_cpuid & 0xff00fff0);
	}
	if (si->arm_elf_hwcaps != 0)
		append(buf, size, " features: ");
	for (i = 0; i < LENGTH(arm_features); i++)
	{
		if (si->arm_elf_hwcaps & (1u << i))
		{
			append(buf, size, "%s%s", comma, arm_features[i]);
			comma = ",";
		}
	}
}

/* Breakpad's cpu info string for the dump's architecture. */
static char *
cpu_info(md_dump *dump, const md_system_info *si)
{
	char		buf[256] = "";

	switch (si->processor_architecture)
	{
		case MD_CPU_X86:
		case MD_CPU_AMD64:
			if (si->processor_architecture == MD_CPU_X86)
				append(buf, sizeof(buf), "%s ", si->x86_vendor);
			append(buf, sizeof(buf), "family %u model %u stepping %u",
				   (unsigned) si->processor_level,
				   (unsigned) si->processor_revision >> 8,
				   (unsigned) si->processor_revision & 0xff);
			break;
		case MD_CPU_ARM:
			arm_cpu_info(si, buf, sizeof(buf));
			break;
		default:
			break;
	}
	return md_sprintf(dump, "%s", buf);
}

/* Fill in the OS and CPU names from the raw fields. */
static void
name_system(md_dump *dump, md_system_info *si)
{
	const char *os = lookup(os_names, LENGTH(os_names), si->platform_id);
	const char *cpu = lookup(cpu_names, LENGTH(cpu_names), si->processor_architecture);

	si->os = os ? md_sprintf(dump, "%s", os) :
		md_sprintf(dump, "0x%08x", si->platform_id);
	si->os_version = md_sprintf(dump, "%u.%u.%u%s%s", si->major_version,
								si->minor_version, si->build_number,
								si->csd_version ? " " : "",
								si->csd_version ? si->csd_version : "");
	si->cpu_arch = cpu ? md_sprintf(dump, "%s", cpu) :
		md_sprintf(dump, "0x%04x", si->processor_architecture);
	si->cpu_info = cpu_info(dump, si);
}

/* Decode CPU_INFORMATION both as x86 (vendor id, CPUID) and as ARM. */
static void
read_cpu_information(md_system_info *si, const uint8_t *p)
{
	size_t		i;

	for (i = 0; i < 12 && p[i] != 0; i++)
		si->x86_vendor[i] = (char) p[i];
	si->x86_vendor[i] = '\0';
	si->x86_version_information = md_u32(p + 12);
	si->x86_feature_information = md_u32(p + 16);
	si->x86_amd_extended_features = md_u32(p + 20);
	si->arm_cpuid = md_u32(p);
	si->arm_elf_hwcaps = md_u32(p + 4);
}

/* Read the system info stream into dump->system_info, if present. */
void
md_read_system_info(md_dump *dump)
{
	uint32_t	size;
	const uint8_t *p = md_stream_data(dump, MD_STREAM_SYSTEM_INFO, MD_SYSTEM_INFO_SIZE, &size);
	md_system_info *si;

	if (p == NULL || (si = md_arena_alloc(&dump->arena, sizeof(*si))) == NULL)
		return;
	si->processor_architecture = md_u16(p);
	si->processor_level = md_u16(p + 2);
	si->processor_revision = md_u16(p + 4);
	si->number_of_processors = p[6];
	si->product_type = p[7];
	si->major_version = md_u32(p + 8);
	si->minor_version = md_u32(p + 12);
	si->build_number = md_u32(p + 16);
	si->platform_id = md_u32(p + 20);
	si->csd_version_rva = md_u32(p + 24);
	si->suite_mask = md_u16(p + 28);
	read_cpu_information(si, p + 32);
	si->csd_version = md_read_string(dump, si->csd_version_rva);
	if (si->csd_version == NULL && si->csd_version_rva != 0)
		md_note(dump, "CSD version string at 0x%x is unreadable", si->csd_version_rva);
	name_system(dump, si);
	dump->system_info = si;
}
