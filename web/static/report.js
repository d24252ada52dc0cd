/*
 * web/static/report.js
 *	The report index of one crash, /report/index/<crash id>: summary,
 *	the crashing thread's stack with source file and line, all threads,
 *	modules (those without symbols flagged), the annotations, the whole
 *	processed crash as JSON for callers with view_pii, and a reprocess
 *	button for callers with reprocess_crashes.  Data: /api/ProcessedCrash/
 *	and /api/RawCrash/, which leave out what the caller may not see.
 */
import {api, el, may, navigation, post, showError, signatureLink, table, when} from "./common.js";

/* The crash id named by the URL path. */
function crashId() {
	return decodeURIComponent(location.pathname.slice("/report/index/".length).replace(/\/$/, ""));
}

/* Seconds as "1 h 2 min 3 s". */
function duration(seconds) {
	if (seconds === undefined || seconds === null)
		return "";
	const parts = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
	let rest = Number(seconds), text = [];
	for (const [size, unit] of parts) {
		if (rest >= size || (size === 1 && text.length === 0)) {
			text.push(`${Math.floor(rest / size)} ${unit}`);
			rest %= size;
		}
	}
	return text.join(" ");
}

/* The summary table of the processed crash. */
function summary(crash) {
	const rows = [
		["Signature", crash.signature ? signatureLink(crash.signature, {product: crash.product}) : ""],
		["Crash ID", crash.uuid],
		["Date processed", when(crash.date_processed)],
		["Product", crash.product], ["Version", crash.version], ["Build ID", crash.build],
		["Release channel", crash.release_channel], ["Process type", crash.process_type],
		["OS", [crash.os_name, crash.os_version].filter(Boolean).join(" ")],
		["CPU", [crash.cpu_arch, crash.cpu_info].filter(Boolean).join(", ")],
		["CPU count", crash.cpu_count], ["Crash reason", crash.reason], ["Crash address", crash.address],
		["Uptime", duration(crash.uptime)], ["Install age", duration(crash.install_age)],
		["Processor notes", crash.processor_notes],
	];
	return el("table", {class: "summary"}, el("tbody", {}, rows.map(([label, value]) =>
		el("tr", {}, el("th", {scope: "row"}, label), el("td", {}, value ?? "")))));
}

/* A frame's function, or its module offset when it has no symbol. */
function frameFunction(frame) {
	if (frame.function)
		return frame.function + (frame.function_offset ? ` + ${frame.function_offset}` : "");
	if (frame.module)
		return `${frame.module} + ${frame.module_offset}`;
	return frame.offset || "";
}

/* The stack of one thread as a table. */
function stack(thread) {
	const frames = thread.frames || [];
	if (frames.length === 0)
		return el("p", {class: "empty"}, "No frames.");
	return table(["Frame", "Module", "Signature", "Source", "Trust"], frames.map(f => [
		String(f.frame), f.module || "", frameFunction(f),
		f.file ? `${f.file}:${f.line ?? ""}` : "", f.trust || ""]), "data frames");
}

/* Every thread, each in a disclosure box; the crashing one open. */
function threads(dump, crashing) {
	return (dump.threads || []).map((t, i) => el("details", {open: i === crashing},
		el("summary", {}, `Thread ${i}` + (t.thread_name ? ` (${t.thread_name})` : "") +
			(i === crashing ? ", crashing" : "") + `: ${(t.frames || []).length} frames`),
		stack(t)));
}

/* The modules, flagging those whose symbols were missing. */
function modules(dump) {
	const list = dump.modules || [];
	return table(["Module", "Version", "Debug file", "Debug ID", "Base address", "Symbols"], list.map(m => [
		m.filename || "", m.version || "", m.debug_file || "", m.debug_id || "", m.base_addr || "",
		m.missing_symbols ? el("span", {class: "missing"}, "missing") : (m.loaded_symbols ? "loaded" : "not needed"),
	]), "data modules");
}

/* The annotations of the raw crash, sorted by name. */
function annotations(raw) {
	const names = Object.keys(raw).filter(k => k !== "metadata").sort();
	return table(["Annotation", "Value"], names.map(k =>
		[k, typeof raw[k] === "string" ? raw[k] : JSON.stringify(raw[k])]), "data annotations");
}

/* The reprocess button, for callers who may reprocess. */
async function actions(section, id) {
	if (!await may("reprocess_crashes"))
		return;
	const note = el("span", {class: "note", role: "status"});
	const button = el("button", {type: "button", id: "reprocess"}, "Reprocess this crash");
	button.addEventListener("click", async () => {
		button.disabled = true;
		try {
			await post("/api/Reprocessing/", {crash_ids: id});
			note.textContent = "Queued for reprocessing.";
		} catch (e) {
			note.textContent = e.message;
			button.disabled = false;
		}
	});
	section.replaceChildren(button, " ", note);
}

/* The raw JSON, or why it is not shown. */
async function raw(section, crash) {
	if (!await may("view_pii")) {
		section.replaceChildren(el("p", {class: "empty"}, "Log in with a token that has view_pii to see the raw data."));
		return;
	}
	section.replaceChildren(el("pre", {class: "json", id: "raw-json"}, JSON.stringify(crash, null, 2)));
}

/* Fill every section. */
async function draw(id) {
	const crash = await api("/api/ProcessedCrash/", {crash_id: id});
	const dump = crash.json_dump || {};
	const crashing = dump.crash_info ? dump.crash_info.crashing_thread : crash.crashing_thread;
	document.getElementById("summary").replaceChildren(summary(crash));
	const thread = (dump.threads || [])[crashing];
	document.getElementById("crashing-thread").replaceChildren(thread ? stack(thread)
		: el("p", {class: "empty"}, "No crashing thread."));
	document.getElementById("threads").replaceChildren(...threads(dump, crashing));
	document.getElementById("modules").replaceChildren(modules(dump));
	actions(document.getElementById("actions"), id);
	raw(document.getElementById("raw"), crash);
	const annotationsSection = document.getElementById("annotations");
	api("/api/RawCrash/", {crash_id: id}).then(r => annotationsSection.replaceChildren(annotations(r)),
		e => showError(annotationsSection, e));
}

navigation();
const id = crashId();
document.title = `${id} - crashpipe`;
draw(id).catch(e => showError(document.getElementById("summary"), e));
