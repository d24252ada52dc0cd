/*
 * web/static/chart.js
 *	Line charts as SVG, drawn in the browser from API data: one line per
 *	series over a list of days, with axes, a legend and a title on every
 *	point for its exact value.  Colours are presentation attributes, not
 *	style attributes, so the page's Content-Security-Policy holds.
 */

const SVG = "http://www.w3.org/2000/svg";
const COLOURS = ["#0b5cad", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#475569"];
const WIDTH = 720, HEIGHT = 260, LEFT = 48, RIGHT = 12, TOP = 12, BOTTOM = 36;

/* An SVG element with attributes. */
function svg(tag, attrs = {}, text = null) {
	const node = document.createElementNS(SVG, tag);
	for (const [name, value] of Object.entries(attrs))
		node.setAttribute(name, String(value));
	if (text !== null)
		node.textContent = text;
	return node;
}

/* A round number at or above max, for the top of the y axis. */
function niceMax(max) {
	if (max <= 5)
		return 5;
	const step = 10 ** Math.floor(Math.log10(max));
	return Math.ceil(max / step) * step;
}

/* The horizontal grid lines and their labels. */
function yAxis(top) {
	const group = svg("g", {class: "axis"});
	for (let i = 0; i <= 4; i++) {
		const y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - i / 4);
		group.append(svg("line", {x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y, stroke: "#c8ced3"}),
			svg("text", {x: LEFT - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "currentColor"},
				String(Math.round(top * i / 4))));
	}
	return group;
}

/* Day labels under the x axis, at most about eight of them. */
function xAxis(days, x) {
	const group = svg("g", {class: "axis"});
	const every = Math.max(1, Math.ceil(days.length / 8));
	days.forEach((day, i) => {
		if (i % every === 0)
			group.append(svg("text", {x: x(i), y: HEIGHT - BOTTOM + 16, "text-anchor": "middle",
				"font-size": 11, fill: "currentColor"}, day.slice(5, 10)));
	});
	return group;
}

/* One series as a line with a titled dot per day. */
function line(series, colour, x, y) {
	const group = svg("g", {class: "series", "data-name": series.name});
	const points = series.values.map((v, i) => `${x(i)},${y(v)}`).join(" ");
	group.append(svg("polyline", {points, fill: "none", stroke: colour, "stroke-width": 2}));
	series.values.forEach((v, i) => {
		const dot = svg("circle", {cx: x(i), cy: y(v), r: 3, fill: colour});
		dot.append(svg("title", {}, `${series.name}: ${v}`));
		group.append(dot);
	});
	return group;
}

/*
 * A line chart of series [{name, values}] over days (YYYY-MM-DD strings),
 * with a legend: an <figure> holding the SVG.
 */
export function lineChart(days, series, label) {
	const max = niceMax(Math.max(0, ...series.flatMap(s => s.values)));
	const span = Math.max(1, days.length - 1);
	const x = i => LEFT + (WIDTH - LEFT - RIGHT) * (days.length === 1 ? 0.5 : i / span);
	const y = v => TOP + (HEIGHT - TOP - BOTTOM) * (1 - v / max);
	const chart = svg("svg", {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": label,
		class: "chart"});
	chart.append(yAxis(max), xAxis(days, x));
	series.forEach((s, i) => chart.append(line(s, COLOURS[i % COLOURS.length], x, y)));
	const legend = document.createElement("ul");
	legend.className = "legend";
	series.forEach((s, i) => {
		const item = document.createElement("li");
		const swatch = svg("svg", {width: 12, height: 12, "aria-hidden": "true"});
		swatch.append(svg("rect", {width: 12, height: 12, fill: COLOURS[i % COLOURS.length]}));
		item.append(swatch, " " + s.name);
		legend.append(item);
	});
	const figure = document.createElement("figure");
	figure.append(chart, legend);
	return figure;
}
