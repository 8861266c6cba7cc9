"""The remote backend: SPARQL text rewriting, and the same answers as the embedded store from a real Oxigraph server."""

from __future__ import annotations

import random
from datetime import date

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Literal

from bench.synthetic import synthetic_extraction
from kg import export as X
from kg import lookups
from kg.config import Settings
from kg.rdf import iris
from kg.rdf.namespaces import ID
from kg.rdf.to_rdf import article_graph
from kg.store import QueryError, RemoteUnavailable, open_store
from kg.store.remote import RemoteEngine
from kg.store.runner import QueryTimeout
from kg.store.sparqltext import where_group, with_values
from tests.conftest import free_port

# ---------------------------------------------------------------- query text

@pytest.mark.parametrize("query, inner", [
    ("SELECT ?s WHERE { ?s ?p ?o }", " ?s ?p ?o "),
    ("select ?s { ?s ?p ?o } LIMIT 3", " ?s ?p ?o "),
    ("ASK { ?s ?p '}' }", " ?s ?p '}' "),
    ('SELECT ?s WHERE { ?s ?p "a { b" . # a } comment\n ?s ?q ?o }', ' ?s ?p "a { b" . # a } comment\n ?s ?q ?o '),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o < 3) }", " ?s ?p ?o FILTER(?o < 3) "),
    ("SELECT ?where WHERE { ?where ?p ?o } VALUES ?p { <urn:p> }", " ?where ?p ?o "),
    ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", " { SELECT ?s WHERE { ?s ?p ?o } } "),
    ("PREFIX ex: <urn:ex#> SELECT ?s WHERE { ?s ex:where \"\"\"x } y\"\"\" }", ' ?s ex:where """x } y""" '),
])
def test_where_group_finds_the_pattern_not_strings_comments_or_templates(query, inner):
    found = where_group(query)
    assert found is not None
    start, end = found
    assert query[start + 1:end] == inner


def test_where_group_knows_when_it_cannot_wrap():
    assert where_group("CONSTRUCT WHERE { ?s ?p ?o }") is None
    assert where_group("DESCRIBE <urn:x>") is None


def test_bound_terms_go_into_a_values_block():
    assert with_values("SELECT ?s WHERE { ?s ?p ?o }", None) == "SELECT ?s WHERE { ?s ?p ?o }"
    with pytest.raises(ValueError, match="WHERE group"):
        with_values("DESCRIBE <urn:x>", {ox.Variable("n"): ox.Literal("x")})
    hostile = 'x" } ; DROP ALL ; #'
    q = with_values("SELECT ?s ?n WHERE { ?s ?p ?n }", {ox.Variable("n"): ox.Literal(hostile)})
    assert 'VALUES (?n) { ("x\\" } ; DROP ALL ; #") }' in q
    parsed = ox.Store().query(q)  # still one well-formed query
    assert [v.value for v in parsed.variables] == ["s", "n"]


# ---------------------------------------------------------------- same behaviour as the embedded store

@pytest.fixture(scope="module")
def corpus():
    rng = random.Random(11)
    return [synthetic_extraction(k, rng, persons=40) for k in range(25)]


@pytest.fixture()
def pair(corpus, remote_store):
    """The same synthetic corpus in memory and on the Oxigraph server."""
    local = open_store(backend="memory")
    for x in corpus:
        g = article_graph(x)  # one graph, one ingest timestamp, for both
        for s in (local, remote_store):
            s.put_article(x.article.id, g)
    yield local, remote_store
    local.close()


def _plain(v):  # noqa: ANN001
    return v if not isinstance(v, list) else sorted(map(repr, v))


