"""Summaries analysts read at a glance: events over time (``series``) and by country (``geo``).

Both count event *occurrences*: an event told both ways ("A and B agreed", coded A -> B and, as
its mirror, B -> A) counts once, as ``/relations`` does. Both place an event at its own date, else
at its article's publication date (``dkg:effectiveDate``, the rule of ``/events`` and the
exports), and say how many were placed the second way; events with neither date are counted
apart and never fall in a period.

The quad class (verbal/material cooperation/conflict) and the Goldstein score of each event come
from its CAMEO code, through the CAMEO codebook's own tables (``kg/data/cameo_plover.json``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from rdflib import Literal

from kg.kb.countries import numeric_code
from kg.lookups import _entity_term, _labels, _memo, _query, literal_date, resolve_one
from kg.rdf import iris
from kg.stages.lexicon import QUAD_CLASSES, goldstein, quad_class
from kg.store import KGStore

BUCKETS: tuple[str, ...] = ("week", "month", "year")
MAX_PERIODS = 5000  # a chart of more periods than this is refused (ask for a coarser bucket or a shorter range)


class TooManyPeriods(ValueError):
    """The range asked for, cut in the bucket asked for, has more than MAX_PERIODS periods."""


def period_start(d: date, bucket: str) -> date:
    """The first day of the period (ISO week from Monday, month, year) that holds ``d``."""
    if bucket == "week":
        return d - timedelta(days=d.weekday())
    if bucket == "month":
        return d.replace(day=1)
    return d.replace(month=1, day=1)


def _next(start: date, bucket: str) -> date:
    if bucket == "week":
        return start + timedelta(days=7)
    if bucket == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_label(start: date, bucket: str) -> str:
    """2001-W46, 2001-11 or 2001."""
    if bucket == "week":
        y, w, _ = start.isocalendar()
        return f"{y}-W{w:02d}"
    return start.strftime("%Y-%m") if bucket == "month" else str(start.year)


def _occurrences(store: KGStore, actors: list[str], date_from: date | None, date_to: date | None) -> list[dict]:
    """Every event occurrence the actors all took part in (mirrors left out): IRI, effective date, whether the
    event has a date of its own, PLOVER type and CAMEO code."""
    terms = [_entity_term(a) for a in actors]
    names = [f"x{i}" for i in range(len(terms))]
    rows = _query(store, f"""SELECT ?e ?date ?own ?t ?c {' '.join('?' + n for n in names)} WHERE {{ GRAPH ?g {{
        ?e {' ; '.join('dkg:participant ?' + n for n in names)} .
        FILTER NOT EXISTS {{ ?e dkg:mirrorOf ?first }}
        ?e dkg:ploverType ?t ; dkg:cameoCode ?c .
        OPTIONAL {{ ?e dkg:effectiveDate ?date }} OPTIONAL {{ ?e sem:hasTimeStamp ?own }} }} }}""",
                  bindings=dict(zip(names, terms, strict=True))).records()
    best: dict[str, dict] = {}
    for r in rows:  # one row per event (an event with two dates keeps its earliest)
        k = r["e"]
        if k not in best or (r["date"] is not None and (best[k]["date"] is None or r["date"] < best[k]["date"])):
            best[k] = r
    out = []
    for r in best.values():
        d = r["date"]
        if d is not None and ((date_from and d < date_from) or (date_to and d > date_to)):
            continue
        out.append({"e": r["e"], "date": d, "own": r["own"] is not None,
                    "type": r["t"].rsplit("/", 1)[-1], "cameo": r["c"].rsplit("/", 1)[-1]})
    return out


def series(store: KGStore, a: str, b: str | None = None, bucket: str = "month", date_from: date | None = None,
           date_to: date | None = None) -> dict[str, Any]:
    """Events of one actor (or between two) per period: counts by PLOVER type and by quad class, the mean
    Goldstein score, and how many were placed at their article's date. Periods run without gaps from the
    first to the last period holding an event (or from ``date_from`` to ``date_to`` when given).

    Raises :class:`kg.lookups.Ambiguous`, :class:`kg.lookups.NotFound`, :class:`TooManyPeriods`, ValueError
    for an unknown bucket."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}")
    ida = resolve_one(store, a)
    idb = resolve_one(store, b) if b else None
    if idb == ida:
        raise ValueError("a and b name the same actor")
    # not remembered here: the service keeps whole answers (as bytes) until the next write
    return _series(store, [ida] + ([idb] if idb else []), bucket, date_from, date_to)


