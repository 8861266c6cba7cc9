"""Shared fixtures: hand-built spaCy Docs for unit tests, the real pipeline for tests marked ``model``."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def vocab():
    import spacy

    return spacy.blank("en").vocab


def build_doc(vocab, rows: list[tuple[str, str, str, str, int, str]], ents=(), text_spaces=None):  # noqa: ANN001
    """A parsed Doc from rows of (word, pos, tag, dep, head index, lemma) and ents as (start, end, label)."""
    from spacy.tokens import Doc, Span

    words = [r[0] for r in rows]
    spaces = text_spaces or [not (i + 1 < len(rows) and rows[i + 1][1] == "PUNCT") for i in range(len(rows))]
    doc = Doc(vocab, words=words, spaces=spaces, pos=[r[1] for r in rows], tags=[r[2] for r in rows],
              deps=[r[3] for r in rows], heads=[r[4] for r in rows], lemmas=[r[5] for r in rows],
              sent_starts=[i == 0 for i in range(len(rows))])
    doc.ents = [Span(doc, s, e, label=lbl) for s, e, lbl in ents]
    return doc


@pytest.fixture(scope="session")
def doc_builder(vocab):
    return lambda rows, ents=(): build_doc(vocab, rows, ents)


@pytest.fixture(scope="session")
def nlp():
    from kg.config import get_settings
    from kg.nlp import load_pipeline

    return load_pipeline(get_settings().spacy_model)


@pytest.fixture(scope="session")
def run():
    """Extract a text with the real pipeline: run(text, published=...)."""
    from kg.pipeline import extract

    def _run(text: str, published: str | None = "2024-03-08", **meta):
        return extract(text, published=published, **meta)

    return _run


@pytest.fixture()
def memory_store():
    from kg.store import open_store

    with open_store(backend="memory") as s:
        yield s


@pytest.fixture()
def disk_store(tmp_path):
    from kg.store import open_store

    with open_store(tmp_path / "store") as s:
        yield s


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path_factory):
    """Never touch the user's real data folder from tests."""
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path_factory.mktemp("kgdata")))
    from kg.config import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def pytest_collection_modifyitems(config, items):  # noqa: ANN001
    if os.environ.get("KG_SKIP_MODEL_TESTS"):
        skip = pytest.mark.skip(reason="KG_SKIP_MODEL_TESTS is set")
        for item in items:
            if "model" in item.keywords:
                item.add_marker(skip)


class Listener:
    """A real TCP listener on loopback that records every connection made to it.

    ``hold=True`` accepts and never answers (a server that hangs), otherwise each connection is closed at once.
    """

    def __init__(self, hold: bool = False):
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.hits = 0
        self.hold = hold
        self.held: list[socket.socket] = []
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            if self.hold:
                self.held.append(conn)
            else:
                conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        for c in self.held:
            c.close()
        self.sock.close()


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server from the PyPI package of that name (installed by the dev extra)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the Oxigraph server is missing: pip install -e '.[dev]' installs the 'oxigraph' package")
    return found


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server on loopback, with its data in a temporary folder; yields its base URL."""
    import httpx

    port = free_port()
    folder = tmp_path_factory.mktemp("oxigraph-server")
    log = open(folder.parent / f"oxigraph-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(folder / "data"),
                             "--bind", f"127.0.0.1:{port}", "--timeout-s", "5"], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the Oxigraph server did not start (see {log.name})")
        time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture()
def remote_store(oxigraph_server):
    """A store on the Oxigraph server, emptied before the test."""
    from kg.config import Settings
    from kg.store import open_store

    s = open_store(backend="remote", settings=Settings(store="remote", remote_url=oxigraph_server))
    s.clear()
    yield s
    s.close()