def test_lookups_answer_the_same_on_both(pair):
    local, remote = pair
    assert local.stats() | {"backend": "", "path": ""} == remote.stats() | {"backend": "", "path": ""}
    assert local.triple_count() == remote.triple_count() > 0
    people = lookups.leaders(local, "", limit=500)
    assert people == lookups.leaders(remote, "", limit=500) and len(people) > 10
    a, b = people[0]["id"], people[1]["id"]
    for call in (lambda s: lookups.relations(s, a, b), lambda s: lookups.timeline(s, a),
                 lambda s: lookups.entity(s, a), lambda s: lookups.events(s, "CONSULT", None, None, None, None, None, 50, 0),
                 lambda s: lookups.stances(s), lambda s: lookups.search(s, "Leader 1"),
                 lambda s: lookups.article(s, "synthetic-3"), lambda s: lookups.path(s, a, b),
                 lambda s: lookups.find_entities(s, "l5")):
        assert _plain(call(local)) == _plain(call(remote))
    assert sorted(map(str, local.articles())) == sorted(map(str, remote.articles()))


def test_exports_are_the_same_on_both(pair):
    local, remote = pair
    for fmt, rdf in (("nquads", ox.RdfFormat.N_QUADS), ("turtle", ox.RdfFormat.TURTLE)):
        quads = [set(ox.parse(b"".join(X.rdf_chunks(s, fmt)), format=rdf)) for s in (local, remote)]
        assert quads[0] == quads[1] and len(quads[0]) > 100
    f = X.Filters(date_from=date(2005, 1, 1), types=["CONSULT", "AGREE"])
    nets = [X.actor_network(s, f) for s in (local, remote)]
    assert nx.utils.graphs_equal(nets[0], nets[1]) and nets[0].number_of_edges() > 0


def test_replacement_and_deletion_keep_the_shared_layer_right(pair, corpus):
    local, remote = pair
    x, other = corpus[0], corpus[1]
    for s in (local, remote):  # replace article 0 with article 1's facts under article 0's id
        s.put_article(x.article.id, article_graph(other.model_copy(update={"article": x.article})))
        assert s.delete_article(corpus[2].article.id) and not s.has_article(corpus[2].article.id)
        assert not any("/staging/" in g for g in s.graph_names())
    assert local.triple_count() == remote.triple_count()
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # the shared layer, compared triple by triple
    assert sorted(map(str, local.query(q, union=False).rows)) == sorted(map(str, remote.query(q, union=False).rows))
    q = "SELECT ?e ?t WHERE { ?e a dkg:Event ; dkg:trigger ?t }"
    assert sorted(map(str, local.query(q).rows)) == sorted(map(str, remote.query(q).rows))


def test_leftover_staging_graph_is_dropped_on_open(oxigraph_server, remote_store, corpus):
    remote_store.put_article("a1", article_graph(corpus[0]))
    remote_store.engine.update(f"INSERT DATA {{ GRAPH <{ID['staging/a2']}> {{ <urn:x> <urn:p> 'half' }} }}")
    assert any("/staging/" in g for g in remote_store.graph_names())
    with open_store(backend="remote", settings=Settings(store="remote", remote_url=oxigraph_server)) as again:
        assert not any("/staging/" in g for g in again.graph_names()) and again.has_article("a1")


def test_graph_patterns_see_article_graphs_and_bindings_are_terms(remote_store, corpus):
    remote_store.put_article(corpus[0].article.id, article_graph(corpus[0]))
    rows = remote_store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a dkg:Article } }").records()
    assert {r["g"] for r in rows} == {str(iris.graph(corpus[0].article.id))}
    name = corpus[0].entities[0].name
    q = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    assert len(remote_store.query(q, bindings={"name": Literal(name)})) == 1
    assert len(remote_store.query(q, bindings={"name": Literal(name + '" } #')})) == 0


# ---------------------------------------------------------------- failures are clear

def test_malformed_query_is_a_query_error(remote_store):
    with pytest.raises(QueryError, match="refused the query"):
        remote_store.query("SELECT WHERE {")


def test_unreachable_server_is_named():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(RemoteUnavailable, match="cannot reach the SPARQL server at"):
        open_store(backend="remote", settings=Settings(store="remote", remote_url=url, remote_timeout=2))


def test_missing_or_odd_urls_are_refused():
    with pytest.raises(ValueError, match="KG_REMOTE_URL"):
        open_store(backend="remote", settings=Settings(store="remote"))
    with pytest.raises(ValueError, match="http"):
        open_store(backend="remote", settings=Settings(store="remote", remote_url="file:///etc"))


