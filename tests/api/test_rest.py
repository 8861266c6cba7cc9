"""REST lookups, articles, security and robustness of the service."""

import json
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from fastapi.testclient import TestClient

from api import create_app
from tests.api.conftest import TOKEN, free_port, make_settings

pytestmark = pytest.mark.model
AUTH = {"authorization": f"Bearer {TOKEN}"}


def test_rest_relations_between_two_leaders(shared_client):
    r = shared_client.get("/relations", params={"a": "Reagan", "b": "Gorbachev"})
    body = r.json()
    assert r.status_code == 200 and body["a"] == "person/ronald-reagan" and body["b"] == "person/mikhail-gorbachev"
    summit = next(i for i in body["items"] if i["type"] == "CONSULT")
    assert summit["date"] == "1986-10-12" and summit["place"] == "place/reykjavik" and summit["article"] == "reykjavik-1986"
    assert summit["evidence"].startswith("President Ronald Reagan and Soviet leader Mikhail Gorbachev")
    dates = [i["date"] for i in body["items"] if i["date"]]
    assert dates == sorted(dates)


def test_rest_relations_by_id_and_alias(shared_client):
    a = shared_client.get("/relations", params={"a": "person/ronald-reagan", "b": "the Soviet leader"}).json()
    assert a["b"] == "person/mikhail-gorbachev" and a["count"] >= 1


def test_rest_ambiguous_name_answers_with_candidates(shared_client):
    r = shared_client.get("/relations", params={"a": "the president", "b": "Gorbachev"})
    assert r.status_code == 300
    cands = r.json()["candidates"]
    assert len(cands) > 1 and all({"id", "name", "type"} <= set(c) for c in cands)


def test_rest_unknown_name_is_404(shared_client):
    r = shared_client.get("/relations", params={"a": "Nobody Atall", "b": "Gorbachev"})
    assert r.status_code == 404 and "Nobody Atall" in r.json()["detail"]


@pytest.mark.parametrize("name", ['"', "'", ">", "}", "#", "\n", "} ; DROP ALL ; #", "?s ?p ?o", "\\u0022"])
def test_rest_hostile_names_are_plain_text(shared_client, name):
    for path in ("/relations", "/path"):
        r = shared_client.get(path, params={"a": name, "b": "Gorbachev"})
        assert r.status_code == 404
    assert shared_client.get("/leaders", params={"q": name}).status_code == 200
    assert shared_client.get("/stances", params={"topic": name}).json() == []
    assert shared_client.get("/sparql", params={"query": "ASK { ?e a dkg:Event }"}).json()["boolean"]


def test_rest_leaders_entities_timeline(shared_client):
    people = shared_client.get("/leaders", params={"q": "merkel"}).json()
    assert people[0]["id"] == "person/angela-merkel" and people[0]["offices"][0]["title"] == "Chancellor"
    assert all(p["country"] == "RUS" for p in shared_client.get("/leaders", params={"country": "rus"}).json())
    e = shared_client.get("/entities/person/angela-merkel").json()
    assert e["type"] == "Person" and e["country"] == "DEU" and e["articles"] == ["minsk-talks-2015"] and e["events"]
    putin = shared_client.get("/entities/person/vladimir-putin").json()
    assert putin["articles"] == ["ljubljana-summit-2001", "minsk-talks-2015"]
    heads = [r for r in putin["relations"] if r["predicate"] == "headOf"]
    assert heads and all(r["object_name"] == "Russia" for r in heads)
    assert shared_client.get("/entities/person/nobody").status_code == 404
    tl = shared_client.get("/leaders/person/mikhail-gorbachev/timeline").json()
    dated = [i["date"] for i in tl if i["date"]]
    assert dated == sorted(dated) and all("roles" in i for i in tl)
    # undated events are placed by their article's publication date
    tl = shared_client.get("/leaders/person/vladimir-putin/timeline").json()
    when = [i["date"] or i["reported"] for i in tl]
    assert all(when) and when == sorted(when) and {i["reported"] for i in tl} == {"2001-06-17", "2015-02-13"}
    r = shared_client.get("/leaders/person/vladimir-putin/timeline", params={"limit": 2, "offset": 1})
    assert r.json() == tl[1:3] and r.headers["x-total-count"] == str(len(tl))
    assert shared_client.get("/leaders/person/vladimir-putin/timeline", params={"limit": 0}).status_code == 422


