from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.ontology import ontology_graph, validate
from kg.rdf import iris
from kg.rdf.namespaces import DKG
from kg.rdf.to_rdf import article_dataset, article_graph
from kg.types import ArticleInfo, Entity, Event, Evidence, Extraction, Relation, Role, Stance

TEXT = "Kenya hosted Ethiopian Prime Minister Abiy Ahmed on Tuesday."


def sample() -> Extraction:
    ev = Evidence(text=TEXT, start=0, end=len(TEXT))
    return Extraction(
        article=ArticleInfo(id="a/1 x", title="T", published="2019-03-08", source="https://example.org/a"),
        entities=[
            Entity(id="country/KEN", type="Country", name="Kenya", country="KEN", actor_code="KEN"),
            Entity(id="country/ETH", type="Country", name="Ethiopia", country="ETH", actor_code="ETH"),
            Entity(id="person/abiy-ahmed", type="Person", name="Abiy Ahmed", country="ETH", actor_code="ETHGOV",
                   roles=[Role(title="Prime Minister", country="ETH", sector="GOV", asserted="2019-03-08", evidence=ev)]),
            Entity(id="topic/trade", type="Topic", name="trade"),
        ],
        events=[Event(id="event/1", type="CONSULT", cameo="043", trigger="hosted", pattern="lexicon host",
                      source=["country/KEN"],
                      target=["person/abiy-ahmed"], participants=["country/KEN", "person/abiy-ahmed"],
                      date="2019-03-05", date_text="Tuesday", mode="visit", context=["future"], confidence=0.8,
                      evidence=ev)],
        stances=[Stance(id="stance/1", holder="country/KEN", topic="trade", topic_id="topic/trade",
                        polarity="support", confidence=0.6, evidence=ev)],
        relations=[Relation(id="relation/1", subject="person/abiy-ahmed", predicate="head_of",
                            object="country/ETH", evidence=ev)],
        text=TEXT,
    )


def test_rdf_article_graph_conforms_to_shapes():
    ok, report = validate(article_graph(sample(), "test"))
    assert ok, report


def test_rdf_events_say_which_pattern_coded_them():
    g = article_graph(sample(), "test")
    assert set(g.objects(iris.fact("a/1 x", "event/1"), DKG.pattern)) == {Literal("lexicon host")}


def test_rdf_shapes_catch_broken_graphs():
    g = article_graph(sample(), "test")
    ev = iris.fact("a/1 x", "event/1")
    g.set((ev, DKG.confidence, Literal(1.5)))
    assert not validate(g)[0]


def test_rdf_iris_are_deterministic_and_safe():
    assert iris.entity("person/george-w-bush") == URIRef("https://w3id.org/diplomatic-kg/id/person/george-w-bush")
    assert iris.graph("a/1 x") == iris.graph("a/1 x")
    assert " " not in str(iris.graph("a/1 x")) and "/1" not in str(iris.graph("a/1 x")).split("graph/")[1]
    assert str(iris.graph("} ; DROP ALL ; #")).count(">") == 0


def test_rdf_same_extraction_same_triples():
    when = datetime(2024, 1, 1, tzinfo=UTC)
    assert isomorphic(article_graph(sample(), ingested=when), article_graph(sample(), ingested=when))


def test_rdf_trig_round_trip_keeps_the_named_graph():
    ds = article_dataset(sample())
    back = Dataset()
    back.parse(data=ds.serialize(format="trig"), format="trig")
    g = back.graph(iris.graph("a/1 x"))
    assert (iris.article("a/1 x"), RDF.type, DKG.Article) in g
    assert isomorphic(g, ds.graph(iris.graph("a/1 x")))


def test_rdf_ontology_declares_every_term_the_mapping_uses():
    onto = ontology_graph()
    used = {p for s, p, o in article_graph(sample()) if str(p).startswith(str(DKG._NS))}
    used |= {o for s, p, o in article_graph(sample()) if p == RDF.type and str(o).startswith(str(DKG._NS))}
    missing = [t for t in used if not any(onto.triples((t, RDF.type, None)))]
    assert not missing


@pytest.mark.model
def test_rdf_every_example_article_validates():
    from kg.pipeline import extract
    from kg.textio import read_path

    for art in read_path(Path(__file__).resolve().parents[1] / "examples" / "articles"):
        ok, report = validate(article_graph(extract(art)))
        assert ok, f"{art.id}: {report[:1500]}"


def test_rdf_countries_named_only_by_a_role_get_their_common_name():
    x = sample()
    x.entities = [e for e in x.entities if e.id != "country/ETH"]
    g = article_graph(x)
    from rdflib.namespace import RDFS

    assert str(g.value(iris.entity("country/ETH"), RDFS.label)) == "Ethiopia"


def test_rdf_a_mirrored_event_points_at_the_first_and_relations_count_the_occurrence_once():
    from kg import lookups
    from kg.store import KGStore

    x = sample()
    first = x.events[0].model_copy(update={"reciprocal": True, "type": "AGREE", "cameo": "030", "mode": None})
    mirror = first.model_copy(update={"id": "event/2", "source": first.target, "target": first.source,
                                      "mirror_of": "event/1"})
    x.events = [first, mirror]
    g = article_graph(x, "test")
    assert (iris.fact("a/1 x", "event/2"), DKG.mirrorOf, iris.fact("a/1 x", "event/1")) in g
    assert not list(g.objects(iris.fact("a/1 x", "event/1"), DKG.mirrorOf))
    ok, report = validate(g)
    assert ok, report
    store = KGStore(None)
    store.put_article(x.article.id, g)
    events = [i for i in lookups.relations(store, "country/KEN", "person/abiy-ahmed")["items"] if i["kind"] == "event"]
    assert len(events) == 1 and events[0]["direction"] == "both"


def test_rdf_a_fact_iri_names_its_article_graph():
    for aid in ("a/1 x", "reykjavik-1986", "sha256-0123abcd", "ü ñ/?#"):
        for local in ("event/3", "stance/1", "relation/12"):
            assert iris.graph_of_fact(str(iris.fact(aid, local))) == str(iris.graph(aid))
    for other in (iris.entity("person/george-w-bush"), iris.graph("a"), iris.article("a"), "https://example.org/event/a/1"):
        assert iris.graph_of_fact(str(other)) is None
