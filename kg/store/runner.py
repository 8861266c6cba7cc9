"""SPARQL queries with a deadline that really stops the work.

pyoxigraph cannot cancel a running query from Python, so queries run in worker
processes that read the store through read-only handles. A query past its deadline
gets its worker killed (and replaced); the caller gets :class:`QueryTimeout`. The
main process, and every other request, keeps answering meanwhile. Each worker cuts
itself off the network when it starts (:mod:`kg.store.sandbox`), so no query it runs
can make the engine call another server.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.rdf.namespaces import PREFIXES
from kg.store.readonly import is_network_error, open_read_only, storage_fault


class QueryTimeout(TimeoutError):
    """The query ran past its deadline and was stopped."""


class QueryFailed(RuntimeError):
    """The engine refused the query (syntax) or raised an error while evaluating it."""


class WorkerCrashed(QueryFailed):
    """The engine crashed on the query (its worker died); the worker is replaced."""


class PoolBusy(RuntimeError):
    """Every query worker stayed busy for longer than the pool lets a query wait."""


class StoreUnreadable(RuntimeError):
    """The store could not be opened for reading (retried); the query never ran."""


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

    dg = [ox.NamedNode(g) for g in default_graphs] if default_graphs else None
    ng = [ox.NamedNode(g) for g in named_graphs] if named_graphs else None
    try:  # no default-graph-uri: the default graph is the union of every graph (each triple is in one)
        res = store.query(query, prefixes={k: str(v) for k, v in PREFIXES.items()}, default_graph=dg,
                          named_graphs=ng, use_default_graph_as_union=dg is None)
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


class _State:
    """What one worker keeps between jobs: its read-only handle and the store generation it shows."""

    def __init__(self, path: str):
        self.path = path
        self.store: Any = None
        self.generation = -1


_ATTEMPTS = 4  # runs of a query whose handle's files a writer's compaction moved (each reopens first)


def handle(job: dict, state: _State, open_store: Any = open_read_only) -> tuple[str, Any]:
    """Answer one job: ("ok", QueryOutput), ("error", message) or ("unavailable", message).

    Only storage faults are retried. An I/O error while the query runs means the handle's files
    were moved by a compaction: the handle is reopened and the query run again, up to ``_ATTEMPTS``
    runs in all. Every other error is the query's own and is reported once, as the engine worded it.
    """
    for attempt in range(_ATTEMPTS):
        try:
            if state.store is None or job["generation"] != state.generation:
                state.store = None
                state.store = open_store(state.path)
                state.generation = job["generation"]
        except Exception:  # noqa: BLE001 - never send paths or internals to the client
            state.store = None
            return "unavailable", "the store could not be opened for reading; try again"
        try:
            return "ok", evaluate(state.store, job["query"], graph_format=job["graph_format"],
                                  default_graphs=job["default_graphs"], named_graphs=job["named_graphs"],
                                  max_rows=job["max_rows"])
        except QueryFailed as exc:
            return "error", str(exc)
        except Exception as exc:  # noqa: BLE001 - evaluation errors (unbound SERVICE name, type errors, ...)
            if not storage_fault(exc):
                if is_network_error(exc):
                    return "error", ("the query failed: it tried to reach another server, "
                                     "and query workers have no network")
                return "error", f"the query failed: {exc}"
            state.store = None
            if attempt == _ATTEMPTS - 1:  # the engine's I/O messages name files: never send them to the client
                return "unavailable", "the store's files kept changing while the query ran; try again"
            time.sleep(0.05 * (attempt + 1))  # a compaction under way: let it finish
    raise AssertionError("unreachable")


_WORKER_NICENESS = 5  # a CPU share of about a quarter against the service (scheduler weights 335 to 1024)


def _worker_main(conn: Any, path: str) -> None:  # runs in the worker process
    from kg.store.sandbox import deny_network

    isolation = deny_network()  # first: nothing this process runs may reach the network
    with contextlib.suppress(OSError):  # user queries yield the CPU to the service's own lookups and /health
        os.nice(_WORKER_NICENESS)
    conn.send(("hello", isolation))
    state = _State(path)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(handle(job, state))


class _Worker:
    def __init__(self, ctx: Any, path: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, path), daemon=True)
        self.proc.start()
        child.close()
        self.isolation: str | None = None
        self.ready = False

    def greet(self, wait: float) -> bool:
        """Read the worker's hello (sent once it has cut itself off the network)."""
        if self.ready:
            return True
        if not self.conn.poll(wait):
            return False
        kind, self.isolation = self.conn.recv()
        self.ready = kind == "hello"
        return self.ready

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()


class QueryPool:
    """Worker processes that answer SPARQL queries on a store folder, each under a deadline.

    The deadline starts when a worker takes the query, never while the query waits for one;
    waiting is bounded by ``wait`` seconds, after which :class:`PoolBusy` is raised.
    """

    def __init__(self, path: Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 wait: float | None = None):
        self.path = str(path)
        self.timeout = timeout
        self.wait = timeout if wait is None else wait
        self.max_rows = max_rows
        self.size = max(1, workers)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self.killed = 0
        self.isolation: str | None = None
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        w = _Worker(self._ctx, self.path)
        with self._lock:
            self._all.append(w)
        self._idle.put(w)

    def _take(self) -> _Worker:
        start = time.monotonic()
        while True:
            left = self.wait - (time.monotonic() - start)
            try:
                w = self._idle.get(timeout=max(0.01, left))
            except queue.Empty:
                raise PoolBusy(f"all {self.size} query workers stayed busy for {self.wait:g} s") from None
            if w.greet(max(5.0, left)):
                self.isolation = w.isolation
                return w
            self._replace(w)  # never said hello: a broken worker
            if time.monotonic() - start > self.wait:
                raise PoolBusy(f"no query worker became ready within {self.wait:g} s")

    def run(self, query: str, generation: int, *, graph_format: str = "turtle",
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            timeout: float | None = None) -> QueryOutput:
        """Answer ``query`` or raise :class:`QueryTimeout`, :class:`QueryFailed` or :class:`PoolBusy`."""
        deadline = timeout or self.timeout
        w = self._take()
        try:
            w.conn.send({"query": query, "generation": generation, "graph_format": graph_format,
                         "default_graphs": default_graphs, "named_graphs": named_graphs, "max_rows": self.max_rows})
            if not w.conn.poll(deadline):
                raise TimeoutError
            status, payload = w.conn.recv()
        except TimeoutError:
            self._replace(w)
            raise QueryTimeout(f"the query ran past the {deadline:g} s deadline and was stopped") from None
        except (EOFError, BrokenPipeError, OSError):
            self._replace(w)
            raise WorkerCrashed("the query engine crashed on this query (for example on very deep nesting); "
                                "its worker was replaced") from None
        self._idle.put(w)
        if status == "unavailable":
            raise StoreUnreadable(payload)
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