def test_slow_query_times_out(oxigraph_server, remote_store, corpus):
    remote_store.put_article(corpus[0].article.id, article_graph(corpus[0]))
    engine = RemoteEngine(f"{oxigraph_server}/query", f"{oxigraph_server}/update", timeout=0.3)
    try:
        with pytest.raises(QueryTimeout):
            engine.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j . ?k ?l ?m } }")
    finally:
        engine.close()


# ---------------------------------------------------------------- the service on a remote store

def test_service_on_a_remote_store(oxigraph_server, corpus, tmp_path):
    from fastapi.testclient import TestClient

    from api import create_app
    from tests.api.conftest import make_settings

    settings = make_settings(tmp_path, store="remote", remote_url=oxigraph_server)
    with TestClient(create_app(settings)) as client:
        store = client.app.state.store
        store.clear()
        for x in corpus[:5]:
            store.put_article(x.article.id, article_graph(x))
        assert client.get("/health").json()["backend"] == "remote"
        r = client.get("/sparql", params={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a dkg:Article } }"},
                       headers={"accept": "application/sparql-results+json"})
        assert r.status_code == 200 and r.json()["results"]["bindings"][0]["n"]["value"] == "5"  # articles only
        r = client.get("/sparql", params={"query": "SELECT ?n WHERE { ?p a dkg:Person ; rdfs:label ?n }"},
                       headers={"accept": "text/csv"})
        assert r.status_code == 200 and r.text.count("Leader") >= 5
        leaders = client.get("/leaders").json()
        a, b = leaders[0]["id"], leaders[1]["id"]
        assert client.get("/relations", params={"a": a, "b": b}).status_code == 200
        assert client.get("/articles").json()[0]["id"].startswith("synthetic-")
        assert client.get("/sparql", params={"query": "SELECT WHERE {"}).status_code == 400
        store.clear()


def test_service_says_503_when_the_remote_store_is_down(tmp_path, oxigraph_server):
    from fastapi.testclient import TestClient

    from api import create_app
    from tests.api.conftest import make_settings

    settings = make_settings(tmp_path, store="remote", remote_url=oxigraph_server)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        client.app.state.store.remote.query_url = f"http://127.0.0.1:{free_port()}/query"  # the server goes away
        r = client.get("/leaders")
        assert r.status_code == 503 and "unavailable" in r.json()["detail"]


def test_cli_on_a_remote_store(oxigraph_server, remote_store, corpus, monkeypatch):
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    for x in corpus[:3]:
        remote_store.put_article(x.article.id, article_graph(x))
    monkeypatch.setenv("KG_STORE", "remote")
    monkeypatch.setenv("KG_REMOTE_URL", oxigraph_server)
    r = CliRunner().invoke(app, ["stats", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["articles"] == 3
    r = CliRunner().invoke(app, ["delete", corpus[0].article.id])
    assert r.exit_code == 0 and not remote_store.has_article(corpus[0].article.id)
    monkeypatch.setenv("KG_REMOTE_URL", f"http://127.0.0.1:{free_port()}")
    r = CliRunner().invoke(app, ["stats"])
    assert r.exit_code != 0 and "cannot reach the SPARQL server" in r.output


def test_credentials_are_sent_with_the_chosen_scheme():
    import httpx

    from kg.store import remote_engine

    e = remote_engine(Settings(store="remote", remote_url="http://127.0.0.1:9", remote_user="u",
                               remote_password="p", remote_auth="digest"))
    assert isinstance(e._http.auth, httpx.DigestAuth)
    e.close()
    e = remote_engine(Settings(store="remote", remote_url="http://127.0.0.1:9", remote_user="u", remote_password="p"))
    req = e._http.build_request("GET", "http://127.0.0.1:9/query")
    assert next(e._http.auth.auth_flow(req)).headers["authorization"].startswith("Basic ")
    assert e.query_url.endswith("/query") and e.update_url.endswith("/update") and e.gsp_url.endswith("/store")
    e.close()
