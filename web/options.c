/*-------------------------------------------------------------------------
 * web/options.c
 *	  Parsing crashpipe-web's command line.  Each option falls back on an
 *	  environment variable, then on a default, so the same binary runs from
 *	  a shell, a service file or the test scripts.  Everything is checked
 *	  here, the listen address resolved and the static directory found, so
 *	  a bad setting stops the program at once with a message naming it.
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"

#define DEFAULT_LISTEN "127.0.0.1:8000"
#define DEFAULT_DSN "dbname=crashpipe"
#define DEFAULT_POOL_SIZE 4
#define MAX_POOL_SIZE 64
#define DEFAULT_MAX_BODY_SIZE "2147483648"

/* The options as text, before they are checked. */
typedef struct RawOptions
{
	const char *pool_size;		/* NULL: the default */
	const char *static_dir;		/* NULL: static/ beside the executable */
	const char *max_body_size;
} RawOptions;

/* Print the usage text. */
static void
usage(FILE *out)
{
	fprintf(out,
			"crashpipe-web serves crashpipe's web pages and Crash Stats API.\n"
			"\n"
			"Usage: crashpipe-web [OPTION]...\n"
			"\n"
			"  --listen HOST:PORT  address to listen on ($CRASHPIPE_WEB_LISTEN,\n"
			"                      default %s; [ADDR]:PORT for IPv6)\n"
			"  --dsn DSN           libpq connection string ($CRASHPIPE_DSN,\n"
			"                      default \"%s\")\n"
			"  --pool-size N       database connections, 1 to %d\n"
			"                      ($CRASHPIPE_WEB_POOL_SIZE, default %d)\n"
			"  --max-body-size N   largest POST body in bytes, e.g. a symbol upload\n"
			"                      ($CRASHPIPE_WEB_MAX_BODY_SIZE, default %s);\n"
			"                      bodies are spooled to $TMPDIR, not memory\n"
			"  --static-dir DIR    files served under /static/\n"
			"                      ($CRASHPIPE_WEB_STATIC_DIR, default: static/\n"
			"                      beside the executable)\n"
			"  --help              show this help and exit\n"
			"  --version           show the version and exit\n",
			DEFAULT_LISTEN, DEFAULT_DSN, MAX_POOL_SIZE, DEFAULT_POOL_SIZE,
			DEFAULT_MAX_BODY_SIZE);
}

/* The environment variable's value, or fallback when it is unset or empty. */
static const char *
env_or(const char *name, const char *fallback)
{
	const char *value = getenv(name);

	return (value != NULL && value[0] != '\0') ? value : fallback;
}

/* Parse a pool size from 1 to MAX_POOL_SIZE; NULL means the default. */
static bool
parse_pool_size(const char *text, int *size)
{
	char	   *end;
	long		value;

	if (text == NULL)
	{
		*size = DEFAULT_POOL_SIZE;
		return true;
	}
	errno = 0;
	value = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || value < 1 || value > MAX_POOL_SIZE)
	{
		fprintf(stderr, "crashpipe-web: invalid pool size \"%s\": must be 1 to %d\n",
				text, MAX_POOL_SIZE);
		return false;
	}
	*size = (int) value;
	return true;
}

/* Parse a body size limit in bytes, at least 1. */
static bool
parse_max_body_size(const char *text, uint64_t *size)
{
	char	   *end;
	unsigned long long value;

	errno = 0;
	value = strtoull(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || value < 1 || text[0] == '-')
	{
		fprintf(stderr, "crashpipe-web: invalid body size \"%s\": must be a number of bytes\n",
				text);
		return false;
	}
	*size = value;
	return true;
}

/* Resolve HOST:PORT, [ADDR]:PORT for IPv6; an empty host means every address. */
static bool
resolve_listen(const char *spec, struct sockaddr_storage *address)
{
	const char *colon = strrchr(spec, ':');
	struct addrinfo hints = {0};
	struct addrinfo *found;
	char		host[256];
	int			rc;

	if (colon == NULL || colon[1] == '\0' || (size_t) (colon - spec) >= sizeof(host))
	{
		fprintf(stderr, "crashpipe-web: invalid listen address \"%s\": expected HOST:PORT\n", spec);
		return false;
	}
	if (spec[0] == '[' && colon > spec && colon[-1] == ']')
		snprintf(host, sizeof(host), "%.*s", (int) (colon - spec - 2), spec + 1);
	else
		snprintf(host, sizeof(host), "%.*s", (int) (colon - spec), spec);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	rc = getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &found);
	if (rc != 0)
	{
		fprintf(stderr, "crashpipe-web: invalid listen address \"%s\": %s\n", spec, gai_strerror(rc));
		return false;
	}
	memcpy(address, found->ai_addr, found->ai_addrlen);
	freeaddrinfo(found);
	return true;
}

