/*-------------------------------------------------------------------------
 * web/auth.h
 *	  Who is asking: the API token of the Auth-Token header, as Crash Stats
 *	  takes it, resolved through the database to its owner and permissions.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_AUTH_H
#define CRASHPIPE_WEB_AUTH_H

#include <stdbool.h>

#include "pgpool.h"

/* The permissions of crashpipe.api_tokens, as bits. */
typedef enum Permission
{
	PERM_VIEW_PII = 1 << 0,
	PERM_VIEW_RAWDUMP = 1 << 1,
	PERM_REPROCESS_CRASHES = 1 << 2,
	PERM_UPLOAD_SYMBOLS = 1 << 3,
	PERM_ADMIN = 1 << 4
} Permission;

/* The caller: anonymous (owner empty, no permissions) or a token's owner. */
typedef struct Auth
{
	char		owner[128];
	unsigned	permissions;
} Auth;

typedef enum AuthResult
{
	AUTH_OK,					/* *auth filled (anonymous without a token) */
	AUTH_INVALID,				/* unknown, expired or malformed token */
	AUTH_UNAVAILABLE			/* the database could not be asked */
} AuthResult;

extern AuthResult auth_resolve(PgPool *pool, const char *token, Auth *auth);
extern bool auth_has(const Auth *auth, Permission permission);
extern const char *permission_name(Permission permission);

#endif							/* CRASHPIPE_WEB_AUTH_H */
