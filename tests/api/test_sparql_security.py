"""/sparql against the real server (``kg serve`` in its own process): no outbound request whatever the
spelling, no stall of other requests, bounded admission, and the smaller defects of issue 11.

A listener on loopback counts every connection made to it; a query that got past the checks would
make the engine (or the remote store's server) connect to it.
"""

import shutil
import threading
import time

import httpx
import pytest

from tests.api.conftest import TOKEN, live_server
from tests.conftest import Listener

pytestmark = [pytest.mark.slow, pytest.mark.model]

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP = "ASK { ?e a dkg:Event }"
SETTINGS = {"KG_QUERY_TIMEOUT": "8", "KG_QUERY_WORKERS": "4", "KG_QUERY_QUEUE": "4", "KG_QUERY_WAIT": "3",
            "KG_MAX_ROWS": "1000", "KG_API_TOKEN": TOKEN}

# Every way we found to spell a SERVICE call (or another way to reach out), {u} being the listener.
SPELLINGS = [
    "SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "select * where {{ sErViCe <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }} }}",
    # escapes in strings: a \u-escaped quote does not end the string for the engine
    'SELECT ?x WHERE {{ OPTIONAL {{ ?s ?p "a\\u0022 }} }} #" }} SERVICE <{u}> {{ ?x ?y ?z }} }}',
    "SELECT ?x WHERE {{ OPTIONAL {{ ?s ?p 'a\\u0027 }} }} #' }} SERVICE <{u}> {{ ?x ?y ?z }} }}",
    'SELECT ?x WHERE {{ ?s ?p """a\\u0022\\u0022\\u0022 }} #""" . SERVICE <{u}> {{ ?x ?y ?z }} }}',
    'SELECT ?x WHERE {{ ?s ?p "\\\\" . SERVICE <{u}> {{ ?x ?y ?z }} }}',
    # escapes in code, in IRIs, in the service IRI itself
    "SELECT * WHERE {{ \\u0053ERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s <urn:a\\u003E ?o }} SERVICE <{u}> {{ ?a ?b ?c }} #> ?o }}",
    "SELECT * WHERE {{ SERVICE <{u_escaped}> {{ ?s ?p ?o }} }}",
    # prefixed names: the engine reads a keyword glued to a name
    "PREFIX : <{u}> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
    "PREFIX ex: <{u}> SELECT * WHERE {{ serviceex:x {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICESILENT<{u}>{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE?v{{ ?s ?p ?o }} VALUES ?v {{ <{u}> }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER(true)SERVICE<{u}>{{ ?a ?b ?c }} }}",
    "PREFIX ex: <urn:x:> SELECT * WHERE {{ ?s ?p ex:o\\# SERVICE <{u}> {{ ?a ?b ?c }} }}",
    "PREFIX ex: <urn:x:> SELECT * WHERE {{ ?s ex:p\\' SERVICE <{u}> {{ ?a ?b ?c }} }} #'",
    # comments
    "SELECT * WHERE {{ # a comment\n SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s <urn:a#b> ?o . SERVICE <{u}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o # \\u000A SERVICE <{u}> {{ ?a ?b ?c }}\n }}",
    # the engine's own extensions
    'SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} BIND("x"@en--ltr AS ?l) }}',
    # other ways out: foreign graphs and updates
    "SELECT * FROM <{u}> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{u}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "PREFIX ex: <{u}> SELECT * FROM ex:x WHERE {{ ?s ?p ?o }}",
    "PREFIX ex: <{u}> SELECT * FROM NAMED ex:x WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "LOAD <{u}>",
    "LOAD SILENT <{u}> INTO GRAPH <urn:x>",
]


def _escaped(url: str) -> str:
    return "".join(f"\\u{ord(c):04X}" if c in "0123456789" else c for c in url)


def _send_all(base: str, query: str, **params: str) -> list[httpx.Response]:
    with httpx.Client(base_url=base, timeout=30) as c:
        return [c.get("/sparql", params={"query": query, **params}),
                c.post("/sparql", data={"query": query}),
                c.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})]


@pytest.fixture(scope="module")
def server(example_store_dir, tmp_path_factory):
    dst = tmp_path_factory.mktemp("secure") / "store"
    shutil.copytree(example_store_dir, dst, ignore=shutil.ignore_patterns("LOCK"))
    with live_server(dst, **SETTINGS) as base:
        yield base


