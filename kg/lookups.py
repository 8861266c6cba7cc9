"""Lookups over the stored graph: what connects two actors, leaders, entities, timelines, events, stances, paths.

Every value a caller gives is bound as an RDF term through the store's own substitution;
no query text is built from input. The web service's routes call these functions and
nothing else; the CLI's ``kg relations`` and ``kg timeline`` do too.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf import iris
from kg.store import KGStore

# Where things are (kg.store.oxigraph.split_lines): an article's facts (events, roles, stances, relation
# statements, evidence) in its named graph, descriptions of entities (labels, types, countries, codes) once in
# the default graph. Lookups say which is which: fact patterns go inside GRAPH ?g, and queries run with the
# default graph alone (union=False). Oxigraph 0.5 joins over its union default graph 5-40x more slowly.
EVENT_COLUMNS = "?e ?type ?cameo ?trigger ?date ?reported ?place ?evidence ?start ?end ?article ?conf ?recip"
EVENT_DETAILS = """
  ?e dkg:ploverType ?t ; dkg:cameoCode ?c ; dkg:trigger ?trigger ; dkg:confidence ?conf ; dkg:reciprocal ?recip ;
     dkg:evidence ?ev ; prov:wasDerivedFrom ?a .
  ?ev oa:exact ?evidence ; oa:start ?start ; oa:end ?end .
  ?a dcterms:identifier ?article .
  OPTIONAL { ?e sem:hasTimeStamp ?date }
  OPTIONAL { ?a schema:datePublished ?reported }
  OPTIONAL { ?e sem:hasPlace ?place }
"""  # inside the event's GRAPH; the place's label is in the default graph (_with_place_labels)
EVENT_TYPES = 'BIND(STRAFTER(STR(?t), "/plover/") AS ?type) BIND(STRAFTER(STR(?c), "/cameo/") AS ?cameo)'


def _query(store: KGStore, sparql: str, **kw: Any):  # noqa: ANN202
    """A lookup's query: the default graph is the shared layer alone; article facts are reached with GRAPH ?g."""
    return store.query(sparql, union=False, **kw)


def _labels(store: KGStore, things: list[str]) -> dict[str, str]:
    """IRI -> label, for entities the store gave (one lookup in the shared layer)."""
    if not things:
        return {}
    rows = _query(store, f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {_values(things)} }} ?x rdfs:label ?l }}")
    return {r["x"]: r["l"] for r in rows}


