/*
 * tests/browser/walk.mjs
 *	Walks crashpipe-web's pages in Debian's chromium, driven by
 *	playwright-core, on a database that tests/browser/run.sh filled with
 *	the processed test dumps, and checks what each page shows against
 *	what the database holds (expected.json).  Each page is screenshotted
 *	into $SHOTS; a screenshot must exist and be more than a blank page.
 *	Prints "walk: N passed, N failed".
 */
import {createRequire} from "node:module";
import {mkdtempSync, readFileSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

const require = createRequire(process.env.NODE_MODULES + "/");
const {chromium} = require("playwright-core");
const BASE = process.env.BASE;
const SHOTS = process.env.SHOTS;
const expected = JSON.parse(readFileSync(process.env.EXPECTED, "utf8"));
const counts = {passed: 0, failed: 0};
let refusalExpected = false;	/* a step provokes a 403 on purpose */

/* Count one check; say what differed when it fails. */
function check(ok, what, got, want) {
	if (ok) {
		counts.passed++;
		return;
	}
	counts.failed++;
	console.log(`FAIL ${what}` + (got !== undefined ? `\n  got:  ${JSON.stringify(got)}\n  want: ${JSON.stringify(want)}` : ""));
}

const equal = (got, want, what) => check(JSON.stringify(got) === JSON.stringify(want), what, got, want);

/* Screenshot the page and check the file is a real picture of content. */
async function shot(page, name) {
	const path = join(SHOTS, name + ".png");
	await page.screenshot({path, fullPage: true});
	const size = statSync(path).size;
	check(size > 8000, `screenshot ${name} has content (${size} bytes)`);
}

/* Texts of the cells of column `col` in a table. */
async function column(page, selector, col) {
	return page.$$eval(`${selector} tbody tr`, (rows, c) => rows.map(r => r.cells[c].textContent), col);
}

/* Fail on any error a page script throws or logs. */
function watchErrors(page, name) {
	page.on("pageerror", e => check(false, `${name}: script error ${e.message}`));
	page.on("console", m => {
		if (m.type() === "error" && !(refusalExpected && m.text().includes("status of 403")))
			check(false, `${name}: console error ${m.text()}`);
	});
}

async function frontPage(page) {
	await page.goto(BASE + "/");
	await page.waitForSelector("#products a");
	check(await page.isVisible("text=Firefox"), "front page links the product Firefox");
	equal((await page.$$("table.crashes tbody tr")).length, Math.min(50, expected.crashes), "front page lists the latest crashes");
	await shot(page, "front");
}

async function productPage(page) {
	await page.goto(BASE + "/home/product/Firefox?days=7");
	await page.waitForSelector("svg.chart");
	const versions = Object.keys(expected.versions).sort();
	equal((await page.$$eval("svg.chart g.series", g => g.map(x => x.dataset.name))).sort(), versions,
		"product chart has one line per version");
	const totals = await page.$$eval("#versions tbody tr", rows =>
		rows.map(r => [r.cells[0].textContent, Number(r.cells[1].textContent)]));
	equal(totals.sort(), Object.entries(expected.versions).sort(), "product page totals per version");
	await shot(page, "product");
}

/* The report page as an anonymous visitor: stack, modules, no protected data. */
async function reportAnonymous(page) {
	const r = expected.report;
	await page.goto(BASE + "/report/index/" + r.crash_id);
	await page.waitForSelector("#crashing-thread table");
	await page.waitForSelector("#annotations table");
	const summary = await page.textContent("#summary");
	check(summary.includes(r.signature), "report summary shows the signature", summary.slice(0, 200), r.signature);
	const top = r.top_frame;
	equal((await column(page, "#crashing-thread table", 2))[0].startsWith(top.function), true,
		"crashing thread's top frame function");
	equal((await column(page, "#crashing-thread table", 3))[0], `${top.file}:${top.line}`,
		"crashing thread's top frame source and line");
	equal((await column(page, "#modules table", 0)).length, r.modules, "report lists every module");
	equal((await column(page, "#modules table", 5)).filter(t => t === "missing").length, r.missing,
		"modules without symbols are flagged");
	const annotations = Object.fromEntries(await page.$$eval("#annotations tbody tr", rows =>
		rows.map(x => [x.cells[0].textContent, x.cells[1].textContent])));
	equal(annotations.ProductName, "Firefox", "annotations show ProductName");
	const body = await page.textContent("body");
	check(!body.includes("secret.example"), "no protected annotation reaches an anonymous visitor");
	check(await page.isVisible("text=Log in with a token that has view_pii"), "raw data hidden from anonymous visitors");
	check(!(await page.isVisible("#reprocess")), "no reprocess button for anonymous visitors");
	await shot(page, "report-anonymous");
}

/* Log in through the login form with a token. */
async function login(page, token, owner) {
	await page.goto(BASE + "/login/");
	await page.fill("input[name=token]", token);
	await Promise.all([page.waitForURL(BASE + "/"), page.click("button[type=submit]")]);
	await page.waitForSelector("header .owner");
	equal(await page.textContent("header .owner"), owner, `logged in as ${owner}`);
}

async function logout(page) {
	await Promise.all([page.waitForURL(BASE + "/"), page.click("header form.logout button")]);
	await page.waitForSelector("header a.login");
}

/* With view_pii: the raw JSON and the protected annotations show. */
async function reportWithPii(page) {
	await login(page, expected.pii_token, "browser-pii");
	await page.goto(BASE + "/report/index/" + expected.report.crash_id);
	await page.waitForSelector("#raw-json");
	const raw = JSON.parse(await page.textContent("#raw-json"));
	equal(raw.uuid, expected.report.crash_id, "raw JSON is the processed crash");
	await page.waitForSelector("#annotations table");
	const annotations = await page.textContent("#annotations");
	check(annotations.includes("https://secret.example/"), "view_pii sees the URL annotation");
	await shot(page, "report-pii");
	await logout(page);
}

/* With reprocess_crashes: the button queues the crash; a forged post is refused. */
async function reprocess(page) {
	await login(page, expected.reprocess_token, "browser-reprocess");
	await page.goto(BASE + "/report/index/" + expected.report.crash_id);
	await page.waitForSelector("#reprocess");
	await page.click("#reprocess");
	await page.waitForSelector("text=Queued for reprocessing.");
	check(true, "reprocess button queued the crash");
	refusalExpected = true;
	const forged = await page.evaluate(async id => {
		const r = await fetch("/api/Reprocessing/", {method: "POST", body: new URLSearchParams({crash_ids: id})});
		return [r.status, (await r.json()).error];
	}, expected.report.crash_id);
	refusalExpected = false;
	equal(forged, [403, "missing or wrong CSRF token: reload the page and try again"],
		"a cookie post without the CSRF token is refused");
	await shot(page, "report-reprocess");
	await logout(page);
}

async function jobsPage(page) {
	await page.goto(BASE + "/jobs/");
	await page.waitForSelector("#jobs table");
	equal(await column(page, "#jobs table", 0), ["partitions", "retention", "signature_daily", "signature_first_seen"],
		"jobs page lists every job");
	check((await page.textContent("#queue")).startsWith("Queue: 0 pending, 0 failed."), "jobs page shows the queue");
	await shot(page, "jobs");
}

/* A browser with a fresh profile, as a desktop or a phone. */
async function launch(profile, viewport, isMobile) {
	return chromium.launchPersistentContext(profile, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		viewport,
		isMobile,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync"],
	});
}

