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

from api.admission import Busy, QueryGate
from api.deps import SettingsDep, StoreDep
from kg import sparql as sp
from kg.store.runner import PoolBusy, QueryFailed, QueryTimeout, StoreUnreadable, evaluate

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
  dkg:queryTimeoutSeconds {timeout} ;
  dkg:maxResults {rows} .
"""

_RESULT_CONTENT = {t: {"schema": {}} for t in (
    "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
    "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")}
_PROBLEM = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
PROBLEMS = {200: {"description": "Query results, or the service description", "content": _RESULT_CONTENT},
            400: {"description": "Malformed or refused query (SERVICE, updates, foreign graphs, nesting deeper than "
                                 "KG_MAX_QUERY_DEPTH), or the engine's error", "content": _PROBLEM},
            413: {"description": "The query is longer than KG_MAX_QUERY_CHARS characters", "content": _PROBLEM},
            415: {"description": "Unsupported request body type", "content": _PROBLEM},
            503: {"description": "The query ran past the deadline and was stopped, or every query worker is busy "
                                 "(then with a Retry-After header)", "content": _PROBLEM}}


def _problem(status: int, detail: str, retry_after: int | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def gate(request: Request) -> QueryGate:
    """The app's SPARQL admission (made on first use, inside the event loop)."""
    app = request.app
    if getattr(app.state, "query_gate", None) is None:
        st = app.state.settings
        app.state.query_gate = QueryGate(st.query_workers, st.query_queue, st.query_wait, st.query_timeout)
    return app.state.query_gate


async def _answer(request: Request, store, settings, query: str | None, default_graph_uri: list[str],  # noqa: ANN001
                  named_graph_uri: list[str], fmt: str | None) -> Response:
    if query is None or not query.strip():
        endpoint = str(request.url_for("sparql_get"))
        return Response(SERVICE_DESCRIPTION.format(endpoint=endpoint,
                                                   timeout=settings.query_timeout, rows=settings.max_rows),
                        media_type="text/turtle")
    if len(query) > settings.max_query_chars:
        return _problem(413, f"the query is {len(query):,} characters long; this endpoint accepts at most "
                             f"{settings.max_query_chars:,} (KG_MAX_QUERY_CHARS)")
    g = gate(request)
    try:  # parsing only, in a thread of its own with a deadline: never on the event loop, never evaluated
        info = await g.inspect(sp.inspect_query, query, settings.max_query_depth)
        sp.check_graph_params(default_graph_uri + named_graph_uri)
        chosen = sp.negotiate(request.headers.get("accept"), info.kind, fmt)
    except (sp.MalformedQuery, sp.QueryRejected) as exc:
        return _problem(400, str(exc))
    except TimeoutError:
        return _problem(400, "the query took too long to read; simplify it")
    defaults = info.default_graphs or default_graph_uri or None
    named = info.named_graphs or named_graph_uri or None
    pool = request.app.state.pool
    try:
        if pool is not None:  # a worker process with no network, killed at the deadline
            out = await g.run(pool.run, info.text, store.generation, graph_format=chosen,
                              default_graphs=defaults, named_graphs=named)
        else:  # in memory: evaluated in this process (no hard deadline); remote: the server's deadline and ours
            out = await g.run(evaluate, store.engine, info.text, graph_format=chosen,
                              default_graphs=defaults, named_graphs=named, max_rows=settings.max_rows)
    except Busy as exc:
        return _problem(503, str(exc), exc.retry_after)
    except PoolBusy as exc:
        return _problem(503, f"{exc}; retry in {int(settings.query_wait) + 1} s", int(settings.query_wait) + 1)
    except StoreUnreadable as exc:
        return _problem(503, str(exc), 1)
    except QueryTimeout as exc:
        return _problem(503, str(exc))
    except QueryFailed as exc:
        return _problem(400, str(exc)[:500])
    except SyntaxError as exc:  # the remote server's refusal, or the in-memory engine's parser
        return _problem(400, str(exc)[:500])
    headers = {"X-KG-Truncated": "true"} if out.truncated else {}
    if out.kind == "select":
        body = sp.serialize_select(out.vars, out.rows, chosen)
        return Response(body, media_type=sp.RESULT_TYPES[chosen], headers=headers)
    if out.kind == "ask":
        return Response(sp.serialize_boolean(bool(out.boolean), chosen), media_type=sp.RESULT_TYPES[chosen])
    return Response(out.data or b"", media_type=sp.GRAPH_TYPES[chosen], headers=headers)


