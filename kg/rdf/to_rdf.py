"""Extraction -> RDF: the article's named graph, with its provenance.

The model is documented in docs/rdf-model.md; terms are in ontologies/dkg.ttl and
valid output is described by ontologies/shapes.ttl.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from kg.kb.countries import country_name
from kg.rdf import iris
from kg.rdf.namespaces import DKG, OA, PREFIXES, SCHEMA, SEM
from kg.types import Entity, Evidence, Extraction
from kg.version import __version__

_TYPES = {
    "Person": (DKG.Person, FOAF.Person, SCHEMA.Person),
    "Country": (DKG.Country, SCHEMA.Country),
    "Organization": (DKG.Organization, FOAF.Organization, SCHEMA.Organization),
    "Place": (DKG.Place, SCHEMA.Place),
    "Treaty": (DKG.Treaty,),
    "Topic": (DKG.Topic, SKOS.Concept),
}
_CONTEXT = {"negated": DKG.Negated, "hypothetical": DKG.Hypothetical, "future": DKG.Future, "reported": DKG.Reported}
_PRED = {"spouse": DKG.spouseOf, "adviser_of": DKG.adviserOf, "member_of": DKG.memberOf, "party_to": DKG.partyTo,
         "head_of": DKG.headOf, "located_in": DKG.locatedIn, "counterpart_of": DKG.counterpartOf}  # fmt: skip
RELATION_PREDICATES = tuple(_PRED.values())  # stated between entities, each statement reified in its article


def _nn(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _dec(x: float) -> Literal:
    return Literal(Decimal(str(round(x, 3))), datatype=XSD.decimal)


def article_graph(x: Extraction, pipeline: str = "", ingested: datetime | None = None,
                  graph: Graph | None = None) -> Graph:
    """All triples of one article (to be stored in its named graph)."""
    g = graph if graph is not None else Graph()
    for k, v in PREFIXES.items():
        g.bind(k, v)
    aid = x.article.id
    art = iris.article(aid)
    text = x.text or ""
    g.add((art, RDF.type, DKG.Article))
    g.add((art, DCTERMS.identifier, Literal(aid)))
    if x.article.title:
        g.add((art, DCTERMS.title, Literal(x.article.title)))
    if x.article.published:
        g.add((art, SCHEMA.datePublished, Literal(x.article.published, datatype=XSD.date)))
    src, canonical = x.article.source, x.article.url
    if src and src.startswith(("http://", "https://")) and (not canonical or canonical == src):
        g.add((art, SCHEMA.url, Literal(src, datatype=XSD.anyURI)))
    else:  # the page's canonical URL, and where it came from as given (a file name, the URL it was saved from)
        if canonical:
            g.add((art, SCHEMA.url, Literal(canonical, datatype=XSD.anyURI)))
        if src:
            g.add((art, DCTERMS.source, Literal(src)))
    if x.article.author:
        g.add((art, DCTERMS.creator, Literal(x.article.author)))
    if x.article.site:
        g.add((art, DCTERMS.publisher, Literal(x.article.site)))
    g.add((art, DKG.text, Literal(text)))
    import hashlib

    g.add((art, DKG.contentHash, Literal(hashlib.sha256(text.encode("utf-8")).hexdigest())))
    act = iris.activity(aid)
    agent = iris.extractor()
    g.add((art, PROV.wasGeneratedBy, act))
    g.add((act, RDF.type, DKG.ExtractionActivity))
    g.add((act, PROV.wasAssociatedWith, agent))
    when = ingested or datetime.now(UTC)
    g.add((act, PROV.endedAtTime, Literal(when.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                                          datatype=XSD.dateTime)))
    if pipeline:
        g.add((act, DKG.pipeline, Literal(pipeline)))
    g.add((agent, RDF.type, DKG.Extractor))
    g.add((agent, SCHEMA.softwareVersion, Literal(__version__)))

    def evidence(ev: Evidence) -> URIRef:
        node = iris.evidence(aid, ev.start, ev.end)
        g.add((node, RDF.type, DKG.Evidence))
        g.add((node, OA.start, _nn(ev.start)))
        g.add((node, OA.end, _nn(ev.end)))
        g.add((node, OA.exact, Literal(text[ev.start : ev.end] if text else ev.text)))
        g.add((node, DKG.inArticle, art))
        return node

    def fact(node: URIRef, cls: URIRef, ev: Evidence) -> None:
        g.add((node, RDF.type, cls))
        g.add((node, DKG.evidence, evidence(ev)))
        g.add((node, PROV.wasDerivedFrom, art))

    ents = {e.id: e for e in x.entities}

    def country_node(code: str) -> URIRef:
        node = iris.entity(f"country/{code}")
        if (node, RDF.type, DKG.Country) not in g:
            _entity(g, ents.get(f"country/{code}") or Entity(id=f"country/{code}", type="Country",
                                                             name=country_name(code), country=code, actor_code=code))
        return node

    def _entity(g: Graph, e: Entity) -> None:
        node = iris.entity(e.id)
        for t in _TYPES[e.type]:
            g.add((node, RDF.type, t))
        g.add((node, RDFS.label, Literal(e.name)))
        for a in e.aliases:
            g.add((node, SKOS.altLabel, Literal(a)))
        if e.type == "Country" and e.country:
            g.add((node, DKG.iso3, Literal(e.country)))
        elif e.country:
            g.add((node, DKG.country, country_node(e.country)))
        if e.actor_code:
            g.add((node, DKG.actorCode, Literal(e.actor_code)))
        if e.year:
            g.add((node, DKG.year, Literal(str(e.year), datatype=XSD.gYear)))
        if e.resolution:
            g.add((node, DKG.resolution, Literal(e.resolution)))

    for e in x.entities:
        _entity(g, e)
    n = 0
    for e in x.entities:
        for r in e.roles:
            n += 1
            node = iris.role(aid, n)
            fact(node, DKG.RoleAssignment, r.evidence or Evidence(text="", start=0, end=0))
            person = iris.entity(e.id)
            g.add((node, DKG.holder, person))
            g.add((person, DKG.hasRole, node))
            g.add((node, DKG.title, Literal(r.title)))
            if r.country:
                g.add((node, DKG.roleCountry, country_node(r.country)))
            if r.organization and r.organization in ents:
                g.add((node, DKG.roleOrganization, iris.entity(r.organization)))
            if r.sector:
                g.add((node, DKG.sector, Literal(r.sector)))
            if r.asserted:
                g.add((node, SEM.hasTimeStamp, Literal(r.asserted, datatype=XSD.date)))
    for ev in x.events:
        node = iris.fact(aid, ev.id)
        fact(node, DKG.Event, ev.evidence)
        for extra in ev.also_evidence:  # other sentences telling the same event
            g.add((node, DKG.alsoEvidence, evidence(extra)))
        for prop, concept in ((DKG.ploverType, iris.plover(ev.type)), (DKG.cameoCode, iris.cameo(ev.cameo))):
            g.add((node, prop, concept))
            g.add((node, SEM.eventType, concept))
        for prop, ids in ((DKG.source, ev.source), (DKG.target, ev.target), (DKG.participant, ev.participants)):
            for i in ids:
                g.add((node, prop, iris.entity(i)))
                g.add((node, SEM.hasActor, iris.entity(i)))
        g.add((node, DKG.reciprocal, Literal(ev.reciprocal)))
        if ev.mirror_of:
            g.add((node, DKG.mirrorOf, iris.fact(aid, ev.mirror_of)))
        if ev.place:
            g.add((node, SEM.hasPlace, iris.entity(ev.place)))
        if ev.date:
            g.add((node, SEM.hasTimeStamp, Literal(ev.date, datatype=XSD.date)))
        if ev.date or x.article.published:  # what date ranges and orderings use (dkg:effectiveDate)
            g.add((node, DKG.effectiveDate, Literal(ev.date or x.article.published, datatype=XSD.date)))
        if ev.date_end and ev.date_end != ev.date:
            g.add((node, SEM.hasEndTimeStamp, Literal(ev.date_end, datatype=XSD.date)))
        if ev.date_text:
            g.add((node, DKG.dateText, Literal(ev.date_text)))
        g.add((node, DKG.trigger, Literal(ev.trigger)))
        if ev.pattern:
            g.add((node, DKG.pattern, Literal(ev.pattern)))
        if ev.mode:
            g.add((node, DKG.mode, iris.plover_mode(ev.mode)))
        for c in ev.context:
            g.add((node, DKG.context, _CONTEXT[c]))
        if ev.topic_id:
            g.add((node, DKG.about, iris.entity(ev.topic_id)))
        g.add((node, DKG.confidence, _dec(ev.confidence)))
    for s in x.stances:
        node = iris.fact(aid, s.id)
        fact(node, DKG.Stance, s.evidence)
        g.add((node, DKG.holder, iris.entity(s.holder)))
        if s.topic_id:
            g.add((node, DKG.topic, iris.entity(s.topic_id)))
        g.add((node, DKG.polarity, DKG.Support if s.polarity == "support" else DKG.Oppose))
        g.add((node, DKG.confidence, _dec(s.confidence)))
    for rel in x.relations:
        node = iris.fact(aid, rel.id)
        fact(node, DKG.RelationStatement, rel.evidence)
        s, p, o = iris.entity(rel.subject), _PRED[rel.predicate], iris.entity(rel.object)
        g.add((s, p, o))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, p))
        g.add((node, RDF.object, o))
    for q in x.quotes:
        if q.speaker is None:
            continue
        node = iris.fact(aid, q.id)
        fact(node, DKG.Quote, q.evidence)
        g.add((node, DKG.speaker, iris.entity(q.speaker)))
        g.add((node, DKG.quotedText, Literal(q.text)))
    assert not any(isinstance(t, BNode) for tr in g for t in tr), "article graphs carry no blank nodes"
    return g


def article_dataset(x: Extraction, pipeline: str = "", ingested: datetime | None = None) -> Dataset:
    """A Dataset holding the article's named graph (for TriG output)."""
    ds = Dataset()
    for k, v in PREFIXES.items():
        ds.bind(k, v)
    article_graph(x, pipeline, ingested, ds.graph(iris.graph(x.article.id)))
    return ds
