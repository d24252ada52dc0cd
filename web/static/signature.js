/*
 * web/static/signature.js
 *	The signature report, /signature/?signature=<s>[&product=][&days=]:
 *	crashes per day as a chart, aggregations by version, platform and
 *	build, first seen and bugs, and the latest crashes.  Data: one
 *	/api/SuperSearch/ call (histogram and facets), /api/SignatureFirstDate/
 *	and /api/Bugs/.
 */
import {api, el, navigation, pageParams, reportLink, showError, table, when} from "./common.js";
import {lineChart} from "./chart.js";

const FACETS = ["version", "platform", "build_id"];
const COLUMNS = ["uuid", "date", "product", "version", "platform", "build_id", "reason"];

/* The last days as YYYY-MM-DD strings, oldest first. */
function lastDays(days) {
	const today = Date.UTC(...new Date().toISOString().slice(0, 10).split("-").map((n, i) => i === 1 ? n - 1 : +n));
	return Array.from({length: days}, (_, i) => new Date(today - (days - 1 - i) * 86400000).toISOString().slice(0, 10));
}

/* The search parameters of this signature over the days. */
function searchParams(signature, product, days) {
	const p = new URLSearchParams();
	p.append("signature", "=" + signature);
	if (product)
		p.append("product", "=" + product);
	p.append("date", ">=" + lastDays(days)[0]);
	FACETS.forEach(f => p.append("_facets", f));
	COLUMNS.forEach(c => p.append("_columns", c));
	p.append("_histogram.date", "product");
	p.append("_results_number", "50");
	p.append("_sort", "-date");
	return p;
}

/* Crashes per day from the date histogram. */
function graph(histogram, days) {
	const byDay = Object.fromEntries((histogram || []).map(b => [String(b.term).slice(0, 10), b.count]));
	const dayList = lastDays(days);
	return lineChart(dayList, [{name: "crashes", values: dayList.map(d => byDay[d] || 0)}], "Crashes per day");
}

/* First seen and the bugs of the signature. */
async function drawBugs(signature) {
	const [first, bugs] = await Promise.all([
		api("/api/SignatureFirstDate/", {signatures: signature}),
		api("/api/Bugs/", {signatures: signature})]);
	const seen = first.hits[0];
	document.getElementById("summary").replaceChildren(el("p", {id: "first-seen"},
		seen ? `First seen ${when(seen.first_date)}, first build ${seen.first_build || "unknown"}.` : "Never seen."));
	document.getElementById("bugs").replaceChildren(bugs.hits.length === 0
		? el("p", {class: "empty"}, "No bugs linked.")
		: el("ul", {class: "bugs"}, bugs.hits.map(b => el("li", {},
			b.url ? el("a", {href: b.url, rel: "noreferrer"}, `Bug ${b.id}`) : `Bug ${b.id}`))));
}

/* The chart, the aggregations and the crash list. */
async function drawSearch(signature, product, days) {
	const answer = await api("/api/SuperSearch/", searchParams(signature, product, days));
	document.getElementById("graph").replaceChildren(graph(answer.facets.histogram_date, days));
	document.getElementById("aggregations").replaceChildren(...FACETS.map(f => el("div", {class: "facet"},
		el("h3", {}, f), table([f, "Count", "%"], (answer.facets[f] || []).map(t =>
			[String(t.term), String(t.count), (100 * t.count / Math.max(1, answer.total)).toFixed(1)])))));
	document.getElementById("crashes").replaceChildren(el("p", {}, `${answer.total} crashes in the last ${days} days.`),
		table(COLUMNS, answer.hits.map(h => COLUMNS.map(c =>
			c === "uuid" ? reportLink(h[c]) : c === "date" ? when(h[c]) : String(h[c] ?? "")))));
}

navigation();
const params = pageParams();
const signature = params.get("signature") || "";
const days = Number(params.get("days") || 7);
document.getElementById("signature").textContent = signature;
document.title = `${signature} - crashpipe`;
drawBugs(signature).catch(e => showError(document.getElementById("bugs"), e));
drawSearch(signature, params.get("product"), days).catch(e => showError(document.getElementById("crashes"), e));
