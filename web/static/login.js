/*
 * web/static/login.js
 *	The login page: only the navigation; the form posts by itself.
 */
import {navigation} from "./common.js";

navigation();
