"""Extraction on a Dask cluster: same results, in the same order, as one process; the store is written here.

One ``distributed.LocalCluster`` (two worker processes, one thread each) serves the whole module.
"""

import json
import os
import re
import socket
from pathlib import Path

import pytest

from kg.config import Settings
from kg.pipeline import ClusterError, extract_many
from kg.textio import read_path
from kg.types import Article, Extraction, InputError

pytestmark = [pytest.mark.model, pytest.mark.slow]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
TEXTS = {  # written for these tests
    "nairobi": "NAIROBI, Kenya — Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
               "Nairobi on Monday. Ruto said Kenya wanted closer trade ties with Tanzania.",
    "santiago": "The foreign ministers of Chile and Argentina met in Santiago on Friday and agreed to reopen talks "
                "on a mountain border crossing.",
    "seoul": "Brazil condemned the missile test by North Korea on Sunday and called on Pyongyang to show restraint.",
    "geneva": "Swiss Foreign Minister Ignazio Cassis welcomed Japanese Foreign Minister Yoko Kamikawa to Geneva on "
              "Tuesday, and the two signed an agreement on research cooperation.",
}


@pytest.fixture(scope="module")
def cluster():
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    # allowed-failures 0: a task that kills its worker fails at once (the crash test needs one restart, not four)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        lc = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with lc, distributed.Client(lc, set_as_default=False) as client:
        yield lc.scheduler_address, client


def _articles() -> list:
    arts: list = [Article(id=k, text=t, published="2024-03-08") for k, t in TEXTS.items()]
    arts += list(read_path(EXAMPLES))
    arts.insert(2, Article(id="empty", text="   "))  # refused by the checks: an error, in its place
    arts.insert(5, InputError("bad line 7: not JSON"))
    return arts


def _loads() -> int:
    """On a worker: how many times this process loaded a spaCy pipeline."""
    from kg.nlp import load_pipeline

    return load_pipeline.cache_info().misses


def test_dask_matches_one_process_in_order_with_errors_in_place(cluster):
    address, client = cluster
    arts = _articles()
    one = list(extract_many(arts, Settings(batch_size=4)))
    on_dask = list(extract_many(arts, Settings(batch_size=1, dask=address)))  # 14 tasks: more than the 8 in flight
    assert [type(x) for x in on_dask] == [type(x) for x in one]
    assert [str(x) for x in on_dask if isinstance(x, InputError)] == [str(x) for x in one if isinstance(x, InputError)]
    assert isinstance(on_dask[2], InputError) and "empty" in str(on_dask[2])
    assert str(on_dask[5]) == "bad line 7: not JSON"
    good = [x for x in on_dask if isinstance(x, Extraction)]
    assert [x.article.id for x in good] == [a.id for a in arts if isinstance(a, Article) and a.id != "empty"]
    # the same entities (ids, types, mention offsets), events, stances, relations and quotes
    assert [x.to_json() for x in good] == [x.to_json() for x in one if isinstance(x, Extraction)]
    nairobi = good[0]
    assert {"person/william-samoei-ruto", "country/KEN", "country/TZA"} <= {e.id for e in nairobi.entities}
    assert any(e.cameo.startswith("04") for e in nairobi.events)  # the meeting (a CAMEO 04 consult)
    assert sum(len(x.events) for x in good) > 20


def test_pipeline_loaded_once_per_worker(cluster):
    address, client = cluster
    texts = [f"Kenya hosted Ethiopian Prime Minister Abiy Ahmed on Tuesday for talks number {k}." for k in range(12)]
    for _ in range(2):  # a second run registers the plugin again: a no-op
        arts = [Article(id=f"t{k}", text=t) for k, t in enumerate(texts)]
        assert all(isinstance(x, Extraction) for x in extract_many(arts, Settings(batch_size=1, dask=address)))
    from kg.config import get_settings

    name = f"kg-pipeline-{get_settings().spacy_model}"
    assert all(name in plugins for plugins in client.run(lambda dask_worker: list(dask_worker.plugins)).values())
    assert client.run(_loads) == {w: 1 for w in client.scheduler_info()["workers"]}


def test_input_is_streamed_with_a_bounded_number_of_batches_in_flight(cluster):
    address, _ = cluster
    pulled: list[int] = []

    def source():
        for k in range(40):
            pulled.append(k)
            yield Article(id=f"s{k}", text=f"Chile and Peru held talks in Lima on Monday, round {k}.")

    results = extract_many(source(), Settings(batch_size=1, dask=address))
    first = next(results)
    assert len(pulled) <= 4 * 2 + 1  # four batches per worker thread, and the one that filled the window
    assert [first.article.id, *(x.article.id for x in results)] == [f"s{k}" for k in range(40)]


