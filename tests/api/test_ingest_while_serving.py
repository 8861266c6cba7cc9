"""`kg ingest` on the data folder a running `kg serve` holds: the articles go to the server, exit 0, and they
are queryable when the command returns."""

import json
import os
import shutil
import subprocess
import sys
import time

import httpx
import pytest

from tests.api.conftest import live_server

pytestmark = [pytest.mark.slow, pytest.mark.model]


def test_kg_ingest_hands_articles_to_the_running_server(example_store_dir, tmp_path):
    data = tmp_path / "store"
    shutil.copytree(example_store_dir, data, ignore=shutil.ignore_patterns("LOCK"))
    src = tmp_path / "new.jsonl"
    src.write_text(json.dumps({"id": "handoff-1", "published": "2023-04-04",
                               "text": "Mongolia thanked Kazakhstan on Monday for its help with the harvest."}) + "\n"
                   + "not json\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "KG_API_TOKEN"}  # no client token: the run's own is used
    with live_server(data) as base:
        announced = json.loads((data / ".kg-server.json").read_text())
        assert announced["url"] == base and oct((data / ".kg-server.json").stat().st_mode & 0o777) == "0o600"
        r = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(src), "--data-dir", str(data)],
                           capture_output=True, text=True, env=env, timeout=300)
        done = time.monotonic()
        assert r.returncode == 0, r.stderr
        said = " ".join(r.stderr.split())  # rich wraps long lines
        assert "handing the articles to it" in said and "invalid JSON" in said  # the bad line reported, not fatal
        ask = httpx.get(base + "/sparql", params={"query": 'ASK { ?e dkg:trigger "thanked" ; '
                                                            'dkg:source <https://w3id.org/diplomatic-kg/id/country/MNG> }'})
        assert ask.json()["boolean"] is True and time.monotonic() - done < 1.0
        assert httpx.get(base + "/articles/handoff-1").status_code == 200
        assert httpx.post(base + "/articles", json={"text": "x y z"}).status_code in (401, 403)  # still guarded
    assert not (data / ".kg-server.json").exists()  # the server takes its file away when it stops
