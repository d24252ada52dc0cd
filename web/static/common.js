/*
 * web/static/common.js
 *	What every page script shares: building DOM nodes (text always as
 *	text nodes, never as markup, so crash data cannot inject HTML), calling
 *	the JSON API with the session cookie, the navigation bar with the
 *	login state, and small formatters.
 */

/* An element with attributes and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs)) {
		if (value === null || value === undefined || value === false)
			continue;
		node.setAttribute(name, value === true ? "" : String(value));
	}
	for (const child of children.flat()) {
		if (child === null || child === undefined)
			continue;
		node.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
	return node;
}

/* A query string from an object of values or arrays of values. */
export function query(params) {
	const q = new URLSearchParams();
	for (const [name, value] of Object.entries(params)) {
		for (const one of Array.isArray(value) ? value : [value]) {
			if (one !== undefined && one !== null && one !== "")
				q.append(name, one);
		}
	}
	return q.toString();
}

/* GET an API route; the JSON answer, or an Error with the server's message. */
export async function api(path, params = {}) {
	const q = params instanceof URLSearchParams ? params.toString() : query(params);
	const response = await fetch(path + (q ? "?" + q : ""), {credentials: "same-origin"});
	let body;
	try {
		body = await response.json();
	} catch {
		throw new Error(`${path} answered ${response.status} without JSON`);
	}
	if (!response.ok)
		throw new Error(body && body.error ? body.error : `${path} answered ${response.status}`);
	return body;
}

/* The value of a cookie scripts may read, or "". */
function cookie(name) {
	for (const part of document.cookie.split(";")) {
		const [key, ...rest] = part.trim().split("=");
		if (key === name)
			return rest.join("=");
	}
	return "";
}

/* POST a form to a route with the CSRF token of the session; the JSON answer. */
export async function post(path, fields) {
	const body = new URLSearchParams(fields);
	body.append("csrf_token", cookie("crashpipe_csrf"));
	const response = await fetch(path, {method: "POST", body, credentials: "same-origin"});
	const answer = await response.json().catch(() => null);
	if (!response.ok)
		throw new Error(answer && answer.error ? answer.error : `${path} answered ${response.status}`);
	return answer;
}

let sessionPromise = null;

/* Who is logged in: {owner, permissions}; owner is null when nobody is. */
export function session() {
	if (sessionPromise === null)
		sessionPromise = api("/api/Session/");
	return sessionPromise;
}

/* Does the session hold the permission? */
export async function may(permission) {
	return (await session()).permissions.includes(permission);
}

/* The navigation bar, with a login link or the owner and a logout button. */
export async function navigation() {
	const header = document.querySelector("header");
	const links = [["/", "Products"], ["/search/", "Super Search"],
		["/topcrashers/", "Top Crashers"], ["/jobs/", "Jobs"]];
	const nav = el("nav", {}, links.map(([href, text]) => el("a", {href}, text)));
	header.replaceChildren(el("a", {class: "home", href: "/"}, "crashpipe"), nav);
	const who = await session().catch(() => ({owner: null, permissions: []}));
	if (who.owner === null) {
		nav.append(el("a", {href: "/login/", class: "login"}, "Log in"));
		return;
	}
	const logout = el("form", {method: "post", action: "/session/logout", class: "logout"},
		el("input", {type: "hidden", name: "csrf_token", value: cookie("crashpipe_csrf")}),
		el("button", {type: "submit"}, "Log out"));
	nav.append(el("span", {class: "owner"}, who.owner), logout);
}

/* Show an error in place of a section's content. */
export function showError(container, error) {
	container.replaceChildren(el("p", {class: "error", role: "alert"}, error.message || String(error)));
}

/* A table from column labels and rows of cells (strings or nodes). */
export function table(labels, rows, className = "data") {
	return el("table", {class: className},
		el("thead", {}, el("tr", {}, labels.map(label => el("th", {}, label)))),
		el("tbody", {}, rows.map(row => el("tr", {},
			row.map((cell, i) => el("td", {"data-label": labels[i]}, cell))))));
}

/* A timestamp as "YYYY-MM-DD HH:MM:SS" UTC, or "" for none. */
export function when(value) {
	if (!value)
		return "";
	const date = new Date(value);
	return isNaN(date) ? String(value) : date.toISOString().slice(0, 19).replace("T", " ");
}

/* The link to a signature's report. */
export function signatureLink(signature, params = {}) {
	return el("a", {href: "/signature/?" + query({signature, ...params})}, signature);
}

/* The link to a crash's report. */
export function reportLink(crashId) {
	return el("a", {href: "/report/index/" + encodeURIComponent(crashId), class: "id"}, crashId);
}

/* The page's URL parameters. */
export function pageParams() {
	return new URLSearchParams(location.search);
}
