/*-------------------------------------------------------------------------
 * collector/options.c
 *	  Command-line flags, each with an environment variable that is used
 *	  when the flag is not given, and a default.  One table describes every
 *	  setting; parsing, range checks and --help all come from it, so a new
 *	  setting is one line.  Sizes take a K, M or G suffix (powers of 1024).
 *
 *	  Sizes stop at 1 GiB, PostgreSQL's limit for one value: a bigger
 *	  report could never be stored.
 *-------------------------------------------------------------------------
 */
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GiB (UINT64_C(1) << 30)

typedef enum OptionKind
{
	OPTION_TEXT,
	OPTION_NUMBER,
	OPTION_SIZE					/* a number of bytes, maybe with a suffix */
} OptionKind;

typedef struct OptionSpec
{
	const char *name;			/* the flag, without "--" */
	const char *env;			/* the environment fallback */
	OptionKind	kind;
	size_t		offset;			/* of the field in Config */
	const char *fallback;		/* the default, as text */
	uint64_t	min;			/* range of a number or size */
	uint64_t	max;
	const char *metavar;		/* for --help */
	const char *help;
} OptionSpec;

static const OptionSpec specs[] = {
	{"listen", "CRASHPIPE_COLLECTOR_LISTEN", OPTION_TEXT, offsetof(Config, listen),
		"127.0.0.1:8888", 0, 0, "HOST:PORT",
	"address and port to listen on; [::1]:8888 for IPv6, port 0 for any"},
	{"dsn", "CRASHPIPE_DSN", OPTION_TEXT, offsetof(Config, dsn),
		"dbname=crashpipe", 0, 0, "CONNINFO",
	"libpq connection string of the crashpipe database"},
	{"pool-size", "CRASHPIPE_COLLECTOR_POOL_SIZE", OPTION_NUMBER,
		offsetof(Config, pool_size), "8", 1, 1000, "N",
	"database connections to keep; requests wait for a free one"},
	{"max-body-size", "CRASHPIPE_COLLECTOR_MAX_BODY_SIZE", OPTION_SIZE,
		offsetof(Config, max_body_size), "25M", 1, GiB, "BYTES",
	"largest request body as sent (compressed, if gzip); larger gets 413"},
	{"max-decompressed-size", "CRASHPIPE_COLLECTOR_MAX_DECOMPRESSED_SIZE",
		OPTION_SIZE, offsetof(Config, max_decompressed_size), "100M", 1, GiB,
	"BYTES", "largest gzip body after decompression; larger gets 413"},
	{"max-parts", "CRASHPIPE_COLLECTOR_MAX_PARTS", OPTION_NUMBER,
		offsetof(Config, max_parts), "1000", 1, 100000, "N",
	"most multipart parts in one report (Crashpad sends each annotation as\n"
	"      a part); more gets 413"},
	{"max-connections", "CRASHPIPE_COLLECTOR_MAX_CONNECTIONS", OPTION_NUMBER,
		offsetof(Config, max_connections), "128", 1, 10000, "N",
	"most client connections at once (each has its own thread)"},
	{"timeout", "CRASHPIPE_COLLECTOR_TIMEOUT", OPTION_NUMBER,
		offsetof(Config, timeout), "60", 1, 3600, "SECONDS",
	"close a client connection that sends nothing for this long"},
	{"spool-dir", "CRASHPIPE_COLLECTOR_SPOOL_DIR", OPTION_TEXT,
		offsetof(Config, spool_dir), "", 0, 0, "DIR",
	"when the database is down, write accepted reports here (fsynced) and answer\n"
	"      CrashID at once; they are stored when it is back. Empty: answer 503"},
};

#define NSPECS (sizeof(specs) / sizeof(specs[0]))

/* getopt_long codes for the flags that are not settings. */
enum
{
	FLAG_HELP = 'h',
	FLAG_VERSION = 'V',
	FLAG_SETTING = 256			/* + index in specs */
};

/* Print --help, built from the table. */
static void
print_help(void)
{
	printf("crashpipe-collector receives crash reports (Breakpad, Crashpad and Firefox\n"
		   "multipart submissions) on POST /submit and stores each one with a single\n"
		   "call to crashpipe.submit() in PostgreSQL, answering CrashID=bp-<id> only\n"
		   "after it is committed.\n\n"
		   "Usage: crashpipe-collector [OPTION]...\n\nOptions:\n");
	for (size_t i = 0; i < NSPECS; i++)
		printf("  --%s=%s\n      %s\n      (environment: %s; default: %s)\n",
			   specs[i].name, specs[i].metavar, specs[i].help, specs[i].env,
			   specs[i].fallback);
	printf("  --help\n      show this help and exit\n"
		   "  --version\n      show the version and exit\n\n"
		   "Endpoints: POST /submit, GET /__lbheartbeat__, GET /__heartbeat__\n"
		   "(checks the database), GET /__version__, GET /metrics (Prometheus).\n");
}

