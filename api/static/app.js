// diplomatic-kg explorer: search an actor, see its neighbourhood, read the evidence, query with SPARQL.
"use strict";
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const EXAMPLES = {
  "Who met whom": "SELECT DISTINCT ?date ?a ?b ?trigger WHERE {\n  ?e dkg:ploverType plover:CONSULT ; dkg:trigger ?trigger ; dkg:source ?s ; dkg:target ?t .\n  ?s rdfs:label ?a . ?t rdfs:label ?b . FILTER(?s != ?t)\n  OPTIONAL { ?e sem:hasTimeStamp ?date }\n} ORDER BY ?date LIMIT 50",
  "Offices held": "SELECT DISTINCT ?person ?title ?country WHERE {\n  ?r a dkg:RoleAssignment ; dkg:holder/rdfs:label ?person ; dkg:title ?title .\n  OPTIONAL { ?r dkg:roleCountry/rdfs:label ?country }\n} ORDER BY ?person",
  "Events by type": "SELECT ?type (COUNT(?e) AS ?n) WHERE {\n  ?e dkg:ploverType ?t . BIND(STRAFTER(STR(?t), \"/plover/\") AS ?type)\n} GROUP BY ?type ORDER BY DESC(?n)",
  "Who stands where": "SELECT ?holder ?polarity ?topic WHERE {\n  ?s a dkg:Stance ; dkg:holder/rdfs:label ?holder ; dkg:topic/rdfs:label ?topic ; dkg:polarity ?p .\n  BIND(STRAFTER(STR(?p), \"#\") AS ?polarity)\n} ORDER BY ?topic",
};
const QUADS = [["verbal_cooperation", "#8fd19e"], ["material_cooperation", "#2f9e44"], ["verbal_conflict", "#f3a0bd"],
  ["material_conflict", "#d6336c"]]; // the colours kg/pictures.py uses
const $ = (s) => document.querySelector(s);
// actor: the searched actor; chart: whose events the time chart shows ({a, b}); series: its data; topo: the map's shapes
const state = { actor: null, cy: null, chart: null, series: null, topo: null };
const SVGNS = "http://www.w3.org/2000/svg";

function plural(n, one, many) { return `${n} ${n === 1 ? one : (many || one + "s")}`; }
function clip(s, n) { // at most n characters, cut at a word boundary, with an ellipsis when cut
  s = String(s ?? "");
  if (s.length <= n) return s;
  const space = s.lastIndexOf(" ", n);
  return (space > n * 0.6 ? s.slice(0, space) : s.slice(0, n)).replace(/[\s,;:.\-–—]+$/, "") + "…";
}
function svgEl(tag, attrs, parent) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}
function labelOf(id) { return (state.cy && state.cy.getElementById(id).length && state.cy.getElementById(id).data("label")) || id; }

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error((await r.json().catch(() => ({}))).detail || r.statusText);
  return r.json();
}
function filters() {
  const p = new URLSearchParams();
  if ($("#type").value) p.append("type", $("#type").value);
  if ($("#from").value) p.append("from", $("#from").value);
  if ($("#to").value) p.append("to", $("#to").value);
  return p;
}
function colour(score) {
  if (score > 0.5) return "#2f9e44";
  if (score < -0.5) return "#d6336c";
  return "#c9b458";
}

// ------------------------------------------------------------------ search and graph
async function search(q) {
  const list = $("#results");
  list.innerHTML = "";
  if (!q.trim()) return;
  const hits = await getJSON(`/search?q=${encodeURIComponent(q)}`);
  if (!hits.length) { list.innerHTML = '<li class="muted">nothing found</li>'; return; }
  for (const h of hits) {
    const li = document.createElement("li");
    li.innerHTML = `${esc(h.name)} <small>${esc(h.type)}</small>`;
    li.dataset.id = h.id;
    li.onclick = () => { document.querySelectorAll("#results li").forEach((x) => x.classList.remove("active")); li.classList.add("active"); show(h.id); };
    list.appendChild(li);
  }
  list.firstChild.click();
}

