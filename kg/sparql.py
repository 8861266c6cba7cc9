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


# What a ``format``/``output`` parameter may say, by result family, as established endpoints read it: for
# graph results "xml" is RDF/XML, "json" JSON-LD and "n3" Turtle. Media types are read as in Accept.
_FORMAT_WORDS = {
    "rows": {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {"xml": "rdfxml", "rdf": "rdfxml", "rdf+xml": "rdfxml", "rdfxml": "rdfxml", "owl": "rdfxml",
              "json": "jsonld", "json-ld": "jsonld", "jsonld": "jsonld", "n3": "turtle", "turtle": "turtle",
              "ttl": "turtle", "nt": "ntriples", "ntriples": "ntriples", "n-triples": "ntriples"},
}
_MEDIA_ALIASES = {
    "rows": {"application/json": "json", "text/javascript": "json", "application/javascript": "json",
             "application/xml": "xml", "text/xml": "xml", "text/plain": "tsv"},
    "graph": {"application/xml": "rdfxml", "text/xml": "rdfxml", "application/x-turtle": "turtle",
              "application/turtle": "turtle", "text/n3": "turtle", "text/rdf+n3": "turtle",
              "application/rdf+n3": "turtle", "application/json+ld": "jsonld", "application/x-json+ld": "jsonld",
              "application/json": "jsonld", "text/plain": "ntriples"},
}


def _media(mt: str, family: str) -> str | None:
    table = RESULT_TYPES if family == "rows" else GRAPH_TYPES
    return next((k for k, v in table.items() if v == mt), None) or _MEDIA_ALIASES[family].get(mt)


def negotiate(accept: str | None, kind: str, fmt: str | None = None) -> str:
    """The result format: a ``format``/``output`` parameter naming one (a word such as "json", "xml", "n3", or
    media types, comma-separated), else the Accept header, else JSON for rows and Turtle for graphs. A parameter
    this endpoint cannot answer in falls back to the Accept header, as SPARQL clients expect."""
    family = "rows" if kind in ("SELECT", "ASK") else "graph"
    for item in (fmt or "").split(","):
        word = item.strip().lower()
        if word and (found := _FORMAT_WORDS[family].get(word) or _media(word.split(";")[0].strip(), family)):
            return found
    prefs = []
    for k, part in enumerate((accept or "").split(",")):
        bits = part.strip().split(";")
        q = 1.0
        for b in bits[1:]:
            if b.strip().startswith("q="):
                try:
                    q = float(b.strip()[2:])
                except ValueError:
                    q = 0.0
        prefs.append((-q, k, bits[0].strip().lower()))
    for negq, _, mt in sorted(prefs):
        if negq < 0 and (found := _media(mt, family)):
            return found
    return "json" if family == "rows" else "turtle"


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
