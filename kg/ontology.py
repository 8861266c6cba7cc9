"""Where the ontology files live, and SHACL validation of article graphs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph


def ontology_dir() -> Path:
    """The ontologies/ folder: in the source tree, or inside the installed package."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "ontologies", here / "_ontologies"):
        if (cand / "dkg.ttl").exists():
            return cand
    raise FileNotFoundError("ontology files not found (expected ontologies/dkg.ttl)")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    g = Graph()
    for name in ("dkg.ttl", "plover.ttl", "cameo.ttl"):
        g.parse(ontology_dir() / name, format="turtle")
    return g


def validate(graph: Graph) -> tuple[bool, str]:
    """(conforms, report text) of one article graph against the SHACL shapes."""
    import pyshacl

    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True)
    return bool(conforms), str(text)