def _series(store: KGStore, actors: list[str], bucket: str, date_from: date | None, date_to: date | None) -> dict:
    occ = _occurrences(store, actors, date_from, date_to)
    dated = [o for o in occ if o["date"] is not None]
    first = period_start(date_from, bucket) if date_from else min((o["date"] for o in dated), default=None)
    last = date_to or max((o["date"] for o in dated), default=None)
    periods: dict[date, dict[str, Any]] = {}
    if first is not None and last is not None and first <= last:
        start = period_start(first, bucket)
        while start <= last:
            if len(periods) >= MAX_PERIODS:
                raise TooManyPeriods(f"more than {MAX_PERIODS} {bucket}s between {first} and {last}: "
                                     "choose a coarser bucket or a shorter range")
            periods[start] = {"period": period_label(start, bucket), "start": start,
                              "end": _next(start, bucket) - timedelta(days=1), "events": 0,
                              "by_type": Counter(), "by_quad": dict.fromkeys(QUAD_CLASSES, 0),
                              "goldstein_mean": None, "placed_by_report": 0, "_g": []}
            start = _next(start, bucket)
    for o in dated:
        p = periods.get(period_start(o["date"], bucket))
        if p is None:
            continue
        p["events"] += 1
        p["by_type"][o["type"]] += 1
        q = quad_class(o["cameo"])
        if q:
            p["by_quad"][q] += 1
        g = goldstein(o["cameo"])
        if g is not None:
            p["_g"].append(g)
        if not o["own"]:
            p["placed_by_report"] += 1
    out = []
    for p in periods.values():
        scores = p.pop("_g")
        p["goldstein_mean"] = round(sum(scores) / len(scores), 3) if scores else None
        p["by_type"] = dict(sorted(p["by_type"].items()))
        out.append(p)
    return {"a": actors[0], "b": actors[1] if len(actors) > 1 else None, "bucket": bucket,
            "from": date_from, "to": date_to, "events": sum(p["events"] for p in out),
            "undated": len(occ) - len(dated), "periods": out}


def geo(store: KGStore, actor: str | None = None, date_from: date | None = None,
        date_to: date | None = None) -> dict[str, Any]:
    """Per country (ISO 3166-1 alpha-3): events located there (at the country or at a place in it) and events
    with the country as an actor (the country itself, or a person or organisation of it), optionally only those
    ``actor`` took part in and within a date range. Each event counts once per country and measure."""
    return _geo(store, resolve_one(store, actor) if actor else None, date_from, date_to)


def _geo(store: KGStore, aid: str | None, date_from: date | None, date_to: date | None) -> dict[str, Any]:
    # The entities that have a country are few (countries, and people, organisations and places of one): read
    # them first, then let the engine join the events' actors and places to them as a VALUES table, which is
    # ~15x faster than joining the shared layer's country paths event by event. Events told both ways are
    # counted once by subtracting their mirrors, which are few.
    table = _memo(store, ("geo-table",), lambda: _country_table(store))
    counts: dict[str, dict[str, Any]] = {}
    if table:
        b: dict[str, Any] = {}
        first, rest = "", ""
        span = (date_to - date_from).days if date_from and date_to else None
        if span is not None and span <= 1000:  # a bounded range: an index lookup per day (see lookups.events)
            first = "VALUES ?date { " + " ".join(literal_date(date_from + timedelta(days=d)).n3()  # type: ignore[operator]
                                                 for d in range(span + 1)) + " } ?e dkg:effectiveDate ?date ."
        elif date_from or date_to:
            rest = "?e dkg:effectiveDate ?date ."
            if date_from:
                b["ffrom"] = literal_date(date_from)
                rest += " FILTER(?date >= ?ffrom)"
            if date_to:
                b["fto"] = literal_date(date_to)
                rest += " FILTER(?date <= ?fto)"
        if aid:
            b["fa"] = _entity_term(aid)
            first += " ?e dkg:participant ?fa ."
        projected = " ".join(f"?{k}" for k in b)
        for mirrors in (False, True):
            mark = "?e dkg:mirrorOf ?first ." if mirrors else ""
            rows = _query(store, f"""SELECT ?code ?measure (COUNT(DISTINCT ?e) AS ?n) {projected} WHERE {{
                {{ SELECT ?e ?x ?measure {projected} WHERE {{ GRAPH ?g {{ {mark} {first}
                   {{ ?e sem:hasPlace ?x BIND("located" AS ?measure) }} UNION {{ ?e sem:hasActor ?x BIND("actor" AS ?measure) }}
                   {rest} }} }} }}
                VALUES (?x ?code) {{ {table} }} }} GROUP BY ?code ?measure {projected}""", bindings=b).records()
            for r in rows:
                c = counts.setdefault(r["code"], {"country": r["code"], "located": 0, "actor": 0})
                c[r["measure"]] += -int(r["n"]) if mirrors else int(r["n"])
    counts = {k: c for k, c in counts.items() if c["located"] or c["actor"]}
    iri = {code: str(iris.entity(f"country/{code}")) for code in counts}
    names = _labels(store, list(iri.values()))
    items = sorted(counts.values(), key=lambda c: (-(c["located"] + c["actor"]), c["country"]))
    for c in items:
        c["name"] = names.get(iri[c["country"]], c["country"])
        c["numeric"] = numeric_code(c["country"])
    return {"actor": aid, "from": date_from, "to": date_to, "countries": items}


def _country_table(store: KGStore) -> str:
    """Every entity that has a country, with its code, as the body of a ``VALUES (?x ?code)`` block."""
    codes = _query(store, "SELECT ?x ?code WHERE { ?x dkg:iso3|dkg:country/dkg:iso3 ?code }").records()
    return " ".join(f"(<{r['x']}> {Literal(r['code']).n3()})" for r in codes if iris.is_own(r["x"]))
