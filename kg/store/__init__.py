"""The store layer: the only module that knows which RDF engine holds the graph.

``open_store()`` returns a :class:`KGStore`; backends are the embedded, persistent
Oxigraph store (default, a folder on disk), an in-memory one (tests, notebooks), and a
remote SPARQL 1.1 server (``KG_STORE=remote``; see :mod:`kg.store.remote`).
"""

from __future__ import annotations

from pathlib import Path

import httpx

from kg.config import Settings, get_settings
from kg.store.oxigraph import KGStore, QueryError, StoreBusy
from kg.store.remote import RemoteEngine, RemoteRefused, RemoteUnavailable

__all__ = ["KGStore", "QueryError", "RemoteEngine", "RemoteRefused", "RemoteUnavailable", "StoreBusy", "open_store",
           "remote_engine"]


def remote_engine(settings: Settings) -> RemoteEngine:
    """The HTTP client for ``KG_STORE=remote``, from the ``KG_REMOTE_*`` settings."""
    base = settings.remote_url.rstrip("/") if settings.remote_url else None
    query = settings.remote_query_url or (f"{base}/query" if base else None)
    update = settings.remote_update_url or (f"{base}/update" if base else None)
    if not query or not update:
        raise ValueError("KG_STORE=remote needs KG_REMOTE_URL (an Oxigraph server), or KG_REMOTE_QUERY_URL "
                         "and KG_REMOTE_UPDATE_URL")
    gsp = settings.remote_gsp_url or (f"{base}/store" if base else None)
    if gsp and gsp.lower() == "none":
        gsp = None
    for url in (query, update, gsp):
        if url and not url.startswith(("http://", "https://")):
            raise ValueError(f"the remote store URL must be http(s): {url!r}")
    auth = None
    if settings.remote_user:
        pw = settings.remote_password.get_secret_value() if settings.remote_password else ""
        auth = httpx.DigestAuth(settings.remote_user, pw) if settings.remote_auth == "digest" else \
            httpx.BasicAuth(settings.remote_user, pw)
    return RemoteEngine(query, update, gsp, auth=auth, timeout=settings.remote_timeout)


def open_store(data_dir: str | Path | None = None, *, backend: str | None = None, read_only: bool = False,
               settings: Settings | None = None) -> KGStore:
    """Open the store: ``open_store("./data")``, ``open_store(backend="memory")``.

    With no arguments the settings decide (``KG_STORE``, ``KG_DATA_DIR``).
    """
    settings = settings or get_settings()
    backend = backend or settings.store
    if backend == "memory":
        return KGStore(None)
    if backend == "remote":
        return KGStore(None, read_only=read_only, engine=remote_engine(settings))
    if backend != "oxigraph":
        raise ValueError(f"unknown store backend {backend!r}: use 'oxigraph', 'memory' or 'remote'")
    path = Path(data_dir) if data_dir is not None else settings.data_dir
    return KGStore(path, read_only=read_only)