/* Read a whole number with an optional K, M or G suffix (sizes only). */
static bool
parse_number(const char *text, OptionKind kind, uint64_t *out)
{
	char	   *end;
	uint64_t	scale = 1;

	if (!isdigit((unsigned char) text[0]))
		return false;
	errno = 0;
	*out = strtoull(text, &end, 10);
	if (errno != 0)
		return false;
	if (kind == OPTION_SIZE && end[0] != '\0' && end[1] == '\0')
	{
		const char *suffix = strchr("KMG", toupper((unsigned char) end[0]));

		if (suffix == NULL)
			return false;
		scale = UINT64_C(1) << (10 * (suffix - "KMG" + 1));
		end++;
	}
	if (*end != '\0' || *out > UINT64_MAX / scale)
		return false;
	*out *= scale;
	return true;
}

/* Store one setting's text value in config; false after printing why not. */
static bool
store(const OptionSpec *spec, const char *value, const char *source, Config *config)
{
	char	   *field = (char *) config + spec->offset;
	uint64_t	number;

	if (spec->kind == OPTION_TEXT)
	{
		*(const char **) field = value;
		return true;
	}
	if (!parse_number(value, spec->kind, &number) ||
		number < spec->min || number > spec->max)
	{
		fprintf(stderr, "crashpipe-collector: invalid value \"%s\" for --%s "
				"(from %s): expected %s from %llu to %llu\n", value, spec->name, source,
				spec->kind == OPTION_SIZE ? "a size in bytes (K, M, G allowed)" :
				"a whole number", (unsigned long long) spec->min,
				(unsigned long long) spec->max);
		return false;
	}
	*(uint64_t *) field = number;
	return true;
}

/* Fill the getopt_long table from the settings table. */
static void
build_longopts(struct option *longopts)
{
	static const struct option others[] = {
		{"help", no_argument, NULL, FLAG_HELP},
		{"version", no_argument, NULL, FLAG_VERSION},
		{NULL, 0, NULL, 0}
	};

	for (size_t i = 0; i < NSPECS; i++)
	{
		longopts[i].name = specs[i].name;
		longopts[i].has_arg = required_argument;
		longopts[i].flag = NULL;
		longopts[i].val = (int) (FLAG_SETTING + i);
	}
	memcpy(longopts + NSPECS, others, sizeof(others));
}

/* Pick each setting's text: the flag, else the environment, else the default. */
static OptionsOutcome
collect_values(int argc, char **argv, const char **values, const char **sources)
{
	struct option longopts[NSPECS + 3];
	int			code;

	for (size_t i = 0; i < NSPECS; i++)
	{
		const char *env = getenv(specs[i].env);

		values[i] = env && env[0] ? env : specs[i].fallback;
		sources[i] = env && env[0] ? specs[i].env : "the default";
	}
	build_longopts(longopts);
	while ((code = getopt_long(argc, argv, "hV", longopts, NULL)) != -1)
	{
		if (code == FLAG_HELP || code == FLAG_VERSION)
		{
			if (code == FLAG_HELP)
				print_help();
			else
				printf("crashpipe-collector %s\n", COLLECTOR_VERSION);
			return OPTIONS_DONE;
		}
		if (code < FLAG_SETTING)
			return OPTIONS_FAILED;
		values[code - FLAG_SETTING] = optarg;
		sources[code - FLAG_SETTING] = "the command line";
	}
	if (optind < argc)
	{
		fprintf(stderr, "crashpipe-collector: unexpected argument \"%s\"\n", argv[optind]);
		return OPTIONS_FAILED;
	}
	return OPTIONS_RUN;
}

/* Read the settings into config; errors go to stderr. */
OptionsOutcome
options_parse(int argc, char **argv, Config *config)
{
	const char *values[NSPECS];
	const char *sources[NSPECS];
	OptionsOutcome outcome = collect_values(argc, argv, values, sources);

	for (size_t i = 0; outcome == OPTIONS_RUN && i < NSPECS; i++)
		if (!store(&specs[i], values[i], sources[i], config))
			outcome = OPTIONS_FAILED;
	if (outcome == OPTIONS_FAILED)
		fprintf(stderr, "Try \"crashpipe-collector --help\" for more information.\n");
	return outcome;
}
