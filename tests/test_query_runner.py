"""The query workers: network denied, errors reported once, crashes and busy pools reported as such."""

import subprocess
import sys
import threading
import time

import pyoxigraph as ox
import pytest

from kg.store.runner import (
    PoolBusy,
    QueryFailed,
    QueryPool,
    QueryTimeout,
    StoreUnreadable,
    WorkerCrashed,
    _State,
    handle,
)
from tests.conftest import Listener

JOB = {"query": "SELECT * WHERE { ?s ?p ?o }", "generation": 1, "graph_format": "turtle", "default_graphs": None,
       "named_graphs": None, "max_rows": 10}


class FakeStore:
    def __init__(self, exc: BaseException):
        self.exc, self.calls = exc, 0

    def query(self, *a, **kw):
        self.calls += 1
        raise self.exc


def test_an_evaluation_error_is_reported_once_as_a_query_error():
    store = FakeStore(RuntimeError("The variable encoding the service name is unbound"))
    opened = []
    state = _State("unused")
    status, msg = handle(JOB, state, open_store=lambda p: opened.append(p) or store)
    assert status == "error" and "service name is unbound" in msg and store.calls == 1 and len(opened) == 1


def test_a_read_error_reopens_the_store_and_runs_the_query_again_up_to_four_times():
    stores = [FakeStore(OSError("file moved")) for _ in range(4)]
    state = _State("unused")
    status, msg = handle(JOB, state, open_store=lambda p: stores.pop(0))
    assert status == "unavailable" and "try again" in msg and "file moved" not in msg and not stores


def test_only_opening_is_retried_and_a_store_that_never_opens_is_unavailable(tmp_path):
    from kg.store.readonly import open_read_only

    calls = []

    def failing(path):
        calls.append(path)
        raise OSError("no such store")

    assert handle(JOB, _State("x"), open_store=failing)[0] == "unavailable"
    with pytest.raises(OSError):
        open_read_only(str(tmp_path / "missing" / "CURRENT"), budget=0.1)


def test_a_file_gone_mid_query_is_a_storage_fault_reopened_and_never_named():
    gone = RuntimeError("Corruption: IO error: No such file or directory: While open a file for random read: "
                        "/srv/kg/000116.sst: No such file or directory")
    stores = [FakeStore(gone) for _ in range(4)]
    status, msg = handle(JOB, _State("x"), open_store=lambda p: stores.pop(0))
    assert status == "unavailable" and not stores and ".sst" not in msg and "/srv" not in msg


def test_opening_retries_a_manifest_that_names_a_removed_file(monkeypatch):
    from kg.store.readonly import open_read_only

    attempts = []

    def read_only(path):
        attempts.append(path)
        if len(attempts) < 3:
            raise RuntimeError("Corruption: IO error: No such file or directory: /x/000009.sst")
        return "handle"

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(read_only))
    assert open_read_only("x") == "handle" and len(attempts) == 3


def test_opening_does_not_retry_what_is_not_a_storage_fault(monkeypatch):
    from kg.store.readonly import open_read_only

    attempts = []

    def read_only(path):
        attempts.append(path)
        raise RuntimeError("unsupported store version")

    monkeypatch.setattr(ox.Store, "read_only", staticmethod(read_only))
    with pytest.raises(RuntimeError):
        open_read_only("x")
    assert len(attempts) == 1


def test_readers_keep_answering_while_a_writer_flushes_and_compacts(tmp_path):
    """Read-only handles opened while a writer flushes meet manifests naming removed files."""
    path = tmp_path / "store"
    writer = ox.Store(str(path))
    graph = ox.NamedNode("https://w3id.org/diplomatic-kg/id/graph-merged")
    writer.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("0"), graph))
    writer.flush()
    done = threading.Event()

    def write():
        for i in range(1500):
            writer.extend([ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(j)), graph)
                           for j in range(40)])
            if i % 15 == 0:
                writer.flush()
        done.set()

    t = threading.Thread(target=write)
    t.start()
    state, answers, generation = _State(str(path)), [], 0
    while not done.is_set():
        generation += 1  # a new generation makes the reader reopen, as after every ingest
        status, out = handle({**JOB, "generation": generation}, state)
        answers.append(status if status == "ok" else f"{status}: {out}")
    t.join()
    assert len(answers) > 20 and set(answers) == {"ok"}


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    path = tmp_path_factory.mktemp("pool") / "store"
    s = ox.Store(str(path))
    s.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"),
                  ox.NamedNode("https://w3id.org/diplomatic-kg/id/graph-merged")))
    s.flush()
    del s
    p = QueryPool(path, workers=1, timeout=3, wait=0.5)
    yield p
    p.close()


