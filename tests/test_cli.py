import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
ARTICLE = """---
id: test-visit
title: Envoy visits Seoul
published: 2022-05-10
---

SEOUL — Japanese Foreign Minister Yoshimasa Hayashi met South Korean President Yoon Suk-yeol in Seoul on Monday.
The two leaders agreed to improve ties.
"""


@pytest.fixture()
def article(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    return f


def invoke(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


@pytest.mark.model
def test_cli_extract_json_contract(article):
    r = invoke("extract", article)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) >= {"article", "entities", "events", "stances", "relations", "quotes"}
    assert out["article"]["id"] == "test-visit" and out["article"]["published"] == "2022-05-10"
    for e in out["entities"]:
        assert set(e) >= {"id", "type", "name", "aliases", "country", "actor_code", "roles"}
    for ev in out["events"]:
        assert set(ev) >= {"id", "type", "cameo", "trigger", "source", "target", "participants", "place", "date",
                           "date_text", "mode", "context", "confidence", "evidence"}
        assert set(ev["evidence"]) == {"text", "start", "end"}
    meet = next(ev for ev in out["events"] if ev["type"] == "CONSULT")
    assert meet["date"] == "2022-05-09"


@pytest.mark.model
def test_cli_extract_rdf_formats(article):
    ttl = invoke("extract", article, "--format", "turtle")
    trig = invoke("extract", article, "--format", "trig")
    assert ttl.exit_code == 0 and "dkg:Event" in ttl.stdout
    assert trig.exit_code == 0 and "graph/test-visit" in trig.stdout


@pytest.mark.model
def test_cli_extract_jsonl_keeps_order_and_reports_bad_lines(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "one", "text": "France criticized Italy over migrants.", "published": "2018-06-12"}),
        json.dumps({"id": "two", "text": ""}),
        "{not json",
        json.dumps({"id": "three", "text": "Chile and Peru signed a fishing agreement.", "published": None}),
    ]))
    r = invoke("extract", "--jsonl", f)
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["article"]["id"] for x in lines] == ["one", "two", "line-3", "three"]
    assert "error" in lines[1] and "error" in lines[2] and "error" not in lines[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"\xfa\xfb\xfc not utf8", "not UTF-8"),  # (\xff\xfe would be a UTF-16 byte-order mark)
        (b"Der Bundeskanzler traf sich am Montag mit dem franzoesischen Praesidenten in Berlin und sprach ueber "
         b"die Lage in der Ukraine und die Zukunft der Europaeischen Union sowie ueber Handel und Energie.",
         "in German"),
    ],
)
def test_cli_bad_input_is_one_clear_line(tmp_path, content, message):
    f = tmp_path / "x.txt"
    if content is not None:
        f.write_bytes(content)
    r = invoke("extract", f)
    assert r.exit_code != 0
    assert message.lower() in r.output.lower() and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_cli_bad_date_and_malformed_query(article, tmp_path):
    r = invoke("extract", article, "--published", "16/11/2001")
    assert r.exit_code != 0 and "YYYY-MM-DD" in r.output
    q = invoke("query", "SELECT WHERE {", "--data-dir", tmp_path / "d")
    assert q.exit_code != 0 and "malformed query" in q.output and "Traceback" not in q.output


def test_cli_missing_pipeline_says_what_to_install(article, monkeypatch):
    monkeypatch.setenv("KG_SPACY_MODEL", "en_core_web_nonexistent")
    from kg.config import get_settings

    get_settings.cache_clear()
    r = invoke("extract", article)
    assert r.exit_code != 0
    assert "en_core_web_nonexistent" in r.output and "install" in r.output and "Traceback" not in r.output


