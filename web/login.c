/*-------------------------------------------------------------------------
 * web/login.c
 *	  The routes of browser sessions (see session.c): POST /login/ with an
 *	  API token sets the session and CSRF cookies, POST /logout/ clears
 *	  them, and GET /api/Session/ tells the pages who is logged in and
 *	  with which permissions, so they show only what the caller may use.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "api.h"
#include "params.h"
#include "session.h"

#define SESSION_MAX_AGE "2592000"	/* 30 days; the token's own expiry still holds */
#define COOKIE_ATTRIBUTES "; Path=/; SameSite=Strict; Max-Age="
#define PERMISSION_COUNT 5

/* Can the token be a cookie value as it is (letters, digits, - and _)? */
static bool
cookie_safe(const char *token)
{
	return token[0] != '\0' &&
		strspn(token, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
		== strlen(token);
}

/* 32 random bytes as 64 hex digits into hex[65]; false if none to be had. */
static bool
random_hex(char hex[65])
{
	unsigned char bytes[32];

	if (getrandom(bytes, sizeof(bytes), 0) != (ssize_t) sizeof(bytes))
		return false;
	for (size_t i = 0; i < sizeof(bytes); i++)
		snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
	return true;
}

/* Log in with the token: set both cookies and go to the front page. */
static enum MHD_Result
start_session(Request *req, const char *token)
{
	char		csrf[65];
	char		cookies[2][256];
	const char *const list[] = {cookies[0], cookies[1], NULL};

	if (!random_hex(csrf))
		return respond_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal error");
	snprintf(cookies[0], sizeof(cookies[0]), SESSION_COOKIE "=%s; HttpOnly"
			 COOKIE_ATTRIBUTES SESSION_MAX_AGE, token);
	snprintf(cookies[1], sizeof(cookies[1]), CSRF_COOKIE "=%s" COOKIE_ATTRIBUTES SESSION_MAX_AGE,
			 csrf);
	return respond_see_other(req, "/", list);
}

/* POST /login/ with the form field token. */
enum MHD_Result
session_login(Request *req)
{
	FormValues	token;
	Auth		auth;
	enum MHD_Result ret;

	form_values(req, "token", 1, &token);
	if (token.failed || token.too_many || token.count != 1 || token.values[0][0] == '\0')
		ret = respond_error(req, MHD_HTTP_BAD_REQUEST, "send one form field token");
	else if (strlen(token.values[0]) > 256 || !cookie_safe(token.values[0]))
		ret = respond_error(req, MHD_HTTP_BAD_REQUEST,
							"invalid API token: it has characters no token has");
	else
	{
		switch (auth_resolve(req->site->pool, token.values[0], &auth))
		{
			case AUTH_OK:
				ret = start_session(req, token.values[0]);
				break;
			case AUTH_INVALID:
				ret = respond_error(req, MHD_HTTP_FORBIDDEN, "invalid or expired API token");
				break;
			default:
				ret = respond_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "database unavailable");
		}
	}
	form_values_free(&token);
	return ret;
}

/* POST /logout/: expire both cookies. */
enum MHD_Result
session_logout(Request *req)
{
	static const char *const cookies[] = {
		SESSION_COOKIE "=; HttpOnly" COOKIE_ATTRIBUTES "0",
		CSRF_COOKIE "=" COOKIE_ATTRIBUTES "0",
		NULL
	};

	return respond_see_other(req, "/", cookies);
}

/* GET /api/Session/: {"owner": ..., "permissions": [...]}; owner null when anonymous. */
enum MHD_Result
api_session(Request *req)
{
	static const Permission all[PERMISSION_COUNT] = {
		PERM_VIEW_PII, PERM_VIEW_RAWDUMP, PERM_REPROCESS_CRASHES, PERM_UPLOAD_SYMBOLS, PERM_ADMIN
	};
	static const char *const no_params[] = {NULL};
	Buf			body;
	enum MHD_Result ret;
	bool		first = true;

	if (!params_known(req, no_params))
		return MHD_YES;
	buf_init(&body);
	buf_append(&body, "{\"owner\": ");
	if (req->auth.owner[0] == '\0')
		buf_append(&body, "null");
	else
		buf_append_json(&body, req->auth.owner);
	buf_append(&body, ", \"permissions\": [");
	for (int i = 0; i < PERMISSION_COUNT; i++)
	{
		if (!auth_has(&req->auth, all[i]))
			continue;
		buf_append(&body, first ? "" : ", ");
		buf_append_json(&body, permission_name(all[i]));
		first = false;
	}
	buf_append(&body, "]}");
	ret = respond(req, MHD_HTTP_OK, CONTENT_TYPE_JSON, body.data, body.len);
	buf_free(&body);
	return ret;
}
