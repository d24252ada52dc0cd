/*
 * web/static/jobs.js
 *	The job status page: the service status (queue and processor
 *	workers) and every housekeeping job with its state, from /api/Status/
 *	and /api/JobStatus/.
 */
import {api, el, navigation, showError, table, when} from "./common.js";

/* The queue and the workers. */
async function drawStatus(section) {
	const status = await api("/api/Status/");
	section.replaceChildren(el("h2", {}, "Processing"),
		el("p", {id: "queue"}, `Queue: ${status.queue.pending} pending, ${status.queue.failed} failed. ` +
			`Latest crash processed: ${when(status.latest_processed_at) || "none yet"}.`),
		table(["Worker", "Started", "Done", "Failed", "Busy"], status.processors.map(p =>
			[String(p.worker), when(p.started_at), String(p.crashes_done), String(p.crashes_failed),
				p.busy ? "yes" : "no"])));
}

/* The jobs table; a job in error shows its error. */
async function drawJobs(section) {
	const jobs = await api("/api/JobStatus/");
	section.replaceChildren(el("h2", {}, "Jobs"),
		table(["Job", "State", "Every", "Next run", "Last success", "Errors", "Last error"],
			jobs.hits.map(j => [j.name, el("span", {class: "state " + j.state.replace(/ /g, "-")}, j.state),
				j.frequency, when(j.next_run), when(j.last_success) || "never",
				String(j.error_count), j.last_error || ""]), "data jobs"));
}

navigation();
const status = document.getElementById("status");
const jobs = document.getElementById("jobs");
drawStatus(status).catch(e => showError(status, e));
drawJobs(jobs).catch(e => showError(jobs, e));
