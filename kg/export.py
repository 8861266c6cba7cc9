"""Exports: the RDF as it is stored, and networkx projections for Gephi, Cytoscape and scripts.

RDF formats (Turtle, TriG, N-Quads, JSON-LD) stream quads out of the store. The graph
formats (GraphML, GEXF, Cytoscape.js JSON, CSV nodes/edges) are projections built with
networkx from a filtered set of events:

* the **actor network**: leaders, countries and organisations as nodes; one edge per
  pair of actors aggregating their events (count, counts by PLOVER type, first and last
  date, mean Goldstein score as a net cooperation/conflict score) and the relations
  stated between them;
* the **entity-event graph**: entities and events as nodes, an edge from each event to
  each of its actors labelled with the role (source, target, participant).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from kg.rdf import iris
from kg.rdf.namespaces import ID, PREFIXES
from kg.stages.lexicon import goldstein
from kg.store import KGStore
from kg.types import PLOVER_TYPES

RDF_FORMATS = {"turtle": ("TURTLE", "text/turtle", "ttl"), "trig": ("TRIG", "application/trig", "trig"),
               "nquads": ("N_QUADS", "application/n-quads", "nq"),
               "jsonld": ("JSON_LD", "application/ld+json", "jsonld")}
GRAPH_FORMATS = {"graphml": ("application/graphml+xml", "graphml"), "gexf": ("application/gexf+xml", "gexf"),
                 "cytoscape": ("application/json", "cyjs.json"), "csv": ("application/zip", "zip")}
PICTURE_FORMATS = {"svg": ("image/svg+xml", "svg"), "png": ("image/png", "png")}
FORMATS = tuple(RDF_FORMATS) + tuple(GRAPH_FORMATS) + tuple(PICTURE_FORMATS)


@dataclass
class Filters:
    """Which part of the graph to export."""

    articles: list[str] | None = None
    date_from: date | None = None
    date_to: date | None = None
    actor: str | None = None  # an entity id; with depth, its neighbourhood
    depth: int = 1
    types: list[str] | None = None  # PLOVER types

    def graph_filter_active(self) -> bool:
        return bool(self.date_from or self.date_to or self.actor or self.types)


def _article_graphs(store: KGStore, f: Filters) -> list[str]:
    base = str(ID["graph/"])
    names = [g for g in store.graph_names() if g.startswith(base)]
    if f.articles:
        wanted = {str(iris.graph(a)) for a in f.articles}
        names = [g for g in names if g in wanted]
    if f.date_from or f.date_to:
        keep = []
        for g in names:
            aid = g[len(base):]
            from urllib.parse import unquote

            rows = store.query("SELECT ?d ?g WHERE { GRAPH ?g { ?a schema:datePublished ?d } }",
                               bindings={"g": iris.graph(unquote(aid))}, union=False).records()
            d = rows[0]["d"] if rows else None
            if d and (not f.date_from or d >= f.date_from) and (not f.date_to or d <= f.date_to):
                keep.append(g)
        names = keep
    return names


def rdf_chunks(store: KGStore, fmt: str, f: Filters | None = None, chunk: int = 2000) -> Iterator[bytes]:
    """Serialise the article graphs and the shared layer they name (the descriptions of their entities).

    TriG/N-Quads/JSON-LD keep the named graphs, with the shared layer as the default graph; Turtle is
    their merge. Without filters, the whole store.
    """
    import pyoxigraph as ox

    f = f or Filters()
    rdf_fmt = getattr(ox.RdfFormat, RDF_FORMATS[fmt][0])
    graphs = _article_graphs(store, f)
    everything = not (f.articles or f.date_from or f.date_to)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    shared = store.shared_quads(None if everything else graphs)
    if fmt == "turtle":
        triples = list(dict.fromkeys([q.triple for g in graphs for q in store.graph_quads(g)]
                                     + [q.triple for q in shared]))
        yield ox.serialize(triples, format=rdf_fmt, prefixes=prefixes) or b""
        return
    if fmt == "jsonld":  # JSON-LD is one document: serialise in one go
        quads = shared + [q for g in graphs for q in store.graph_quads(g)]
        yield ox.serialize(quads, format=rdf_fmt) or b""
        return
    for k in range(0, len(shared), chunk):  # TriG / N-Quads: the shared layer, then graph by graph
        yield ox.serialize(shared[k:k + chunk], format=rdf_fmt, prefixes=prefixes if fmt == "trig" else None) or b""
    for g in graphs:
        quads = list(store.graph_quads(g))
        for k in range(0, len(quads), chunk):
            yield ox.serialize(quads[k:k + chunk], format=rdf_fmt, prefixes=prefixes if fmt == "trig" else None) or b""


# ---------------------------------------------------------------- projections

# Article facts are matched inside GRAPH ?g, entity descriptions in the default graph (the shared layer),
# and the queries run over the default graph alone (union=False): see kg.lookups.
EVENTS_Q = """SELECT DISTINCT ?e ?type ?cameo ?date ?reported ?s ?t ?p ?article WHERE { GRAPH ?g {
  ?e a dkg:Event ; dkg:ploverType ?pt ; dkg:cameoCode ?c ; prov:wasDerivedFrom ?a . ?a dcterms:identifier ?article .
  OPTIONAL { ?a schema:datePublished ?reported }
  OPTIONAL { ?e sem:hasTimeStamp ?date }
  OPTIONAL { ?e dkg:source ?s } OPTIONAL { ?e dkg:target ?t } OPTIONAL { ?e dkg:participant ?p } }
  BIND(STRAFTER(STR(?pt), "/plover/") AS ?type) BIND(STRAFTER(STR(?c), "/cameo/") AS ?cameo) }"""
ENTITIES_Q = """SELECT ?x ?label ?type ?country ?code WHERE { ?x rdfs:label ?label ; a ?type .
  VALUES ?type { dkg:Person dkg:Country dkg:Organization dkg:Place dkg:Treaty dkg:Topic }
  OPTIONAL { ?x dkg:iso3|dkg:country/dkg:iso3 ?country } OPTIONAL { ?x dkg:actorCode ?code } }"""
STANCES_Q = """SELECT DISTINCT ?h ?topic ?pol ?article WHERE { GRAPH ?g { ?s a dkg:Stance ; dkg:holder ?h ;
  dkg:topic ?topic ; dkg:polarity ?pol ; prov:wasDerivedFrom/dcterms:identifier ?article } }"""
RELATIONS_Q = """SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?st a dkg:RelationStatement ; rdf:subject ?s ;
  rdf:predicate ?p ; rdf:object ?o } }"""


def _eid(iri: str | None) -> str | None:
    return iris.entity_id_of(iri) if iri else None


def _events(store: KGStore, f: Filters) -> dict[str, dict]:
    """Events (by IRI) with their actors, filtered by article, date and type."""
    arts = set(f.articles or [])
    out: dict[str, dict] = {}
    for r in store.query(EVENTS_Q, union=False):
        if arts and r["article"] not in arts:
            continue
        if f.types and r["type"] not in f.types:
            continue
        d = r["date"] or r["reported"]  # an undated event counts at its article's publication date
        if (f.date_from and (d is None or d < f.date_from)) or (f.date_to and (d is None or d > f.date_to)):
            continue
        ev = out.setdefault(r["e"], {"id": _eid(r["e"]), "type": r["type"], "cameo": r["cameo"], "date": d,
                                     "article": r["article"], "source": set(), "target": set(), "participant": set()})
        for role in ("s", "t", "p"):
            if r[role]:
                ev[{"s": "source", "t": "target", "p": "participant"}[role]].add(_eid(r[role]))
    return out


def _entities(store: KGStore) -> dict[str, dict]:
    ents: dict[str, dict] = {}
    for r in store.query(ENTITIES_Q, union=False):
        eid = _eid(r["x"])
        e = ents.setdefault(eid, {"label": r["label"], "kind": r["type"].rsplit("#", 1)[-1], "country": "",
                                  "actor_code": ""})
        e["country"] = e["country"] or (r["country"] or "")
        e["actor_code"] = e["actor_code"] or (r["code"] or "")
    return ents


def _add_actor(g: nx.Graph, ents: dict[str, dict], n: str, **extra: Any) -> None:
    """Add an entity node with its typed attributes, once."""
    if n not in g:
        e = ents.get(n, {})
        g.add_node(n, label=e.get("label", n), kind=e.get("kind", ""), country=e.get("country", ""),
                   actor_code=e.get("actor_code", ""), **extra)


def _pair(g: nx.Graph, a: str, b: str) -> dict[str, Any]:
    """The attributes of the actor pair's edge, created with zero counts when new."""
    u, v = sorted((a, b))
    if not g.has_edge(u, v):
        g.add_edge(u, v, events=0, goldstein_sum=0.0, first_date="", last_date="", relations="", stances_agree=0,
                   stances_opposed=0, **{f"n_{t}": 0 for t in PLOVER_TYPES})
    return g.edges[u, v]


