"""/series and /geo over the example articles, checked against the events they summarise (by SPARQL)."""

from collections import Counter


def _sparql(client, query: str) -> list[dict]:
    r = client.get("/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


OCCURRENCES = """SELECT ?e ?date WHERE {{ ?e {who} . FILTER NOT EXISTS {{ ?e dkg:mirrorOf ?m }}
  OPTIONAL {{ ?e dkg:effectiveDate ?date }} }}"""


def test_series_of_a_pair_matches_the_events_of_relations(shared_client):
    rel = shared_client.get("/relations", params={"a": "Reagan", "b": "Gorbachev"}).json()
    events = [i for i in rel["items"] if i["kind"] == "event"]
    out = shared_client.get("/series", params={"a": "Reagan", "b": "Gorbachev", "bucket": "year"})
    assert out.status_code == 200, out.text
    s = out.json()
    assert s["events"] + s["undated"] == len(events) > 0
    by_year = Counter(str(i["date"] or i["reported"])[:4] for i in events if i["date"] or i["reported"])
    assert {p["period"]: p["events"] for p in s["periods"] if p["events"]} == dict(by_year)
    for p in s["periods"]:
        assert sum(p["by_type"].values()) == p["events"] == sum(p["by_quad"].values())


def test_series_of_one_actor_counts_every_occurrence_by_month(shared_client):
    rows = _sparql(shared_client, OCCURRENCES.format(who="dkg:participant <https://w3id.org/diplomatic-kg/id/person/vladimir-putin>"))
    months = Counter(r["date"][:7] for r in rows if "date" in r)
    s = shared_client.get("/series", params={"a": "Putin"}).json()
    assert s["bucket"] == "month" and s["events"] == sum(months.values()) > 0
    assert {p["period"]: p["events"] for p in s["periods"] if p["events"]} == dict(months)
    periods = [p["period"] for p in s["periods"]]
    assert periods == sorted(periods) and len(periods) == len(set(periods))  # in order, no gaps repeated


def test_geo_counts_match_the_events_by_actor_country(shared_client):
    geo = shared_client.get("/geo").json()["countries"]
    assert geo, "the examples have events"
    top = geo[0]
    rows = _sparql(shared_client, OCCURRENCES.format(
        who=f"sem:hasActor ?x . ?x dkg:iso3|dkg:country/dkg:iso3 \"{top['country']}\""))
    assert top["actor"] == len({r["e"] for r in rows})
    located = _sparql(shared_client, OCCURRENCES.format(
        who=f"sem:hasPlace ?x . ?x dkg:iso3|dkg:country/dkg:iso3 \"{top['country']}\""))
    assert top["located"] == len({r["e"] for r in located})


def test_geo_for_an_actor_and_dates(shared_client):
    whole = {c["country"]: c for c in shared_client.get("/geo", params={"actor": "Putin"}).json()["countries"]}
    assert whole["RUS"]["actor"] > 0
    none = shared_client.get("/geo", params={"actor": "Putin", "from": "1950-01-01", "to": "1950-12-31"}).json()
    assert none["countries"] == []


def test_series_and_geo_refuse_bad_requests_clearly(shared_client):
    assert shared_client.get("/series", params={"a": "Putin", "bucket": "decade"}).status_code == 422
    assert shared_client.get("/series", params={"a": "Putin", "from": "2001-05-01", "to": "2001-01-01"}).status_code == 422
    assert shared_client.get("/series", params={"a": "Putin", "from": "2001-02-30"}).status_code == 422
    assert shared_client.get("/series", params={"a": "Putin", "b": "Vladimir Putin"}).status_code == 422
    r = shared_client.get("/series", params={"a": "Putin", "bucket": "week", "from": "1800-01-01", "to": "2001-01-01"})
    assert r.status_code == 422 and "coarser" in r.json()["detail"]
    assert shared_client.get("/series", params={"a": "Nobody Atall"}).status_code == 404
    assert shared_client.get("/series").status_code == 422
    assert shared_client.get("/geo", params={"actor": "Nobody Atall"}).status_code == 404


def test_series_and_geo_are_in_the_openapi_schema(shared_client):
    spec = shared_client.get("/openapi.json").json()
    for path in ("/series", "/geo"):
        op = spec["paths"][path]["get"]
        assert op["summary"] and op["responses"]["200"]["content"]["application/json"]["schema"]
    params = {p["name"] for p in spec["paths"]["/series"]["get"]["parameters"]}
    assert {"a", "b", "bucket", "from", "to"} <= params


def test_export_draws_the_time_chart_and_the_map(shared_client):
    r = shared_client.get("/export", params={"format": "svg", "picture": "series", "actor": "Putin", "bucket": "year"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert "Vladimir Putin: events per year" in r.text and "mean Goldstein score" in r.text
    pair = shared_client.get("/export", params={"format": "svg", "picture": "series", "actor": "Reagan",
                                                "partner": "Gorbachev"})
    assert "Ronald Reagan and Mikhail Gorbachev" in pair.text
    m = shared_client.get("/export", params={"format": "png", "picture": "map"})
    assert m.status_code == 200 and m.content.startswith(b"\x89PNG")
    bad = shared_client.get("/export", params={"format": "svg", "picture": "series"})
    assert bad.status_code == 422 and "needs an actor" in bad.json()["detail"]
    assert shared_client.get("/export", params={"format": "svg", "picture": "pie"}).status_code == 422


def test_posting_a_saved_page_stores_its_main_text_and_metadata(client):
    from pathlib import Path

    from tests.api.conftest import TOKEN

    html = (Path(__file__).resolve().parents[1] / "data" / "pages" / "summit-page.html").read_text(encoding="utf-8")
    r = client.post("/articles", json={"id": "corridor", "text": html,
                                       "source": "https://mirror.example.net/corridor.html"},
                    headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (200, 201), r.text
    a = client.get("/articles/corridor").json()
    assert a["title"] == "Kenyan and Ethiopian leaders agree on border trade corridor"
    assert a["published"] == "2023-05-17" and a["author"] == "Miriam Okafor" and a["site"] == "Northbridge Daily"
    assert a["url"] == "https://news.example.org/world/2023/05/kenya-ethiopia-corridor"
    assert a["source"] == "https://mirror.example.net/corridor.html"
    assert "Most read" not in a["text"] and "Brazil" not in a["text"]
    for ev in a["events"]:
        assert a["text"][ev["start"]:ev["end"]] == ev["evidence"]
    fr = client.post("/articles", json={"text": "Le ministre est arrivé hier soir."},
                     headers={"authorization": f"Bearer {TOKEN}"})
    assert fr.status_code == 422 and "French" in fr.text