def _with_place_labels(store: KGStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = _labels(store, [r["place"] for r in rows if r.get("place")])
    for r in rows:
        r["placeLabel"] = names.get(r["place"]) if r.get("place") else None
    return rows


class Ambiguous(LookupError):
    """A name fits several entities; ``candidates`` lists them so the caller can choose."""

    def __init__(self, name: str, candidates: list[dict[str, Any]]):
        super().__init__(f"'{name}' fits {len(candidates)} entities; choose one by id")
        self.name = name
        self.candidates = candidates


class NotFound(LookupError):
    """No entity has that name, alias or id."""


@dataclass
class Connection:
    kind: str  # "event", "stance", "relation"
    type: str  # PLOVER type, "agree"/"opposed" for stances, the relation predicate
    direction: str  # "a->b", "b->a", "shared", "both"
    date: date | None
    evidence: str
    article: str
    start: int | None = None
    end: int | None = None
    cameo: str | None = None
    trigger: str | None = None
    place: str | None = None
    place_label: str | None = None
    topic: str | None = None
    confidence: float | None = None
    id: str | None = None
    reported: date | None = None  # the article's publication date: when the fact was reported
    dated_by: str | None = None  # "event": it has a date of its own; "report": placed at its article's date


def _plain(c: Connection) -> dict[str, Any]:
    """A connection as a dict (its fields are plain values: a shallow copy is enough, and much faster)."""
    return dict(vars(c))


def _id(iri: str) -> str:
    return iris.entity_id_of(str(iri)) or str(iri)


_ENTITY_ID = re.compile(r"^(person|country|org|place|treaty|topic)/[^\s<>\"{}|^`\\]{1,300}$")


def _entity_term(eid: str) -> URIRef:
    if not _ENTITY_ID.match(eid):
        raise NotFound(f"no entity '{eid[:100]}'")
    return iris.entity(eid)


def _describe(store: KGStore, term: URIRef) -> dict[str, Any] | None:
    rows = _query(store, """SELECT ?label ?type ?country ?x1 WHERE { ?x1 rdfs:label ?label ; a ?type .
        FILTER(STRSTARTS(STR(?type), STR(dkg:))) OPTIONAL { ?x1 dkg:iso3|dkg:country/dkg:iso3 ?country } }""",
                       bindings={"x1": term}).records()
    if not rows:
        return None
    eid = _id(term)
    return {"id": eid, "name": rows[0]["label"], "type": rows[0]["type"].rsplit("#", 1)[-1],
            "country": next((r["country"] for r in rows if r["country"]), None)}


_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> (generation, {key: answer})
_MEMO_SIZE = 4096


def _memo(store: KGStore, key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered until the store's next write (stores on a remote server, which other writers
    change, are not remembered). Answers are shared: treat them as read-only."""
    if store.remote is not None:
        return compute()
    gen, seen = _MEMO.get(store, (None, None))
    if gen != store.generation or seen is None:
        seen = {}
        _MEMO[store] = (store.generation, seen)
    if key not in seen:
        if len(seen) >= _MEMO_SIZE:
            seen.clear()
        seen[key] = compute()
    return seen[key]


def find_entities(store: KGStore, name: str, types: tuple[str, ...] = ("Person", "Country", "Organization"),
                  limit: int = 20) -> list[dict[str, Any]]:
    """Entities whose id, name or alias is ``name`` (case-insensitive), actors by default; remembered until
    the next write."""
    found = _memo(store, ("find", name.strip(), types, limit), lambda: _find_entities(store, name, types, limit))
    return [dict(d) for d in found]


def _find_entities(store: KGStore, name: str, types: tuple[str, ...], limit: int) -> list[dict[str, Any]]:
    name = name.strip()
    if not name:
        return []
    terms: list[URIRef] = []
    if _ENTITY_ID.match(name):
        terms.append(_entity_term(name))
    else:  # exact spellings first (index lookups), then a case-insensitive scan
        exact = "SELECT DISTINCT ?e ?name WHERE { { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } }"
        for variant in dict.fromkeys([name, name.title(), name.lower(), name.upper(), name[:1].upper() + name[1:]]):
            terms += [URIRef(r["e"]) for r in _query(store, exact, bindings={"name": Literal(variant)})]
        if not terms:
            scan = """SELECT DISTINCT ?e ?name WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
                      FILTER(LCASE(STR(?l)) = LCASE(STR(?name))) } LIMIT 200"""
            terms += [URIRef(r["e"]) for r in _query(store, scan, bindings={"name": Literal(name)})]
        if not terms:  # a surname alone: "Hayashi" for "Yoshimasa Hayashi"
            tail = """SELECT DISTINCT ?e ?name WHERE { ?e a dkg:Person ; rdfs:label ?l .
                      FILTER(STRENDS(LCASE(STR(?l)), CONCAT(" ", LCASE(STR(?name))))) } LIMIT 200"""
            terms += [URIRef(r["e"]) for r in _query(store, tail, bindings={"name": Literal(name)})]
    out: dict[str, dict[str, Any]] = {}
    for t in dict.fromkeys(terms):
        d = _describe(store, t)
        if d is not None and d["type"] in types:
            out.setdefault(d["id"], d)
    return list(out.values())[:limit]


def resolve_one(store: KGStore, name: str, types: tuple[str, ...] = ("Person", "Country", "Organization")) -> str:
    """The one entity id a name means, or :class:`NotFound` / :class:`Ambiguous`."""
    found = find_entities(store, name, types)
    if not found:
        raise NotFound(f"no {'/'.join(t.lower() for t in types)} named '{name}'")
    if len(found) > 1:
        raise Ambiguous(name, found)
    return found[0]["id"]


def _values(iris_: list[str]) -> str:
    """IRIs the store gave, checked to be this project's own, as the body of a VALUES block."""
    return " ".join(f"<{e}>" for e in dict.fromkeys(iris_) if iris.is_own(e))


def _pairs(rows: list[tuple[str, str]]) -> str:
    """(IRI, IRI) pairs the store gave, each checked to be this project's own, as the body of a VALUES block."""
    return " ".join(f"(<{x}> <{y}>)" for x, y in dict.fromkeys(rows) if iris.is_own(x) and iris.is_own(y))


def _events_values(events: list[str]) -> str:
    """A VALUES block for facts the store gave, inside ``GRAPH ?g``: each with its named graph (its IRI says which),
    which lets the engine read just that graph (2x faster than leaving ?g to be found), else the facts alone."""
    graphs = [iris.graph_of_fact(e) for e in events]
    if all(graphs):
        return f"VALUES (?e ?g) {{ {_pairs(list(zip(events, graphs, strict=True)))} }}"  # type: ignore[arg-type]
    return f"VALUES ?e {{ {_values(events)} }}"


