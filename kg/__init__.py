"""diplomatic-kg: news articles about diplomacy in, an RDF knowledge graph out.

The library API in one place::

    import kg
    result = kg.extract("Text of an article ...", published="2001-11-16")
    with kg.open_store("./data") as store:
        kg.ingest(store, kg.Article(text="...", id="a1"))
        rows = store.query("SELECT ?s WHERE { ?s a <https://w3id.org/diplomatic-kg/ontology#Person> }")
"""

from kg.version import __version__

__all__ = [
    "Article",
    "Extraction",
    "Settings",
    "__version__",
    "extract",
    "extract_many",
    "ingest",
    "ingest_many",
    "open_store",
]


_LAZY = {
    "Article": "kg.types", "Extraction": "kg.types", "Settings": "kg.config", "extract": "kg.pipeline",
    "extract_many": "kg.pipeline", "ingest": "kg.ingest", "ingest_many": "kg.ingest", "open_store": "kg.store",
}  # fmt: skip


def __getattr__(name: str):  # lazy: importing kg must not load spaCy or the store
    import importlib

    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(name)
