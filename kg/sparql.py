"""SPARQL requests from outside: inspection of the query's tokens, and result serialisation.

Inspection is :func:`kg.sparqlscan.scan`: it reads the query with the lexical rules of the engine
that runs it, refuses ``SERVICE`` in any spelling, updates, foreign ``FROM`` graphs and deep nesting,
and returns the canonical text that the engine is given. Nothing is evaluated here: syntax errors
come from the engine itself, in the killable query workers.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from kg.rdf.namespaces import ID, PREFIXES
from kg.sparqlscan import MalformedQuery, QueryRejected, Scan, scan

OWN_GRAPHS = str(ID)
_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}

__all__ = ["OWN_GRAPHS", "MalformedQuery", "QueryRejected", "Scan", "check_graph_params", "inspect_query",
           "negotiate", "serialize_boolean", "serialize_select"]


def inspect_query(query: str, max_depth: int = 500) -> Scan:
    """Check ``query`` (the project's prefixes predefined): its kind, its FROM graphs, the text to run."""
    return scan(query, prefixes=_PREFIXES, own_graphs=OWN_GRAPHS, max_depth=max_depth)


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