/* Is path a directory? */
static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The default static directory: static/ beside the executable (the source
 * tree, where make up runs it), else ../share/crashpipe/static from it
 * (where make install puts both).
 */
static void
default_static_dir(char *dir, size_t size)
{
	char		exe[PATH_MAX];
	ssize_t		len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char	   *slash;

	exe[len > 0 ? len : 0] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
	{
		/* No /proc: look in the working directory instead. */
		snprintf(dir, size, "static");
		return;
	}
	snprintf(dir, size, "%.*s/static", (int) (slash - exe), exe);
	if (!is_dir(dir))
		snprintf(dir, size, "%.*s/../share/crashpipe/static", (int) (slash - exe), exe);
}

/*
 * Resolve the static directory into opts.  One that was asked for must
 * exist; a missing default only warns, because the pages and the API work
 * without their stylesheet.
 */
static bool
resolve_static_dir(const char *given, WebOptions *opts)
{
	char		dir[PATH_MAX];
	const char *problem;
	struct stat st;

	if (given != NULL)
		snprintf(dir, sizeof(dir), "%s", given);
	else
		default_static_dir(dir, sizeof(dir));
	if (realpath(dir, opts->static_dir) == NULL)
		problem = strerror(errno);
	else if (stat(opts->static_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		problem = "not a directory";
	else
		return true;
	opts->static_dir[0] = '\0';
	fprintf(stderr, "crashpipe-web: %sstatic directory \"%s\": %s%s\n",
			given ? "" : "warning: ", dir, problem,
			given ? "" : "; /static/ will answer 404 (use --static-dir)");
	return given == NULL;
}

/* Read argv over the environment; OPTIONS_RUN when serving should go on. */
static OptionsResult
read_arguments(int argc, char **argv, WebOptions *opts, RawOptions *raw)
{
	static const struct option long_options[] = {
		{"listen", required_argument, NULL, 'l'},
		{"dsn", required_argument, NULL, 'd'},
		{"pool-size", required_argument, NULL, 'p'},
		{"static-dir", required_argument, NULL, 's'},
		{"max-body-size", required_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	int			c;

	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'l':
				opts->listen = optarg;
				break;
			case 'd':
				opts->dsn = optarg;
				break;
			case 'p':
				raw->pool_size = optarg;
				break;
			case 's':
				raw->static_dir = optarg;
				break;
			case 'b':
				raw->max_body_size = optarg;
				break;
			case 'h':
				usage(stdout);
				return OPTIONS_DONE;
			case 'V':
				printf("crashpipe-web %s\n", CRASHPIPE_VERSION);
				return OPTIONS_DONE;
			default:
				fprintf(stderr, "Try \"crashpipe-web --help\" for more information.\n");
				return OPTIONS_INVALID;
		}
	}
	if (optind < argc)
	{
		fprintf(stderr, "crashpipe-web: unexpected argument \"%s\"\n", argv[optind]);
		return OPTIONS_INVALID;
	}
	return OPTIONS_RUN;
}

/* Fill opts from argv, the environment and the defaults, and check them. */
OptionsResult
options_parse(int argc, char **argv, WebOptions *opts)
{
	RawOptions	raw;
	OptionsResult result;

	memset(opts, 0, sizeof(*opts));
	opts->listen = env_or("CRASHPIPE_WEB_LISTEN", DEFAULT_LISTEN);
	opts->dsn = env_or("CRASHPIPE_DSN", DEFAULT_DSN);
	raw.pool_size = env_or("CRASHPIPE_WEB_POOL_SIZE", NULL);
	raw.static_dir = env_or("CRASHPIPE_WEB_STATIC_DIR", NULL);
	raw.max_body_size = env_or("CRASHPIPE_WEB_MAX_BODY_SIZE", DEFAULT_MAX_BODY_SIZE);
	result = read_arguments(argc, argv, opts, &raw);
	if (result != OPTIONS_RUN)
		return result;
	if (!parse_pool_size(raw.pool_size, &opts->pool_size) ||
		!parse_max_body_size(raw.max_body_size, &opts->max_body_size) ||
		!resolve_listen(opts->listen, &opts->address) ||
		!resolve_static_dir(raw.static_dir, opts))
		return OPTIONS_INVALID;
	return OPTIONS_RUN;
}
