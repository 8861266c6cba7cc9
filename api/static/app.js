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
const $ = (s) => document.querySelector(s);
const state = { actor: null, cy: null };

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
    layout: { name: "concentric", animate: false, minNodeSpacing: 40, concentric: (n) => hops[n.id()] === undefined ? 0 : 10 - hops[n.id()],
      levelWidth: () => 1 },
  });
  window.kgGraph = state.cy; // for tests and the console (window.cy would be the #cy element)
  state.cy.on("tap", "edge", (ev) => edgeDetails(ev.target.data("source"), ev.target.data("target")));
  state.cy.on("tap", "node", (ev) => nodeDetails(ev.target.id()));
  downloads();
  timeline(id);
  nodeDetails(id);
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
    $("#details-body").innerHTML = `<p><b>${esc(name(a))}</b> and <b>${esc(name(b))}</b>: ${r.count} connections</p>`
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
      + (st ? `<h3>Stances</h3><ul>${st}</ul>` : "") + `<p class="muted">${e.events.length} events in ${e.articles.length} articles</p>`;
  } catch (err) { $("#details-body").innerHTML = `<p class="muted">${esc(err.message)}</p>`; }
}

async function timeline(id) {
  const ol = $("#timeline");
  try {
    const items = await getJSON(`/leaders/${id}/timeline?limit=500`);
    ol.innerHTML = items.map((i) => `<li data-date="${esc(i.date || i.reported || "")}"><b>${esc(when(i))}</b> ${esc(i.type)} — ${esc(i.trigger)}<br><span class="muted">${esc(i.evidence.slice(0, 160))}</span></li>`).join("")
      || '<li class="muted">No events.</li>';
  } catch (e) { ol.innerHTML = `<li class="muted">${esc(e.message)}</li>`; }
}

function downloads() {
  const p = filters();
  if (state.actor) { p.set("actor", state.actor); p.set("depth", $("#depth").value); }
  const fmts = [["graphml", "GraphML"], ["gexf", "GEXF"], ["cytoscape", "Cytoscape JSON"], ["csv", "CSV"], ["svg", "SVG"], ["png", "PNG"], ["trig", "TriG"], ["nquads", "N-Quads"], ["jsonld", "JSON-LD"], ["turtle", "Turtle"]];
  $("#downloads").innerHTML = "Download: " + fmts.map(([f, label]) => { p.set("format", f); return `<a href="/export?${p}">${label}</a>`; }).join("");
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
for (const id of ["#type", "#from", "#to", "#depth"]) $(id).onchange = () => state.actor && show(state.actor);
document.querySelectorAll(".tab").forEach((b) => (b.onclick = () => {
  document.querySelectorAll(".tab, .page").forEach((x) => x.classList.remove("active"));
  b.classList.add("active");
  $("#" + b.dataset.tab).classList.add("active");
}));
downloads();
