/*-------------------------------------------------------------------------
 * collector/spool.c
 *	  The spool directory: durable writes of reports accepted while the
 *	  database is down, and the replay thread that stores them later.
 *
 *	  Durability: a report is written to a temporary name, fsynced, renamed
 *	  to <crash id>.crash and the directory fsynced, all before the client
 *	  hears the crash id; a crash of the collector or the machine after that
 *	  leaves either the whole file or nothing the client was told about.
 *
 *	  Exactly once: the replay passes the crash id as crashpipe.submit's
 *	  proposed id, and the file is removed only after that call returned;
 *	  should the collector die between the two, the next replay finds the
 *	  crash already stored and submit answers without storing it again.
 *	  A file that cannot be read or is refused by the database moves to
 *	  failed/ so that one bad file cannot stop the others.
 *-------------------------------------------------------------------------
 */
#include "spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crashid.h"
#include "log.h"
#include "metrics.h"
#include "submit.h"

#define SPOOL_SUFFIX ".crash"
#define SPOOL_REPLAY_SECONDS 2

struct Spool
{
	char	   *dir;
	PgPool	   *pool;
	pthread_t	thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool		stopping;
};

/* fsync a directory so that a rename in it is durable. */
static bool
sync_dir(const char *dir)
{
	int			fd = open(dir, O_RDONLY | O_DIRECTORY);
	bool		ok = fd >= 0 && fsync(fd) == 0;

	if (fd >= 0)
		close(fd);
	return ok;
}

/* Write all of buf to a new file at path and fsync it. */
static bool
write_file(const char *path, const Buffer *buf)
{
	int			fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	size_t		done = 0;
	bool		ok = fd >= 0;

	while (ok && done < buf->len)
	{
		ssize_t		n = write(fd, buf->data + done, buf->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0;
		done += ok ? (size_t) n : 0;
	}
	ok = ok && fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	return ok;
}

/* Durably spool a report under its crash id; false with a message. */
bool
spool_write(Spool *spool, const char *crash_id, const Report *report,
			const char *metadata, char *error, size_t errcap)
{
	char		tmp[4096],
				path[4096];
	Buffer		bytes;
	bool		ok;

	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", spool->dir, crash_id);
	snprintf(path, sizeof(path), "%s/%s%s", spool->dir, crash_id, SPOOL_SUFFIX);
	buffer_init(&bytes);
	ok = spool_encode(report, metadata, &bytes) && write_file(tmp, &bytes) &&
		rename(tmp, path) == 0 && sync_dir(spool->dir);
	if (!ok)
	{
		snprintf(error, errcap, "could not spool crash %s in \"%s\": %s",
				 crash_id, spool->dir, strerror(errno));
		unlink(tmp);
	}
	buffer_free(&bytes);
	return ok;
}

/* Move a file that cannot be stored out of the way, into failed/. */
static void
set_aside(const Spool *spool, const char *name, const char *why)
{
	char		from[4096],
				to[4096];

	snprintf(from, sizeof(from), "%s/%s", spool->dir, name);
	snprintf(to, sizeof(to), "%s/failed/%s", spool->dir, name);
	if (rename(from, to) != 0)
		log_msg("could not move spool file \"%s\" to failed/: %s", from, strerror(errno));
	log_msg("spooled report %s set aside in failed/: %s", name, why);
}

/*
 * Store one spooled report.  False when the database is still down, so the
 * caller stops this round and tries again later.
 */
static bool
replay_one(Spool *spool, const char *name)
{
	char		path[4096],
				id[CRASHID_LEN + 1],
				error[512];
	Report		report;
	char	   *metadata = NULL;
	SubmitResult result;

	snprintf(path, sizeof(path), "%s/%s", spool->dir, name);
	snprintf(id, sizeof(id), "%.*s", CRASHID_LEN, name);
	report_init(&report, 0);
	if (!spool_read(path, &report, &metadata, error, sizeof(error)))
	{
		set_aside(spool, name, error);
		report_free(&report);
		return true;
	}
	submit_report(spool->pool, &report, metadata, id, true, &result);
	report_free(&report);
	free(metadata);
	if (result.verdict == VERDICT_DATABASE_UNAVAILABLE)
		return false;
	if (result.verdict != VERDICT_OK)
		set_aside(spool, name, result.error);
	else if (unlink(path) == 0 && sync_dir(spool->dir))
		log_msg("crash bp-%s: stored from the spool", id);
	return true;
}

/* Is this directory entry a spooled report? */
static bool
is_report(const char *name)
{
	size_t		len = strlen(name);

	return len == CRASHID_LEN + strlen(SPOOL_SUFFIX) && name[0] != '.' &&
		strcmp(name + CRASHID_LEN, SPOOL_SUFFIX) == 0;
}

/* One pass over the directory; updates the spool-depth gauge. */
static void
replay_round(Spool *spool)
{
	DIR		   *dir = opendir(spool->dir);
	struct dirent *entry;
	bool		db_up = true;
	long		left = 0;

	if (dir == NULL)
	{
		log_msg("could not open spool directory \"%s\": %s", spool->dir, strerror(errno));
		return;
	}
	while ((entry = readdir(dir)) != NULL)
	{
		if (!is_report(entry->d_name))
			continue;
		if (db_up)
			db_up = replay_one(spool, entry->d_name);
		if (!db_up)
			left++;
	}
	closedir(dir);
	metrics_set_spool_depth(left);
}

/* Thread body: a replay round every few seconds until told to stop. */
static void *
replay_thread(void *arg)
{
	Spool	   *spool = arg;
	struct timespec until;

	pthread_mutex_lock(&spool->lock);
	while (!spool->stopping)
	{
		pthread_mutex_unlock(&spool->lock);
		replay_round(spool);
		pthread_mutex_lock(&spool->lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += SPOOL_REPLAY_SECONDS;
		if (!spool->stopping)
			pthread_cond_timedwait(&spool->wake, &spool->lock, &until);
	}
	pthread_mutex_unlock(&spool->lock);
	return NULL;
}

/* Make the directories and start the replay thread; NULL after logging why not. */
Spool *
spool_start(const char *dir, PgPool *pool)
{
	Spool	   *spool = calloc(1, sizeof(*spool));
	char		failed[4096];

	snprintf(failed, sizeof(failed), "%s/failed", dir);
	if (spool == NULL || (spool->dir = strdup(dir)) == NULL ||
		(mkdir(dir, 0700) != 0 && errno != EEXIST) ||
		(mkdir(failed, 0700) != 0 && errno != EEXIST))
	{
		log_msg("could not set up spool directory \"%s\": %s", dir, strerror(errno));
		free(spool ? spool->dir : NULL);
		free(spool);
		return NULL;
	}
	spool->pool = pool;
	pthread_mutex_init(&spool->lock, NULL);
	pthread_cond_init(&spool->wake, NULL);
	if (pthread_create(&spool->thread, NULL, replay_thread, spool) != 0)
	{
		log_msg("could not start the spool replay thread");
		free(spool->dir);
		free(spool);
		return NULL;
	}
	return spool;
}

/* Stop the replay thread (after its current round) and free the spool. */
void
spool_stop(Spool *spool)
{
	if (spool == NULL)
		return;
	pthread_mutex_lock(&spool->lock);
	spool->stopping = true;
	pthread_cond_signal(&spool->wake);
	pthread_mutex_unlock(&spool->lock);
	pthread_join(spool->thread, NULL);
	pthread_mutex_destroy(&spool->lock);
	pthread_cond_destroy(&spool->wake);
	free(spool->dir);
	free(spool);
}
