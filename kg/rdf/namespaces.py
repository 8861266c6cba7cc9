"""Namespaces. DKG is closed: a mistyped term is an error, not a silent new IRI."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, URIRef

BASE = "https://w3id.org/diplomatic-kg/"


class DKG(DefinedNamespace):
    _NS = Namespace(BASE + "ontology#")
    _fail = True
    Article: URIRef
    ExtractionActivity: URIRef
    Extractor: URIRef
    Evidence: URIRef
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    Treaty: URIRef
    Topic: URIRef
    RoleAssignment: URIRef
    Event: URIRef
    Stance: URIRef
    RelationStatement: URIRef
    Quote: URIRef
    EventContext: URIRef
    Polarity: URIRef
    Negated: URIRef
    Hypothetical: URIRef
    Future: URIRef
    Reported: URIRef
    Support: URIRef
    Oppose: URIRef
    text: URIRef
    contentHash: URIRef
    pipeline: URIRef
    inArticle: URIRef
    evidence: URIRef
    alsoEvidence: URIRef
    country: URIRef
    iso3: URIRef
    actorCode: URIRef
    year: URIRef
    resolution: URIRef
    holder: URIRef
    hasRole: URIRef
    title: URIRef
    roleCountry: URIRef
    roleOrganization: URIRef
    sector: URIRef
    ploverType: URIRef
    cameoCode: URIRef
    source: URIRef
    target: URIRef
    participant: URIRef
    reciprocal: URIRef
    mirrorOf: URIRef
    dateText: URIRef
    effectiveDate: URIRef
    trigger: URIRef
    pattern: URIRef
    mode: URIRef
    context: URIRef
    about: URIRef
    confidence: URIRef
    topic: URIRef
    polarity: URIRef
    spouseOf: URIRef
    adviserOf: URIRef
    counterpartOf: URIRef
    memberOf: URIRef
    partyTo: URIRef
    headOf: URIRef
    locatedIn: URIRef
    speaker: URIRef
    quotedText: URIRef
    goldstein: URIRef
    quadCategory: URIRef
    ploverMode: URIRef


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
ID = Namespace(BASE + "id/")
PLOVER = Namespace(BASE + "plover/")
PMODE = Namespace(BASE + "plover-mode/")
CAMEO = Namespace(BASE + "cameo/")

PREFIXES = {
    "dkg": DKG._NS, "id": ID, "plover": PLOVER, "pmode": PMODE, "cameo": CAMEO, "sem": SEM, "prov": PROV,
    "oa": OA, "schema": SCHEMA, "skos": SKOS, "foaf": FOAF, "dcterms": DCTERMS, "rdfs": RDFS, "rdf": RDF,
    "owl": OWL, "xsd": XSD,
}  # fmt: skip


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to user queries."""
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