def _roles_of(store: KGStore, eid: str, events: list[str]) -> dict[str, set[str]]:
    """event IRI -> {"source", "target"}: the actor's roles in the given events (one lookup)."""
    return _roles(store, [eid], events).get(eid, {})


def _roles(store: KGStore, eids: list[str], events: list[str]) -> dict[str, dict[str, set[str]]]:
    """entity id -> event IRI -> {"source", "target"}: the actors' roles in the given events (one lookup)."""
    out: dict[str, dict[str, set[str]]] = {}
    if not events:
        return out
    actors = {str(_entity_term(e)): e for e in eids}
    q = (f"SELECT ?e ?role ?x WHERE {{ GRAPH ?g {{ {_events_values(events)} "
         f"VALUES ?x {{ {_values(list(actors))} }} VALUES ?role {{ dkg:source dkg:target }} ?e ?role ?x }} }}")
    for r in _query(store, q):
        out.setdefault(actors[r["x"]], {}).setdefault(r["e"], set()).add(r["role"].rsplit("#", 1)[-1])
    return out


def _events_between(store: KGStore, a: str, b: str) -> list[Connection]:
    # Selective pattern first; no FILTER on bound variables inside OPTIONAL (it defeats the planner).
    found = _query(store, "SELECT DISTINCT ?e ?a1 ?b1 WHERE { GRAPH ?g { ?e dkg:participant ?a1 , ?b1 "
                          "FILTER NOT EXISTS { ?e dkg:mirrorOf ?first } } }",  # a reciprocal occurrence once
                   bindings={"a1": _entity_term(a), "b1": _entity_term(b)})
    rows = list(_details(store, [r["e"] for r in found]).values())
    if not rows:
        return []
    found_ids = [r["e"] for r in rows]
    roles = _roles(store, [a, b], found_ids)
    ra, rb = roles.get(a, {}), roles.get(b, {})
    out = []
    for r in rows:
        x, y = ra.get(r["e"], set()), rb.get(r["e"], set())
        if r.get("recip") or ({"source", "target"} <= x and {"source", "target"} <= y):
            direction = "both"  # a reciprocal event runs both ways
        elif "source" in x and "target" in y:
            direction = "a->b"
        elif "source" in y and "target" in x:
            direction = "b->a"
        else:
            direction = "shared"
        out.append(_event_connection(r, direction))
    return out


def _details(store: KGStore, events: list[str]) -> dict[str, dict[str, Any]]:
    """Every column of the given events, one row each (first evidence), by a VALUES lookup.

    Finding events first with a small pattern and then reading the details of just those is
    10-100x faster on a large store than one query that both finds and describes them.
    """
    own = list(dict.fromkeys(events))
    out: dict[str, dict[str, Any]] = {}
    for k in range(0, len(own), 200):
        rows = _query(store, f"SELECT {EVENT_COLUMNS} WHERE {{ GRAPH ?g {{ {_events_values(own[k:k + 200])} "
                             f"{EVENT_DETAILS} }} {EVENT_TYPES} }}")
        out.update((r["e"], r) for r in _with_place_labels(store, _first_evidence(rows.records())))
    return out


def _first_evidence(rows) -> list[dict[str, Any]]:  # noqa: ANN001
    """One row per event: an event told in several sentences keeps its first sentence as evidence."""
    best: dict[str, dict[str, Any]] = {}
    for r in rows:
        k = str(r["e"])
        if k not in best or int(r["start"]) < int(best[k]["start"]):
            best[k] = r
    return list(best.values())


def _event_connection(r: dict[str, Any], direction: str) -> Connection:
    return Connection(kind="event", type=r["type"], direction=direction, date=r["date"], evidence=r["evidence"],
                      article=r["article"], start=int(r["start"]), end=int(r["end"]), cameo=r["cameo"],
                      trigger=r["trigger"], place=_id(r["place"]) if r["place"] else None,
                      place_label=r["placeLabel"], confidence=float(r["conf"]), id=_id(r["e"]),
                      reported=r.get("reported"),
                      dated_by="event" if r["date"] else "report" if r.get("reported") else None)


