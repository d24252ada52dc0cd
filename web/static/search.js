/*
 * web/static/search.js
 *	Super Search, /search/?<the API's own parameters>: a form of filter
 *	rows (field, operator, value), facets, columns and page size whose
 *	state is the page URL, so every search is a shareable link.  The same
 *	parameters go to /api/SuperSearch/ unchanged; the field list (only the
 *	fields the caller may use) comes from /api/SuperSearchFields/.
 */
import {api, el, navigation, reportLink, showError, signatureLink, table, when} from "./common.js";

const DEFAULT_COLUMNS = ["uuid", "date", "signature", "product", "version", "platform"];
const DEFAULT_FACETS = ["signature"];
const OPTIONS = new Set(["_facets", "_columns", "_results_number", "_results_offset", "_sort", "_facets_size"]);

/* Operators by query type: label and the prefix written before the value. */
const OPERATORS = {
	string: [["contains", "~"], ["is", "="], ["starts with", "$"], ["ends with", "^"],
		["does not contain", "!~"], ["is not", "!="], ["does not start with", "!$"],
		["does not end with", "!^"], ["exists", "!__null__"], ["does not exist", "__null__"]],
	number: [["is", "="], [">", ">"], [">=", ">="], ["<", "<"], ["<=", "<="], ["is not", "!="],
		["exists", "!__null__"], ["does not exist", "__null__"]],
	enum: [["is", "="], ["is not", "!="], ["exists", "!__null__"], ["does not exist", "__null__"]],
	bool: [["is true", "__true__"], ["is not true", "!__true__"]],
};

/* The operator list of a field's query type. */
function operatorsOf(field) {
	const type = field ? field.query_type : "string";
	if (type === "integer" || type === "float" || type === "date")
		return OPERATORS.number;
	return OPERATORS[type] || OPERATORS.string;
}

/* Split a parameter value into its operator prefix and the value. */
function splitValue(field, raw) {
	const prefixes = operatorsOf(field).map(([, p]) => p).sort((a, b) => b.length - a.length);
	const prefix = prefixes.find(p => raw.startsWith(p)) ?? "";
	const known = prefix !== "" ? prefix : operatorsOf(field)[0][1];
	return [known, raw.slice(prefix.length)];
}

/* A value-less operator (exists, true, ...) needs no value box. */
function takesValue(prefix) {
	return !prefix.includes("__");
}

/* One filter row: field select, operator select, value input, remove button. */
function filterRow(fields, name = "product", raw = "") {
	const fieldSelect = el("select", {class: "field", "aria-label": "Field"},
		Object.keys(fields).sort().map(n => el("option", {value: n, selected: n === name}, n)));
	const operatorSelect = el("select", {class: "operator", "aria-label": "Operator"});
	const valueInput = el("input", {class: "value", "aria-label": "Value"});
	const fill = (prefix, value) => {
		operatorSelect.replaceChildren(...operatorsOf(fields[fieldSelect.value]).map(([label, p]) =>
			el("option", {value: p, selected: p === prefix}, label)));
		valueInput.value = value;
		valueInput.hidden = !takesValue(operatorSelect.value);
	};
	fill(...splitValue(fields[name], raw));
	fieldSelect.addEventListener("change", () => fill(operatorsOf(fields[fieldSelect.value])[0][1], ""));
	operatorSelect.addEventListener("change", () => { valueInput.hidden = !takesValue(operatorSelect.value); });
	const remove = el("button", {type: "button", class: "remove", "aria-label": "Remove this filter"}, "×");
	const row = el("div", {class: "filter"}, fieldSelect, operatorSelect, valueInput, remove);
	remove.addEventListener("click", () => row.remove());
	return row;
}