@pytest.mark.model
def test_cli_ingest_query_stats_articles_delete(article, tmp_path):
    d = tmp_path / "store"
    r = invoke("ingest", article, "--data-dir", d)
    assert r.exit_code == 0, r.output
    again = invoke("ingest", article, "--data-dir", d)
    assert "unchanged" in again.output
    s = json.loads(invoke("stats", "--data-dir", d, "--json").stdout)
    assert s["articles"] == 1 and s["triples"] > 0
    q = invoke("query", "SELECT ?n WHERE { ?p a dkg:Person ; rdfs:label ?n } ORDER BY ?n", "--format", "csv",
               "--data-dir", d)
    assert q.exit_code == 0 and q.stdout.splitlines()[0] == "n" and len(q.stdout.splitlines()) >= 3
    j = json.loads(invoke("query", "ASK { ?e a dkg:Event }", "--format", "json", "--data-dir", d).stdout)
    assert j == {"boolean": True}
    arts = json.loads(invoke("articles", "--data-dir", d, "--json").stdout)
    assert [a["id"] for a in arts] == ["test-visit"]
    assert invoke("delete", "test-visit", "--data-dir", d).exit_code == 0
    assert json.loads(invoke("stats", "--data-dir", d, "--json").stdout)["articles"] == 0
    assert invoke("delete", "test-visit", "--data-dir", d).exit_code == 1


@pytest.mark.model
def test_cli_relations_and_timeline(article, tmp_path):
    d = tmp_path / "store"
    assert invoke("ingest", article, "--data-dir", d).exit_code == 0
    r = invoke("relations", "Hayashi", "Yoon Suk-yeol", "--data-dir", d, "--json")
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["count"] >= 1 and res["items"][0]["type"] == "CONSULT"
    t = invoke("timeline", "Hayashi", "--data-dir", d, "--json")
    assert t.exit_code == 0 and json.loads(t.stdout)[0]["date"] == "2022-05-09"
    bad = invoke("timeline", "Nobody Atall", "--data-dir", d)
    assert bad.exit_code == 1 and "Nobody Atall" in bad.output
    chart = tmp_path / "chart.svg"
    r = invoke("export", "--format", "svg", "--picture", "series", "--actor", "Hayashi", "--partner", "Yoon Suk-yeol",
               "--bucket", "week", "--out", chart, "--data-dir", d)
    assert r.exit_code == 0, r.output
    assert "Yoshimasa Hayashi and Yoon Suk-yeol: events per week" in chart.read_text()
    world = tmp_path / "map.png"
    assert invoke("export", "-f", "png", "--picture", "map", "--out", world, "--data-dir", d).exit_code == 0
    assert world.read_bytes().startswith(b"\x89PNG")
    no_actor = invoke("export", "-f", "svg", "--picture", "series", "--data-dir", d)
    assert no_actor.exit_code != 0 and "needs an actor" in no_actor.output


def test_cli_a_server_that_holds_the_store_but_does_not_answer_is_a_clear_error(monkeypatch):
    import kg.store.handoff as handoff
    from kg.cli import _ingest_via_server
    from kg.types import Article, InputError

    def refused(server, article, wait=15.0):  # noqa: ANN001, ANN202
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(handoff, "post_article", refused)
    with pytest.raises(InputError, match="does not answer"):
        _ingest_via_server({"url": "http://127.0.0.1:9", "token": "t", "pid": 1},
                           [Article(id="a", text="Chile thanked Peru.")], 1, False)


def test_handoff_file_is_owner_only_and_names_a_live_process(tmp_path):
    import os

    from kg.store.handoff import FILE, announce, running_server, withdraw

    path = announce(tmp_path, "http://127.0.0.1:8123", "secret")
    assert oct(path.stat().st_mode & 0o777) == "0o600" and path.name == FILE
    assert running_server(tmp_path) == {"url": "http://127.0.0.1:8123", "pid": os.getpid(), "token": "secret"}
    path.write_text('{"url": "http://x", "pid": 99999999, "token": "t"}')  # a process that is gone
    assert running_server(tmp_path) is None
    withdraw(path)  # not ours any more: left alone
    assert path.exists()