@pytest.fixture(scope="module")
def remote_server(oxigraph_server, tmp_path_factory):
    """The service over the remote store backend (a real Oxigraph server, which would run SERVICE itself)."""
    with live_server(tmp_path_factory.mktemp("remote") / "unused", KG_STORE="remote", KG_REMOTE_URL=oxigraph_server,
                     **SETTINGS) as base:
        yield base


def _no_outbound(base: str) -> None:
    for hold in (False, True):
        listener = Listener(hold=hold)
        try:
            for template in SPELLINGS:
                q = template.format(u=listener.url, u_escaped=_escaped(listener.url))
                for r in _send_all(base, q):
                    assert r.status_code in (200, 400), (template, r.status_code, r.text)
                    assert "store could not be read" not in r.text
                    if "SERVICE" in template.upper() and "\\u000A" not in template:
                        assert r.status_code == 400, (template, r.text)
            r = httpx.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": listener.url})
            assert r.status_code == 400
            time.sleep(0.3)
            assert listener.hits == 0
            assert httpx.get(base + "/health", timeout=1).status_code == 200
        finally:
            listener.close()


def test_no_spelling_makes_the_server_call_out(server):
    _no_outbound(server)


def test_no_spelling_makes_the_remote_store_call_out(remote_server):
    _no_outbound(remote_server)


def test_health_reports_the_workers_are_off_the_network(server):
    httpx.get(server + "/sparql", params={"query": CHEAP})  # workers report their isolation when first used
    h = httpx.get(server + "/health").json()
    assert h["query_workers"] == 4 and h["query_isolation"] in ("netns", "seccomp")


def _poll_health(base: str, stop: threading.Event, times: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=10) as c:
        while not stop.is_set():
            t = time.monotonic()
            c.get("/health")
            times.append(time.monotonic() - t)
            time.sleep(0.05)


def _in_list(n: int) -> str:
    return "SELECT ?s WHERE { ?s rdfs:label ?o FILTER(?o IN (" + ", ".join(f'"x{i}"' for i in range(n)) + ")) }"


def test_a_long_query_never_stalls_other_requests(server):
    big, near = _in_list(20_000), _in_list(10_000)  # 189 kB (over the limit) and 89 kB (under it)
    assert len(big) > 170_000 and 80_000 < len(near) < 100_000
    stop, times = threading.Event(), []
    th = threading.Thread(target=_poll_health, args=(server, stop, times))
    th.start()
    try:
        time.sleep(0.2)
        t = time.monotonic()
        r = httpx.post(server + "/sparql", content=big, headers={"content-type": "application/sparql-query"}, timeout=30)
        assert r.status_code == 413 and "100,000" in r.json()["detail"] and time.monotonic() - t < 15
        t = time.monotonic()
        r = httpx.post(server + "/sparql", content=near, headers={"content-type": "application/sparql-query"},
                       timeout=30)
        assert r.status_code == 200 and r.json()["results"]["bindings"] == [] and time.monotonic() - t < 15
    finally:
        stop.set()
        th.join()
    assert len(times) > 3 and max(times) < 1.0


def test_a_small_query_with_a_huge_product_runs_only_in_a_worker(server):
    # about 7 kB: three VALUES blocks whose product is a billion rows; once this froze the whole server
    values = " ".join(f'"v{i}"' for i in range(1000))
    q = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"VALUES ?{v} {{ {values} }}" for v in "abc") + " }"
    assert 5_000 < len(q) < 30_000
    stop, times = threading.Event(), []
    th = threading.Thread(target=_poll_health, args=(server, stop, times))
    th.start()
    try:
        t = time.monotonic()
        r = httpx.post(server + "/sparql", content=q, headers={"content-type": "application/sparql-query"}, timeout=60)
        took = time.monotonic() - t
    finally:
        stop.set()
        th.join()
    assert r.status_code == 503 and "deadline" in r.json()["detail"] and took < 8 + 5
    assert len(times) > 3 and max(times) < 1.0


