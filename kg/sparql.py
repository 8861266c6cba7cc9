"""SPARQL requests from outside: inspection of the parsed query, and result serialisation.

A query is judged on its parse tree, never by a regex: ``SERVICE`` in any spelling
(``service``, ``\\u0053ERVICE``, ``SERVICE SILENT``), updates such as ``LOAD``, and
``FROM``/``FROM NAMED`` naming anything but this store's own graphs are refused.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import URIRef

from kg.rdf.namespaces import ID, PREFIXES

OWN_GRAPHS = str(ID)


class QueryRejected(ValueError):
    """A well-formed query the service will not run (SERVICE, updates, foreign graphs)."""


class MalformedQuery(ValueError):
    """A query that does not parse; the message is the parser's."""


@dataclass
class QueryInfo:
    kind: str  # SELECT, ASK, CONSTRUCT, DESCRIBE
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


_KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


def _walk(node: Any, depth: int = 0):  # noqa: ANN202
    if depth > 200:
        return
    yield node
    if isinstance(node, dict):
        for v in list(node.values()):
            yield from _walk(v, depth + 1)
    elif isinstance(node, list | tuple) or hasattr(node, "asList") and not isinstance(node, str):
        for v in node:
            yield from _walk(v, depth + 1)


def inspect_query(query: str) -> QueryInfo:
    """Parse ``query`` (with the project's prefixes predefined) and check what it asks for."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    try:
        parsed = parseQuery(prologue + query)
    except ParseException as exc:
        try:
            from rdflib.plugins.sparql.parser import parseUpdate

            parseUpdate(query)
        except Exception:  # noqa: BLE001 - not an update either: report the query parser's message
            raise MalformedQuery(_oxigraph_message(query) or f"column {exc.col}: {exc.msg}") from None
        raise QueryRejected("updates (INSERT, DELETE, LOAD, CLEAR, ...) are not accepted: the endpoint is read-only") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises assorted errors on odd input
        raise MalformedQuery(str(exc).splitlines()[0][:300]) from None
    body = parsed[1]
    kind = _KINDS.get(getattr(body, "name", ""), "")
    if not kind:
        raise MalformedQuery("not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    for node in _walk(parsed):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise QueryRejected("SERVICE is not allowed: the endpoint never contacts other servers")
    info = QueryInfo(kind)
    clauses = body.get("datasetClause")
    for clause in clauses if isinstance(clauses, list) or hasattr(clauses, "asList") else []:
        if not hasattr(clause, "get"):
            continue
        for key, target in (("default", info.default_graphs), ("named", info.named_graphs)):
            iri = clause.get(key)
            if isinstance(iri, URIRef):
                if not str(iri).startswith(OWN_GRAPHS):
                    raise QueryRejected(f"FROM <{iri}> is not a graph of this store; only {OWN_GRAPHS}graph/... "
                                        "graphs can be named")
                target.append(str(iri))
    return info


def _oxigraph_message(query: str) -> str | None:
    """Oxigraph's parser explains syntax errors well: parse (on an empty store) to get its message."""
    import pyoxigraph as ox

    try:
        ox.Store().query(query, prefixes={k: str(v) for k, v in PREFIXES.items()})
    except SyntaxError as exc:
        return str(exc)
    except Exception:  # noqa: BLE001
        return None
    return "this query uses syntax the endpoint's checker cannot read"


def check_graph_params(uris: list[str]) -> None:
    for u in uris:
        if not u.startswith(OWN_GRAPHS):
            raise QueryRejected(f"graph <{u}> is not a graph of this store")


# ---------------------------------------------------------------- results

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def negotiate(accept: str | None, kind: str, fmt: str | None = None) -> str:
    """The result format for an Accept header (or an explicit ``format`` parameter)."""
    table = RESULT_TYPES if kind in ("SELECT", "ASK") else GRAPH_TYPES
    if fmt:
        if fmt in table:
            return fmt
        for k, v in table.items():
            if fmt == v:
                return k
        raise QueryRejected(f"format {fmt!r} is not available for {kind}; use one of {', '.join(table)}")
    prefs = []
    for part in (accept or "").split(","):
        bits = part.strip().split(";")
        mt = bits[0].strip().lower()
        q = 1.0
        for b in bits[1:]:
            if b.strip().startswith("q="):
                try:
                    q = float(b.strip()[2:])
                except ValueError:
                    q = 0.0
        prefs.append((q, mt))
    prefs.sort(key=lambda x: -x[0])
    aliases = {"application/json": "json", "text/plain": "tsv" if kind in ("SELECT", "ASK") else "ntriples",
               "application/xml": "xml" if kind in ("SELECT", "ASK") else "rdfxml", "text/xml": "xml",
               "application/x-turtle": "turtle", "application/json+ld": "jsonld"}
    for q, mt in prefs:
        if q <= 0:
            continue
        for k, v in table.items():
            if mt == v:
                return k
        if mt in aliases and aliases[mt] in table:
            return aliases[mt]
    return "json" if kind in ("SELECT", "ASK") else "turtle"


def _term_json(t: tuple | None) -> dict | None:
    if t is None:
        return None
    kind = t[0]
    if kind == "uri":
        return {"type": "uri", "value": t[1]}
    if kind == "bnode":
        return {"type": "bnode", "value": t[1]}
    out = {"type": "literal", "value": t[1]}
    if t[3]:
        out["xml:lang"] = t[3]
    elif t[2] and t[2] != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t[2]
    return out


def serialize_select(vars_: list[str], rows: list[tuple], fmt: str) -> bytes:
    """SPARQL 1.1 results (JSON, XML, CSV, TSV) from rows of (kind, value, datatype, lang) term tuples."""
    if fmt == "json":
        bindings = [{v: _term_json(t) for v, t in zip(vars_, row, strict=True) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": vars_}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in vars_]
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>")
            for v, t in zip(vars_, row, strict=True):
                if t is None:
                    continue
                if t[0] == "uri":
                    inner = f"<uri>{escape(t[1])}</uri>"
                elif t[0] == "bnode":
                    inner = f"<bnode>{escape(t[1])}</bnode>"
                else:
                    attr = f" xml:lang={quoteattr(t[3])}" if t[3] else (
                        f" datatype={quoteattr(t[2])}" if t[2] and not t[2].endswith("#string") else "")
                    inner = f"<literal{attr}>{escape(t[1])}</literal>"
                out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
            out.append("</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode()
    buf = io.StringIO()
    if fmt == "csv":
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(vars_)
        for row in rows:
            w.writerow(["" if t is None else (f"_:{t[1]}" if t[0] == "bnode" else t[1]) for t in row])
        return buf.getvalue().encode()
    # TSV: terms in Turtle syntax
    buf.write("\t".join(f"?{v}" for v in vars_) + "\n")
    for row in rows:
        buf.write("\t".join(_tsv_term(t) for t in row) + "\n")
    return buf.getvalue().encode()


def _tsv_term(t: tuple | None) -> str:
    if t is None:
        return ""
    if t[0] == "uri":
        return f"<{t[1]}>"
    if t[0] == "bnode":
        return f"_:{t[1]}"
    v = t[1].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    if t[3]:
        return f'"{v}"@{t[3]}'
    if t[2] and not t[2].endswith("#string"):
        return f'"{v}"^^<{t[2]}>'
    return f'"{v}"'


def serialize_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    return ("true\n" if value else "false\n").encode()