def _stances_between(store: KGStore, a: str, b: str) -> list[Connection]:
    # Each side's stances alone (a few rows each), joined on the topic here, then details for the
    # matches only: one pattern joining both sides through the topic walks every stance on it.
    # The holder pattern alone first (a subquery, so the engine takes it first: 2x faster), with the graph of
    # each stance, which the detail query then names for each stance (2x faster again than GRAPH ?g unbound).
    ta, tb = str(_entity_term(a)), str(_entity_term(b))
    sides = _query(store, f"SELECT ?s ?g ?t ?pol ?x WHERE {{ {{ SELECT ?s ?g ?x WHERE {{ GRAPH ?g {{ "
                          f"VALUES ?x {{ {_values([ta, tb])} }} ?s dkg:holder ?x }} }} }} "
                          "GRAPH ?g { ?s dkg:topic ?t ; dkg:polarity ?pol } }").records()
    side_a = [r for r in sides if r["x"] == ta]
    side_b = [r for r in sides if r["x"] == tb]
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for r in side_b:
        by_topic.setdefault(r["t"], []).append(r)
    pairs = [(ra, rb) for ra in side_a for rb in by_topic.get(ra["t"], [])]
    if not pairs:
        return []
    chosen = {x["s"]: x for pair in pairs for x in pair}
    detail = _query(store, f"""SELECT ?s ?evidence ?start ?end ?article ?date WHERE {{ GRAPH ?g {{
      VALUES (?s ?g) {{ {_pairs([(x["s"], x["g"]) for x in chosen.values()])} }}
      ?s dkg:evidence ?ev ; prov:wasDerivedFrom ?art . ?ev oa:exact ?evidence ; oa:start ?start ;
         oa:end ?end . ?art dcterms:identifier ?article .
      OPTIONAL {{ ?art schema:datePublished ?date }} }} }}""").records()
    topics = _labels(store, [x["t"] for x in chosen.values()])
    for r in detail:
        r["topic"] = topics.get(chosen[r["s"]]["t"])
    info: dict[str, list[dict[str, Any]]] = {}
    for r in detail:
        info.setdefault(r["s"], []).append(r)
    out, seen = [], set()
    for ra, rb in pairs:
        for da in info.get(ra["s"], []):
            for db in info.get(rb["s"], []):
                key = (da["topic"], ra["pol"], rb["pol"], da["evidence"], db["evidence"], da["article"], da["start"])
                if key in seen:
                    continue
                seen.add(key)
                ev = da["evidence"] if da["evidence"] == db["evidence"] else f"{da['evidence']} / {db['evidence']}"
                out.append(Connection(kind="stance", type="agree" if ra["pol"] == rb["pol"] else "opposed",
                                      direction="shared", date=da["date"], evidence=ev, article=da["article"],
                                      start=int(da["start"]), end=int(da["end"]), topic=da["topic"],
                                      reported=da["date"]))
    return out


def _relations_between(store: KGStore, a: str, b: str) -> list[Connection]:
    found = _query(store, """SELECT DISTINCT ?st ?a1 ?b1 WHERE { GRAPH ?g {
        { ?st rdf:subject ?a1 ; rdf:object ?b1 } UNION { ?st rdf:subject ?b1 ; rdf:object ?a1 } } }""",
                   bindings={"a1": _entity_term(a), "b1": _entity_term(b)}).records()
    if not found:
        return []
    rows = _query(store, f"""SELECT ?s ?p ?evidence ?start ?end ?article ?date WHERE {{ GRAPH ?g {{
        VALUES ?st {{ {_values([f["st"] for f in found])} }}
        ?st a dkg:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; dkg:evidence ?ev ; prov:wasDerivedFrom ?art .
        ?ev oa:exact ?evidence ; oa:start ?start ; oa:end ?end . ?art dcterms:identifier ?article .
        OPTIONAL {{ ?art schema:datePublished ?date }} }} }}""").records()
    return [Connection(kind="relation", type=r["p"].rsplit("#", 1)[-1], direction="a->b" if _id(r["s"]) == a else "b->a",
                       date=r["date"], evidence=r["evidence"], article=r["article"], start=int(r["start"]),
                       end=int(r["end"])) for r in rows]


def relations(store: KGStore, a: str, b: str) -> dict[str, Any]:
    """Everything that connects two actors (names, aliases or ids), ordered by date.

    Raises :class:`Ambiguous` (with candidates) or :class:`NotFound`.
    """
    ida, idb = resolve_one(store, a), resolve_one(store, b)
    items = _events_between(store, ida, idb) + _stances_between(store, ida, idb) + _relations_between(store, ida, idb)
    items.sort(key=lambda c: (c.date is None, c.date or date.min, c.kind, c.start or 0))
    return {"a": ida, "b": idb, "count": len(items), "items": [_plain(c) for c in items]}


