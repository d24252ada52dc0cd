/*
 * web/static/topcrashers.js
 *	Top Crashers, /topcrashers/?product=&version=&days=: the signatures
 *	with most crashes, with rank, count, share, rank change against the
 *	period before, first seen and the split by platform.  Data:
 *	/api/TopCrashers/ (crashpipe.top_crashers) and /api/Products/.
 */
import {api, el, navigation, pageParams, showError, signatureLink, table, when} from "./common.js";

/* The rank change as an arrow and a number; "new" for a new signature. */
function rankChange(hit) {
	if (hit.previous_rank === null || hit.previous_rank === undefined)
		return el("span", {class: "new"}, "new");
	const change = hit.previous_rank - hit.rank;
	if (change === 0)
		return "=";
	return el("span", {class: change > 0 ? "up" : "down"}, (change > 0 ? "↑ " : "↓ ") + Math.abs(change));
}

/* The platform split as "Windows 10, Linux 2". */
function platforms(hit) {
	return Object.entries(hit.platforms || {}).filter(([, n]) => n > 0)
		.map(([name, n]) => `${name} ${n}`).join(", ");
}

/* Fill the product menu and the form from the URL. */
async function fillForm(params) {
	const products = await api("/api/Products/");
	const select = document.getElementById("product");
	const chosen = params.get("product") || "Firefox";
	select.replaceChildren(...products.hits.map(p =>
		el("option", {value: p.product, selected: p.product === chosen}, p.product)));
	document.getElementById("version").value = params.get("version") || "";
	document.getElementById("days").value = params.get("days") || "7";
	return select.value;
}

/* The table of top crashers. */
async function draw(product, version, days) {
	const answer = await api("/api/TopCrashers/", {product, version, days});
	const section = document.getElementById("results");
	if (answer.hits.length === 0) {
		section.replaceChildren(el("p", {class: "empty"}, `No ${product} crashes in the last ${days} days.`));
		return;
	}
	section.replaceChildren(el("p", {}, `${answer.total} crashes in the last ${days} days.`),
		table(["Rank", "Signature", "Count", "%", "Change", "First seen", "Platforms"],
			answer.hits.map(hit => [String(hit.rank), signatureLink(hit.signature, {product}),
				String(hit.count), Number(hit.percent).toFixed(2), rankChange(hit),
				when(hit.first_seen).slice(0, 10), platforms(hit)]), "data topcrashers"));
}

async function start() {
	navigation();
	const params = pageParams();
	const product = await fillForm(params);
	await draw(product, params.get("version") || "", params.get("days") || "7");
}

start().catch(e => showError(document.getElementById("results"), e));