async function show(id) {
  const fresh = id !== state.actor;
  state.actor = id;
  const p = filters();
  p.set("format", "cytoscape"); p.set("actor", id); p.set("depth", $("#depth").value);
  const data = await getJSON(`/export?${p}`);
  const els = [...data.elements.nodes, ...data.elements.edges];
  $("#hint").style.display = els.length ? "none" : "block";
  if (!els.length) $("#hint").textContent = "No events for this actor with these filters.";
  if (state.cy) state.cy.destroy();
  // rings by distance from the searched actor
  const hops = { [id]: 0 };
  for (let frontier = [id], d = 1; frontier.length; d++) {
    const next = [];
    for (const e of data.elements.edges) for (const [x, y] of [[e.data.source, e.data.target], [e.data.target, e.data.source]])
      if (frontier.includes(x) && hops[y] === undefined) { hops[y] = d; next.push(y); }
    frontier = next;
  }
  state.cy = cytoscape({
    container: $("#cy"), elements: els, wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
        "text-wrap": "wrap", "text-max-width": 110,
        width: "mapData(events, 0, 10, 18, 44)", height: "mapData(events, 0, 10, 18, 44)", "background-color": "#4c78a8",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 2 } },
      { selector: 'node[kind = "Country"]', style: { "background-color": "#f58518", shape: "round-rectangle" } },
      { selector: 'node[kind = "Organization"]', style: { "background-color": "#54a24b", shape: "diamond" } },
      { selector: `node[id = "${id}"]`, style: { "border-width": 3, "border-color": "#1f3a5f" } },
      { selector: "edge", style: { width: "mapData(events, 1, 8, 2, 10)", "line-color": (e) => colour(e.data("net_score")),
        "curve-style": "bezier", opacity: 0.85 } },
      { selector: ":selected", style: { "overlay-opacity": 0.15, "overlay-color": "#1f3a5f" } },
    ],
    maxZoom: 1.6,
    // rings by distance from the actor; node boxes include their labels, so no two labels overlap
    layout: { name: "concentric", animate: false, minNodeSpacing: 12, avoidOverlap: true, nodeDimensionsIncludeLabels: true,
      concentric: (n) => hops[n.id()] === undefined ? 0 : 10 - hops[n.id()], levelWidth: () => 1 },
  });
  window.kgGraph = state.cy; // for tests and the console (window.cy would be the #cy element)
  state.cy.on("tap", "edge", (ev) => {
    const [a, b] = [ev.target.data("source"), ev.target.data("target")];
    edgeDetails(a, b);
    state.chart = a === id || b !== id ? { a, b } : { a: b, b: a }; // the searched actor first
    drawSeries();
  });
  state.cy.on("tap", "node", (ev) => nodeDetails(ev.target.id()));
  downloads();
drawMap();
  timeline(id);
  nodeDetails(id);
  if (fresh || !state.chart) { state.chart = { a: id, b: null }; drawSeries(); } else renderSeries();
  drawMap();
}

const when = (i) => i.date || (i.reported ? `reported ${i.reported}` : "undated");

function itemHTML(i) {
  const cls = ["ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"].includes(i.type) ? "conflict"
    : ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"].includes(i.type) ? "coop" : "";
  return `<div class="item ${cls}"><div class="meta"><b>${esc(i.type)}</b> ${esc(i.trigger || i.topic || "")}
    · ${esc(when(i))} · ${esc(i.direction || "")} · <a href="/articles/${encodeURIComponent(i.article)}" target="_blank">${esc(i.article)}</a></div>
    <blockquote>${esc(i.evidence)}</blockquote></div>`;
}