/* The form's state as API parameters. */
function formParams() {
	const params = new URLSearchParams();
	for (const row of document.querySelectorAll("#filters .filter")) {
		const prefix = row.querySelector(".operator").value;
		const value = row.querySelector(".value").value.trim();
		if (!takesValue(prefix) || value !== "")
			params.append(row.querySelector(".field").value, prefix + (takesValue(prefix) ? value : ""));
	}
	for (const id of ["facets", "columns"])
		for (const option of document.getElementById(id).selectedOptions)
			params.append(document.getElementById(id).name, option.value);
	params.append("_results_number", document.getElementById("results-number").value);
	return params;
}

/* Fill the form from the page URL. */
function fillForm(fields, params) {
	const filters = document.getElementById("filters");
	for (const [name, value] of params)
		if (!OPTIONS.has(name) && fields[name])
			filters.append(filterRow(fields, name, value));
	const facets = params.getAll("_facets").length ? params.getAll("_facets") : DEFAULT_FACETS;
	const columns = params.getAll("_columns").length ? params.getAll("_columns") : DEFAULT_COLUMNS;
	for (const [id, chosen] of [["facets", facets], ["columns", columns]])
		document.getElementById(id).replaceChildren(...Object.keys(fields).sort().map(n =>
			el("option", {value: n, selected: chosen.includes(n)}, n)));
	document.getElementById("results-number").value = params.get("_results_number") || "50";
}

/* A cell of a hit: crash ids and signatures link to their pages. */
function cell(column, value) {
	if (value === null || value === undefined)
		return "";
	if (column === "uuid")
		return reportLink(value);
	if (column === "signature")
		return signatureLink(value);
	if (column === "date")
		return when(value);
	return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/* A facet's table; each term links to the search narrowed to it. */
function facet(name, terms, params) {
	return el("div", {class: "facet"}, el("h3", {}, name), table([name, "Count"], terms.map(t => {
		const narrowed = new URLSearchParams(params);
		narrowed.append(name, "=" + t.term);
		return [el("a", {href: "/search/?" + narrowed}, String(t.term)), String(t.count)];
	})));
}

/* Previous and next page links. */
function pager(params, total) {
	const number = Number(params.get("_results_number") || 50);
	const offset = Number(params.get("_results_offset") || 0);
	const link = (to, text) => {
		const p = new URLSearchParams(params);
		p.set("_results_offset", String(to));
		return el("a", {href: "/search/?" + p}, text);
	};
	return el("p", {class: "pager"}, offset > 0 ? link(Math.max(0, offset - number), "Previous") : null, " ",
		offset + number < total ? link(offset + number, "Next") : null);
}

/* Run the search of the page URL and show results and facets. */
async function run(params) {
	const results = document.getElementById("results");
	const columns = params.getAll("_columns").length ? params.getAll("_columns") : DEFAULT_COLUMNS;
	const sent = new URLSearchParams(params);
	if (!sent.has("_columns"))
		DEFAULT_COLUMNS.forEach(c => sent.append("_columns", c));
	if (!sent.has("_facets"))
		DEFAULT_FACETS.forEach(f => sent.append("_facets", f));
	results.replaceChildren(el("p", {class: "loading"}, "Searching..."));
	const answer = await api("/api/SuperSearch/", sent);
	results.replaceChildren(el("h2", {}, `${answer.total} crashes`),
		el("div", {class: "facets"}, Object.entries(answer.facets || {}).map(([n, t]) => facet(n, t, params))),
		table(columns, answer.hits.map(hit => columns.map(c => cell(c, hit[c]))), "data hits"),
		pager(params, answer.total));
}

/* Build the form, then search if the URL asks for anything. */
async function start() {
	navigation();
	const fields = await api("/api/SuperSearchFields/");
	const params = new URLSearchParams(location.search);
	fillForm(fields, params);
	document.getElementById("add-filter").addEventListener("click", () =>
		document.getElementById("filters").append(filterRow(fields)));
	document.getElementById("search").addEventListener("submit", event => {
		event.preventDefault();
		location.search = formParams().toString();
	});
	document.getElementById("share").href = "/search/?" + params;
	if ([...params.keys()].length > 0)
		await run(params);
}

start().catch(e => showError(document.getElementById("results"), e));
