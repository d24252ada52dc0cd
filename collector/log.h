/*-------------------------------------------------------------------------
 * collector/log.h
 *	  One-line log messages on stderr, with a UTC timestamp.
 *-------------------------------------------------------------------------
 */
#ifndef COLLECTOR_LOG_H
#define COLLECTOR_LOG_H

extern void log_msg(const char *fmt,...) __attribute__((format(printf, 1, 2)));

#endif							/* COLLECTOR_LOG_H */
