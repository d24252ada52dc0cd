/*-------------------------------------------------------------------------
 * web/session.h
 *	  Browser sessions: an API token kept in an HttpOnly cookie after the
 *	  login form, and the CSRF checks every form post made with such a
 *	  cookie must pass.
 *-------------------------------------------------------------------------
 */
#ifndef CRASHPIPE_WEB_SESSION_H
#define CRASHPIPE_WEB_SESSION_H

#include <stdbool.h>

#include "server.h"

#define SESSION_COOKIE "crashpipe_token"
#define CSRF_COOKIE "crashpipe_csrf"
#define CSRF_FIELD "csrf_token"
#define CSRF_HEADER "X-CSRF-Token"

extern AuthResult session_resolve(Request *req);
extern bool session_post_allowed(Request *req);

#endif							/* CRASHPIPE_WEB_SESSION_H */