def actor_network(store: KGStore, f: Filters | None = None) -> nx.Graph:
    """Actors as nodes; one edge per pair aggregating their events and relations (typed attributes)."""
    f = f or Filters()
    ents = _entities(store)
    g = nx.Graph()
    for ev in _events(store, f).values():
        pairs = {(a, b) for a in ev["source"] for b in ev["target"] if a != b} or {
            (a, b) for a in ev["participant"] for b in ev["participant"] if a < b}
        for a, b in pairs:
            _add_actor(g, ents, a, events=0)
            _add_actor(g, ents, b, events=0)
            d = _pair(g, a, b)
            d["events"] += 1
            d[f"n_{ev['type']}"] += 1
            d["goldstein_sum"] += float(goldstein(ev["cameo"]) or 0.0)
            if ev["date"]:
                iso = ev["date"].isoformat()
                d["first_date"] = min(d["first_date"] or iso, iso)
                d["last_date"] = max(d["last_date"], iso)
            g.nodes[a]["events"] += 1
            g.nodes[b]["events"] += 1
    for r in store.query(RELATIONS_Q, union=False):
        s, o = _eid(r["s"]), _eid(r["o"])
        if s in g and o in g:
            d = _pair(g, s, o)
            d["relations"] = ";".join(sorted(set(filter(None, d["relations"].split(";"))) | {r["p"].rsplit("#", 1)[-1]}))
    # Stances: two actors in the network that took a side on the same topic agree or are opposed on it.
    sides: dict[str, dict[str, set[str]]] = {}
    arts = set(f.articles or [])
    for r in store.query(STANCES_Q, union=False):
        h = _eid(r["h"])
        if h and (not arts or r["article"] in arts):
            sides.setdefault(str(r["topic"]), {}).setdefault(h, set()).add(str(r["pol"]).rsplit("#", 1)[-1])
    for holders in sides.values():
        ids = sorted(holders)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if not g.has_edge(a, b) and (f.types or f.date_from or f.date_to):
                    continue  # the filters ask for events: stances only annotate the edges they chose
                _add_actor(g, ents, a, events=0)
                _add_actor(g, ents, b, events=0)
                d = _pair(g, a, b)
                d["stances_agree" if holders[a] & holders[b] else "stances_opposed"] += 1
    for _, _, d in g.edges(data=True):
        d["net_score"] = round(d["goldstein_sum"] / d["events"], 3) if d["events"] else 0.0
        d["weight"] = float(max(1, d["events"]))
    if f.actor:
        if f.actor not in g:
            return nx.Graph()
        keep = nx.single_source_shortest_path_length(g, f.actor, cutoff=max(0, f.depth))
        g = g.subgraph(keep).copy()
    return g


