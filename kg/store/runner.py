"""SPARQL queries with a deadline that really stops the work.

pyoxigraph cannot cancel a running query from Python, so queries run in worker
processes that read the store through read-only handles. A query past its deadline
gets its worker killed (and replaced); the caller gets :class:`QueryTimeout`. The
main process, and every other request, keeps answering meanwhile.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.rdf import iris
from kg.rdf.namespaces import PREFIXES


class QueryTimeout(TimeoutError):
    """The query ran past its deadline and was stopped."""


class QueryFailed(RuntimeError):
    """The engine raised an error while evaluating the query."""


@dataclass
class QueryOutput:
    kind: str  # "select", "ask", "graph"
    vars: list[str] | None = None
    rows: list[tuple] | None = None
    boolean: bool | None = None
    data: bytes | None = None  # serialised graph for CONSTRUCT/DESCRIBE
    truncated: bool = False


GRAPH_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}


def _term(t: Any) -> tuple | None:
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return ("uri", t.value, None, None)
    if isinstance(t, ox.BlankNode):
        return ("bnode", t.value, None, None)
    if isinstance(t, ox.Literal):
        return ("literal", t.value, t.datatype.value, t.language)
    return ("literal", str(t), None, None)


def evaluate(store: Any, query: str, *, graph_format: str = "turtle", default_graphs: list[str] | None = None,
             named_graphs: list[str] | None = None, max_rows: int = 10_000) -> QueryOutput:
    """Run one query on a pyoxigraph store, keeping at most ``max_rows`` results."""
    import pyoxigraph as ox

    dg = [ox.NamedNode(g) for g in default_graphs] if default_graphs else ox.NamedNode(str(iris.merged_graph()))
    ng = [ox.NamedNode(g) for g in named_graphs] if named_graphs else None
    try:
        res = store.query(query, prefixes={k: str(v) for k, v in PREFIXES.items()}, default_graph=dg,
                          named_graphs=ng)
    except SyntaxError as exc:
        raise QueryFailed(str(exc)) from None
    if isinstance(res, bool | ox.QueryBoolean):
        return QueryOutput("ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        vars_ = [v.value for v in res.variables]
        rows: list[tuple] = []
        truncated = False
        for sol in res:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append(tuple(_term(sol[v]) for v in vars_))
        return QueryOutput("select", vars=vars_, rows=rows, truncated=truncated)
    triples = []
    truncated = False
    for t in res:
        if len(triples) >= max_rows:
            truncated = True
            break
        triples.append(t)
    fmt = getattr(ox.RdfFormat, GRAPH_FORMATS.get(graph_format, "TURTLE"))
    data = ox.serialize(triples, format=fmt, prefixes={k: str(v) for k, v in PREFIXES.items()}) if triples else b""
    return QueryOutput("graph", data=data or b"", truncated=truncated)


def _worker_main(conn: Any, path: str) -> None:  # runs in the worker process
    import pyoxigraph as ox

    store = None
    generation = -1
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        out = None
        for attempt in range(6):
            try:
                if store is None or job["generation"] != generation:
                    store = None
                    store = ox.Store.read_only(path)
                    generation = job["generation"]
                out = evaluate(store, job["query"], graph_format=job["graph_format"],
                               default_graphs=job["default_graphs"], named_graphs=job["named_graphs"],
                               max_rows=job["max_rows"])
                conn.send(("ok", out))
                break
            except QueryFailed as exc:
                conn.send(("error", str(exc)))
                break
            except Exception:  # noqa: BLE001
                # A read-only handle sees a snapshot; the writer's compaction may have removed its files.
                # Reopen on the current files and try again; never send paths or internals to the client.
                store = None
                if attempt == 5:
                    conn.send(("error", "the store could not be read; try again"))
                else:
                    time.sleep(0.02 * (attempt + 1))


class _Worker:
    def __init__(self, ctx: Any, path: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, path), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()


class QueryPool:
    """Worker processes that answer SPARQL queries on a store folder, each under a deadline."""

    def __init__(self, path: Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000):
        self.path = str(path)
        self.timeout = timeout
        self.max_rows = max_rows
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self.killed = 0
        for _ in range(max(1, workers)):
            self._add()

    def _add(self) -> None:
        w = _Worker(self._ctx, self.path)
        with self._lock:
            self._all.append(w)
        self._idle.put(w)

    def run(self, query: str, generation: int, *, graph_format: str = "turtle",
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            timeout: float | None = None) -> QueryOutput:
        """Answer ``query`` or raise :class:`QueryTimeout` / :class:`QueryFailed`."""
        deadline = timeout or self.timeout
        start = time.monotonic()
        try:
            w = self._idle.get(timeout=deadline)
        except queue.Empty:
            raise QueryTimeout(f"no query worker became free within {deadline:g} s") from None
        remaining = max(0.05, deadline - (time.monotonic() - start))
        try:
            w.conn.send({"query": query, "generation": generation, "graph_format": graph_format,
                         "default_graphs": default_graphs, "named_graphs": named_graphs, "max_rows": self.max_rows})
            if not w.conn.poll(remaining):
                raise TimeoutError
            status, payload = w.conn.recv()
        except (TimeoutError, EOFError, BrokenPipeError, OSError):
            self._replace(w)
            raise QueryTimeout(f"the query ran past the {deadline:g} s deadline and was stopped") from None
        self._idle.put(w)
        if status != "ok":
            raise QueryFailed(payload)
        return payload

    def _replace(self, w: _Worker) -> None:
        w.kill()
        self.killed += 1
        with self._lock:
            if w in self._all:
                self._all.remove(w)
        threading.Thread(target=self._add, daemon=True).start()

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            with contextlib.suppress(Exception):
                w.conn.send(None)
            w.kill()
