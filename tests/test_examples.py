"""Every example is run: the articles ingest and validate, the script works, the queries parse."""

import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_articles_are_complete():
    from kg.textio import read_path
    from kg.types import Article

    arts = list(read_path(EXAMPLES / "articles"))
    assert len(arts) >= 6 and all(isinstance(a, Article) for a in arts)
    assert all(a.title and a.published and a.id for a in arts)
    assert len({a.published.year // 10 for a in arts}) >= 4  # several decades


@pytest.mark.model
def test_examples_script_runs(tmp_path):
    r = subprocess.run([sys.executable, str(EXAMPLES / "explore.py"), str(tmp_path / "d")], capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "Who met whom" in r.stdout and "added" in r.stdout


@pytest.mark.model
def test_examples_queries_run_on_the_examples(tmp_path):
    from kg.ingest import ingest_many
    from kg.textio import read_path

    with open_store(tmp_path / "s") as store:
        results = list(ingest_many(store, read_path(EXAMPLES / "articles")))
        assert all(r.status == "added" for r in results)
        for q in sorted((EXAMPLES / "queries").glob("*.rq")):
            rows = store.query(q.read_text())
            assert len(rows) > 0, q.name