def entity_event_graph(store: KGStore, f: Filters | None = None) -> nx.DiGraph:
    """Entities and events as nodes; event -> actor edges labelled with the role."""
    f = f or Filters()
    ents = _entities(store)
    g = nx.DiGraph()
    for ev in _events(store, f).values():
        actors = ev["source"] | ev["target"] | ev["participant"]
        if f.actor and f.actor not in actors:
            continue
        g.add_node(ev["id"], label=f"{ev['type']} {ev['date'] or ''}".strip(), kind="Event", plover=ev["type"],
                   cameo=ev["cameo"], date=ev["date"].isoformat() if ev["date"] else "", article=ev["article"])
        for role in ("source", "target", "participant"):
            for a in ev[role]:
                _add_actor(g, ents, a)
                if not g.has_edge(ev["id"], a) or role != "participant":
                    g.add_edge(ev["id"], a, role=role)
    return g


def graph_chunks(g: nx.Graph, fmt: str) -> Iterator[bytes]:
    """GraphML, GEXF, Cytoscape.js JSON or a CSV zip, produced piece by piece."""
    if fmt == "graphml":
        for line in nx.generate_graphml(g):
            yield (line + "\n").encode()
    elif fmt == "gexf":
        for line in nx.generate_gexf(g):
            yield (line + "\n").encode()
    elif fmt == "cytoscape":
        data = nx.cytoscape_data(g)
        for piece in json.JSONEncoder(ensure_ascii=False).iterencode(data):
            yield piece.encode()
    elif fmt == "csv":
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            nodes, edges = csv_tables(g)
            z.writestr("nodes.csv", nodes)
            z.writestr("edges.csv", edges)
        yield buf.getvalue()
    else:
        raise ValueError(f"unknown graph format {fmt!r}")


def csv_tables(g: nx.Graph) -> tuple[str, str]:
    """(nodes.csv, edges.csv) text in Gephi's spreadsheet import layout (Id/Label, Source/Target)."""
    nkeys = sorted({k for _, d in g.nodes(data=True) for k in d} - {"label"})
    ekeys = sorted({k for _, _, d in g.edges(data=True) for k in d})
    nb, eb = io.StringIO(), io.StringIO()
    w = csv.writer(nb)
    w.writerow(["Id", "Label", *nkeys])
    for n, d in g.nodes(data=True):
        w.writerow([n, d.get("label", n), *(d.get(k, "") for k in nkeys)])
    w = csv.writer(eb)
    w.writerow(["Source", "Target", "Type", *ekeys])
    for u, v, d in g.edges(data=True):
        w.writerow([u, v, "Directed" if g.is_directed() else "Undirected", *(d.get(k, "") for k in ekeys)])
    return nb.getvalue(), eb.getvalue()


