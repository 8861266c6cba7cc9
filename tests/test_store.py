import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.rdf import iris
from kg.rdf.namespaces import DKG
from kg.rdf.to_rdf import article_graph
from kg.store import QueryError, open_store
from tests.test_rdf import sample

BACKENDS = ["memory", "disk", "remote"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """The same suite runs on every backend: in memory, embedded on disk, a real Oxigraph server."""
    if request.param == "remote":
        yield request.getfixturevalue("remote_store")
        return
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
    if store.backend == "remote":
        with pytest.raises(NotImplementedError, match="store.query"):
            store.dataset  # noqa: B018
        return
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


def _variant(x, aid: str):  # noqa: ANN001
    """The sample extraction under another article id (same facts, another named graph)."""
    return x.model_copy(update={"article": x.article.model_copy(update={"id": aid})})


def test_store_put_articles_batch_matches_one_by_one(store):
    x = sample()
    graphs = [(f"b{k}", article_graph(_variant(x, f"b{k}"))) for k in range(4)]
    sizes = store.put_articles(graphs + [graphs[1]])  # a repeat inside the batch is a replacement
    assert sizes == [len(g) for _, g in graphs] + [len(graphs[1][1])]
    assert sorted(a["id"] for a in store.articles()) == ["b0", "b1", "b2", "b3"]
    assert store.triple_count() == sum(len(g) for _, g in graphs)
    one = open_store(backend="memory")
    for aid, g in graphs:
        one.put_article(aid, g)
    assert store.merged_count() == one.merged_count()
    store.put_articles([graphs[0]])  # an existing article is replaced, not duplicated
    assert store.triple_count() == sum(len(g) for _, g in graphs)
    assert not any(s in g for g in store.graph_names() for s in ("/staging/", "/journal"))


def test_store_recovers_from_an_interrupted_bulk_write(tmp_path):
    """A crash mid bulk load leaves the journal: on open its articles are dropped and the merged graph rebuilt."""
    import pyoxigraph as ox

    from kg.rdf.namespaces import PREFIXES
    from kg.store.oxigraph import to_ox

    x = sample()
    with open_store(tmp_path / "s") as s:
        s.put_article("kept", article_graph(_variant(x, "kept")))
        kept = s.merged_count()
        # what a crash leaves: the journal names "lost", and only part of its quads made it in
        journal = ox.NamedNode(str(iris.journal_graph()))
        s.engine.extend([ox.Quad(journal, ox.NamedNode(str(PREFIXES["dkg"]) + "pendingArticle"), ox.Literal("lost"),
                                 journal)])
        half = list(article_graph(_variant(x, "lost")))[:40]
        s.engine.bulk_extend([ox.Quad(to_ox(a), to_ox(b), to_ox(c), ox.NamedNode(str(g)))
                              for a, b, c in half for g in (iris.graph("lost"), iris.merged_graph())])
        s.engine.extend([ox.Quad(ox.NamedNode("urn:only-lost"), ox.NamedNode("urn:p"), ox.Literal("x"),
                                 ox.NamedNode(str(iris.merged_graph())))])
    with open_store(tmp_path / "s") as s:
        assert not s.has_article("lost") and s.has_article("kept")
        assert s.merged_count() == kept and str(iris.journal_graph()) not in s.graph_names()
        assert not s.query("ASK { <urn:only-lost> ?p ?o }").boolean
