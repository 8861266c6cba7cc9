"""What each lookup matches: topics by part of their name, countries by name or code, two different actors."""


def test_stances_match_part_of_a_topic_name_any_case(shared_client):
    whole = shared_client.get("/stances").json()
    part = shared_client.get("/stances", params={"topic": "NUCLEAR"}).json()
    assert part and all("nuclear" in s["topic"].lower() for s in part)
    assert len(part) >= sum(1 for s in whole if "nuclear" in s["topic"].lower()) and all(s in whole for s in part)


def test_leaders_and_events_take_a_country_by_name_code_or_demonym(shared_client):
    by_code = shared_client.get("/leaders", params={"country": "RUS"}).json()
    assert by_code and shared_client.get("/leaders", params={"country": "Russia"}).json() == by_code
    assert shared_client.get("/leaders", params={"country": "rus"}).json() == by_code
    assert shared_client.get("/events", params={"country": "Russian"}).json() == \
        shared_client.get("/events", params={"country": "RUS"}).json()
    r = shared_client.get("/leaders", params={"country": "Narnia"})
    assert r.status_code == 422 and "Narnia" in r.json()["detail"]


def test_relations_of_an_actor_with_itself_is_a_clear_422(shared_client):
    r = shared_client.get("/relations", params={"a": "Putin", "b": "Vladimir Putin"})
    assert r.status_code == 422 and "same actor" in r.json()["detail"]


def test_every_api_parameter_is_documented(shared_client):
    spec = shared_client.get("/openapi.json").json()
    missing = [(path, m, p["name"]) for path, ops in spec["paths"].items() for m, op in ops.items()
               for p in op.get("parameters", []) if not p.get("description")]
    assert missing == []


def test_date_ranges_place_undated_events_at_their_article_s_publication_date(client):
    from tests.api.conftest import TOKEN

    AUTH = {"authorization": f"Bearer {TOKEN}"}

    text = "Norway praised Iceland for its mediation. Iceland thanked Norway on 3 May 2021 for the gesture."
    assert client.post("/articles", json={"text": text, "id": "dates-1", "published": "2021-06-10"},
                       headers=AUTH).status_code == 201
    june = client.get("/events", params={"from": "2021-06-01", "to": "2021-06-30", "actor": "Norway"}).json()
    may = client.get("/events", params={"from": "2021-05-01", "to": "2021-05-31", "actor": "Norway"}).json()
    wide = client.get("/events", params={"from": "1900-01-01", "actor": "Norway"}).json()  # the other query path
    praised = [i for i in june["items"] if i["trigger"] == "praised"]
    assert praised and praised[0]["date"] is None and praised[0]["dated_by"] == "report"
    assert praised[0]["reported"] == "2021-06-10"
    thanked = [i for i in may["items"] if i["trigger"] == "thanked"]
    assert thanked and thanked[0]["dated_by"] == "event" and thanked[0]["date"] == "2021-05-03"
    assert not any(i["trigger"] == "thanked" for i in june["items"])
    assert {"praised", "thanked"} <= {i["trigger"] for i in wide["items"]}


def test_lookups_revalidate_with_an_etag_that_changes_on_every_write(client):
    from tests.api.conftest import TOKEN

    first = client.get("/relations", params={"a": "Reagan", "b": "Gorbachev"})
    tag = first.headers["etag"]
    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    again = client.get("/relations", params={"a": "Reagan", "b": "Gorbachev"}, headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert client.get("/events", headers={"if-none-match": tag}).status_code == 304  # the same store state
    r = client.post("/articles", json={"text": "Chile praised Peru on Monday.", "id": "etag-1",
                                       "published": "2020-01-08"}, headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and "etag" not in r.headers
    after = client.get("/relations", params={"a": "Reagan", "b": "Gorbachev"}, headers={"if-none-match": tag})
    assert after.status_code == 200 and after.headers["etag"] != tag
    assert "etag" not in client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).headers  # only lookups


def test_repeated_lookups_are_answered_from_memory_until_the_next_write(client, monkeypatch):
    from kg import lookups
    from tests.api.conftest import TOKEN

    calls = []
    real = lookups.events
    monkeypatch.setattr(lookups, "events", lambda *a, **k: calls.append(1) or real(*a, **k))
    params = {"from": "2020-01-01", "limit": 50}
    first = client.get("/events", params=params)
    again = client.get("/events", params=params)
    assert first.status_code == again.status_code == 200 and len(calls) == 1  # the second did not run the lookup
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == "application/json" and again.headers["x-content-type-options"] == "nosniff"
    assert client.get("/events", params={**params, "limit": 49}).status_code == 200 and len(calls) == 2  # other words
    assert not any(i["article"] == "kept-1" for i in first.json()["items"])
    r = client.post("/articles", json={"text": "Chile condemned Bolivia on Friday.", "id": "kept-1",
                                       "published": "2020-02-07"}, headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201
    after = client.get("/events", params=params)
    assert len(calls) == 3 and any(i["article"] == "kept-1" for i in after.json()["items"])


def test_kept_answers_stay_within_their_budget():
    from api.middleware import Answers

    kept = Answers(budget=10_000)
    assert kept.get(b"t1", b"/events?k=0") is None  # the store's state is t1
    for k in range(100):
        kept.put(b"t1", f"/events?k={k}".encode(), [], b"x" * 900)
    assert kept.used <= 10_000 and kept.get(b"t1", b"/events?k=99") is not None
    assert kept.get(b"t1", b"/events?k=0") is None  # the oldest went first
    kept.put(b"t1", b"/big", [], b"x" * 5_000)  # one answer may take at most an eighth of the budget
    assert kept.get(b"t1", b"/big") is None
    assert kept.get(b"t2", b"/events?k=99") is None and kept.used == 0  # a write (new tag) forgets everything


def test_health_gives_the_one_triple_count_once_counted(client):
    import time

    n = None
    for _ in range(100):  # the first call starts the count in a thread; /health never waits for it
        n = client.get("/health").json()["triples"]
        if n is not None:
            break
        time.sleep(0.05)
    store = client.app.state.store
    total = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                       headers={"accept": "application/sparql-results+json"}).json()
    assert n == store.triple_count() == store.stats()["triples"] == int(total["results"]["bindings"][0]["n"]["value"])