def test_cli_ingest_on_dask_writes_the_store_here(cluster, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app

    address, _ = cluster
    folder = tmp_path / "in"
    folder.mkdir()
    for k, t in TEXTS.items():
        (folder / f"{k}.txt").write_text(t, encoding="utf-8")
    (folder / "blank.txt").write_text("  \n", encoding="utf-8")
    store = str(tmp_path / "s")
    r = CliRunner().invoke(app, ["ingest", str(folder), "--data-dir", store, "--dask", address,
                                 "--published", "2024-03-08"])
    assert r.exit_code == 0, r.output
    assert "blank" in r.output and "empty text" in r.output  # the bad file is reported, the others stored
    r = CliRunner().invoke(app, ["stats", "--data-dir", store, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["articles"] == len(TEXTS)
    # the same through the setting: everything is unchanged now, so nothing is sent to the cluster
    monkeypatch.setenv("KG_DASK", address)
    r = CliRunner().invoke(app, ["ingest", str(folder), "--data-dir", store])
    assert r.exit_code == 0, r.output
    assert re.search(rf"unchanged\s*│\s*{len(TEXTS)}\s", r.output), r.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from typer.testing import CliRunner

    import kg.pipeline
    from kg.cli import app

    monkeypatch.setattr(kg.pipeline, "DASK_CONNECT_TIMEOUT", 1)
    address = f"tcp://127.0.0.1:{_free_port()}"
    with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at {address}"):
        list(extract_many([Article(id="a", text=TEXTS["seoul"])], Settings(dask=address)))
    (tmp_path / "a.txt").write_text(TEXTS["seoul"], encoding="utf-8")
    r = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--data-dir", str(tmp_path / "s"),
                                 "--dask", address])
    assert r.exit_code == 2
    assert f"error: cannot reach the Dask scheduler at {address}" in r.output
    assert "Traceback" not in r.output
    with pytest.raises(ClusterError, match="'localhost' is not a Dask scheduler address .*missing port"):
        list(extract_many([Article(id="a", text=TEXTS["seoul"])], Settings(dask="localhost")))


def test_without_dask_installed_the_error_says_what_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ClusterError, match=r"pip install 'diplomatic-kg\[dask\]'"):
        list(extract_many([Article(id="a", text=TEXTS["seoul"])], Settings(dask="tcp://127.0.0.1:8786")))


def test_an_article_that_fails_on_a_worker_becomes_an_error_and_its_batch_survives(monkeypatch):
    """Inside a task: the batch is retried one article at a time, so only the bad article is lost."""
    import kg.pipeline

    real = kg.pipeline.analyse

    def analyse(article, doc):
        if article.id == "santiago":
            raise RuntimeError("boom")
        return real(article, doc)

    monkeypatch.setattr(kg.pipeline, "analyse", analyse)
    arts = [Article(id=k, text=t) for k, t in TEXTS.items()]
    out = kg.pipeline._dask_batch(Settings().spacy_model, arts)
    assert [type(x).__name__ for x in out] == ["Extraction", "InputError", "Extraction", "Extraction"]
    assert str(out[1]) == "santiago: extraction failed on a Dask worker: RuntimeError: boom"


def _crashing_batch(model: str, arts: list, finish=None) -> list:  # noqa: ANN001
    """Stands in for kg.pipeline._dask_batch on the workers: dies on the article marked CRASH."""
    import kg.pipeline

    if any("CRASH" in a.text for a in arts):
        os._exit(1)
    return kg.pipeline._dask_batch(model, arts, finish)


def test_a_batch_lost_with_its_worker_becomes_errors_in_place(cluster, monkeypatch):
    """Last in the module: it kills a worker (the nanny starts a new one).

    With allowed-failures 0, a batch that was waiting on the same worker may be lost with it too:
    every article still comes back, in its place, extracted or as an error that says what happened.
    """
    import kg.pipeline

    address, _ = cluster
    monkeypatch.setattr(kg.pipeline, "_dask_batch", _crashing_batch)
    arts = [Article(id=k, text=t) for k, t in TEXTS.items()]
    arts.insert(2, Article(id="crash", text="CRASH: Peru and Bolivia met in La Paz on Friday."))
    out = list(extract_many(arts, Settings(batch_size=1, dask=address)))
    died = "a Dask worker died while extracting its batch of 1 articles; ingest again to retry"
    assert isinstance(out[2], InputError) and str(out[2]).startswith(f"crash: {died}")
    for a, x in zip(arts, out, strict=True):
        assert x.article.id == a.id if isinstance(x, Extraction) else str(x).startswith(f"{a.id}: {died}")
    assert any(isinstance(x, Extraction) for x in out)
