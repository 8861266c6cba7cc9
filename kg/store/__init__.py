"""The store layer: the only module that knows which RDF engine holds the graph.

``open_store()`` returns a :class:`KGStore`; backends are the embedded, persistent
Oxigraph store (default, a folder on disk) and an in-memory one (tests, notebooks).
"""

from __future__ import annotations

from pathlib import Path

from kg.config import Settings, get_settings
from kg.store.oxigraph import KGStore, QueryError, StoreBusy

__all__ = ["KGStore", "QueryError", "StoreBusy", "open_store"]


def open_store(data_dir: str | Path | None = None, *, backend: str | None = None, read_only: bool = False,
               settings: Settings | None = None) -> KGStore:
    """Open the store: ``open_store("./data")``, ``open_store(backend="memory")``.

    With no arguments the settings decide (``KG_STORE``, ``KG_DATA_DIR``).
    """
    settings = settings or get_settings()
    backend = backend or settings.store
    if backend == "memory":
        return KGStore(None)
    if backend != "oxigraph":
        raise ValueError(f"unknown store backend {backend!r}: use 'oxigraph' or 'memory'")
    path = Path(data_dir) if data_dir is not None else settings.data_dir
    return KGStore(path, read_only=read_only)
