"""Builds the FastAPI application; the lifespan opens the store and the query workers."""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from api.middleware import BodyLimit
from api.routes import articles, health, lookups, sparql
from api.settings import APISettings
from kg import lookups as kg_lookups
from kg.store import KGStore, open_store
from kg.version import __version__

log = logging.getLogger("diplomatic-kg.api")

DESCRIPTION = """Knowledge graph of diplomatic events extracted from news articles.

* **/sparql**: SPARQL 1.1 Protocol, read-only. The default graph is the set union of all article
  graphs (`id:graph-merged`); each article is the named graph `id:graph/{article id}`. Prefixes such as
  `dkg:`, `id:`, `plover:` and `sem:` are predefined. Queries stop at the deadline; SERVICE, updates and
  graphs of other servers are refused.
* REST lookups of the relations between leaders, leaders, entities, timelines, events, stances and paths.
* Writes (`POST /articles`, `DELETE /articles/{id}`) need `Authorization: Bearer <KG_API_TOKEN>`.
"""


def create_app(settings: APISettings | None = None, store: KGStore | None = None) -> FastAPI:
    """The service. ``store`` may be given (tests); otherwise the settings open one."""
    settings = settings or APISettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        own = store is None
        app.state.store = store if store is not None else open_store(settings=settings)
        app.state.store.flush()
        app.state.pool = None
        if app.state.store.path is not None:
            from kg.store.runner import QueryPool

            app.state.pool = QueryPool(app.state.store.path, settings.query_workers, settings.query_timeout,
                                       settings.max_rows)
        try:
            yield
        finally:
            if app.state.pool is not None:
                app.state.pool.close()
            if own:
                app.state.store.close()

    app = FastAPI(title="diplomatic-kg", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.write_lock = threading.Lock()
    for r in (health.router, sparql.router, lookups.router, articles.router):
        app.include_router(r)

    @app.exception_handler(kg_lookups.NotFound)
    async def not_found(_: Request, exc: kg_lookups.NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        first = errs[0] if errs else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return JSONResponse({"detail": f"{where}: {first.get('msg', 'invalid request')}"[:300]}, status_code=422)

    @app.exception_handler(Exception)
    async def crashed(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    if settings.cors_origins:
        wildcard = "*" in settings.cors_origins
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=not wildcard,
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    return app
