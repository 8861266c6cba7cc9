import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.rdf import iris
from kg.rdf.namespaces import DKG
from kg.rdf.to_rdf import article_graph
from kg.store import QueryError, open_store
from tests.test_rdf import sample

BACKENDS = ["memory", "disk"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    s = open_store(backend="memory") if request.param == "memory" else open_store(tmp_path / "s")
    yield s
    s.close()


def test_store_put_replace_delete(store):
    x = sample()
    n = store.put_article("a1", article_graph(x))
    assert store.has_article("a1") and store.triple_count() == n
    store.put_article("a1", article_graph(x))  # re-ingest replaces, no duplicates
    assert store.triple_count() == n
    assert [a["id"] for a in store.articles()] == ["a/1 x"]
    assert store.delete_article("a1") and not store.has_article("a1") and store.triple_count() == 0
    assert store.delete_article("a1") is False


def test_store_union_default_graph_and_stats(store):
    x = sample()
    store.put_article(x.article.id, article_graph(x))
    rows = store.query("SELECT ?n WHERE { ?p a dkg:Person ; rdfs:label ?n }").records()
    assert rows == [{"n": "Abiy Ahmed"}]
    s = store.stats()
    assert s["articles"] == 1 and s["entities"]["Person"] == 1 and s["events_by_type"] == {"CONSULT": 1}


def test_store_bindings_are_terms_not_text(store):
    x = sample()
    store.put_article(x.article.id, article_graph(x))
    for hostile in ['"', "'", ">", "}", "#", "\n", "} ; DROP ALL ; #", 'Abiy Ahmed" . } #']:
        res = store.query("SELECT ?p ?name WHERE { ?p rdfs:label ?name }", bindings={"name": Literal(hostile)})
        assert len(res) == 0
    assert store.triple_count() > 0
    res = store.query("SELECT ?p ?name WHERE { ?p rdfs:label ?name }", bindings={"name": Literal("Abiy Ahmed")})
    assert [r["p"] for r in res] == [str(iris.entity("person/abiy-ahmed"))]


def test_store_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.query("SELECT WHERE {")


def test_store_rdflib_dataset_view(store):
    x = sample()
    store.put_article(x.article.id, article_graph(x))
    ds = store.dataset
    assert (iris.entity("person/abiy-ahmed"), RDFS.label, Literal("Abiy Ahmed")) in ds


def test_store_dataframe(store):
    pd = pytest.importorskip("pandas")
    x = sample()
    store.put_article(x.article.id, article_graph(x))
    df = store.query("SELECT ?e ?t WHERE { ?e a dkg:Event ; dkg:trigger ?t }").to_dataframe()
    assert isinstance(df, pd.DataFrame) and list(df["t"]) == ["hosted"]


def test_store_persists_and_cleans_staging(tmp_path):
    x = sample()
    with open_store(tmp_path / "s") as s:
        s.put_article("a1", article_graph(x))
        # simulate a crash after the staging write: a leftover staging graph
        g = Graph()
        g.add((URIRef("urn:x"), DKG.text, Literal("half")))
        import pyoxigraph as ox

        s._store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode(str(DKG.text)), ox.Literal("half"),
                             ox.NamedNode(str(iris.staging_graph("a2")))))
    with open_store(tmp_path / "s") as s:
        assert s.has_article("a1") and s.triple_count() == len(article_graph(x))
    with open_store(tmp_path / "s", read_only=True) as ro:
        assert ro.has_article("a1")


def test_store_default_graph_is_a_set_union(store):
    """A triple stated by two articles is one triple of the default graph; deleting one keeps it."""
    x = sample()
    g = article_graph(x)
    store.put_article("a1", g)
    store.put_article("a2", g)
    rows = store.query("SELECT ?n WHERE { ?p a dkg:Person ; rdfs:label ?n }").records()
    assert rows == [{"n": "Abiy Ahmed"}]
    n = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records()[0]["n"]
    assert n == len(g) == store.merged_count()
    store.delete_article("a1")
    assert store.query("ASK { ?p rdfs:label 'Abiy Ahmed' }").boolean
    store.delete_article("a2")
    assert not store.query("ASK { ?p rdfs:label 'Abiy Ahmed' }").boolean
    assert store.merged_count() == 0
