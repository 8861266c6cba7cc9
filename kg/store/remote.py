"""A remote store: any SPARQL 1.1 server that speaks the Query, Update and Graph Store protocols.

:class:`RemoteEngine` offers, over HTTP, the part of ``pyoxigraph.Store``'s API that
:class:`~kg.store.oxigraph.KGStore` uses. The embedded and the remote backends therefore
share one implementation of the store's behaviour: one named graph per article and the
shared layer (entity descriptions) in the default graph, a new article written in one
request, replacement and deletion each in one SPARQL update.

Datasets. The embedded store evaluates queries with the union of all graphs as the default
graph. Over the protocol that is asked with Oxigraph server's ``union-default-graph``
parameter (other servers: configure the union default graph on the server). Bound variables
(``substitutions``) become a ``VALUES`` block at the start of the ``WHERE`` group; values
are written as RDF terms, never as text pasted from a caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.store.runner import QueryTimeout
from kg.store.sparqltext import term_text, with_values

_CANCELLED = b"operation has been cancelled"  # Oxigraph server's answer past --timeout-s: HTTP 200, cut body
_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, application/n-triples;q=0.9, "
           "text/turtle;q=0.8")

class RemoteUnavailable(RuntimeError):
    """The SPARQL server could not be reached or failed (HTTP 5xx)."""


class RemoteRefused(RuntimeError):
    """The SPARQL server refused a request (HTTP 4xx other than a malformed query)."""


def _graph_iris(g: Any) -> list[str]:
    if g is None:
        return []
    if isinstance(g, ox.NamedNode):
        return [g.value]
    if isinstance(g, list | tuple):
        return [x.value for x in g]
    raise TypeError(f"unexpected graph {g!r}")


class RemoteEngine:
    """pyoxigraph.Store's interface, as KGStore uses it, over the SPARQL 1.1 protocols."""

    def __init__(self, query_url: str, update_url: str, gsp_url: str | None = None, *,
                 auth: httpx.Auth | None = None, timeout: float = 60.0, verify: bool = True):
        self.query_url, self.update_url, self.gsp_url = query_url, update_url, gsp_url
        self.timeout = timeout
        self._http = httpx.Client(auth=auth, verify=verify, follow_redirects=False,
                                  timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
                                  headers={"User-Agent": "diplomatic-kg"})

    def close(self) -> None:
        self._http.close()

    def __repr__(self) -> str:
        return f"RemoteEngine({self.query_url!r})"

    # -- HTTP
    def _send(self, method: str, url: str, **kw: Any) -> httpx.Response:
        kw.setdefault("timeout", httpx.Timeout(self.timeout, connect=min(10.0, self.timeout)))
        try:
            r = self._http.request(method, url, **kw)
        except httpx.TimeoutException as exc:
            raise QueryTimeout(f"the SPARQL server did not answer within {self.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise RemoteUnavailable(f"cannot reach the SPARQL server at {url}: {exc}") from exc
        if r.status_code >= 500:
            raise RemoteUnavailable(f"the SPARQL server at {url} failed (HTTP {r.status_code}): {r.text[:300]}")
        return r

    # -- queries
    def query(self, query: str, *, prefixes: dict[str, str] | None = None, default_graph: Any = None,
              named_graphs: Any = None, substitutions: dict[Any, Any] | None = None,
              use_default_graph_as_union: bool = False) -> Any:
        """Like ``pyoxigraph.Store.query``: QuerySolutions, QueryBoolean, or an iterator of Triples."""
        defaults, named = _graph_iris(default_graph), _graph_iris(named_graphs)
        text = with_values(query, substitutions)
        if prefixes:
            text = "".join(f"PREFIX {k}: <{v}>\n" for k, v in prefixes.items()) + text
        form: list[tuple[str, str]] = [("query", text)]
        form += [("default-graph-uri", g) for g in defaults]
        form += [("named-graph-uri", g) for g in named]
        if use_default_graph_as_union and not defaults:
            form.append(("union-default-graph", ""))
        r = self._send("POST", self.query_url, content=urlencode(form).encode(),
                       headers={"Accept": _ACCEPT, "Content-Type": "application/x-www-form-urlencoded"})
        if r.status_code >= 400:
            raise SyntaxError(f"the SPARQL server refused the query (HTTP {r.status_code}): {r.text[:500]}")
        body = r.content
        if _CANCELLED in body[-300:]:
            raise QueryTimeout("the SPARQL server stopped the query at its deadline")
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        results_format = ox.QueryResultsFormat.from_media_type(ctype)
        if results_format is not None:
            return ox.parse_query_results(body, format=results_format)
        rdf_format = ox.RdfFormat.from_media_type(ctype)
        if rdf_format is None:
            raise RemoteRefused(f"the SPARQL server answered with an unexpected type {ctype!r}")
        return iter([q.triple for q in ox.parse(body, format=rdf_format)])

    def update(self, update: str) -> None:
        r = self._send("POST", self.update_url, content=update.encode(),
                       headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        if r.status_code >= 400:
            raise RemoteRefused(f"the SPARQL server refused the update (HTTP {r.status_code}): {r.text[:500]}")

    # -- the pyoxigraph.Store methods KGStore calls
    def insert_lines(self, by_graph: dict[str, list[str]]) -> None:
        """N-Triples lines into graphs ("" is the default graph), all in one ``INSERT DATA``: one request,
        one transaction."""
        parts = [f"GRAPH <{g}> {{\n{''.join(lines)}}}\n" if g else "".join(lines)
                 for g, lines in by_graph.items() if lines]
        if parts:
            self.update("INSERT DATA {\n" + "".join(parts) + "}")

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH <{graph.value}>")

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"))

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        res = self.query("SELECT ?g WHERE { GRAPH ?g { } }")
        return iter([sol["g"] for sol in res if isinstance(sol["g"], ox.NamedNode)])

    def count(self, graph: ox.NamedNode | None = None, union: bool = False) -> int:
        """Triples in one named graph, quads in all of them, or (``union``) triples in the whole store."""
        pattern = (f"GRAPH <{graph.value}> {{ ?s ?p ?o }}" if graph is not None
                   else "?s ?p ?o" if union else "GRAPH ?g { ?s ?p ?o }")
        for sol in self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", use_default_graph_as_union=union):
            return int(sol["n"].value)
        return 0

    def __len__(self) -> int:
        return self.count(union=True)

    def quads_for_pattern(self, s: Any, p: Any, o: Any, graph: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
        """Quads of one graph matching the pattern; a whole named graph comes by the Graph Store protocol."""
        if not isinstance(graph, ox.NamedNode | ox.DefaultGraph):
            raise ValueError("a remote pattern needs one graph")
        if s is None and p is None and o is None and isinstance(graph, ox.NamedNode):
            return iter([ox.Quad(t.subject, t.predicate, t.object, graph) for t in self.graph_triples(graph)])
        parts = " ".join(term_text(x) if x is not None else f"?{n}" for x, n in ((s, "s"), (p, "p"), (o, "o")))
        where = f"GRAPH <{graph.value}> {{ {parts} }}" if isinstance(graph, ox.NamedNode) else parts
        res = self.query(f"SELECT * WHERE {{ {where} }}")
        return iter([ox.Quad(s or sol["s"], p or sol["p"], o or sol["o"], graph) for sol in res])

    def graph_triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        if self.gsp_url:
            r = self._send("GET", self.gsp_url, params={"graph": graph.value},
                           headers={"Accept": "application/n-triples"})
            if r.status_code == 404:
                return []
            if r.status_code >= 400:
                raise RemoteRefused(f"the Graph Store at {self.gsp_url} refused (HTTP {r.status_code}): {r.text[:300]}")
            return [q.triple for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)]
        return list(self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"))

    def clear(self) -> None:
        self.update("CLEAR ALL")

    def flush(self) -> None:
        """Writes are durable when the server answers: nothing to do."""