async function edgeDetails(a, b) {
  $("#details-title").textContent = "Between the two";
  try {
    const r = await getJSON(`/relations?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
    const name = (id) => state.cy.getElementById(id).data("label") || id;
    $("#details-body").innerHTML = `<p><b>${esc(name(a))}</b> and <b>${esc(name(b))}</b>: ${plural(r.count, "connection")}</p>`
      + (r.items.map(itemHTML).join("") || '<p class="muted">No evidence.</p>');
  } catch (e) { $("#details-body").innerHTML = `<p class="muted">${esc(e.message)}</p>`; }
}

async function nodeDetails(id) {
  try {
    const e = await getJSON(`/entities/${id}`);
    $("#details-title").textContent = e.name;
    const offices = e.offices.map((o) => `<li>${esc(o.title)}${o.country ? ", " + esc(o.country) : ""} <span class="muted">(${esc(o.article)})</span></li>`).join("");
    const relCount = new Map();
    for (const r of e.relations) {
      const k = `${esc(r.subject_name || r.subject)} <b>${esc(r.predicate)}</b> ${esc(r.object_name || r.object)}`;
      relCount.set(k, (relCount.get(k) || 0) + 1);
    }
    const rels = [...relCount].map(([k, n]) => `<li>${k}${n > 1 ? ` <span class="muted">(${n} statements)</span>` : ""}</li>`).join("");
    const st = e.stances.map((s) => `<li>${esc(s.polarity)} <b>${esc(s.topic)}</b>: <i>${esc(s.evidence)}</i></li>`).join("");
    $("#details-body").innerHTML = `<p class="meta">${esc(e.type)} ${e.country ? "· " + esc(e.country) : ""} ${e.actor_codes.length ? "· " + esc(e.actor_codes.join(", ")) : ""}</p>`
      + (e.aliases.length ? `<p class="muted">also: ${esc(e.aliases.join(", "))}</p>` : "")
      + (offices ? `<h3>Offices</h3><ul>${offices}</ul>` : "") + (rels ? `<h3>Relations</h3><ul>${rels}</ul>` : "")
      + (st ? `<h3>Stances</h3><ul>${st}</ul>` : "") + `<p class="muted">${plural(e.events.length, "event")} in ${plural(e.articles.length, "article")}</p>`;
  } catch (err) { $("#details-body").innerHTML = `<p class="muted">${esc(err.message)}</p>`; }
}

async function timeline(id) {
  const ol = $("#timeline");
  try {
    const items = await getJSON(`/leaders/${id}/timeline?limit=500`);
    ol.innerHTML = items.map((i) => `<li data-date="${esc(i.date || i.reported || "")}"><b>${esc(when(i))}</b> ${esc(i.type)} — ${esc(i.trigger)}<br><span class="muted">${esc(clip(i.evidence, 160))}</span></li>`).join("")
      || '<li class="muted">No events.</li>';
    periodOnTimeline();
  } catch (e) { ol.innerHTML = `<li class="muted">${esc(e.message)}</li>`; }
}

function downloads() {
  const p = filters();
  if (state.actor) { p.set("actor", state.actor); p.set("depth", $("#depth").value); }
  const fmts = [["graphml", "GraphML"], ["gexf", "GEXF"], ["cytoscape", "Cytoscape JSON"], ["csv", "CSV"], ["svg", "SVG"], ["png", "PNG"], ["trig", "TriG"], ["nquads", "N-Quads"], ["jsonld", "JSON-LD"], ["turtle", "Turtle"]];
  $("#downloads").innerHTML = "Download: " + fmts.map(([f, label]) => { p.set("format", f); return `<a href="/export?${p}">${label}</a>`; }).join("");
}

// ------------------------------------------------------------------ time chart (GET /series)
async function drawSeries() {
  const { a, b } = state.chart;
  const auto = $("#bucket").value === "auto"; // months, or years when that would make more than 72 bars
  const p = new URLSearchParams({ a, bucket: auto ? "month" : $("#bucket").value });
  if (b) p.set("b", b);
  try {
    state.series = await getJSON(`/series?${p}`);
    if (auto && state.series.periods.length > 72) { p.set("bucket", "year"); state.series = await getJSON(`/series?${p}`); }
  } catch (e) { state.series = null; $("#chart").innerHTML = `<p class="muted">${esc(e.message)}</p>`; return; }
  const s = state.series;
  $("#chart-title").textContent = `${b ? labelOf(a) + " and " + labelOf(b) : labelOf(a)}: events per ${s.bucket}`
    + ` (${plural(s.events, "event")}${s.undated ? `, ${s.undated} undated` : ""})`;
  renderSeries();
}

function renderSeries() {
  const box = $("#chart"), s = state.series;
  if (!s) return;
  box.innerHTML = "";
  const ps = s.periods;
  if (!s.events) { box.innerHTML = '<p class="muted">No dated events.</p>'; return; }
  const W = box.clientWidth || 480, H = box.clientHeight || 200, m = { l: 28, r: 30, t: 8, b: 30 };
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": $("#chart-title").textContent }, box);
  const max = Math.max(1, ...ps.map((p) => p.events));
  const bw = (W - m.l - m.r) / ps.length;
  const y = (v) => H - m.b - (v / max) * (H - m.t - m.b);
  const gy = (g) => m.t + ((10 - g) / 20) * (H - m.t - m.b);
  const axis = svgEl("g", { class: "axis" }, svg);
  for (const [v, yy, x, anchor] of [[0, y(0), m.l - 4, "end"], [max, y(max), m.l - 4, "end"], ["+10", gy(10), W - m.r + 4, "start"],
    ["0", gy(0), W - m.r + 4, "start"], ["-10", gy(-10), W - m.r + 4, "start"]])
    svgEl("text", { x, y: yy + 3, "text-anchor": anchor }, axis).textContent = v;
  svgEl("line", { x1: m.l, x2: W - m.r, y1: gy(0), y2: gy(0), "stroke-dasharray": "2 3" }, axis);
  svgEl("line", { x1: m.l, x2: W - m.r, y1: y(0), y2: y(0) }, axis);
  ps.forEach((p, i) => {
    let acc = 0;
    for (const [q, colour] of QUADS) {
      const v = p.by_quad[q];
      if (!v) continue;
      const w = Math.max(1, Math.min(36, bw * 0.8)); // bars at most 36 px wide, centred in their period
      svgEl("rect", { class: "bar", "data-quad": q, "data-period": p.period, x: m.l + (i + 0.5) * bw - w / 2, width: w,
        y: y(acc + v), height: y(acc) - y(acc + v), fill: colour }, svg);
      acc += v;
    }
    const hit = svgEl("rect", { x: m.l + i * bw, width: bw, y: m.t, height: H - m.t - m.b, fill: "transparent" }, svg);
    svgEl("title", {}, hit).textContent = `${p.period}: ${plural(p.events, "event")}`
      + (p.events ? ` (${QUADS.filter(([q]) => p.by_quad[q]).map(([q]) => `${p.by_quad[q]} ${q.replace("_", " ")}`).join(", ")})` : "")
      + (p.goldstein_mean !== null ? `; mean Goldstein ${p.goldstein_mean}` : "")
      + (p.placed_by_report ? `; ${p.placed_by_report} placed at their article's date` : "");
  });
  let d = "", joined = false;
  ps.forEach((p, i) => {
    if (p.goldstein_mean === null) { joined = false; return; }
    const x = m.l + (i + 0.5) * bw, yy = gy(p.goldstein_mean);
    d += `${joined ? "L" : "M"}${x.toFixed(1)},${yy.toFixed(1)}`;
    joined = true;
    svgEl("circle", { class: "gpoint", cx: x, cy: yy, r: 2.5, fill: "#1f3a5f" }, svg);
  });
  svgEl("path", { class: "goldstein", d, fill: "none", stroke: "#1f3a5f", "stroke-width": 1.5 }, svg);
  const step = Math.max(1, Math.ceil(ps.length / Math.max(1, Math.floor((W - m.l - m.r) / 52))));
  ps.forEach((p, i) => { if (i % step === 0) svgEl("text", { x: m.l + (i + 0.5) * bw, y: H - m.b + 13, "text-anchor": "middle" }, axis).textContent = p.period; });
  // brushing: drag across the bars (or click one) to choose a period; the graph, the timeline and the map follow
  const brush = svgEl("rect", { class: "brush", y: m.t, height: H - m.t - m.b, x: 0, width: 0, visibility: "hidden" }, svg);
  const [f, t] = [$("#from").value, $("#to").value];
  if (f || t) {
    const inside = ps.map((p, i) => [p, i]).filter(([p]) => (!t || p.start <= t) && (!f || p.end >= f)).map(([, i]) => i);
    if (inside.length) {
      brush.setAttribute("x", m.l + inside[0] * bw);
      brush.setAttribute("width", (inside[inside.length - 1] - inside[0] + 1) * bw);
      brush.setAttribute("visibility", "visible");
    }
  }
  const at = (ev) => { const r = svg.getBoundingClientRect(); return ((ev.clientX - r.left) * W) / r.width; };
  const index = (x) => Math.min(ps.length - 1, Math.max(0, Math.floor((x - m.l) / bw)));
  let x0 = null;
  svg.addEventListener("mousedown", (ev) => { ev.preventDefault(); x0 = at(ev); });
  svg.addEventListener("mousemove", (ev) => {
    if (x0 === null) return;
    const [i0, i1] = [index(Math.min(x0, at(ev))), index(Math.max(x0, at(ev)))];
    brush.setAttribute("x", m.l + i0 * bw); brush.setAttribute("width", (i1 - i0 + 1) * bw); brush.setAttribute("visibility", "visible");
  });
  svg.addEventListener("mouseup", (ev) => {
    if (x0 === null) return;
    const [i0, i1] = [index(Math.min(x0, at(ev))), index(Math.max(x0, at(ev)))];
    x0 = null;
    choosePeriod(ps[i0].start, ps[i1].end);
  });
}

