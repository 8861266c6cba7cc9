"""Extraction in several processes gives the same results, in the same order, as one process."""

from pathlib import Path

import pytest

from kg.config import Settings
from kg.pipeline import extract_many
from kg.textio import read_path
from kg.types import Article, InputError

pytestmark = [pytest.mark.model, pytest.mark.slow]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _summary(x):
    if isinstance(x, InputError):
        return ("error", str(x))
    return (x.article.id, sorted(e.id for e in x.entities), [(e.type, e.cameo, e.trigger, e.source, e.target)
                                                            for e in x.events])


def test_workers_match_one_process_in_order_with_errors_in_place():
    arts: list = list(read_path(EXAMPLES))
    arts.insert(3, Article(id="empty", text="   "))  # rejected by the checks: stays an error, in its place
    arts.insert(5, InputError("bad line 7: not JSON"))
    one = [_summary(x) for x in extract_many(arts, Settings(batch_size=2, workers=1))]
    two = [_summary(x) for x in extract_many(arts, Settings(batch_size=2, workers=2))]
    assert one == two
    assert one[3][0] == "error" and one[5] == ("error", "bad line 7: not JSON")
    assert [s[0] for s in one if s[0] != "error"] == [a.id for a in arts if isinstance(a, Article) and a.id != "empty"]


def test_cli_ingest_with_two_workers(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import open_store

    r = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--data-dir", str(tmp_path / "s"), "--workers", "2"])
    assert r.exit_code == 0, r.output
    with open_store(tmp_path / "s", read_only=True) as store:
        assert sorted(a["id"] for a in store.articles()) == sorted(a.id for a in read_path(EXAMPLES))


def test_ingest_streams_its_input(tmp_path):
    """Results start before the input is exhausted, and errors and unchanged articles keep their places."""
    from kg.ingest import ingest_many
    from kg.store import open_store

    pulled = []
    texts = [f"Kenya hosted Ethiopian Prime Minister Abiy Ahmed on Tuesday for talks number {k}." for k in range(40)]

    def source():
        for k, t in enumerate(texts):
            pulled.append(k)
            yield InputError("bad line") if k == 1 else Article(id=f"a{k}", text=t, published="2019-03-08")

    with open_store(tmp_path / "s") as store:
        ingest_many(store, [Article(id="a2", text=texts[2], published="2019-03-08")]).__next__()
        results = ingest_many(store, source(), Settings(batch_size=4, write_batch=8))
        first = [next(results) for _ in range(4)]
        assert len(pulled) <= 12  # read ahead by at most a write batch plus a spaCy batch, never to the end
        rest = list(results)
    assert [r.status for r in first] == ["added", "error", "unchanged", "added"]
    assert [r.id for r in first + rest if r.status != "error"] == [f"a{k}" for k in range(40) if k != 1]