def _runaways(base: str, n: int, out: list) -> list[threading.Thread]:
    def one() -> None:
        out.append(httpx.get(base + "/sparql", params={"query": RUNAWAY}, timeout=60))

    threads = [threading.Thread(target=one) for _ in range(n)]
    for th in threads:
        th.start()
    return threads


def test_two_runaway_queries_leave_room_for_a_cheap_one(server):
    out: list = []
    threads = _runaways(server, 2, out)
    time.sleep(1.0)
    t = time.monotonic()
    r = httpx.get(server + "/sparql", params={"query": CHEAP}, timeout=30)
    took = time.monotonic() - t
    for th in threads:
        th.join(60)
    assert r.status_code == 200 and r.json()["boolean"] is True and took < 5
    assert [x.status_code for x in out] == [503, 503] and all("deadline" in x.json()["detail"] for x in out)


def test_ten_runaway_queries_leave_health_and_rest_fast(server):
    out: list = []
    threads = _runaways(server, 10, out)
    time.sleep(1.0)
    t = time.monotonic()
    assert httpx.get(server + "/health", timeout=10).status_code == 200
    health = time.monotonic() - t
    t = time.monotonic()
    r = httpx.get(server + "/relations", params={"a": "Vladimir Putin", "b": "George W. Bush"}, timeout=10)
    rest = time.monotonic() - t
    for th in threads:
        th.join(60)
    assert health < 1.0 and r.status_code == 200 and rest < 2.0
    busy = [x for x in out if x.status_code == 503 and "busy" in x.json()["detail"]]
    stopped = [x for x in out if x.status_code == 503 and "deadline" in x.json()["detail"]]
    # 4 run to the deadline; the rest are refused at once or after waiting, told when to retry
    assert len(stopped) == 4 and len(busy) == 6 and all(int(x.headers["retry-after"]) >= 1 for x in busy)
    time.sleep(1.5)  # the killed workers are replaced
    assert httpx.get(server + "/sparql", params={"query": CHEAP}).json()["boolean"] is True


def test_nesting_a_few_hundred_deep_runs_and_deeper_is_refused(server):
    ok = "SELECT * WHERE " + "{ " * 300 + "?s a dkg:Event " + "} " * 300 + "LIMIT 1"
    r = httpx.post(server + "/sparql", content=ok, headers={"content-type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 1
    deep = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
    r = httpx.post(server + "/sparql", content=deep, headers={"content-type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 400 and "deeper than 500" in r.json()["detail"]


def test_engine_errors_are_reported_as_query_errors(server):
    r = httpx.get(server + "/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400 and "expected" in r.json()["detail"]
    assert "store could not be read" not in r.text


def test_security_headers_on_every_page(server):
    for path in ("/", "/docs", "/health", "/sparql?query=ASK%7B%7D", "/static/app.js", "/nowhere"):
        r = httpx.get(server + path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
    csp = httpx.get(server + "/").headers["content-security-policy"]
    assert "script-src 'self';" in csp and "http" not in csp


def test_article_ids_must_be_printable_and_metadata_updates(server):
    auth = {"authorization": f"Bearer {TOKEN}"}
    text = "Norway hosted the Foreign Minister of Chile in Oslo for talks on fisheries."
    for bad in ("line\nbreak", "nul\x00byte", "tab\there"):
        r = httpx.post(server + "/articles", json={"id": bad, "text": text}, headers=auth, timeout=120)
        assert r.status_code == 422 and "control character" in r.json()["detail"], bad
    body = {"id": "fisheries-talks", "text": text, "title": "Oslo talks", "published": "2024-05-02"}
    r = httpx.post(server + "/articles", json=body, headers=auth, timeout=120)
    assert r.status_code == 201 and r.json()["status"] == "added"
    assert httpx.post(server + "/articles", json=body, headers=auth, timeout=60).json()["status"] == "unchanged"
    fixed = {**body, "title": "Norway and Chile talk fisheries", "published": "2024-05-03"}
    r = httpx.post(server + "/articles", json=fixed, headers=auth, timeout=60)
    assert r.status_code == 201 and r.json()["status"] == "replaced"
    art = httpx.get(server + "/articles/fisheries-talks").json()
    assert art["title"] == "Norway and Chile talk fisheries" and art["published"] == "2024-05-03"
    assert httpx.delete(server + "/articles/fisheries-talks", headers=auth).status_code == 204
