/*-------------------------------------------------------------------------
 * web/session.c
 *	  Who a request comes from, and whether a form post may be trusted.
 *
 *	  API clients send Crash Stats' Auth-Token header.  A person logs in
 *	  once on /login/ with a token; it is then kept in the HttpOnly,
 *	  SameSite=Strict cookie crashpipe_token, which scripts cannot read.
 *	  A cookie travels with requests other sites make the browser send,
 *	  so a POST carrying it must also prove it comes from our own pages
 *	  (double-submit): the login sets a random value in a second cookie,
 *	  crashpipe_csrf, that our scripts can read and send back as the form
 *	  field csrf_token or the X-CSRF-Token header; another site can read
 *	  neither cookie.  Any POST whose Origin header names another site is
 *	  refused as well, so a forged login form cannot log a victim in.
 *	  A header token needs none of this: browsers never add it by
 *	  themselves.
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <string.h>

#include "form.h"
#include "session.h"

/* Resolve the header token, else the session cookie, into req->auth. */
AuthResult
session_resolve(Request *req)
{
	const char *token = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND,
													"Auth-Token");
	AuthResult	result;

	if (token != NULL)
		return auth_resolve(req->site->pool, token, &req->auth);
	token = MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, SESSION_COOKIE);
	if (token == NULL)
		return auth_resolve(req->site->pool, NULL, &req->auth);
	result = auth_resolve(req->site->pool, token, &req->auth);
	/* A revoked or expired session is just a logged-out browser. */
	if (result == AUTH_INVALID)
		return auth_resolve(req->site->pool, NULL, &req->auth);
	req->via_cookie = (result == AUTH_OK);
	return result;
}

/* Does the Origin header, when sent, name this server (the Host header)? */
static bool
same_origin(Request *req)
{
	const char *origin = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Origin");
	const char *host = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, "Host");
	const char *rest;

	if (origin == NULL)
		return true;
	if (host == NULL)
		return false;
	if (strncmp(origin, "http://", 7) == 0)
		rest = origin + 7;
	else if (strncmp(origin, "https://", 8) == 0)
		rest = origin + 8;
	else
		return false;
	return strcmp(rest, host) == 0;
}

/* Compare two strings in time that depends only on their lengths. */
static bool
equal_secret(const char *a, const char *b)
{
	size_t		len = strlen(a);
	unsigned char diff = 0;

	if (len != strlen(b))
		return false;
	for (size_t i = 0; i < len; i++)
		diff |= (unsigned char) (a[i] ^ b[i]);
	return diff == 0;
}

/* Does the CSRF value sent back (header, else form field) equal expected? */
static bool
csrf_matches(Request *req, const char *expected)
{
	const char *sent = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, CSRF_HEADER);
	FormValues	field;
	bool		ok;

	if (sent != NULL)
		return equal_secret(sent, expected);
	form_values(req, CSRF_FIELD, 1, &field);
	ok = !field.failed && !field.too_many && field.count == 1 &&
		equal_secret(field.values[0], expected);
	form_values_free(&field);
	return ok;
}

/*
 * May this POST go on?  Refuses (403, false) one from another origin, and
 * one authenticated by the session cookie without the matching CSRF value.
 * Call after session_resolve.
 */
bool
session_post_allowed(Request *req)
{
	const char *expected;

	if (!same_origin(req))
	{
		respond_error(req, MHD_HTTP_FORBIDDEN, "cross-site form post refused");
		return false;
	}
	if (!req->via_cookie)
		return true;
	expected = MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, CSRF_COOKIE);
	if (expected == NULL || strlen(expected) < 32 || !csrf_matches(req, expected))
	{
		respond_error(req, MHD_HTTP_FORBIDDEN,
					  "missing or wrong CSRF token: reload the page and try again");
		return false;
	}
	return true;
}
