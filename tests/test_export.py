"""Exports: RDF formats re-parse to the stored graphs; network files read back with the same data."""

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg import export as X
from kg.rdf import iris
from kg.rdf.namespaces import SCHEMA
from kg.rdf.to_rdf import article_graph
from kg.store import open_store
from kg.store.oxigraph import from_ox
from tests.test_rdf import sample


@pytest.fixture()
def store(tmp_path):
    s = open_store(tmp_path / "s")
    x = sample()
    s.put_article(x.article.id, article_graph(x))
    y = sample()
    y.article.id = "second"
    s.put_article("second", article_graph(y))
    yield s
    s.close()


def _bytes(chunks) -> bytes:
    return b"".join(chunks)


def _own(store, aid: str) -> Graph:  # noqa: ANN001
    g = Graph()
    for q in store.graph_quads(str(iris.graph(aid))):
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


@pytest.mark.parametrize(("fmt", "parse_as"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_rdf_datasets_round_trip_with_named_graphs(store, fmt, parse_as):
    ds = Dataset()
    ds.parse(data=_bytes(X.rdf_chunks(store, fmt)).decode(), format=parse_as)
    for aid in ("a/1 x", "second"):
        assert isomorphic(ds.graph(iris.graph(aid)), _own(store, aid)), aid
    shared = {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in store.shared_quads()}
    assert shared and set(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == shared  # the shared layer: the default graph
    assert len(list(ds.quads())) == store.triple_count()


def test_export_turtle_is_the_merge(store):
    g = Graph().parse(data=_bytes(X.rdf_chunks(store, "turtle")).decode(), format="turtle")
    assert len(g) == store.triple_count()


def test_export_article_filter(store):
    ds = Dataset()
    ds.parse(data=_bytes(X.rdf_chunks(store, "nquads", X.Filters(articles=["second"]))).decode(), format="nquads")
    assert {str(c.identifier) for c in ds.graphs() if len(c) and c.identifier != DATASET_DEFAULT_GRAPH_ID} \
        == {str(iris.graph("second"))}
    named = {o for _, p, o in _own(store, "second") if p == SCHEMA.mentions}
    subjects = {s for s, _, _ in ds.graph(DATASET_DEFAULT_GRAPH_ID)}
    assert named and named <= subjects and all(iris.is_shared(str(s)) for s in subjects)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network_files_read_back(store, tmp_path, fmt):
    g = X.actor_network(store)
    assert g.number_of_edges() >= 1
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(_bytes(X.graph_chunks(g, fmt)))
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(back.nodes) == set(g.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in g.edges}
    u, v, d = next(iter(g.edges(data=True)))
    bd = back.edges[u, v]
    assert int(bd["events"]) == d["events"] and float(bd["net_score"]) == d["net_score"]
    assert int(bd["n_CONSULT"]) == d["n_CONSULT"]
    assert back.nodes["person/abiy-ahmed"]["label"] == "Abiy Ahmed"


def test_export_cytoscape_and_csv(store):
    g = X.actor_network(store)
    data = json.loads(_bytes(X.graph_chunks(g, "cytoscape")))
    assert len(data["elements"]["nodes"]) == g.number_of_nodes()
    z = zipfile.ZipFile(io.BytesIO(_bytes(X.graph_chunks(g, "csv"))))
    nodes = list(csv.DictReader(io.StringIO(z.read("nodes.csv").decode())))
    edges = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode())))
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    assert {"Id", "Label"} <= set(nodes[0]) and {"Source", "Target", "events", "net_score"} <= set(edges[0])


def test_export_projections_filters(store):
    ev = X.entity_event_graph(store)
    assert any(d.get("kind") == "Event" for _, d in ev.nodes(data=True))
    assert all(d["role"] in ("source", "target", "participant") for _, _, d in ev.edges(data=True))
    assert X.actor_network(store, X.Filters(types=["ACCUSE"])).number_of_edges() == 0
    near = X.actor_network(store, X.Filters(actor="country/KEN", depth=1))
    assert "person/abiy-ahmed" in near and "country/KEN" in near


