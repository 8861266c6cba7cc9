"""Oxigraph-backed store (on disk or in memory), with rdflib as the model layer over it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf import iris
from kg.rdf.namespaces import ID, PREFIXES
from kg.store.readonly import open_read_only
from kg.store.sparqltext import rewrite

_RETRACT = (
    "DELETE {{ GRAPH {m} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
    "FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other NOT IN ({g}, {m}, {s})) }} }}"
)


def _iri(iri: object) -> str:
    """An IRI minted by kg.rdf.iris, checked, as SPARQL text (only our own IRIs are ever written into updates)."""
    s = str(iri)
    if not iris.is_own(s):
        raise ValueError(f"refusing to write an unexpected IRI into an update: {s!r}")
    return f"<{s}>"


class StoreBusy(RuntimeError):
    """Another process holds the store for writing."""


class QueryError(ValueError):
    """A malformed or unsupported SPARQL query; the message is the parser's."""


def to_ox(t: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"cannot store term {t!r}")


def from_ox(t: Any) -> Node | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value, datatype=None if dt == "http://www.w3.org/2001/XMLSchema#string" else URIRef(dt))
    raise TypeError(f"unexpected term {t!r}")


def ntriples(graph: Graph, cache: dict[Node, str] | None = None) -> list[str]:
    """The graph as N-Triples lines (``"<s> <p> o .\\n"``); IRIs are converted once and cached."""
    cache = {} if cache is None else cache
    out = []
    for triple in graph:
        parts = []
        for t in triple:
            x = cache.get(t) if not isinstance(t, Literal) else None
            if x is None:
                x = str(to_ox(t))
                if not isinstance(t, Literal):
                    cache[t] = x
            parts.append(x)
        out.append(f"{parts[0]} {parts[1]} {parts[2]} .\n")
    return out


def python_value(t: Node | None) -> Any:
    if t is None:
        return None
    if isinstance(t, Literal):
        v = t.toPython()
        return float(v) if isinstance(v, Decimal) else v
    return str(t)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                                "unsignedShort", "unsignedByte")}
