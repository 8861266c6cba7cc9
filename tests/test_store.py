import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.rdf import iris
from kg.rdf.namespaces import DKG, ID, SCHEMA
from kg.rdf.to_rdf import article_graph
from kg.store import QueryError, open_store
from kg.store.oxigraph import ntriples
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
    total = store.triple_count()
    assert store.has_article("a1") and n == store.graph_size("a1") and total == n + len(store.shared_quads())
    store.put_article("a1", article_graph(x))  # re-ingest replaces, no duplicates
    assert store.triple_count() == total
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
                             ox.NamedNode(str(ID["staging/a2"]))))
    with open_store(tmp_path / "s") as s:
        assert s.has_article("a1") and not any("/staging/" in g for g in s.graph_names())
        assert _as_ingested(s, "a1", article_graph(x))
    with open_store(tmp_path / "s", read_only=True) as ro:
        assert ro.has_article("a1")


def _as_ingested(store, aid, g) -> bool:  # noqa: ANN001
    """The stored article reads back as the graph it was given, plus a schema:mentions per entity it names."""
    back = store.article_graph(aid)
    mentions = {t for t in back if t[1] == SCHEMA.mentions}
    named = {o for s, p, o in g if iris.is_shared(str(s)) and iris.kind(str(s)) != "agent" for o in [s]}
    def plain(ts):  # noqa: ANN001, ANN202 (the engine stores xsd:nonNegativeInteger as xsd:integer)
        return {(a, b, str(c)) for a, b, c in ts}

    return {o for _, _, o in mentions} == named and plain(set(back) - mentions) == plain(g)


def test_store_default_graph_is_a_set_union(store):
    """A triple stated by two articles is stored once; deleting one article keeps it, deleting both removes it."""
    x = sample()
    g1, g2 = article_graph(_variant(x, "a1")), article_graph(_variant(x, "a2"))
    store.put_article("a1", g1)
    one = store.triple_count()
    store.put_article("a2", g2)
    shared = store.shared_quads()
    assert len(shared) > 5 and store.triple_count() == 2 * one - len(shared)
    rows = store.query("SELECT ?n WHERE { ?p a dkg:Person ; rdfs:label ?n }").records()
    assert rows == [{"n": "Abiy Ahmed"}]
    n = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records()[0]["n"]
    quads = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"  # every graph's
    assert n == store.triple_count() == store.query(quads, union=False).records()[0]["n"]  # no triple in two graphs
    assert store.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").records()[0]["n"] == 2
    assert _as_ingested(store, "a1", g1) and _as_ingested(store, "a2", g2)
    store.delete_article("a1")
    assert store.query("ASK { ?p rdfs:label 'Abiy Ahmed' }").boolean and _as_ingested(store, "a2", g2)
    store.delete_article("a2")
    assert not store.query("ASK { ?p rdfs:label 'Abiy Ahmed' }").boolean
    assert store.triple_count() == 0


def test_a_relation_goes_with_the_last_article_that_states_it(store):
    x = sample()
    assert x.relations, "the sample states a relation"
    rel = x.relations[0]
    s, o = iris.entity(rel.subject), iris.entity(rel.object)
    store.put_article("r1", article_graph(_variant(x, "r1")))
    store.put_article("r2", article_graph(_variant(x, "r2")))
    ask = f"ASK {{ <{s}> ?p <{o}> FILTER(?p != dkg:country) }}"
    assert store.query(ask).boolean
    store.delete_article("r1")
    assert store.query(ask).boolean
    # r2 is replaced by a version without the relation: the relation goes, the entities it names stay
    store.put_article("r2", article_graph(_variant(x, "r2").model_copy(update={"relations": []})))
    assert not store.query(ask).boolean and store.query(f"ASK {{ <{s}> rdfs:label ?l }}").boolean


def _variant(x, aid: str):  # noqa: ANN001
    """The sample extraction under another article id (same facts, another named graph)."""
    return x.model_copy(update={"article": x.article.model_copy(update={"id": aid})})


def test_store_put_articles_batch_matches_one_by_one(store):
    x = sample()
    graphs = [(f"b{k}", article_graph(_variant(x, f"b{k}"))) for k in range(4)]
    sizes = store.put_articles(graphs + [graphs[1]])  # a repeat inside the batch is a replacement
    assert sizes == [store.graph_size(aid) for aid, _ in graphs] + [store.graph_size("b1")]
    assert sorted(a["id"] for a in store.articles()) == ["b0", "b1", "b2", "b3"]
    total = store.triple_count()
    assert total == sum(sizes[:4]) + len(store.shared_quads())
    one = open_store(backend="memory")
    for aid, g in graphs:
        one.put_article(aid, g)
    every = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    assert sorted(map(str, store.query(every, union=False).rows)) == sorted(map(str, one.query(every, union=False).rows))
    store.put_articles([graphs[0]])  # an existing article is replaced, not duplicated
    assert store.triple_count() == total
    assert not any(s in g for g in store.graph_names() for s in ("/staging/", "/journal"))


