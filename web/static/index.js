/*
 * web/static/index.js
 *	The front page (server-rendered latest crashes): the navigation, and
 *	a link to each product's home page from /api/Products/.
 */
import {api, el, navigation, showError} from "./common.js";

navigation();
const section = document.getElementById("products");
api("/api/Products/").then(products => section.replaceChildren(el("h2", {}, "Products"),
	el("ul", {class: "products"}, products.hits.map(p =>
		el("li", {}, el("a", {href: "/home/product/" + encodeURIComponent(p.product)}, p.product))))),
e => showError(section, e));