def test_rest_events_filters_and_pages(shared_client):
    all_ = shared_client.get("/events", params={"limit": 500}).json()
    consult = shared_client.get("/events", params={"type": "CONSULT", "limit": 500}).json()
    assert 0 < consult["total"] < all_["total"] and all(i["type"] == "CONSULT" for i in consult["items"])
    page = shared_client.get("/events", params={"limit": 2, "offset": 1}).json()
    assert page["items"] == all_["items"][1:3]
    ranged = shared_client.get("/events", params={"from": "1986-01-01", "to": "1986-12-31"}).json()
    assert ranged["total"] >= 1 and all((i["date"] or i["reported"]).startswith("1986") for i in ranged["items"])
    by_actor = shared_client.get("/events", params={"actor": "Gorbachev"}).json()
    assert by_actor["total"] >= 1
    assert shared_client.get("/events", params={"type": "NOTATYPE"}).status_code == 422
    assert shared_client.get("/events", params={"from": "13/10/1986"}).status_code == 422


def test_rest_stances_and_path(shared_client):
    st = shared_client.get("/stances").json()
    assert st and all(s["polarity"] in ("support", "oppose") for s in st)
    topic = st[0]["topic"]
    assert all(s["topic"] == topic for s in shared_client.get("/stances", params={"topic": topic}).json())
    p = shared_client.get("/path", params={"a": "Reagan", "b": "Putin"}).json()
    assert p["paths"] and p["paths"][0]["nodes"][0] == "person/ronald-reagan"
    assert p["paths"][0]["nodes"][-1] == "person/vladimir-putin"


def test_rest_articles_write_needs_token(client):
    art = {"text": "Chile praised Peru on Monday for its help after the floods.", "id": "t-1",
           "published": "2020-01-08"}
    assert client.post("/articles", json=art).status_code == 401
    assert client.post("/articles", json=art, headers={"authorization": "Bearer nope"}).status_code == 403
    assert client.post("/articles", json=art, headers={"authorization": "Basic abc"}).status_code == 401
    r = client.post("/articles", json=art, headers=AUTH)
    assert r.status_code == 201 and r.json()["status"] == "added" and r.json()["events"] >= 1
    assert client.get("/articles/t-1").json()["text"] == art["text"]
    assert any(a["id"] == "t-1" for a in client.get("/articles").json())
    ev = client.get("/events", params={"actor": "Chile"}).json()
    assert ev["total"] >= 1
    assert client.get("/sparql", params={"query": 'ASK { ?e dkg:trigger "praised" }'}).json()["boolean"]
    assert client.delete("/articles/t-1").status_code == 401
    assert client.delete("/articles/t-1", headers=AUTH).status_code == 204
    assert client.delete("/articles/t-1", headers=AUTH).status_code == 404
    assert client.get("/articles/t-1").status_code == 404
    assert not client.get("/sparql", params={"query": 'ASK { ?e dkg:trigger "praised" }'}).json()["boolean"]


def test_rest_bad_article_is_422_not_500(client):
    for body in ({"text": "\x00\x01\x02"}, {"text": " "}, {"text": "x", "published": "16/11/2001"}, {}):
        r = client.post("/articles", json=body, headers=AUTH)
        assert r.status_code == 422 and "Traceback" not in r.text


def test_rest_writes_off_without_token(store_copy):
    with TestClient(create_app(make_settings(store_copy, api_token=None))) as c:
        r = c.post("/articles", json={"text": "Chile praised Peru."}, headers=AUTH)
        assert r.status_code == 403 and "disabled" in r.json()["detail"]
        assert c.get("/health").json()["writes"] is False


def test_rest_body_limit_declared_and_chunked(client):
    big = {"text": "Chile praised Peru. " * 20_000}
    assert client.post("/articles", json=big, headers=AUTH).status_code == 413

    def chunks():
        for _ in range(300):
            yield b"x" * 1000

    r = client.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413


