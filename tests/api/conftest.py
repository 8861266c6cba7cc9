"""Fixtures for the web service: a store of the example articles, apps over copies of it, and real servers."""

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api import create_app
from api.settings import APISettings
from tests.conftest import free_port  # noqa: F401  (re-exported for the API tests)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
TOKEN = "test-token-0123456789"


@pytest.fixture(scope="session")
def example_store_dir(tmp_path_factory):
    """A disk store holding the example articles (built once)."""
    from kg.ingest import ingest_many
    from kg.store import open_store
    from kg.textio import read_path

    path = tmp_path_factory.mktemp("examples") / "store"
    with open_store(path) as store:
        results = list(ingest_many(store, read_path(EXAMPLES)))
    assert all(r.status == "added" for r in results)
    return path


def make_settings(path: Path, **kw) -> APISettings:
    base = {"data_dir": path, "api_token": TOKEN, "query_timeout": 3.0, "max_rows": 1000, "query_workers": 2,
            "max_body_bytes": 200_000}
    base.update(kw)
    return APISettings(**base)


@pytest.fixture()
def store_copy(example_store_dir, tmp_path):
    dst = tmp_path / "store"
    shutil.copytree(example_store_dir, dst, ignore=shutil.ignore_patterns("LOCK"))
    return dst


@pytest.fixture()
def client(store_copy):
    with TestClient(create_app(make_settings(store_copy))) as c:
        yield c


@pytest.fixture(scope="module")
def shared_client(example_store_dir, tmp_path_factory):
    """A read-mostly client shared by a module's tests."""
    dst = tmp_path_factory.mktemp("shared") / "store"
    shutil.copytree(example_store_dir, dst, ignore=shutil.ignore_patterns("LOCK"))
    with TestClient(create_app(make_settings(dst))) as c:
        yield c


@contextlib.contextmanager
def live_server(data_dir: Path, **env: str):
    """``kg serve`` in its own process on a free loopback port; yields its base URL. ``env``: KG_* settings."""
    port = free_port()
    full = {**os.environ, **env}
    log = open(data_dir.parent / f"serve-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--data-dir",
                             str(data_dir)], env=full, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None:
                log.flush()
                pytest.fail("server exited: " + Path(log.name).read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