def test_a_worker_cannot_reach_the_network_even_if_a_service_query_gets_to_it(pool):
    listener = Listener()
    try:
        with pytest.raises(QueryFailed) as info:
            pool.run(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", 0)
        assert listener.hits == 0 and "no network" in str(info.value)
        assert pool.isolation in ("netns", "seccomp")
    finally:
        listener.close()
    assert pool.run("ASK { ?s ?p ?o }", 0).boolean is True


def test_an_engine_crash_is_reported_and_the_worker_replaced(pool):
    deep = "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000
    with pytest.raises(WorkerCrashed):
        pool.run(deep, 0)
    pool.wait = 10  # the replacement starts; waiting for it is not part of the next query's deadline
    try:
        assert pool.run("ASK { ?s ?p ?o }", 0).boolean is True
    finally:
        pool.wait = 0.5


def test_a_busy_pool_says_so_instead_of_charging_the_deadline(pool):
    values = " ".join(str(i) for i in range(200))  # the store holds one triple: four VALUES make the product
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?{v} {{ {values} }}" for v in "xyzw") + " }"
    errors = []
    th = threading.Thread(target=lambda: errors.append(pytest.raises(QueryTimeout, pool.run, runaway, 0)))
    th.start()
    time.sleep(0.5)
    with pytest.raises(PoolBusy, match="busy"):
        pool.run("ASK { ?s ?p ?o }", 0)
    th.join(20)
    assert errors
    pool.wait = 10
    try:
        assert pool.run("ASK { ?s ?p ?o }", 0).boolean is True
    finally:
        pool.wait = 0.5


def test_a_network_error_is_the_query_s_and_is_not_retried():
    store = FakeStore(OSError("Network is unreachable (os error 101)"))  # as pyoxigraph words it
    status, msg = handle(JOB, _State("x"), open_store=lambda p: store)
    assert status == "error" and "no network" in msg and store.calls == 1


def test_store_unreadable_is_not_a_query_error():
    assert not issubclass(StoreUnreadable, QueryFailed) and issubclass(WorkerCrashed, QueryFailed)


def test_seccomp_alone_blocks_internet_sockets_but_not_local_pipes():
    code = ("import socket\nfrom kg.store.sandbox import deny_network\n"
            "assert deny_network(('seccomp',)) == 'seccomp'\n"
            "a, b = socket.socketpair(); a.send(b'x'); assert b.recv(1) == b'x'\n"
            "try:\n    socket.socket(socket.AF_INET6, socket.SOCK_STREAM)\nexcept OSError:\n    print('blocked')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "blocked"


def test_a_read_error_that_passes_gives_the_answer():
    class Fine:
        def query(self, *a, **kw):
            return True  # ASK

    stores = [FakeStore(OSError("file moved")), Fine()]
    status, out = handle({**JOB, "query": "ASK { ?s ?p ?o }"}, _State("x"), open_store=lambda p: stores.pop(0))
    assert status == "ok" and out.boolean is True and not stores


def test_query_workers_yield_the_cpu_to_the_service(pool):
    import os

    from kg.store.runner import _WORKER_NICENESS

    assert _WORKER_NICENESS > 0
    assert pool.run("ASK { ?s ?p ?o }", 0).boolean is True  # a worker is up
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    workers = [w.proc.pid for w in pool._all if w.proc.is_alive()]
    assert workers and all(os.getpriority(os.PRIO_PROCESS, pid) == min(19, mine + _WORKER_NICENESS) for pid in workers)