def test_rest_cors_off_by_default_and_allowlist(store_copy, client):
    r = client.get("/health", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(make_settings(store_copy.parent / "other",
                                             cors_origins=["https://analyst.example"]))) as c:
        ok = c.get("/health", headers={"origin": "https://analyst.example"})
        bad = c.get("/health", headers={"origin": "https://evil.example"})
        assert ok.headers["access-control-allow-origin"] == "https://analyst.example"
        assert "access-control-allow-origin" not in bad.headers
        for _ in range(2):  # kept answers of lookups keep the CORS headers of the Origin asked from
            ok = c.get("/leaders", headers={"origin": "https://analyst.example"})
            bad = c.get("/leaders", headers={"origin": "https://evil.example"})
            assert ok.headers["access-control-allow-origin"] == "https://analyst.example"
            assert "access-control-allow-origin" not in bad.headers
    with TestClient(create_app(make_settings(store_copy.parent / "third", cors_origins=["*"]))) as c:
        r = c.get("/health", headers={"origin": "https://x.example"})
        assert r.headers.get("access-control-allow-credentials") != "true"


def test_rest_ingest_while_queries_run(client):
    errors = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            for r in (client.get("/relations", params={"a": "Reagan", "b": "Gorbachev"}),
                      client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?e a dkg:Event }"})):
                if r.status_code != 200:
                    errors.append((r.status_code, r.text[:300]))

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for k in range(4):
        r = client.post("/articles", json={"text": f"Norway thanked Sweden on Monday for aid number {k}.",
                                           "id": f"c-{k}", "published": "2021-03-02"}, headers=AUTH)
        assert r.status_code == 201
    stop.set()
    for t in threads:
        t.join(30)
    assert errors == []



@pytest.mark.slow
def test_rest_smoke_real_uvicorn_process(store_copy, tmp_path):
    port = free_port()
    env = {"KG_API_TOKEN": TOKEN, "PATH": "/usr/bin:/bin"}
    import os

    env = {**os.environ, **env}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--data-dir", str(store_copy)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/health", timeout=1) as r:
                    assert json.loads(r.read())["status"] == "ok"
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"server did not start: {proc.stderr.read1(2000) if proc.stderr else ''}")
        with urllib.request.urlopen(base + "/relations?a=Reagan&b=Gorbachev", timeout=10) as r:
            assert json.loads(r.read())["count"] >= 1
        with urllib.request.urlopen(base + "/docs", timeout=10) as r:
            assert b"swagger" in r.read().lower()
        with urllib.request.urlopen(base + "/openapi.json", timeout=10) as r:
            assert "/relations" in json.loads(r.read())["paths"]
        req = urllib.request.Request(base + "/sparql", data=b"ASK { ?e a dkg:Event }",
                                     headers={"content-type": "application/sparql-query"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert json.loads(r.read())["boolean"] is True
    finally:
        proc.terminate()
        proc.wait(10)


def test_rest_search_ranks_and_binds_safely(shared_client):
    hits = shared_client.get("/search", params={"q": "putin"}).json()
    assert hits[0] == {"id": "person/vladimir-putin", "name": "Vladimir Putin", "type": "Person"}
    russia = shared_client.get("/search", params={"q": "Russia"}).json()
    assert russia[0]["id"] == "country/RUS"  # the exact name ranks first
    assert all(h["type"] in ("Person", "Country", "Organization") for h in russia)
    assert shared_client.get("/search", params={"q": '") } ; DROP ALL ; #'}).json() == []
    assert shared_client.get("/search", params={"q": ""}).status_code == 422
    assert len(shared_client.get("/search", params={"q": "a", "limit": 3}).json()) == 3


def test_explorer_page_and_assets_are_served_locally(shared_client):
    page = shared_client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/static/app.js" in page.text and "http://" not in page.text and "https://" not in page.text
    for asset in ("/static/app.js", "/static/style.css", "/static/vendor/cytoscape-3.35.0.min.js"):
        r = shared_client.get(asset)
        assert r.status_code == 200 and len(r.content) > 500, asset
    assert shared_client.get("/static/../main.py").status_code == 404
