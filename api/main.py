"""Builds the FastAPI application; the lifespan opens the store and the query workers."""

from __future__ import annotations

import logging
import secrets
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline

from api.middleware import BodyLimit, Revalidation, SecurityHeaders
from api.routes import articles, export, health, lookups, sparql, summaries
from api.settings import APISettings
from kg import lookups as kg_lookups
from kg.store import KGStore, RemoteUnavailable, open_store
from kg.store.runner import QueryTimeout
from kg.version import __version__

log = logging.getLogger("diplomatic-kg.api")

DOCS_ASSETS = "/docs-assets"
DESCRIPTION = """Knowledge graph of diplomatic events extracted from news articles.

* **/sparql**: SPARQL 1.1 Protocol, read-only. Each article is the named graph `id:graph/{article id}`;
  descriptions of entities, shared by the articles that name them, are in the store's own default graph; the
  default graph of a query is the union of all of them, every triple once. Prefixes such as
  `dkg:`, `id:`, `plover:` and `sem:` are predefined. Queries stop at the deadline; SERVICE, updates and
  graphs of other servers are refused; queries run in worker processes that have no network. Limits: query
  length (413), nesting depth (400), concurrent and waiting queries (503 with `Retry-After`).
* REST lookups of the relations between leaders, leaders, entities, timelines, events, stances and paths.
* Writes (`POST /articles`, `DELETE /articles/{id}`) need `Authorization: Bearer <KG_API_TOKEN>`.
"""


def _allowed(app: FastAPI) -> list:
    """(path regex, methods) for every documented path, computed once."""
    import re

    if not hasattr(app.state, "allowed"):
        table = []
        for template, ops in app.openapi()["paths"].items():
            rx = re.compile("".join(".+" if p.startswith("{") else re.escape(p)
                                    for p in re.split(r"(\{[^}]+\})", template)))
            table.append((rx, {m.upper() for m in ops}))
        app.state.allowed = table
    return app.state.allowed


def create_app(settings: APISettings | None = None, store: KGStore | None = None) -> FastAPI:
    """The service. ``store`` may be given (tests); otherwise the settings open one."""
    settings = settings or APISettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        own = store is None
        app.state.store = store if store is not None else open_store(settings=settings)
        app.state.store.flush()
        app.state.pool = None
        if app.state.store.remote is not None:  # the server enforces its own deadline; this one bounds the wait
            app.state.store.remote.timeout = settings.query_timeout
        elif app.state.store.path is not None:
            from kg.store.runner import QueryPool

            app.state.pool = QueryPool(app.state.store.path, settings.query_workers, settings.query_timeout,
                                       settings.max_rows, wait=settings.query_wait)
        announced = None
        if settings.announce_url and settings.local_token is not None and app.state.store.path is not None:
            # `kg ingest` on this data folder hands its articles to us (kg.store.handoff)
            from kg.store.handoff import announce

            announced = announce(app.state.store.path, settings.announce_url, settings.local_token.get_secret_value())
        try:
            yield
        finally:
            if announced is not None:
                from kg.store.handoff import withdraw

                withdraw(announced)
            if app.state.pool is not None:
                app.state.pool.close()
            if own:
                app.state.store.close()

    # the docs pages (Swagger UI at /docs, ReDoc at /redoc) load their assets from the installed fastapi-offline
    # package, never from a CDN: every page of the service works on a machine with no internet
    app = FastAPIOffline(title="diplomatic-kg", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         static_url=DOCS_ASSETS)
    app.state.settings = settings
    app.state.query_gate = None
    if store is not None:  # usable before (or without) the lifespan, e.g. by ASGI test transports
        app.state.store = store
        app.state.pool = None
    app.state.write_lock = threading.Lock()
    for r in (health.router, sparql.router, lookups.router, summaries.router, articles.router, export.router):
        app.include_router(r)
    from pathlib import Path

    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    static = Path(__file__).resolve().parent / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def explorer() -> FileResponse:
        return FileResponse(static / "index.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:  # browsers ask for it even when the page names its icon
        return FileResponse(static / "favicon.svg", media_type="image/svg+xml")

    @app.get("/world/countries-110m.json", include_in_schema=False)
    def world() -> FileResponse:  # the explorer's map: the country shapes kg's pictures use (kg/data)
        from importlib import resources

        return FileResponse(str(resources.files("kg.data").joinpath("countries-110m.json")),
                            media_type="application/json")

    @app.exception_handler(kg_lookups.NotFound)
    async def not_found(_: Request, exc: kg_lookups.NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(RemoteUnavailable)
    async def store_down(_: Request, exc: RemoteUnavailable) -> JSONResponse:
        log.warning("remote store unavailable: %s", exc)
        return JSONResponse({"detail": "the store is unavailable; try again later"}, status_code=503)

    @app.exception_handler(QueryTimeout)
    async def too_slow(_: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

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

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # list every method any route offers for this path, not just one route's
            methods = {m for rx, ms in _allowed(app) for m in ms if rx.fullmatch(request.url.path)}
            if methods:
                headers["Allow"] = ", ".join(sorted(methods))
        return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=headers)

    def openapi():  # noqa: ANN202 - validation errors are short {"detail": "..."} documents
        if app.openapi_schema:
            return app.openapi_schema
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        comps["HTTPValidationError"] = {"title": "HTTPValidationError", "type": "object", "required": ["detail"],
                                        "properties": {"detail": {"type": "string"}}}
        comps.pop("ValidationError", None)
        comps.setdefault("Problem", {"title": "Problem", "type": "object", "required": ["detail"],
                                     "properties": {"detail": {"type": "string"}}})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]

    if settings.cors_origins:
        wildcard = "*" in settings.cors_origins
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=not wildcard,
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(Revalidation, run=secrets.token_hex(4),  # ETags differ across server runs
                       answer_bytes=int(settings.answer_cache_mb * 1_000_000))
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