FORMAT_DOC = ("The result format, overriding Accept: for SELECT and ASK json, xml, csv or tsv; for CONSTRUCT and "
              "DESCRIBE turtle (also n3, ttl), ntriples (nt), jsonld (json) or rdfxml (xml, rdf), or media types, "
              "comma-separated. A format the query's results cannot take falls back to the Accept header.")


DefaultGraphs = Annotated[list[str], Query(alias="default-graph-uri", description=(
    "A graph of this store to use as the default graph (repeatable); default: all articles"))]
NamedGraphs = Annotated[list[str], Query(alias="named-graph-uri", description=(
    "A graph of this store that GRAPH ?g may reach (repeatable); default: every article's"))]
FormatParam = Annotated[str | None, Query(max_length=200, description=FORMAT_DOC)]
OutputParam = Annotated[str | None, Query(max_length=200, description="Same as format.")]


@router.get("/sparql", name="sparql_get", responses=PROBLEMS, response_class=Response,
            summary="SPARQL query by GET; without a query, the service description")
async def sparql_get(request: Request, store: StoreDep, settings: SettingsDep,
                     query: Annotated[str | None, Query(examples=[EXAMPLE], description=(
                         "The SPARQL 1.1 query; without one, the service description. At most KG_MAX_QUERY_CHARS "
                         "characters (413 above); POST long queries."))] = None,
                     default_graph_uri: DefaultGraphs = [],  # noqa: B006
                     named_graph_uri: NamedGraphs = [],  # noqa: B006
                     format: FormatParam = None,  # noqa: A002
                     output: OutputParam = None,
                     ) -> Response:
    return await _answer(request, store, settings, query, default_graph_uri, named_graph_uri, format or output)


@router.post("/sparql", responses=PROBLEMS, response_class=Response, summary="SPARQL query by POST (form or application/sparql-query)",
             openapi_extra={"requestBody": {"content": {
                 "application/sparql-query": {"schema": {"type": "string", "minLength": 1}},
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"],
                     "properties": {"query": {"type": "string", "minLength": 1},
                                    "default-graph-uri": {"type": "string"},
                                    "named-graph-uri": {"type": "string"},
                                    "format": {"type": "string", "maxLength": 200},
                                    "output": {"type": "string", "maxLength": 200}}}}}, "required": True}})
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep,
                      default_graph_uri: DefaultGraphs = [],  # noqa: B006
                      named_graph_uri: NamedGraphs = [],  # noqa: B006
                      format: FormatParam = None,  # noqa: A002
                      output: OutputParam = None,
                      ) -> Response:
    format = format or output  # noqa: A001
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
        format = format or next((form[k][0] for k in ("format", "output") if form.get(k)), None)  # noqa: A001
        if format is not None and len(format) > 200:
            return JSONResponse({"detail": "the format field is longer than 200 characters"}, status_code=400)
        if "update" in form:
            return JSONResponse({"detail": "updates are not accepted: the endpoint is read-only"}, status_code=400)
    else:
        return JSONResponse({"detail": "send application/sparql-query or a form with a 'query' field"},
                            status_code=415)
    if query is None or not query.strip():
        return JSONResponse({"detail": "no query"}, status_code=400)
    return await _answer(request, store, settings, query, default_graph_uri, named_graph_uri, format)
