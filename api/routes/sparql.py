"""SPARQL 1.1 Protocol, read-only, at /sparql.

Queries by GET ``?query=``, POST form, or POST ``application/sparql-query``;
``default-graph-uri`` and ``named-graph-uri`` honoured. The default graph is the set
union of the article graphs. Each query runs in a worker process under a deadline.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from kg import sparql as sp
from kg.rdf.namespaces import ID
from kg.store.runner import QueryFailed, QueryTimeout, evaluate

router = APIRouter(tags=["sparql"])
EXAMPLE = "SELECT ?name WHERE { ?p a dkg:Person ; rdfs:label ?name } LIMIT 10"

SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
    <http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML> ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultDataset [ a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ; sd:name <{merged}> ] ] ;
  dkg:queryTimeoutSeconds {timeout} ;
  dkg:maxResults {rows} .
"""

_RESULT_CONTENT = {t: {"schema": {}} for t in (
    "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
    "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")}
_PROBLEM = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
PROBLEMS = {200: {"description": "Query results, or the service description", "content": _RESULT_CONTENT},
            400: {"description": "Malformed or refused query (SERVICE, updates, foreign graphs)", "content": _PROBLEM},
            415: {"description": "Unsupported request body type", "content": _PROBLEM},
            503: {"description": "The query ran past the deadline and was stopped", "content": _PROBLEM}}


async def _answer(request: Request, store, settings, query: str | None, default_graph_uri: list[str],  # noqa: ANN001
                  named_graph_uri: list[str], fmt: str | None) -> Response:
    if query is None or not query.strip():
        endpoint = str(request.url_for("sparql_get"))
        return Response(SERVICE_DESCRIPTION.format(endpoint=endpoint, merged=ID["graph-merged"],
                                                   timeout=settings.query_timeout, rows=settings.max_rows),
                        media_type="text/turtle")
    try:
        info = sp.inspect_query(query)
        sp.check_graph_params(default_graph_uri + named_graph_uri)
        chosen = sp.negotiate(request.headers.get("accept"), info.kind, fmt)
    except (sp.MalformedQuery, sp.QueryRejected) as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    defaults = info.default_graphs or default_graph_uri or None
    named = info.named_graphs or named_graph_uri or None
    pool = request.app.state.pool
    try:
        if pool is not None:
            out = await run_in_threadpool(pool.run, query, store.generation, graph_format=chosen,
                                          default_graphs=defaults, named_graphs=named)
        else:  # in memory: evaluated in this process (no hard deadline); remote: the server's deadline and ours
            out = await run_in_threadpool(evaluate, store.engine, query, graph_format=chosen,
                                          default_graphs=defaults, named_graphs=named, max_rows=settings.max_rows)
    except QueryTimeout as exc:
        return JSONResponse({"detail": str(exc)}, status_code=503)
    except QueryFailed as exc:
        return JSONResponse({"detail": str(exc)[:500]}, status_code=400)
    headers = {"X-KG-Truncated": "true"} if out.truncated else {}
    if out.kind == "select":
        body = sp.serialize_select(out.vars, out.rows, chosen)
        return Response(body, media_type=sp.RESULT_TYPES[chosen], headers=headers)
    if out.kind == "ask":
        return Response(sp.serialize_boolean(bool(out.boolean), chosen), media_type=sp.RESULT_TYPES[chosen])
    return Response(out.data or b"", media_type=sp.GRAPH_TYPES[chosen], headers=headers)


@router.get("/sparql", name="sparql_get", responses=PROBLEMS, response_class=Response,
            summary="SPARQL query by GET; without a query, the service description")
async def sparql_get(request: Request, store: StoreDep, settings: SettingsDep,
                     query: Annotated[str | None, Query(max_length=100_000, examples=[EXAMPLE])] = None,
                     default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
                     named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
                     format: Annotated[str | None, Query(max_length=60)] = None) -> Response:  # noqa: A002
    return await _answer(request, store, settings, query, default_graph_uri, named_graph_uri, format)


@router.post("/sparql", responses=PROBLEMS, response_class=Response, summary="SPARQL query by POST (form or application/sparql-query)",
             openapi_extra={"requestBody": {"content": {
                 "application/sparql-query": {"schema": {"type": "string", "minLength": 1}},
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"],
                     "properties": {"query": {"type": "string", "minLength": 1},
                                    "default-graph-uri": {"type": "string"},
                                    "named-graph-uri": {"type": "string"}}}}}, "required": True}})
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep,
                      default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
                      named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
                      format: Annotated[str | None, Query(max_length=60)] = None) -> Response:  # noqa: A002
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-query":
        raw = await request.body()
        try:
            query = raw.decode("utf-8")
        except UnicodeDecodeError:
            return JSONResponse({"detail": "the query is not UTF-8"}, status_code=400)
    elif ctype == "application/x-www-form-urlencoded":
        try:
            form = parse_qs((await request.body()).decode("utf-8"), keep_blank_values=True, max_num_fields=100)
        except (UnicodeDecodeError, ValueError):
            return JSONResponse({"detail": "the form is not valid UTF-8 url-encoded data"}, status_code=400)
        query = (form.get("query") or [None])[0]
        default_graph_uri = default_graph_uri + form.get("default-graph-uri", [])
        named_graph_uri = named_graph_uri + form.get("named-graph-uri", [])
        if "update" in form:
            return JSONResponse({"detail": "updates are not accepted: the endpoint is read-only"}, status_code=400)
    else:
        return JSONResponse({"detail": "send application/sparql-query or a form with a 'query' field"},
                            status_code=415)
    if query is None or not query.strip():
        return JSONResponse({"detail": "no query"}, status_code=400)
    return await _answer(request, store, settings, query, default_graph_uri, named_graph_uri, format)
