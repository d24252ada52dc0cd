/*
 * web/static/product.js
 *	The product home page, /home/product/<name>?days=N: crashes per day
 *	of each version as a line chart (the eight versions with most
 *	crashes), and every version with its total, linking to its top
 *	crashers.  Data: /api/CrashesPerDay/.
 */
import {api, el, navigation, pageParams, query, showError, table} from "./common.js";
import {lineChart} from "./chart.js";

const MAX_LINES = 8;

/* The product named by the URL path. */
function productName() {
	return decodeURIComponent(location.pathname.slice("/home/product/".length).replace(/\/$/, ""));
}

/* Draw the chart and the version table. */
async function draw(product, days) {
	const data = await api("/api/CrashesPerDay/", {product, days});
	const series = data.versions.slice(0, MAX_LINES).map(v => ({
		name: v.version || "(no version)",
		values: data.days.map(day => v.by_day[day] || 0),
	}));
	const chart = document.getElementById("chart");
	if (series.length === 0)
		chart.replaceChildren(el("p", {class: "empty"}, `No ${product} crashes in the last ${days} days.`));
	else
		chart.replaceChildren(lineChart(data.days, series, `${product} crashes per day by version`));
	document.getElementById("versions").replaceChildren(table(["Version", "Crashes", ""],
		data.versions.map(v => [v.version || "(no version)", String(v.total),
			el("a", {href: "/topcrashers/?" + query({product, version: v.version, days})}, "Top crashers")])));
}

navigation();
const product = productName();
const days = pageParams().get("days") || "7";
document.getElementById("title").textContent = product;
document.title = `${product} - crashpipe`;
document.getElementById("days").value = days;
draw(product, days).catch(e => showError(document.getElementById("chart"), e));