function choosePeriod(from, to) {
  $("#from").value = from || "";
  $("#to").value = to || "";
  $("#clear-period").hidden = !(from || to);
  if (state.actor) show(state.actor); else drawMap();
}

function periodOnTimeline() { // the timeline lists the chosen period's events only
  const [f, t] = [$("#from").value, $("#to").value];
  let shown = 0;
  const items = document.querySelectorAll("#timeline li[data-date]");
  for (const li of items) {
    const d = li.dataset.date;
    li.hidden = Boolean(d && ((f && d < f) || (t && d > t)));
    if (!li.hidden) shown++;
  }
  $("#timeline").dataset.shown = shown;
}

// ------------------------------------------------------------------ world map (GET /geo)
function rampColour(n, max) { // pale yellow .. orange .. dark red, on a log scale
  const stops = [[255, 243, 176], [253, 141, 60], [189, 0, 38]];
  const t = max > 1 ? Math.log(n) / Math.log(max) : 1;
  const k = Math.min(1, t) * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(k)), u = k - i;
  return `rgb(${stops[i].map((c, j) => Math.round(c + (stops[i + 1][j] - c) * u)).join(",")})`;
}

function unwrap(ring) { // a ring crossing the antimeridian, continuous, with shifted copies for the other edge
  const out = [ring[0].slice()];
  for (const [x0, y] of ring.slice(1)) {
    let x = x0;
    const px = out[out.length - 1][0];
    while (x - px > 180) x -= 360;
    while (px - x > 180) x += 360;
    out.push([x, y]);
  }
  const xs = out.map((p) => p[0]);
  const copies = [out];
  if (Math.min(...xs) < -180) copies.push(out.map(([x, y]) => [x + 360, y]));
  if (Math.max(...xs) > 180) copies.push(out.map(([x, y]) => [x - 360, y]));
  return copies;
}

