"""Lookups written for large stores (find first, then read one page of details) answer what a full scan would."""

from __future__ import annotations

import random
from datetime import date

import pytest

from bench.synthetic import synthetic_extraction
from kg import lookups
from kg.rdf.to_rdf import article_graph
from kg.store import open_store


@pytest.fixture(scope="module")
def store():
    rng = random.Random(4)
    s = open_store(backend="memory")
    s.put_articles([(f"synthetic-{k}", article_graph(synthetic_extraction(k, rng, persons=30))) for k in range(60)])
    yield s
    s.close()


def test_events_in_a_short_date_range_match_a_filter_over_all_events(store):
    everything = lookups.events(store, "CONSULT", limit=10_000)
    assert everything["total"] > 20
    for d0, d1 in [(date(2003, 1, 1), date(2005, 6, 30)), (date(2010, 5, 1), date(2010, 5, 1)), (date(2001, 1, 1), date(2019, 12, 31))]:
        short = (d1 - d0).days <= 1000  # day lookups up to 1,000 days, a scan beyond
        got = lookups.events(store, "CONSULT", date_from=d0, date_to=d1, limit=10_000)
        want = [i for i in everything["items"] if i["date"] and d0 <= i["date"] <= d1]
        assert [i["id"] for i in got["items"]] == [i["id"] for i in want], short
        assert got["total"] == len(want)
    assert lookups.events(store, "CONSULT", date_from=date(2010, 1, 2), date_to=date(2010, 1, 1))["total"] == 0


def test_events_pages_add_up(store):
    full = lookups.events(store, limit=10_000)
    pages = [lookups.events(store, limit=7, offset=k)["items"] for k in range(0, full["total"], 7)]
    assert [i["id"] for p in pages for i in p] == [i["id"] for i in full["items"]]
    dates = [i["date"] for i in full["items"] if i["date"]]
    assert dates == sorted(dates)


def test_timeline_pages_add_up_and_keep_date_order(store):
    pid = lookups.leaders(store, limit=1)[0]["id"]
    full, total = lookups.timeline_page(store, pid, limit=10_000)
    assert total == len(full) > 5
    pages = [lookups.timeline_page(store, pid, limit=4, offset=k)[0] for k in range(0, total, 4)]
    assert [i["id"] for p in pages for i in p] == [i["id"] for i in full]
    keys = [i["date"] or i["reported"] for i in full]
    assert keys == sorted(keys) and all(i["roles"] for i in full)


def test_stances_between_two_leaders_pair_their_stances_on_the_same_topic(store):
    rows = store.query("""SELECT ?a ?b ?t WHERE { ?s dkg:holder ?a ; dkg:topic ?t . ?s2 dkg:holder ?b ; dkg:topic ?t .
                          FILTER(STR(?a) < STR(?b)) } LIMIT 1""").records()
    a, b = (lookups._id(rows[0][k]) for k in ("a", "b"))
    stances = [i for i in lookups.relations(store, a, b)["items"] if i["kind"] == "stance"]
    assert stances and all(i["type"] in ("agree", "opposed") and i["topic"] for i in stances)
    pol = {(lookups._id(r["h"]), r["t"]): r["p"] for r in store.query(
        "SELECT ?h ?t ?p WHERE { ?s dkg:holder ?h ; dkg:topic/rdfs:label ?t ; dkg:polarity ?p }").records()}
    for i in stances:
        assert (i["type"] == "agree") == (pol[(a, i["topic"])] == pol[(b, i["topic"])])


def test_name_resolution_is_remembered_until_the_next_write():
    from kg import lookups
    from kg.pipeline import extract
    from kg.rdf.to_rdf import article_graph
    from kg.store import KGStore

    store = KGStore(None)
    x = extract("Chile praised Peru on Monday.", id="m-1", published="2020-01-08")
    store.put_article(x.article.id, article_graph(x, "test"))
    assert [e["id"] for e in lookups.find_entities(store, "Peru")] == ["country/PER"]
    calls = []
    real = store.query
    store.query = lambda *a, **k: calls.append(1) or real(*a, **k)  # type: ignore[method-assign]
    lookups.find_entities(store, "Peru")
    assert calls == []  # answered from memory
    assert lookups.find_entities(store, "Bolivia") == []
    y = extract("Bolivia thanked Peru on Tuesday.", id="m-2", published="2020-01-09")
    store.put_article(y.article.id, article_graph(y, "test"))  # a write: everything is looked up again
    assert [e["id"] for e in lookups.find_entities(store, "Bolivia")] == ["country/BOL"]
