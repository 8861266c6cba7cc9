"""The one place IRIs are minted. Every IRI is deterministic.

Entity IRIs come from entity ids ("person/george-w-bush") and are the same in
every article; facts (events, roles, ...) are scoped by the article id.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import URIRef

from kg.rdf.namespaces import CAMEO, ID, PLOVER, PMODE
from kg.types import slug
from kg.version import __version__

_SAFE_ID = re.compile(r"[^A-Za-z0-9._~-]")


_OWN = re.compile(r"^https://w3id\.org/diplomatic-kg/id/[^\s<>\"{}|^`\\]+$")


def is_own(iri: str) -> bool:
    """Whether ``iri`` is one of this project's and can be written as ``<iri>`` in SPARQL text."""
    return bool(_OWN.match(iri))


def article_key(aid: str) -> str:
    """An article id made safe for an IRI path segment (reversible percent-encoding)."""
    return quote(aid, safe="")


def article(aid: str) -> URIRef:
    return ID[f"article/{article_key(aid)}"]


def graph(aid: str) -> URIRef:
    return ID[f"graph/{article_key(aid)}"]


def journal() -> URIRef:
    """Subject of the bulk-write journal (in the default graph): present only while, or if, a bulk write ran."""
    return ID["journal"]


# Kinds of IRI that name things outside any one article (entities, the extractor): their descriptions are
# the shared layer, kept once in the store's default graph. Every other kind is scoped by an article.
SHARED_KINDS = frozenset({"person", "country", "org", "place", "treaty", "topic", "agent"})
_BASE = str(ID)


def kind(iri: str) -> str | None:
    """'https://.../id/person/x' -> 'person'; None for an IRI that is not this project's."""
    return iri[len(_BASE):].split("/", 1)[0] if iri.startswith(_BASE) else None


def is_shared(iri: str) -> bool:
    """Whether ``iri`` names something outside any one article (an entity or the extractor)."""
    return kind(iri) in SHARED_KINDS


def is_article_scoped(iri: str) -> bool:
    """Whether ``iri`` is minted per article (its graph, events, roles, evidence, ...)."""
    k = kind(iri)
    return k is not None and k not in SHARED_KINDS


def activity(aid: str) -> URIRef:
    return ID[f"activity/{article_key(aid)}"]


def extractor() -> URIRef:
    return ID[f"agent/diplomatic-kg/{__version__}"]


def entity(eid: str) -> URIRef:
    """'person/george-w-bush' -> id:person/george-w-bush."""
    kind, _, rest = eid.partition("/")
    return ID[f"{kind}/{quote(rest, safe='-._~')}"]


def fact(aid: str, local: str) -> URIRef:
    """'event/3' of article aid -> id:event/{aid}/3."""
    kind, _, n = local.partition("/")
    return ID[f"{kind}/{article_key(aid)}/{quote(n, safe='')}"]


def graph_of_fact(iri: str) -> str | None:
    """The named graph that holds a fact minted by :func:`fact` (id:event/{key}/3 -> id:graph/{key}); None for
    any other IRI."""
    base = str(ID)
    if not iri.startswith(base):
        return None
    parts = iri[len(base):].split("/")
    if len(parts) != 3 or parts[0] in ("graph", "article") or not parts[1]:
        return None
    return f"{base}graph/{parts[1]}"


def role(aid: str, n: int) -> URIRef:
    return ID[f"role/{article_key(aid)}/{n}"]


def evidence(aid: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{article_key(aid)}/{start}-{end}"]


def plover(event_type: str) -> URIRef:
    return PLOVER[event_type]


def plover_mode(mode: str) -> URIRef:
    return PMODE[slug(mode)]


def cameo(code: str) -> URIRef:
    return CAMEO[code]


def entity_id_of(iri: str) -> str | None:
    """Inverse of :func:`entity`: 'https://.../id/person/x' -> 'person/x'."""
    base = str(ID)
    return iri[len(base) :] if iri.startswith(base) else None