def test_batches_skip_descriptions_stored_before_but_never_ones_a_delete_removed(store):
    """A later batch does not load again the shared descriptions an earlier batch stored; after any other write
    (a delete that removed them, a replacement) it writes them again."""
    x = sample()
    label = "ASK { ?p rdfs:label 'Abiy Ahmed' }"
    store.put_articles([("s1", article_graph(_variant(x, "s1")))])
    store.put_articles([("s2", article_graph(_variant(x, "s2")))])  # the same descriptions: skipped, still there
    assert store.query(label).boolean and store.triple_count() == store.graph_size("s1") + store.graph_size(
        "s2") + len(store.shared_quads())
    store.delete_article("s1")
    store.delete_article("s2")  # the last article naming them: the descriptions go
    assert not store.query(label).boolean
    g3 = article_graph(_variant(x, "s3"))
    store.put_articles([("s3", g3)])  # and come back with the next batch
    assert store.query(label).boolean
    assert _as_ingested(store, "s3", g3)
    store.clear()
    store.put_articles([("s4", article_graph(_variant(x, "s4")))])
    assert store.query(label).boolean


def test_store_recovers_from_an_interrupted_bulk_write(tmp_path):
    """A crash mid bulk load leaves the journal: on open its articles are dropped with what only they kept alive."""
    import pyoxigraph as ox

    from kg.rdf.namespaces import PREFIXES
    from kg.store.oxigraph import split_lines, to_ox

    x = sample()
    with open_store(tmp_path / "s") as s:
        s.put_article("kept", article_graph(_variant(x, "kept")))
        kept = s.triple_count()
        # what a crash leaves: the journal names "lost", and only part of its quads made it in
        journal = ox.NamedNode(str(iris.journal()))
        s.engine.extend([ox.Quad(journal, ox.NamedNode(str(PREFIXES["dkg"]) + "pendingArticle"), ox.Literal("lost"),
                                 ox.DefaultGraph())])
        own, shared = split_lines("lost", ntriples(article_graph(_variant(x, "lost"))))
        s.engine.bulk_load("".join(f"{line[:-3]} <{iris.graph('lost')}> .\n" for line in own[:40]).encode(),
                           format=ox.RdfFormat.N_QUADS)
        only_lost = ox.NamedNode(str(ID["place/only-lost"]))
        s.engine.extend([ox.Quad(only_lost, ox.NamedNode(str(PREFIXES["rdfs"]) + "label"), ox.Literal("x"),
                                 ox.DefaultGraph()),
                         ox.Quad(to_ox(iris.article("lost")), ox.NamedNode(str(SCHEMA.mentions)), only_lost,
                                 ox.NamedNode(str(iris.graph("lost"))))])
    with open_store(tmp_path / "s") as s:
        assert not s.has_article("lost") and s.has_article("kept")
        assert s.triple_count() == kept and not s.query(f"ASK {{ <{iris.journal()}> ?p ?o }}").boolean
        assert not s.query(f"ASK {{ <{only_lost.value}> ?p ?o }}").boolean


def test_a_store_of_the_earlier_layout_is_migrated_on_open(tmp_path):
    """Stores written before the shared layer held each article whole plus a merged copy of all of them."""
    import pyoxigraph as ox

    x = sample()
    graphs = [(a, article_graph(_variant(x, a))) for a in ("m1", "m2")]
    legacy = ox.Store(str(tmp_path / "old"))
    merged = str(ID["graph-merged"])
    for aid, g in graphs:
        lines = [line for line in ntriples(g) if "effectiveDate" not in line]  # events had no dkg:effectiveDate
        legacy.load("".join(f"{line[:-3]} <{gr}> .\n" for line in lines for gr in (iris.graph(aid), merged)).encode(),
                    format=ox.RdfFormat.N_QUADS)
    legacy.flush()
    del legacy
    fresh = open_store(backend="memory")
    fresh.put_articles(graphs)
    with open_store(tmp_path / "old") as s:
        assert merged not in s.graph_names() and sorted(a["id"] for a in s.articles()) == ["m1", "m2"]
        every = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        assert sorted(map(str, s.query(every, union=False).rows)) == sorted(map(str, fresh.query(every, union=False).rows))