_FLOATS = {f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"}
_STRINGS = {f"{_XSD}string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def plain_value(t: Any) -> Any:
    """A pyoxigraph term as a plain Python value, as :func:`python_value` gives for the rdflib term, faster."""
    if t is None:
        return None
    if not isinstance(t, ox.Literal):
        return t.value
    dt, v = t.datatype.value, t.value
    try:
        if dt in _STRINGS:
            return v
        if dt in _INTS:
            return int(v)
        if dt in _FLOATS:
            return float(v)
        if dt == f"{_XSD}date" and len(v) == 10:
            return date.fromisoformat(v)
        if dt == f"{_XSD}boolean":
            return v in ("true", "1")
    except ValueError:
        pass
    return python_value(from_ox(t))


class QueryResult:
    """Rows of a SELECT (``vars`` + ``rows`` of rdflib terms), an ASK boolean, or a CONSTRUCT graph.

    Rows are kept as the engine's terms: ``records()`` turns them straight into Python values,
    and ``rows`` makes rdflib terms only when asked.
    """

    def __init__(self, kind: str, vars: list[str], rows: list[tuple[Any, ...]], boolean: bool | None = None,  # noqa: A002
                 graph: Graph | None = None, native: bool = False):
        self.kind, self.vars, self.boolean, self.graph = kind, vars, boolean, graph
        self._raw = rows if native else None
        self._rows = None if native else rows

    @property
    def rows(self) -> list[tuple[Node | None, ...]]:
        if self._rows is None:
            self._rows = [tuple(from_ox(x) for x in row) for row in self._raw or []]
        return self._rows

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._raw is not None:
            for row in self._raw:
                yield {v: plain_value(x) for v, x in zip(self.vars, row, strict=True)}
            return
        for row in self.rows:
            yield {v: python_value(x) for v, x in zip(self.vars, row, strict=True)}

    def __len__(self) -> int:
        return len(self._raw) if self._raw is not None else len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values."""
        return list(self)

    def to_dataframe(self):  # noqa: ANN201
        """The rows as a pandas DataFrame (pandas must be installed)."""
        import pandas as pd

        return pd.DataFrame(self.records(), columns=self.vars)


class KGStore:
    """One named graph per article; atomic replace and delete; SPARQL over the union of articles."""

    def __init__(self, path: Path | None, read_only: bool = False, engine: Any = None):
        """``path`` None: in memory; a folder: embedded on disk; ``engine``: a :class:`RemoteEngine`."""
        self.path = path
        self.read_only = read_only
        self.generation = 0  # bumped by every write: readers elsewhere reopen when it changes
        self.remote = engine
        if engine is not None:
            self.path = None
            self._store = engine
            if not read_only:
                self._drop_staging()
        elif path is None:
            self._store = ox.Store()
        else:
            try:
                if read_only:
                    if not (path / "CURRENT").exists():
                        path.mkdir(parents=True, exist_ok=True)
                        ox.Store(str(path))  # create it, then reopen read-only
                    self._store = open_read_only(str(path))
                else:
                    path.mkdir(parents=True, exist_ok=True)
                    self._store = ox.Store(str(path))
            except OSError as exc:
                msg = str(exc)
                if "lock" in msg.lower():
                    raise StoreBusy(f"the store at {path} is in use by another process ({msg})") from exc
                raise
            if not read_only:
                self._drop_staging()
                self._recover_bulk()

    # -- lifecycle
    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "_store", None) is not None and self.path is not None and not self.read_only:
            self._store.flush()
        if self.remote is not None:
            self.remote.close()
        self._store = None  # type: ignore[assignment]

    @property
    def backend(self) -> str:
        if self.remote is not None:
            return "remote"
        return "memory" if self.path is None else "oxigraph"

    @property
    def dataset(self):  # noqa: ANN201
        """An rdflib Dataset over the same store: rdflib's API, the store's engine.

        Embedded and in memory only: oxrdflib over the same pyoxigraph store. (rdflib's SPARQLStore
        cannot send the protocol's default-graph-uri, so it cannot give the same view of a remote store.)
        """
        from rdflib import Dataset

        if self.remote is not None:
            raise NotImplementedError("no rdflib Dataset view over a remote store: use store.query(), or point "
                                      "rdflib's SPARQLStore at the server yourself")
        from oxrdflib import OxigraphStore

        return Dataset(store=OxigraphStore(store=self._store), default_union=True)

    def _count(self, graph: str) -> int:
        g = ox.NamedNode(graph)
        if self.remote is not None:
            return self.remote.count(g)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))

    # -- writes
    def _drop_staging(self) -> None:
        prefix = str(ID["staging/"])
        for g in list(self._store.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix):
                self._store.remove_graph(g)

    def _write(self, by_graph: dict[str, list[str]], *, bulk: bool = False) -> None:
        """Write N-Triples lines into named graphs: one atomic call, or the bulk loader (``bulk``, disk only)."""
        if self.remote is not None:
            self.remote.insert_lines(by_graph)
            return
        data = "".join(f"{line[:-3]} <{g}> .\n" for g, lines in by_graph.items() for line in lines).encode()
        if bulk:
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.load(data, format=ox.RdfFormat.N_QUADS)  # all or nothing

    def put_articles(self, items: list[tuple[str, Graph | list[str]]]) -> list[int]:
        """Store many articles (rdflib graphs, or their :func:`ntriples` lines); returns each one's number of triples.

        New articles are written together: in one atomic write in memory or on a remote
        server, and by the engine's bulk loader on disk (several times faster here than
        transactional writes). The bulk loader is not atomic, so the ids are first recorded
        in a journal graph and the journal removed after the load: a store opened after a
        crash mid-load finds the journal, drops those articles' graphs and rebuilds the
        merged graph, and a re-run ingests them again. Articles already stored (and repeats
        within ``items``) are replaced one by one with :meth:`put_article`.
        """
        if self.read_only:
            raise PermissionError("store opened read-only")
        merged = str(iris.merged_graph())
        sizes: dict[int, int] = {}
        by_graph: dict[str, list[str]] = {merged: []}
        ids: list[str] = []
        later: list[int] = []
        cache: dict[Node, str] = {}
        for k, (aid, graph) in enumerate(items):
            target = str(iris.graph(aid))
            if aid in ids or self._store.contains_named_graph(ox.NamedNode(target)):
                later.append(k)
                continue
            lines = graph if isinstance(graph, list) else ntriples(graph, cache)
            by_graph[target] = lines
            by_graph[merged] += lines
            sizes[k] = len(lines)
            ids.append(aid)
        if ids:
            by_graph[merged] = list(dict.fromkeys(by_graph[merged]))  # articles of a batch share many triples
            if self.path is None:
                self._write(by_graph)
            else:
                journal = ox.NamedNode(str(iris.journal_graph()))
                pending = ox.NamedNode(str(PREFIXES["dkg"]) + "pendingArticle")
                self._store.extend([ox.Quad(journal, pending, ox.Literal(a), journal) for a in ids])
                self._write(by_graph, bulk=True)
                self._store.remove_graph(journal)
            self.generation += 1
        for k in later:
            sizes[k] = self.put_article(*items[k])
        return [sizes[k] for k in range(len(items))]

    def _recover_bulk(self) -> None:
        """After a crash during a bulk write: drop its articles' graphs and rebuild the merged graph."""
        journal = ox.NamedNode(str(iris.journal_graph()))
        if not self._store.contains_named_graph(journal):
            return
        for q in list(self._store.quads_for_pattern(None, None, None, journal)):
            self._store.remove_graph(ox.NamedNode(str(iris.graph(q.object.value))))
        merged = _iri(iris.merged_graph())
        self._store.update(
            f"DROP SILENT GRAPH {merged} ;\n"
            f"INSERT {{ GRAPH {merged} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(STRSTARTS(STR(?g), "{ID["graph/"]}")) }}')
        self._store.remove_graph(journal)
        self.generation += 1

    def put_article(self, aid: str, graph: Graph | list[str]) -> int:
        """Store (or replace) the article's named graph in one step; returns the number of triples.

        A new article is written with its copy in the merged view in one atomic write. A
        replacement goes to a staging graph in one all-or-nothing write, then one SPARQL
        update moves it over the article's graph. A crash leaves either the old graph
        or the new one, never a mix; leftover staging graphs are dropped on open.
        """
        if self.read_only:
            raise PermissionError("store opened read-only")
        stage, target, merged = _iri(iris.staging_graph(aid)), _iri(iris.graph(aid)), _iri(iris.merged_graph())
        lines = graph if isinstance(graph, list) else ntriples(graph)
        if not self._store.contains_named_graph(ox.NamedNode(str(iris.graph(aid)))):
            # A new article: nothing to retract, so one atomic write adds its graph and the merged view.
            self._write({str(iris.graph(aid)): lines, str(iris.merged_graph()): lines})
            self.generation += 1
            return len(lines)
        sg = ox.NamedNode(str(iris.staging_graph(aid)))
        self._store.remove_graph(sg) if self._store.contains_named_graph(sg) else None
        self._write({sg.value: lines})
        # One transaction: retract the old version from the merged view (unless another article
        # states the same triple), swap the graphs, add the new version to the merged view.
        self._store.update(
            f"{_RETRACT.format(g=target, m=merged, s=stage)} ;\n"
            f"MOVE SILENT GRAPH {stage} TO GRAPH {target} ;\n"
            f"INSERT {{ GRAPH {merged} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}"
        )
        self.generation += 1
        return len(lines)

    def delete_article(self, aid: str) -> bool:
        """Remove one article's graph (and what only it stated from the merged view); False when absent."""
        g = ox.NamedNode(str(iris.graph(aid)))
        if not self._store.contains_named_graph(g):
            return False
        target, merged = _iri(iris.graph(aid)), _iri(iris.merged_graph())
        self._store.update(f"{_RETRACT.format(g=target, m=merged, s=target)} ;\nDROP SILENT GRAPH {target}")
        self.generation += 1
        return True

    def clear(self) -> None:
        """Remove everything: every article graph and the merged view."""
        self._store.clear()
        self.generation += 1

    # -- reads
    def has_article(self, aid: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(iris.graph(aid))))

    def graph_size(self, aid: str) -> int:
        """Number of triples in the article's named graph (0 when absent)."""
        return self._count(str(iris.graph(aid)))

    def graph_names(self) -> list[str]:
        """Every named graph in the store (article graphs, and staging graphs left by a crash)."""
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def article_fingerprint(self, aid: str) -> tuple[str | None, ...] | None:
        """(content hash, title, published, source) of the stored article, or None when it is not stored.

        Compared with :attr:`kg.types.Article.fingerprint` to skip an article only when neither its
        text nor its metadata changed.
        """
        g = ox.NamedNode(str(iris.graph(aid)))
        art = ox.NamedNode(str(iris.article(aid)))
        keys = {str(PREFIXES["dkg"]) + "contentHash": 0, str(PREFIXES["dcterms"]) + "title": 1,
                str(PREFIXES["schema"]) + "datePublished": 2, str(PREFIXES["schema"]) + "url": 3,
                str(PREFIXES["dcterms"]) + "source": 3}
        found: list[str | None] = [None, None, None, None]
        for q in self._store.quads_for_pattern(art, None, None, g):
            k = keys.get(q.predicate.value)
            if k is not None:
                found[k] = q.object.value
        return None if found[0] is None else tuple(found)

    def article_graph(self, aid: str) -> Graph:
        g = Graph()
        for k, v in PREFIXES.items():
            g.bind(k, v)
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(iris.graph(aid)))):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        return g

    def query(self, sparql: str, bindings: dict[str, Node] | None = None, union: bool = True,
              values: bool = False) -> QueryResult:
        """Run a SPARQL query over the union of article graphs.

        Values in ``bindings`` are RDF terms bound by the engine (SEP-0007 substitution), never
        caller text pasted into the query; Oxigraph requires a bound variable to be projected
        (``SELECT ?p ?name ...`` when binding ``name``). With ``values=True`` they go instead into
        a ``VALUES`` block at the start of the WHERE group, written by pyoxigraph's own N-Triples
        writer. Some plans are 3x faster that way and others slower: measure
        (``bench/bench_store.py``). A remote store always binds with ``VALUES``.
        """
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        if subs and values and self.remote is None:
            with contextlib.suppress(ValueError):  # no WHERE group: substitutions it is
                sparql, _ = rewrite(sparql, union_graph=None, substitutions=subs)
                subs = {}
        try:
            res = self._store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()},
                                    default_graph=ox.NamedNode(str(iris.merged_graph())) if union else None,
                                    substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc
        except OSError as exc:
            raise QueryError(str(exc)) from exc
        if isinstance(res, bool | ox.QueryBoolean):
            return QueryResult("ask", [], [], boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            vars_ = [v.value for v in res.variables]
            keys = [ox.Variable(v) for v in vars_]
            return QueryResult("select", vars_, [tuple(sol[k] for k in keys) for sol in res], native=True)
        g = Graph()
        for k, v in PREFIXES.items():
            g.bind(k, v)
        for t in res:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return QueryResult("graph", [], [], graph=g)

    def articles(self) -> list[dict[str, Any]]:
        """Stored articles with title, date, ingest time and size, newest first."""
        q = """
        SELECT ?id ?title ?published ?ingested (COUNT(*) AS ?triples) WHERE {
          GRAPH ?g { ?a a dkg:Article ; dcterms:identifier ?id ; prov:wasGeneratedBy ?act .
                     ?act prov:endedAtTime ?ingested .
                     OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a schema:datePublished ?published }
                     ?s ?p ?o }
          FILTER(STRSTARTS(STR(?g), "https://w3id.org/diplomatic-kg/id/graph/"))
        } GROUP BY ?id ?title ?published ?ingested ORDER BY DESC(?ingested) ?id"""
        return self.query(q, union=False).records()

    def flush(self) -> None:
        """Make every write visible to read-only handles opened from now on."""
        if self.path is not None and not self.read_only:
            self._store.flush()

    @property
    def engine(self):  # noqa: ANN201
        """The pyoxigraph store itself (for the query runner)."""
        return self._store

    def triple_count(self) -> int:
        """Quads in the article graphs (the merged view is not counted)."""
        return len(self._store) - self.merged_count()

    def merged_count(self) -> int:
        """Distinct triples over all articles: the size of the default graph."""
        return self._count(str(iris.merged_graph()))

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        """Every quad of one named graph, as pyoxigraph terms (whole graphs, for exports)."""
        return iter(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def stats(self) -> dict[str, Any]:
        """Counts of articles, triples, entities by type and events by PLOVER type."""
        ents = self.query("""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
            VALUES ?type { dkg:Person dkg:Country dkg:Organization dkg:Place dkg:Treaty dkg:Topic }
            ?e a ?type } GROUP BY ?type""").records()
        evs = self.query("""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
            ?e a dkg:Event ; dkg:ploverType ?t . BIND(STRAFTER(STR(?t), "/plover/") AS ?type) }
            GROUP BY ?type ORDER BY DESC(?n)""").records()
        facts = self.query("""SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {
            VALUES ?c { dkg:Event dkg:Stance dkg:RelationStatement dkg:Quote dkg:RoleAssignment } ?x a ?c }
            GROUP BY ?c""").records()
        return {
            "backend": self.backend,
            "path": str(self.path) if self.path else (self.remote.query_url if self.remote is not None else None),
            "articles": sum(1 for g in self._store.named_graphs() if str(g.value).startswith(str(ID["graph/"]))
                            and g.value != str(iris.merged_graph())),
            "triples": self.triple_count(),
            "entities": {r["type"].rsplit("#", 1)[-1]: int(r["n"]) for r in ents},
            "facts": {r["c"].rsplit("#", 1)[-1]: int(r["n"]) for r in facts},
            "events_by_type": {r["type"]: int(r["n"]) for r in evs},
        }