async function drawMap() {
  const box = $("#map");
  const p = filters();
  p.delete("type");
  if (state.actor) p.set("actor", state.actor);
  let geo;
  try {
    if (!state.topo) state.topo = await getJSON("/world/countries-110m.json");
    geo = await getJSON(`/geo?${p}`);
  } catch (e) { box.innerHTML = `<p class="muted">${esc(e.message)}</p>`; return; }
  $("#map-title").textContent = (state.actor ? `Events of ${labelOf(state.actor)} by country` : "Events by country")
    + ` (${plural(geo.countries.length, "country", "countries")})`;
  const byNumeric = new Map(), byName = new Map();
  for (const c of geo.countries) { if (c.numeric) byNumeric.set(c.numeric, c); byName.set(c.name, c); }
  const max = Math.max(1, ...geo.countries.map((c) => c.located + c.actor));
  const W = box.clientWidth || 320, H = box.clientHeight || 180;
  const s = Math.min(W / 360, H / 142), ox = (W - 360 * s) / 2, oy = (H - 142 * s) / 2; // longitudes -180..180, latitudes -58..84
  const pt = ([lon, lat]) => `${(ox + (lon + 180) * s).toFixed(1)},${(oy + (84 - lat) * s).toFixed(1)}`;
  box.innerHTML = "";
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": $("#map-title").textContent }, box);
  svgEl("rect", { x: ox, y: oy, width: 360 * s, height: 142 * s }, svgEl("clipPath", { id: "map-clip" }, svgEl("defs", {}, svg)));
  const g = svgEl("g", { "clip-path": "url(#map-clip)" }, svg);
  for (const f of topojson.feature(state.topo, state.topo.objects.countries).features) {
    if (!f.geometry) continue;
    const c = byNumeric.get(f.id) || byName.get(f.properties.name);
    const n = c ? c.located + c.actor : 0;
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const d = polys.flatMap((poly) => poly.flatMap((ring) => unwrap(ring).map((r) => "M" + r.map(pt).join("L") + "Z"))).join("");
    const path = svgEl("path", { d, fill: n ? rampColour(n, max) : "#e4e7eb", "data-name": f.properties.name,
      "data-events": n, "fill-rule": "evenodd" }, g);
    if (c) path.dataset.country = c.country;
    if (c && state.actor === `country/${c.country}`) path.classList.add("selected");
    svgEl("title", {}, path).textContent = c ? `${c.name}: ${plural(c.located, "event")} located there, ${plural(c.actor, "event")} with it as an actor`
      : `${f.properties.name}: no events`;
    path.addEventListener("click", () => {
      if (c) { $("#search").value = c.name; show(`country/${c.country}`); } else { $("#hint").style.display = "block"; $("#hint").textContent = `No events in or by ${f.properties.name}.`; }
    });
  }
}

