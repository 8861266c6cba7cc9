"""The clients users have, against the real server: SPARQLWrapper (every return format, GET and POST) and
rdflib's SPARQLStore."""

import csv
import io
import json
import shutil

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper import GET as SW_GET

from tests.api.conftest import live_server

pytestmark = pytest.mark.slow

SELECT = "SELECT ?e ?t WHERE { ?e a dkg:Event ; dkg:trigger ?t } ORDER BY ?e LIMIT 5"
ASK = "ASK { ?e a dkg:Event }"
CONSTRUCT = "CONSTRUCT { ?e dkg:trigger ?t } WHERE { ?e a dkg:Event ; dkg:trigger ?t } LIMIT 5"
PREFIX = "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"


@pytest.fixture(scope="module")
def base(example_store_dir, tmp_path_factory):
    dst = tmp_path_factory.mktemp("clients") / "store"
    shutil.copytree(example_store_dir, dst, ignore=shutil.ignore_patterns("LOCK"))
    with live_server(dst) as url:
        yield url


def _client(base: str, query: str, fmt: str, method: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(PREFIX + query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


@pytest.mark.parametrize("method", [SW_GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_and_ask_in_every_rows_format(base, fmt, method):
    res = _client(base, SELECT, fmt, method).query()
    body = res.response.read()
    if fmt == JSON:
        rows = json.loads(body)["results"]["bindings"]
        assert len(rows) == 5 and all(r["t"]["type"] == "literal" for r in rows)
    elif fmt == XML:
        assert body.count(b"<result>") == 5 and b"sparql-results" in body
    else:
        table = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter="," if fmt == CSV else "\t"))
        assert len(table) == 6 and table[0][0].lstrip("?") == "e"
    ask = _client(base, ASK, fmt, method).query()
    raw = ask.response.read()
    if fmt == JSON:
        assert json.loads(raw)["boolean"] is True
    elif fmt == XML:
        assert b"<boolean>true</boolean>" in raw
    else:
        assert b"true" in raw.lower()


@pytest.mark.parametrize("method", [SW_GET, POST])
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, XML, JSONLD, JSON])
def test_sparqlwrapper_construct_in_every_graph_format(base, fmt, method):
    res = _client(base, CONSTRUCT, fmt, method).query()
    ctype = res.response.headers.get("content-type", "")
    body = res.response.read()
    syntax = {TURTLE: "turtle", N3: "turtle", RDFXML: "xml", XML: "xml", JSONLD: "json-ld", JSON: "json-ld"}[fmt]
    assert ctype.startswith({"turtle": "text/turtle", "xml": "application/rdf+xml", "json-ld": "application/ld+json"}[
        syntax])
    g = Graph().parse(data=body, format=syntax)
    assert len(g) == 5
    assert all(str(p) == "https://w3id.org/diplomatic-kg/ontology#trigger" for _, p, _ in g)


def test_rdflib_sparqlstore_query_len_triples_and_contexts(base):
    store = SPARQLStore(base + "/sparql", returnFormat="json")
    g = Graph(store=store)
    rows = list(g.query(PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?e a dkg:Event }"))
    assert int(rows[0][0]) > 5
    assert len(store) > 100
    trig = URIRef("https://w3id.org/diplomatic-kg/ontology#trigger")
    triples = list(store.triples((None, trig, None)))
    assert triples and all(t[0][1] == trig for t in triples)
    contexts = list(store.contexts())
    assert any("/graph/" in str(c.identifier if hasattr(c, "identifier") else c) for c in contexts)


@pytest.mark.parametrize("method", [SW_GET, POST])
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_select_and_ask_with_a_graph_format_still_answer(base, fmt, method):
    """A graph format asked for rows falls back to what the Accept header allows, never a 400."""
    for q in (SELECT, ASK):
        res = _client(base, q, fmt, method).query()
        assert res.response.status == 200
        ctype = res.response.headers.get("content-type", "")
        assert ctype.startswith(("application/sparql-results+", "text/csv", "text/tab-separated-values"))
        assert res.response.read()


@pytest.mark.parametrize("method", [SW_GET, POST])
@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_sparqlwrapper_construct_with_a_rows_format_still_answers_a_graph(base, fmt, method):
    res = _client(base, CONSTRUCT, fmt, method).query()
    assert res.response.status == 200
    ctype = res.response.headers.get("content-type", "").split(";")[0]
    syntax = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
              "application/rdf+xml": "xml"}[ctype]
    assert len(Graph().parse(data=res.response.read(), format=syntax)) == 5