@pytest.mark.model
def test_export_api_streams_formats(tmp_path):
    from fastapi.testclient import TestClient

    from api import create_app
    from kg.ingest import ingest_many
    from kg.textio import read_path
    from tests.api.conftest import EXAMPLES, make_settings

    with open_store(tmp_path / "s") as s:
        list(ingest_many(s, [a for a in read_path(EXAMPLES) if a.id == "reykjavik-1986"]))
    with TestClient(create_app(make_settings(tmp_path / "s"))) as c:
        r = c.get("/export", params={"format": "graphml"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/graphml+xml")
        assert nx.parse_graphml(r.text).number_of_nodes() >= 2
        r = c.get("/export", params={"format": "trig"})
        ds = Dataset()
        ds.parse(data=r.text, format="trig")
        assert len(ds.graph(iris.graph("reykjavik-1986"))) > 100
        r = c.get("/export", params={"format": "csv", "actor": "Gorbachev", "depth": 1})
        assert zipfile.ZipFile(io.BytesIO(r.content)).namelist() == ["nodes.csv", "edges.csv"]
        assert c.get("/export", params={"format": "pdf"}).status_code == 422


@pytest.mark.model
def test_export_cli_writes_files(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    ex = Path(__file__).resolve().parents[1] / "examples" / "articles" / "reykjavik-1986.txt"
    d = tmp_path / "s"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(ex), "--data-dir", str(d)]).exit_code == 0
    r = runner.invoke(app, ["export", "-f", "gexf", "--out", str(tmp_path / "g.gexf"), "--data-dir", str(d)])
    assert r.exit_code == 0, r.output
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() >= 2
    r = runner.invoke(app, ["export", "-f", "csv", "--data-dir", str(d)])
    assert r.exit_code != 0 and "--out" in r.output


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_export_pictures(store, fmt):
    data = X.draw(X.actor_network(store), fmt, "test")
    if fmt == "svg":
        assert data.lstrip().startswith(b"<?xml") and b"<svg" in data and b"Abiy Ahmed" in data
    else:
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert X.draw(nx.Graph(), fmt)  # an empty selection still gives a picture saying so


def test_export_date_filter_places_undated_events_at_their_article_date(tmp_path):
    from datetime import date

    s = open_store(tmp_path / "d")
    x = sample()
    x.events[0].date = None  # published 2019-03-08
    s.put_article(x.article.id, article_graph(x))
    try:
        inside = X.actor_network(s, X.Filters(date_from=date(2019, 3, 8), date_to=date(2019, 3, 8)))
        assert inside.number_of_edges() == 1
        assert next(iter(inside.edges(data=True)))[2]["first_date"] == "2019-03-08"
        assert X.actor_network(s, X.Filters(date_from=date(2019, 3, 9))).number_of_edges() == 0
    finally:
        s.close()


def test_export_actor_edges_count_agreeing_and_opposed_stances(tmp_path):
    from kg.types import Stance

    s = open_store(tmp_path / "st")
    x = sample()
    ev = x.stances[0].evidence
    x.stances += [Stance(id="stance/2", holder="person/abiy-ahmed", topic="trade", topic_id="topic/trade",
                         polarity="oppose", confidence=0.6, evidence=ev),
                  Stance(id="stance/3", holder="country/ETH", topic="trade", topic_id="topic/trade",
                         polarity="support", confidence=0.6, evidence=ev)]
    s.put_article(x.article.id, article_graph(x))
    try:
        g = X.actor_network(s)
        kp = g.edges["country/KEN", "person/abiy-ahmed"]
        assert (kp["events"], kp["stances_opposed"], kp["stances_agree"]) == (1, 1, 0)
        ke = g.edges["country/ETH", "country/KEN"]  # no event between them: the stance makes the edge
        assert (ke["events"], ke["stances_agree"], ke["stances_opposed"]) == (0, 1, 0)
        # an event-type filter keeps only event edges, still annotated with stances
        only = X.actor_network(s, X.Filters(types=["CONSULT"]))
        assert not only.has_edge("country/ETH", "country/KEN")
        assert only.edges["country/KEN", "person/abiy-ahmed"]["stances_opposed"] == 1
        back = nx.read_graphml(io.BytesIO(b"".join(X.graph_chunks(g, "graphml"))))
        assert back.edges["country/ETH", "country/KEN"]["stances_agree"] == 1
    finally:
        s.close()