def summary(g: nx.Graph) -> dict[str, Any]:
    kinds = Counter(d.get("kind", "") for _, d in g.nodes(data=True))
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "kinds": dict(kinds)}


def draw(g: nx.Graph, fmt: str, title: str = "") -> bytes:
    """A picture of an actor network (SVG or PNG) for a report: readable labels, edges coloured by the
    net cooperation/conflict score, widths by number of events, and a legend."""
    from matplotlib.colors import TwoSlopeNorm
    from matplotlib.lines import Line2D

    from kg.pictures import figure_bytes, pyplot_agg

    plt = pyplot_agg()

    fig, ax = plt.subplots(figsize=(11, 8), dpi=150)
    ax.set_axis_off()
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no events match these filters", ha="center", va="center", fontsize=14)
    else:
        pos = nx.spring_layout(g, seed=7, k=1.8 / max(1, g.number_of_nodes()) ** 0.5, weight=None)
        norm = TwoSlopeNorm(vmin=-10, vcenter=0, vmax=10)
        cmap = plt.get_cmap("RdYlGn")
        edges = list(g.edges(data=True))
        nx.draw_networkx_edges(g, pos, ax=ax, edgelist=[(u, v) for u, v, _ in edges],
                               width=[1 + 1.5 * min(6, d.get("events", 1)) for _, _, d in edges],
                               edge_color=[cmap(norm(d.get("net_score", 0.0))) for _, _, d in edges], alpha=0.85)
        colours = {"Person": "#4C78A8", "Country": "#F58518", "Organization": "#54A24B"}
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[300 + 120 * min(10, d.get("events", 1))
                                                         for _, d in g.nodes(data=True)],
                               node_color=[colours.get(d.get("kind", ""), "#999999") for _, d in g.nodes(data=True)],
                               edgecolors="white", linewidths=1.5)
        nx.draw_networkx_labels(g, pos, ax=ax, labels={n: d.get("label", n) for n, d in g.nodes(data=True)},
                                font_size=9, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                                                   "alpha": 0.8})
        handles = [Line2D([0], [0], marker="o", color="w", markerfacecolor=c, markersize=10, label=k)
                   for k, c in colours.items()]
        handles += [Line2D([0], [0], color=cmap(norm(8)), lw=3, label="cooperation (Goldstein > 0)"),
                    Line2D([0], [0], color=cmap(norm(0)), lw=3, label="neutral"),
                    Line2D([0], [0], color=cmap(norm(-8)), lw=3, label="conflict (Goldstein < 0)"),
                    Line2D([0], [0], color="#777777", lw=1, label="line width: number of events")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=True)  # beside, never over, the graph
    if title:
        ax.set_title(title, fontsize=13)
    return figure_bytes(fig, fmt)


PICTURES = ("network", "series", "map")


def picture(store: KGStore, fmt: str, f: Filters, kind: str = "network", partner: str | None = None,
            bucket: str = "month") -> bytes:
    """A picture (SVG or PNG) for a report: the actor network (``network``), the time chart of ``f.actor``'s
    events, or of those between it and ``partner`` (``series``), or the world map of events (``map``,
    optionally of ``f.actor``'s events). Dates filter all three. ValueError when ``series`` has no actor."""
    from kg import pictures, summaries
    from kg.lookups import _describe, _entity_term

    def name(eid: str) -> str:
        d = _describe(store, _entity_term(eid))
        return d["name"] if d else eid

    if kind == "series":
        if not f.actor:
            raise ValueError("a time chart needs an actor (and optionally a partner)")
        s = summaries.series(store, f.actor, partner, bucket, f.date_from, f.date_to)
        title = f"{name(s['a'])} and {name(s['b'])}" if s["b"] else name(s["a"])
        return pictures.series_chart(s, fmt, f"{title}: events per {bucket}")
    if kind == "map":
        geo = summaries.geo(store, f.actor, f.date_from, f.date_to)
        return pictures.map_chart(geo, fmt, f"Events of {name(f.actor)} by country" if f.actor else "Events by country")
    if kind != "network":
        raise ValueError(f"picture: use one of {', '.join(PICTURES)}")
    net = actor_network(store, f)
    return draw(net, fmt, f"neighbourhood of {net.nodes[f.actor]['label']}" if f.actor in net else "actor network")