def leaders(store: KGStore, q: str = "", country: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """People whose name or alias contains ``q`` (case-insensitive), optionally of one country, with offices."""
    query = """SELECT DISTINCT ?p ?name ?country ?code ?q ?cc WHERE {
      ?p a dkg:Person ; rdfs:label ?name .
      OPTIONAL { ?p dkg:country/dkg:iso3 ?country } OPTIONAL { ?p dkg:actorCode ?code }
      FILTER(EXISTS { ?p rdfs:label|skos:altLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), LCASE(STR(?q)))) })
      FILTER(STR(?cc) = "" || (BOUND(?country) && ?country = UCASE(STR(?cc))))
    } ORDER BY ?name"""
    rows = _query(store, query, bindings={"q": Literal(q), "cc": Literal(country or "")}).records()
    people: dict[str, dict] = {}
    for r in rows:
        pid = _id(r["p"])
        p = people.setdefault(pid, {"id": pid, "name": r["name"], "country": r["country"], "actor_code": r["code"]})
        if country and r["country"] == country.upper():  # a person named with several countries: the one asked
            p["country"], p["actor_code"] = r["country"], r["code"]
    page = list(people.values())[offset : offset + limit]
    for p in page:
        p["offices"] = _offices(store, p["id"])
    return page


def _offices(store: KGStore, pid: str) -> list[dict]:
    q = """SELECT DISTINCT ?title ?rc ?asserted ?article ?p1 WHERE { GRAPH ?g {
      ?r dkg:holder ?p1 ; dkg:title ?title ; prov:wasDerivedFrom/dcterms:identifier ?article .
      OPTIONAL { ?r dkg:roleCountry ?rc } OPTIONAL { ?r sem:hasTimeStamp ?asserted } } }
      ORDER BY ?asserted"""
    rows = _query(store, q, bindings={"p1": _entity_term(pid)}).records()
    return [{"title": r["title"], "country": _country_code(r["rc"]), "asserted": r["asserted"], "article": r["article"]}
            for r in rows]


def _country_code(iri: str | None) -> str | None:
    """id:country/RUS -> "RUS" (country IRIs are minted from ISO 3166 alpha-3 codes)."""
    eid = iris.entity_id_of(iri) if iri else None
    return eid.split("/", 1)[1] if eid and eid.startswith("country/") else None


def entity(store: KGStore, eid: str) -> dict[str, Any]:
    """One entity with all its facts: names, offices, events, stances, relations, articles."""
    term = _entity_term(eid)
    base = _query(store, """SELECT ?label ?type ?country ?code ?x1 WHERE { ?x1 rdfs:label ?label ; a ?type .
        FILTER(STRSTARTS(STR(?type), STR(dkg:)))
        OPTIONAL { ?x1 dkg:iso3|dkg:country/dkg:iso3 ?country } OPTIONAL { ?x1 dkg:actorCode ?code } }""",
                       bindings={"x1": term}).records()
    if not base:
        raise NotFound(f"no entity '{eid}'")
    aliases = sorted({r["a"] for r in _query(store, "SELECT ?a ?x1 WHERE { ?x1 skos:altLabel ?a }", bindings={"x1": term})})
    codes = sorted({r["code"] for r in base if r["code"]})
    rels = _query(store, """SELECT DISTINCT ?p ?s ?o ?evidence ?article ?x1 WHERE { GRAPH ?g {
        { ?st rdf:subject ?x1 } UNION { ?st rdf:object ?x1 }
        ?st a dkg:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
            dkg:evidence/oa:exact ?evidence ; prov:wasDerivedFrom/dcterms:identifier ?article . } }""",
                  bindings={"x1": term}).records()
    names = _labels(store, [r["s"] for r in rels] + [r["o"] for r in rels])
    for r in rels:
        r["sl"], r["ol"] = names.get(r["s"]), names.get(r["o"])
    st = stances(store, holder=eid)
    arts = sorted({r["article"] for r in _query(store, """SELECT DISTINCT ?article ?x1 WHERE { GRAPH ?g {
        ?a schema:mentions ?x1 ; a dkg:Article ; dcterms:identifier ?article } }""", bindings={"x1": term})})
    return {"id": eid, "name": base[0]["label"], "type": base[0]["type"].rsplit("#", 1)[-1],
            "country": base[0]["country"], "actor_codes": codes, "aliases": aliases,
            "offices": _offices(store, eid) if base[0]["type"].endswith("Person") else [],
            "events": timeline(store, eid), "stances": st,
            "relations": _dedupe([{"predicate": r["p"].rsplit("#", 1)[-1], "subject": _id(r["s"]), "object": _id(r["o"]),
                                   "subject_name": r["sl"], "object_name": r["ol"],
                                   "evidence": r["evidence"], "article": r["article"]} for r in rels]),
            "articles": arts}


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop repeats of the same relation stated by the same sentence (several statement nodes, one fact)."""
    seen, out = set(), []
    for i in sorted(items, key=lambda i: (i["article"], i["predicate"], i["subject"], i["object"])):
        key = tuple(sorted(i.items()))
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out


def _position(e: str) -> tuple[str, int]:
    """An event's article key and number from its IRI (…/event/<article>/<n>): its place in the article."""
    head, _, n = e.rpartition("/")
    return head, int(n) if n.isdigit() else 0


def timeline(store: KGStore, eid: str, limit: int = 500, offset: int = 0) -> list[dict]:
    """Events an actor took part in, in order of their date, or else of their article's publication date."""
    return timeline_page(store, eid, limit, offset)[0]


def timeline_page(store: KGStore, eid: str, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """One page of an actor's timeline, and the number of events in the whole timeline.

    The order comes from a light query over all the actor's events (dates only); details are
    read for the requested page only. Events of the same day keep their article's order.
    """
    keys = _query(store, "SELECT ?e ?date ?x1 WHERE { GRAPH ?g { ?e dkg:participant ?x1 "
                         "OPTIONAL { ?e sem:hasTimeStamp ?date } } }", bindings={"x1": _entity_term(eid)}).records()
    undated = [r["e"] for r in keys if r["date"] is None]
    reported: dict[str, Any] = {}
    if undated:  # only undated events need their article's date
        reported = {r["e"]: r["reported"] for r in _query(
            store, f"SELECT ?e ?reported WHERE {{ GRAPH ?g {{ VALUES ?e {{ {_values(undated)} }} "
            "?e prov:wasDerivedFrom/schema:datePublished ?reported } }").records()}
    first: dict[str, tuple] = {}
    for r in keys:
        d, rep = r["date"], reported.get(r["e"])
        # Undated events sit at their article's publication date (``reported``), after the dated events of that day.
        k = (d is None and rep is None, d or rep or date.min, d is None, _position(r["e"]))
        if r["e"] not in first or k < first[r["e"]]:
            first[r["e"]] = k
    page = sorted(first, key=lambda e: first[e])[offset : offset + limit]
    details = _details(store, page)
    roles = _roles_of(store, eid, page)
    items = []
    for e in page:
        if e in details:
            c = _plain(_event_connection(details[e], "shared"))
            c["roles"] = sorted(roles.get(e, set()))
            items.append(c)
    return items, len(first)


_EVENT_FILTERS = {  # constant fragments; only values are bound, by substitution
    "type": "?e dkg:ploverType ?ftype .",
    "actor": "?e sem:hasActor ?factor .",
    "country": "?e sem:hasActor ?fca .",
    "place": "?e sem:hasPlace ?fplace .",
    "from": "FILTER(BOUND(?date) && ?date >= ?ffrom)",
    "to": "FILTER(BOUND(?date) && ?date <= ?fto)",
}
_EVENT_FILTERS_SHARED = {"country": "?fca dkg:iso3|dkg:country/dkg:iso3 ?fcountry ."}  # in the shared layer


def events(store: KGStore, type: str | None = None, actor: str | None = None, country: str | None = None,
           place: str | None = None, date_from: date | None = None, date_to: date | None = None,
           limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Events filtered by PLOVER type, actor (name or id), actor country (ISO3), place, and date range.

    The date range, and the order, use one rule, as the exports do: the event's own date, else its article's
    publication date; each item's ``dated_by`` says which ("event" or "report")."""
    from kg.rdf.namespaces import PLOVER

    b: dict[str, Any] = {}
    if type:
        b["ftype"] = PLOVER[type.upper()]
    if actor:
        b["factor"] = _entity_term(resolve_one(store, actor))
    if country:
        b["fcountry"] = Literal(country.upper())
    if place:
        b["fplace"] = _entity_term(resolve_one(store, place, ("Place", "Country")))
    if date_from:
        b["ffrom"] = literal_date(date_from)
    if date_to:
        b["fto"] = literal_date(date_to)
    keys = {"ftype": "type", "factor": "actor", "fcountry": "country", "fplace": "place", "ffrom": "from", "fto": "to"}
    first = " ".join(_EVENT_FILTERS[keys[k]] for k in b if k not in ("ffrom", "fto"))
    shared = " ".join(_EVENT_FILTERS_SHARED.get(keys[k], "") for k in b)
    last = " ".join(_EVENT_FILTERS[keys[k]] for k in b if k in ("ffrom", "fto"))
    projected = " ".join(f"?{k}" for k in b)
    # Two steps: the matching events with their dates (small rows, all of them: the total and the order),
    # then the details of one page only.
    span = (date_to - date_from).days if date_from and date_to else None
    if span is not None and span < 0:
        found: list[dict[str, Any]] = []
    elif span is not None and span <= 1000:
        # A bounded range: each day of it is an index lookup on dkg:effectiveDate (the event's own date, else
        # its article's), instead of a scan over every date. The day literals are made here from two dates,
        # never from a caller's text. The subquery makes the engine take the days first.
        days = " ".join(f'"{(date_from + timedelta(days=d)).isoformat()}"^^xsd:date' for d in range(span + 1))  # type: ignore[operator]
        rest = {k: v for k, v in b.items() if k not in ("ffrom", "fto")}
        is_event = "" if "ftype" in rest else "?e a dkg:Event ."  # a PLOVER type already says it is an event
        found = _query(store, f"SELECT DISTINCT ?e ?date {' '.join(f'?{k}' for k in rest)} WHERE {{ "
                              f"{{ SELECT ?e ?date ?g WHERE {{ VALUES ?date {{ {days} }} "
                              f"GRAPH ?g {{ ?e dkg:effectiveDate ?date }} }} }} "
                              f"GRAPH ?g {{ {first} {is_event} }} {shared} }}", bindings=rest).records()
    else:
        found = _query(store, f"SELECT DISTINCT ?e ?date {projected} WHERE {{ GRAPH ?g {{ {first} ?e a dkg:Event . "
                              f"OPTIONAL {{ ?e dkg:effectiveDate ?date }} }} {shared} {last} }}",
                       bindings=b).records()
    dated: dict[str, Any] = {}
    for r in found:
        d = dated.get(r["e"])
        dated[r["e"]] = r["date"] if d is None or (r["date"] is not None and r["date"] < d) else d
    order = sorted(dated, key=lambda e: (dated[e] is None, dated[e] or date.min, e))
    page = order[offset : offset + limit]
    details = _details(store, page)
    items = [_plain(_event_connection(details[e], "shared")) for e in page if e in details]
    return {"total": len(dated), "offset": offset, "limit": limit, "items": items}


def stances(store: KGStore, topic: str | None = None, holder: str | None = None) -> list[dict]:
    """Who stands where: stances filtered by topic (part of its label or an alias, any case, or its id) and holder
    (name or id). "nuclear" finds nuclear weapons and nuclear arms reduction, as /leaders?q= finds names."""
    holder_id = resolve_one(store, holder) if holder and "/" not in holder else holder
    q = """SELECT DISTINCT ?h ?holder ?topicLabel ?t ?pol ?conf ?evidence ?article ?ft ?fh WHERE {
      GRAPH ?g { ?s a dkg:Stance ; dkg:holder ?h ; dkg:topic ?t ; dkg:polarity ?p ; dkg:confidence ?conf ;
         dkg:evidence/oa:exact ?evidence ; prov:wasDerivedFrom/dcterms:identifier ?article . }
      ?h rdfs:label ?holder . ?t rdfs:label ?topicLabel .
      BIND(LCASE(STRAFTER(STR(?p), "#")) AS ?pol)
      FILTER(STR(?ft) = "" || CONTAINS(LCASE(STR(?topicLabel)), LCASE(STR(?ft))) || STR(?t) = STR(?ft)
             || EXISTS { ?t skos:altLabel ?tl FILTER(CONTAINS(LCASE(STR(?tl)), LCASE(STR(?ft)))) })
      FILTER(STR(?fh) = "" || STR(?h) = STR(?fh))
    } ORDER BY ?topicLabel ?holder"""
    topic_key = str(iris.entity(topic)) if topic and "/" in topic else (topic or "")
    rows = _query(store, q, bindings={"ft": Literal(topic_key),
                                    "fh": Literal(str(iris.entity(holder_id)) if holder_id else "")})
    return [{"holder": _id(r["h"]), "holder_name": r["holder"], "topic": r["topicLabel"], "topic_id": _id(r["t"]),
             "polarity": r["pol"], "confidence": float(r["conf"]), "evidence": r["evidence"], "article": r["article"]}
            for r in rows]


def actor_graph(store: KGStore):  # noqa: ANN201
    """The actor network as a networkx MultiGraph: events, relations and shared stances as edges."""
    import networkx as nx

    g = nx.MultiGraph()
    for r in _query(store, """SELECT DISTINCT ?e ?s ?t ?type WHERE { GRAPH ?g { ?e dkg:source ?s ; dkg:target ?t ;
            dkg:ploverType ?pt . FILTER(?s != ?t) } BIND(STRAFTER(STR(?pt), "/plover/") AS ?type) }"""):
        g.add_edge(_id(r["s"]), _id(r["t"]), kind="event", type=r["type"], id=_id(r["e"]))
    for r in _query(store, """SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?st a dkg:RelationStatement ;
            rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }"""):
        g.add_edge(_id(r["s"]), _id(r["o"]), kind="relation", type=r["p"].rsplit("#", 1)[-1])
    for r in _query(store, """SELECT DISTINCT ?p ?c WHERE { ?p a dkg:Person ; dkg:country ?c }"""):
        g.add_edge(_id(r["p"]), _id(r["c"]), kind="acts_for", type="country")
    return g


def path(store: KGStore, a: str, b: str, max_paths: int = 5, max_length: int = 6) -> dict[str, Any]:
    """The shortest chains of relations linking two actors (networkx over the actor graph)."""
    import networkx as nx

    ida, idb = resolve_one(store, a), resolve_one(store, b)
    g = actor_graph(store)
    if ida not in g or idb not in g:
        return {"a": ida, "b": idb, "paths": []}
    simple = nx.Graph(g)
    out = []
    try:
        for nodes in nx.all_shortest_paths(simple, ida, idb):
            if len(nodes) - 1 > max_length:
                break
            hops = []
            for u, v in zip(nodes, nodes[1:], strict=False):
                kinds = sorted({f"{d['kind']}:{d['type']}" for d in g.get_edge_data(u, v).values()})
                hops.append({"from": u, "to": v, "links": kinds})
            out.append({"nodes": nodes, "hops": hops})
            if len(out) >= max_paths:
                break
    except nx.NetworkXNoPath:
        pass
    return {"a": ida, "b": idb, "paths": out}


def literal_date(d: date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


def article(store: KGStore, aid: str) -> dict[str, Any]:
    """One stored article: metadata, text, and the entities and events its graph holds."""
    g = iris.graph(aid)
    meta = store.query("""SELECT ?id ?title ?published ?source ?url ?author ?site ?text ?ingested ?g WHERE { GRAPH ?g {
        ?a a dkg:Article ; dcterms:identifier ?id ; dkg:text ?text ; prov:wasGeneratedBy/prov:endedAtTime ?ingested .
        OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a schema:datePublished ?published }
        OPTIONAL { ?a dcterms:source ?source } OPTIONAL { ?a schema:url ?url }
        OPTIONAL { ?a dcterms:creator ?author } OPTIONAL { ?a dcterms:publisher ?site } } }""",
                       bindings={"g": g}, union=False).records()
    if not meta:
        raise NotFound(f"no article '{aid}'")
    m = meta[0]
    ents = _query(store, """SELECT DISTINCT ?e ?label ?type ?g WHERE { GRAPH ?g { ?a schema:mentions ?e }
        ?e rdfs:label ?label ; a ?type .
        VALUES ?type { dkg:Person dkg:Country dkg:Organization dkg:Place dkg:Treaty dkg:Topic } } ORDER BY ?label""",
                  bindings={"g": g})
    evs = store.query(f"""SELECT {EVENT_COLUMNS} ?g WHERE {{ GRAPH ?g {{ {EVENT_DETAILS} }} {EVENT_TYPES} }}""",
                      bindings={"g": g}, union=False).records()
    items = [_plain(_event_connection(r, "shared")) for r in _with_place_labels(store, _first_evidence(evs))]
    items.sort(key=lambda c: c["start"])
    return {"id": m["id"], "title": m["title"], "published": m["published"], "source": m["source"] or m["url"],
            "url": m["url"], "author": m["author"], "site": m["site"], "ingested": str(m["ingested"]), "triples": store.graph_size(aid), "text": m["text"],
            "entities": [{"id": _id(r["e"]), "name": r["label"], "type": r["type"].rsplit("#", 1)[-1]} for r in ents],
            "events": items}


def search(store: KGStore, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose name or alias contains ``q`` (case-insensitive), best first: exact, prefix, contained."""
    q = q.strip()
    if not q:
        return []
    rows = _query(store, """SELECT DISTINCT ?e ?label ?type ?q WHERE {
        ?e rdfs:label ?label ; a ?type . VALUES ?type { dkg:Person dkg:Country dkg:Organization }
        FILTER(EXISTS { ?e rdfs:label|skos:altLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), LCASE(STR(?q)))) }) }
        LIMIT 500""", bindings={"q": Literal(q)}).records()
    ql = q.lower()
    out = {}
    for r in rows:
        eid = _id(r["e"])
        lab = r["label"]
        rank = 0 if lab.lower() == ql else 1 if lab.lower().startswith(ql) or f" {ql}" in lab.lower() else 2
        out.setdefault(eid, {"id": eid, "name": lab, "type": r["type"].rsplit("#", 1)[-1], "rank": rank})
    items = sorted(out.values(), key=lambda d: (d["rank"], d["name"]))[:limit]
    for d in items:
        d.pop("rank")
    return items
