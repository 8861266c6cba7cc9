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


def __getattr__(name: str):  # lazy: importing kg must not load spaCy or the store
    if name in ("Article", "Extraction"):
        from kg import types

        return getattr(types, name)
    if name == "Settings":
        from kg.config import Settings

        return Settings
    if name in ("extract", "extract_many"):
        from kg import pipeline

        return getattr(pipeline, name)
    if name in ("ingest", "ingest_many"):
        from kg import ingest

        return getattr(ingest, name)
    if name == "open_store":
        from kg.store import open_store

        return open_store
    raise AttributeError(name)
