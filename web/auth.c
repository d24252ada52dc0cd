/*-------------------------------------------------------------------------
 * web/auth.c
 *	  Resolving an API token to its owner and permissions with
 *	  crashpipe.token_permissions (extension/sql/41_tokens.sql), which
 *	  compares SHA-256 hashes, so the database never holds a usable token.
 *	  A request without a token is anonymous; a token that is not known,
 *	  has expired or is not plain text is refused rather than treated as
 *	  anonymous, so a mistyped token fails loudly.  admin implies every
 *	  other permission.
 *-------------------------------------------------------------------------
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"

#define TOKEN_PERMISSIONS_SQL \
	"SELECT owner, permissions FROM crashpipe.token_permissions($1)"
#define MAX_TOKEN_LENGTH 256

static const struct
{
	Permission	bit;
	const char *name;
}			permissions[] = {
	{PERM_VIEW_PII, "view_pii"},
	{PERM_VIEW_RAWDUMP, "view_rawdump"},
	{PERM_REPROCESS_CRASHES, "reprocess_crashes"},
	{PERM_UPLOAD_SYMBOLS, "upload_symbols"},
	{PERM_ADMIN, "admin"},
};

/* The name of a permission, as stored in crashpipe.api_tokens. */
const char *
permission_name(Permission permission)
{
	for (size_t i = 0; i < sizeof(permissions) / sizeof(permissions[0]); i++)
		if (permissions[i].bit == permission)
			return permissions[i].name;
	return "unknown";
}

/* Is the token printable ASCII of a sane length? */
static bool
token_well_formed(const char *token)
{
	size_t		len = strlen(token);

	if (len == 0 || len > MAX_TOKEN_LENGTH)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isgraph((unsigned char) token[i]))
			return false;
	return true;
}

/* The permission bits of a text[] value such as {view_pii,admin}. */
static unsigned
parse_permissions(const char *array)
{
	unsigned	bits = 0;

	for (size_t i = 0; i < sizeof(permissions) / sizeof(permissions[0]); i++)
	{
		const char *name = permissions[i].name;
		size_t		len = strlen(name);

		for (const char *at = strstr(array, name); at != NULL; at = strstr(at + 1, name))
			if (at > array && (at[-1] == '{' || at[-1] == ',') && (at[len] == '}' || at[len] == ','))
				bits |= permissions[i].bit;
	}
	return bits;
}

/* Resolve token (NULL: anonymous) into *auth. */
AuthResult
auth_resolve(PgPool *pool, const char *token, Auth *auth)
{
	PGresult   *res;
	AuthResult	result = AUTH_INVALID;

	memset(auth, 0, sizeof(*auth));
	if (token == NULL)
		return AUTH_OK;
	if (!token_well_formed(token))
		return AUTH_INVALID;
	res = pgpool_query(pool, TOKEN_PERMISSIONS_SQL, 1, &token);
	if (res == NULL)
		return AUTH_UNAVAILABLE;
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
	{
		pgpool_log_error("token_permissions", res);
		result = AUTH_UNAVAILABLE;
	}
	else if (PQntuples(res) == 1)
	{
		snprintf(auth->owner, sizeof(auth->owner), "%s", PQgetvalue(res, 0, 0));
		auth->permissions = parse_permissions(PQgetvalue(res, 0, 1));
		result = AUTH_OK;
	}
	PQclear(res);
	return result;
}

/* May the caller do what needs permission?  admin may do everything. */
bool
auth_has(const Auth *auth, Permission permission)
{
	return (auth->permissions & (permission | PERM_ADMIN)) != 0;
}