/* On a phone the report page fits the screen's width. */
async function phone(profile) {
	const context = await launch(profile, {width: 390, height: 844}, true);
	try {
		const page = await context.newPage();
		watchErrors(page, "phone");
		await page.goto(BASE + "/report/index/" + expected.report.crash_id);
		await page.waitForSelector("#modules table");
		const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
		check(scroll <= width, "report page fits a phone's width", scroll, width);
		await shot(page, "report-phone");
	} finally {
		await context.close();
	}
}

/* Run every step on a desktop browser, then the phone check. */
async function desktop(profile) {
	const context = await launch(profile, {width: 1280, height: 900}, false);
	try {
		const page = await context.newPage();
		watchErrors(page, "desktop");
		for (const step of [frontPage, productPage, reportAnonymous, reportWithPii, reprocess, jobsPage]) {
			try {
				await step(page);
			} catch (e) {
				check(false, `${step.name}: ${e.message.split("\n")[0]}`);
			}
		}
	} finally {
		await context.close();
	}
}

async function main() {
	const profiles = [0, 1].map(() => mkdtempSync(join(tmpdir(), "crashpipe-chromium-")));
	try {
		await desktop(profiles[0]).catch(e => check(false, `desktop: ${e.message.split("\n")[0]}`));
		await phone(profiles[1]).catch(e => check(false, `phone: ${e.message.split("\n")[0]}`));
	} finally {
		profiles.forEach(p => rmSync(p, {recursive: true, force: true}));
	}
	console.log(`walk: ${counts.passed} passed, ${counts.failed} failed`);
	process.exit(counts.failed === 0 ? 0 : 1);
}

main();
