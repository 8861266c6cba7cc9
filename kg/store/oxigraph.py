"""Oxigraph-backed store (on disk or in memory), with rdflib as the model layer over it."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf import iris
from kg.rdf.namespaces import ID, PREFIXES
from kg.store.readonly import open_read_only
from kg.store.sparqltext import with_values

_SCHEMA = str(PREFIXES["schema"])
_MENTIONS = f"<{_SCHEMA}mentions>"
_LEGACY_MERGED = str(ID["graph-merged"])  # stores written before the shared layer kept a copy of every article here


_UPDATE_PREFIXES = "".join(f"PREFIX {k}: <{PREFIXES[k]}>\n" for k in ("rdf", "dkg"))


def _gc(target: str) -> str:
    """SPARQL update removing what only the article graph ``target`` keeps alive in the shared layer.

    A shared subject (an entity, the extractor) stays while any other article graph refers to it;
    a relation triple (``P dkg:spouseOf Q``) stays while any other article states it.
    """
    return _UPDATE_PREFIXES + (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {target} {{ ?x ?y ?s }} FILTER(isIRI(?s)) ?s ?p ?o "
        f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?x2 ?y2 ?s }} FILTER(?g != {target}) }} }} ;\n"
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {target} {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }} "
        f"?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?st2 rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }} "
        f"FILTER(?g != {target}) }} }}"
    )


def _gc_all() -> str:
    """SPARQL update removing everything of the shared layer that no article graph keeps alive (after a crash)."""
    from kg.rdf.to_rdf import RELATION_PREDICATES

    preds = " ".join(f"<{p}>" for p in RELATION_PREDICATES)
    return _UPDATE_PREFIXES + (
        f'DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID}")) '
        f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?s }} }} }} ;\n"
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {preds} }} ?s ?p ?o "
        f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }} }} }}"
    )


_SHARED_SUBJECTS = tuple(f"<{ID}{k}/" for k in sorted(iris.SHARED_KINDS))
_OWN = f"<{ID}"
_AGENT = f"<{ID}agent/"


class Split(NamedTuple):
    """An article's N-Triples lines already split by :func:`split_lines` (ingestion does it in the extraction
    workers, so the process that writes the store only writes)."""

    own: list[str]
    shared: list[str]


def _split(aid: str, graph: Graph | list[str] | Split, cache: dict | None = None) -> Split:
    """An article given as an rdflib graph, N-Triples lines or lines already split, as :class:`Split` lines."""
    if isinstance(graph, Split):
        return graph
    return Split(*split_lines(aid, graph if isinstance(graph, list) else ntriples(graph, cache)))


_SHARED_KNOWN_MAX = 300_000  # digests kept (16 bytes each, ~25 MB at most); beyond, the set starts again


def split_lines(aid: str, lines: list[str]) -> tuple[list[str], list[str]]:
    """An article's N-Triples lines as (its own graph's, the shared layer's).

    A triple about an entity (or the extractor) that points at nothing of this article alone goes to
    the shared layer, stored once for all articles in the store's default graph; the article's graph
    says ``schema:mentions`` for each entity it describes, which keeps that description alive.
    """
    own: list[str] = []
    shared: list[str] = []
    mentioned: dict[str, None] = {}
    for line in lines:
        if line.startswith(_SHARED_SUBJECTS):
            end = line.index("> ")
            obj = line[line.index("> ", end + 2) + 2:-3]
            if not (obj.startswith(_OWN) and not obj.startswith(_SHARED_SUBJECTS)):  # points at nothing of the article
                shared.append(line)
                if not line.startswith(_AGENT):
                    mentioned[line[1:end]] = None
                continue
        own.append(line)
    art = f"<{iris.article(aid)}>"
    own += [f"{art} {_MENTIONS} <{e}> .\n" for e in mentioned]
    return list(dict.fromkeys(own)), shared


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
        # Digests of shared-layer lines this object's batch writes stored, valid while nothing else was written
        # (any other write bumps the generation past ``_shared_gen``, and the set is dropped): later batches skip
        # the descriptions earlier ones stored instead of bulk-loading them again.
        self._shared_known: set[bytes] = set()
        self._shared_gen = -1
        self._counted: tuple[int, int] | None = None  # (generation, triple count) last counted
        self.remote = engine
        if engine is not None:
            self.path = None
            self._store = engine
            if not read_only:
                self._drop_staging()
                self._migrate()
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
                self._migrate()

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
        """Drop staging graphs that earlier versions of the store could leave after a crash."""
        prefix = str(ID["staging/"])
        for g in list(self._store.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix):
                self._store.remove_graph(g)

    def _write(self, by_graph: dict[str, list[str]], *, bulk: bool = False) -> None:
        """Write N-Triples lines into graphs ("" is the default graph, the shared layer): one atomic call,
        or the bulk loader (``bulk``, disk only)."""
        if self.remote is not None:
            self.remote.insert_lines(by_graph)
            return
        data = "".join(line if not g else f"{line[:-3]} <{g}> .\n"
                       for g, lines in by_graph.items() for line in lines).encode()
        if bulk:
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.load(data, format=ox.RdfFormat.N_QUADS)  # all or nothing

    def put_articles(self, items: list[tuple[str, Graph | list[str] | Split]]) -> list[int]:
        """Store many articles (rdflib graphs, their :func:`ntriples` lines, or those lines already :class:`Split`);
        returns the size of each one's graph.

        Each article's triples are split (:func:`split_lines`): its own go to its named graph, the
        descriptions of the entities it names to the shared layer (the default graph), where a
        triple that several articles state is stored once. New articles are written together: in
        one atomic write in memory or on a remote server, and by the engine's bulk loader on disk
        (several times faster here than transactional writes). The bulk loader is not atomic, so
        the ids are first recorded in a journal and the journal removed after the load: a store
        opened after a crash mid-load finds the journal, drops those articles' graphs and what
        only they kept in the shared layer, and a re-run ingests them again. Articles already
        stored (and repeats within ``items``) are replaced one by one with :meth:`put_article`.
        """
        if self.read_only:
            raise PermissionError("store opened read-only")
        sizes: dict[int, int] = {}
        by_graph: dict[str, list[str]] = {"": []}
        ids: list[str] = []
        later: list[int] = []
        cache: dict[Node, str] = {}
        for k, (aid, graph) in enumerate(items):
            target = str(iris.graph(aid))
            if aid in ids or self._store.contains_named_graph(ox.NamedNode(target)):
                later.append(k)
                continue
            by_graph[target], shared = _split(aid, graph, cache)
            by_graph[""] += shared
            sizes[k] = len(by_graph[target])
            ids.append(aid)
        if ids:
            if self._shared_gen != self.generation or len(self._shared_known) > _SHARED_KNOWN_MAX:
                self._shared_known = set()
            digests = {line: hashlib.blake2b(line.encode(), digest_size=16).digest() for line in by_graph[""]}
            # articles of a batch share many descriptions, and earlier batches stored most of them
            by_graph[""] = [line for line, d in digests.items() if d not in self._shared_known]
            if self.path is None:
                self._write(by_graph)
            else:
                journal = ox.NamedNode(str(iris.journal()))
                pending = ox.NamedNode(str(PREFIXES["dkg"]) + "pendingArticle")
                self._store.extend([ox.Quad(journal, pending, ox.Literal(a), ox.DefaultGraph()) for a in ids])
                self._write(by_graph, bulk=True)
                self._drop_journal()
            self.generation += 1
            if self.remote is None:  # a remote store has other writers
                self._shared_known.update(digests.values())
                self._shared_gen = self.generation
        for k in later:
            sizes[k] = self.put_article(*items[k])
        return [sizes[k] for k in range(len(items))]

    def _recover_bulk(self) -> None:
        """After a crash during a bulk write: drop its articles' graphs and what only they kept alive."""
        journal = ox.NamedNode(str(iris.journal()))
        pending = list(self._store.quads_for_pattern(journal, None, None, ox.DefaultGraph()))
        if not pending:
            return
        for q in pending:
            self._store.remove_graph(ox.NamedNode(str(iris.graph(q.object.value))))
        self._store.update(_gc_all())
        self._drop_journal()
        self.generation += 1

    def _drop_journal(self) -> None:
        self._store.update(f"DELETE WHERE {{ <{iris.journal()}> ?p ?o }}")

    def _migrate(self) -> None:
        """Bring a store written before the shared layer (a merged copy of every article) to today's layout.

        Each article graph gives its entity descriptions to the shared layer, then the merged copy is
        dropped. Dropping it comes last, so an interrupted migration runs again on the next open.
        """
        merged = ox.NamedNode(_LEGACY_MERGED)
        if not self._store.contains_named_graph(merged):
            return
        base = str(ID["graph/"])
        for g in [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(base)]:
            quads = list(self._store.quads_for_pattern(None, None, None, g))
            aid = next((q.object.value for q in quads if q.predicate.value == str(PREFIXES["dcterms"]) + "identifier"
                        and iris.kind(q.subject.value) == "article"), None)
            if aid is None:
                continue
            lines = [f"{q.subject} {q.predicate} {q.object} .\n" for q in quads]
            own, shared = split_lines(aid, lines)
            self._store.update(f"DROP SILENT GRAPH <{g.value}>")
            self._write({g.value: own, "": shared})
        # Events got dkg:effectiveDate (their own date, else their article's) with the same change.
        self._store.update(
            _UPDATE_PREFIXES + "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX schema: <https://schema.org/>\n"
            "INSERT { GRAPH ?g { ?e dkg:effectiveDate ?d } } WHERE { GRAPH ?g { ?e a dkg:Event "
            "OPTIONAL { ?e sem:hasTimeStamp ?own } OPTIONAL { ?e prov:wasDerivedFrom/schema:datePublished ?pub } "
            "BIND(COALESCE(?own, ?pub) AS ?d) FILTER(BOUND(?d)) } }")
        self._store.remove_graph(merged)
        self.generation += 1

    def put_article(self, aid: str, graph: Graph | list[str] | Split) -> int:
        """Store (or replace) the article's named graph in one step; returns its size (triples in the graph).

        A new article is written with its part of the shared layer in one atomic write. A
        replacement is one SPARQL update: what only the old version kept alive in the shared
        layer is removed, the old graph dropped and the new version inserted, all or nothing.
        """
        if self.read_only:
            raise PermissionError("store opened read-only")
        name = str(iris.graph(aid))
        target = _iri(name)
        own, shared = _split(aid, graph)
        if not self._store.contains_named_graph(ox.NamedNode(name)):
            self._write({name: own, "": shared})
            self.generation += 1
            return len(own)
        self._store.update(f"{_gc(target)} ;\nDROP SILENT GRAPH {target} ;\n"
                           f"INSERT DATA {{ GRAPH {target} {{\n{''.join(own)}}}\n{''.join(shared)}}}")
        self.generation += 1
        return len(own)

    def delete_article(self, aid: str) -> bool:
        """Remove one article's graph and what only it kept alive in the shared layer; False when absent."""
        g = ox.NamedNode(str(iris.graph(aid)))
        if not self._store.contains_named_graph(g):
            return False
        target = _iri(iris.graph(aid))
        self._store.update(f"{_gc(target)} ;\nDROP SILENT GRAPH {target}")
        self.generation += 1
        return True

    def clear(self) -> None:
        """Remove everything: every article graph and the shared layer."""
        self._store.clear()
        self.generation += 1

    # -- reads
    def has_article(self, aid: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(iris.graph(aid))))

    def graph_size(self, aid: str) -> int:
        """Number of triples in the article's named graph (0 when absent)."""
        return self._count(str(iris.graph(aid)))

    def graph_names(self) -> list[str]:
        """Every named graph in the store: one per article (the shared layer is the default graph)."""
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
        """The article as it was ingested: its named graph with the shared descriptions of what it names.

        Descriptions are today's (another article may have added a name); a relation between entities
        is included only if this article states it.
        """
        g = Graph()
        for k, v in PREFIXES.items():
            g.bind(k, v)
        for q in self.article_quads(str(iris.graph(aid))):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        return g

    def article_quads(self, graph: str) -> list[ox.Quad]:
        """One article graph's quads, then the shared-layer triples (as default-graph quads) it keeps alive."""
        own = list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        return own + self._shared_of(own)

    def shared_quads(self, graphs: list[str] | None = None) -> list[ox.Quad]:
        """The shared layer (default graph) as quads: all of it, or the part that ``graphs`` name."""
        if graphs is None:
            return list(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        out: dict[ox.Quad, None] = {}
        for graph in graphs:
            out.update(dict.fromkeys(self._shared_of(
                list(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))))))
        return list(out)

    def _shared_of(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        """The shared-layer quads of the entities one article graph's ``quads`` name, relations only if it states them."""
        from kg.rdf.to_rdf import RELATION_PREDICATES

        rdf = str(PREFIXES["rdf"])
        stated: dict[Any, dict[str, Any]] = {}
        for q in quads:
            if q.predicate.value in (rdf + "subject", rdf + "predicate", rdf + "object"):
                stated.setdefault(q.subject, {})[q.predicate.value[len(rdf):]] = q.object
        relations = {(d.get("subject"), d.get("predicate"), d.get("object")) for d in stated.values()}
        named = {q.object for q in quads if isinstance(q.object, ox.NamedNode) and iris.is_shared(q.object.value)}
        named |= {o for _, _, o in relations if o is not None}
        rel_preds = {str(p) for p in RELATION_PREDICATES}
        return [q for subj in named for q in self._store.quads_for_pattern(subj, None, None, ox.DefaultGraph())
                if q.predicate.value not in rel_preds or (q.subject, q.predicate, q.object) in relations]

    def query(self, sparql: str, bindings: dict[str, Node] | None = None, union: bool = True,
              values: bool = False) -> QueryResult:
        """Run a SPARQL query. With ``union`` (the default) its default graph is the union of every
        graph, each triple once; without, the default graph is the shared layer alone (entity
        descriptions) and article facts are reached with ``GRAPH ?g``, which the engine joins faster.

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
                sparql = with_values(sparql, subs)
                subs = {}
        try:
            res = self._store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()},
                                    use_default_graph_as_union=union,
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
        """Every triple in the store, once: the article graphs and the shared layer.

        The same number as ``SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`` at /sparql, since no triple
        is in two places (:func:`split_lines`).
        """
        gen = self.generation
        if self._counted is not None and self._counted[0] == gen:
            return self._counted[1]
        n = self.remote.count(None, union=True) if self.remote is not None else len(self._store)
        if self.remote is None:  # a remote server changes under other writers: never remembered
            self._counted = (gen, n)
        return n

    def known_triple_count(self) -> int | None:
        """:meth:`triple_count` if it was counted since the last write (counting reads the whole store), else None."""
        return self._counted[1] if self._counted is not None and self._counted[0] == self.generation else None

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        """Every quad of one named graph, as pyoxigraph terms (whole graphs, for exports)."""
        return iter(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def stats(self) -> dict[str, Any]:
        """Counts of articles, triples, entities by type and events by PLOVER type."""
        # entities are described in the shared layer (the default graph), facts in the article graphs
        ents = self.query("""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
            VALUES ?type { dkg:Person dkg:Country dkg:Organization dkg:Place dkg:Treaty dkg:Topic }
            ?e a ?type } GROUP BY ?type""", union=False).records()
        evs = self.query("""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
            GRAPH ?g { ?e a dkg:Event ; dkg:ploverType ?t } BIND(STRAFTER(STR(?t), "/plover/") AS ?type) }
            GROUP BY ?type ORDER BY DESC(?n)""", union=False).records()
        facts = self.query("""SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {
            VALUES ?c { dkg:Event dkg:Stance dkg:RelationStatement dkg:Quote dkg:RoleAssignment } GRAPH ?g { ?x a ?c } }
            GROUP BY ?c""", union=False).records()
        return {
            "backend": self.backend,
            "path": str(self.path) if self.path else (self.remote.query_url if self.remote is not None else None),
            "articles": sum(1 for g in self._store.named_graphs() if str(g.value).startswith(str(ID["graph/"]))),
            "triples": self.triple_count(),
            "entities": {r["type"].rsplit("#", 1)[-1]: int(r["n"]) for r in ents},
            "facts": {r["c"].rsplit("#", 1)[-1]: int(r["n"]) for r in facts},
            "events_by_type": {r["type"]: int(r["n"]) for r in evs},
        }