// ------------------------------------------------------------------ SPARQL page
async function runQuery() {
  const q = $("#query").value;
  $("#sparql-status").textContent = "running…";
  const t0 = performance.now();
  const r = await fetch("/sparql", { method: "POST", headers: { "content-type": "application/sparql-query", accept: "application/sparql-results+json" }, body: q });
  const table = $("#sparql-results");
  if (!r.ok) { table.innerHTML = ""; $("#sparql-status").textContent = (await r.json()).detail; return; }
  const data = await r.json();
  if ("boolean" in data) { table.innerHTML = `<tr><td>${data.boolean}</td></tr>`; $("#sparql-status").textContent = ""; return; }
  const vars = data.head.vars;
  const rows = data.results.bindings;
  table.innerHTML = `<thead><tr>${vars.map((v) => `<th>${esc(v)}</th>`).join("")}</tr></thead><tbody>`
    + rows.map((b) => `<tr>${vars.map((v) => `<td>${esc(b[v] ? b[v].value : "")}</td>`).join("")}</tr>`).join("") + "</tbody>";
  $("#sparql-status").textContent = `${rows.length} rows in ${Math.round(performance.now() - t0)} ms`;
}

// ------------------------------------------------------------------ wiring
for (const t of PLOVER) $("#type").insertAdjacentHTML("beforeend", `<option>${t}</option>`);
for (const name of Object.keys(EXAMPLES)) $("#examples").insertAdjacentHTML("beforeend", `<option>${esc(name)}</option>`);
$("#query").value = EXAMPLES["Who met whom"];
$("#examples").onchange = () => { $("#query").value = EXAMPLES[$("#examples").value]; };
$("#run").onclick = runQuery;
$("#search-form").onsubmit = (e) => { e.preventDefault(); search($("#search").value); };
for (const id of ["#type", "#from", "#to", "#depth"]) $(id).onchange = () => {
  $("#clear-period").hidden = !($("#from").value || $("#to").value);
  if (state.actor) show(state.actor); else drawMap();
};
$("#bucket").onchange = () => state.chart && drawSeries();
$("#clear-period").onclick = () => choosePeriod("", "");
window.addEventListener("resize", () => { renderSeries(); if (state.topo) drawMap(); });
document.querySelectorAll(".tab").forEach((b) => (b.onclick = () => {
  document.querySelectorAll(".tab, .page").forEach((x) => x.classList.remove("active"));
  b.classList.add("active");
  $("#" + b.dataset.tab).classList.add("active");
}));
downloads();
drawMap();
