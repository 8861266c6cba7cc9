"""Events over time (kg.summaries.series) and by country (geo), counted against hand-made articles."""

from datetime import date

import pytest

from kg import summaries
from kg.lookups import NotFound
from kg.rdf.to_rdf import article_graph
from kg.stages.lexicon import goldstein, quad_class
from kg.store import open_store
from kg.types import ArticleInfo, Entity, Event, Evidence, Extraction

ENTITIES = [
    Entity(id="country/KEN", type="Country", name="Kenya", country="KEN", actor_code="KEN"),
    Entity(id="country/ETH", type="Country", name="Ethiopia", country="ETH", actor_code="ETH"),
    Entity(id="country/SOM", type="Country", name="Somalia", country="SOM", actor_code="SOM"),
    Entity(id="person/amara-odhiambo", type="Person", name="Amara Odhiambo", country="KEN", actor_code="KENGOV"),
    Entity(id="person/tesfaye-bekele", type="Person", name="Tesfaye Bekele", country="ETH", actor_code="ETHGOV"),
    Entity(id="place/mombasa", type="Place", name="Mombasa", country="KEN"),
]
KEN, ETH, SOM = "country/KEN", "country/ETH", "country/SOM"
ODH, BEK = "person/amara-odhiambo", "person/tesfaye-bekele"


def _event(n: int, cameo: str, plover: str, src: str, tgt: str, when: str | None, **kw) -> Event:
    text = f"Sentence {n} of an invented report."
    return Event(id=f"event/{n}", type=plover, cameo=cameo, trigger="met", pattern="test", source=[src],
                 target=[tgt], participants=[src, tgt], date=when, confidence=0.9,
                 evidence=Evidence(text=text, start=0, end=len(text)), **kw)


def _article(aid: str, published: str | None, events: list[Event]) -> Extraction:
    return Extraction(article=ArticleInfo(id=aid, title=aid, published=published), entities=ENTITIES,
                      events=events, stances=[], relations=[], text="An invented report.")


ARTICLES = [
    # January 2001: a visit (own date, at Mombasa), and a meeting told both ways (the second is its mirror)
    _article("a1", "2001-01-20", [
        _event(1, "042", "CONSULT", ODH, BEK, "2001-01-15", place="place/mombasa"),
        _event(2, "036", "AGREE", ODH, BEK, "2001-01-16", reciprocal=True),
        _event(3, "036", "AGREE", BEK, ODH, "2001-01-16", reciprocal=True, mirror_of="event/2"),
    ]),
    # March 2001: an accusation with no date of its own (placed at the article's date), and Kenya vs Somalia
    _article("a2", "2001-03-02", [
        _event(1, "112", "ACCUSE", BEK, ODH, None),
        _event(2, "190", "ASSAULT", KEN, SOM, "2001-02-27", place="country/SOM"),
    ]),
    # no date anywhere: counted apart
    _article("a3", None, [_event(1, "057", "AGREE", ODH, BEK, None)]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("summaries") / "store")
    for x in ARTICLES:
        s.put_article(x.article.id, article_graph(x, "test"))
    yield s
    s.close()


def test_series_of_a_pair_counts_each_occurrence_once_by_month_without_gaps(store):
    out = summaries.series(store, ODH, BEK, "month")
    assert [p["period"] for p in out["periods"]] == ["2001-01", "2001-02", "2001-03"]
    jan, feb, mar = out["periods"]
    assert jan["events"] == 2  # the mirrored agreement counts once
    assert jan["by_type"] == {"AGREE": 1, "CONSULT": 1}
    assert jan["by_quad"]["verbal_cooperation"] == 2 and sum(jan["by_quad"].values()) == 2
    assert jan["goldstein_mean"] == pytest.approx((goldstein("042") + goldstein("036")) / 2, abs=1e-3)
    assert jan["placed_by_report"] == 0
    assert feb["events"] == 0 and feb["goldstein_mean"] is None  # the Kenya-Somalia event is not the pair's
    assert mar["events"] == 1 and mar["placed_by_report"] == 1 and mar["by_quad"]["verbal_conflict"] == 1
    assert (out["events"], out["undated"]) == (3, 1)
    assert (jan["start"], jan["end"]) == (date(2001, 1, 1), date(2001, 1, 31))


def test_series_of_one_actor_takes_all_its_events_and_buckets_by_week_and_year(store):
    weeks = summaries.series(store, KEN, bucket="week")
    assert weeks["events"] == 1 and weeks["periods"][0]["period"] == "2001-W09"
    assert weeks["periods"][0]["by_quad"]["material_conflict"] == 1
    assert weeks["periods"][0]["start"].weekday() == 0
    years = summaries.series(store, ODH, bucket="year")
    assert [(p["period"], p["events"]) for p in years["periods"]] == [("2001", 3)]


def test_series_range_fills_empty_periods_and_leaves_out_events_outside_it(store):
    out = summaries.series(store, ODH, BEK, "month", date(2000, 12, 1), date(2001, 2, 10))
    assert [(p["period"], p["events"]) for p in out["periods"]] == [("2000-12", 0), ("2001-01", 2), ("2001-02", 0)]
    assert out["events"] == 2


def test_series_refuses_bad_requests(store):
    with pytest.raises(ValueError, match="bucket"):
        summaries.series(store, ODH, bucket="decade")
    with pytest.raises(ValueError, match="same actor"):
        summaries.series(store, ODH, "Amara Odhiambo")
    with pytest.raises(summaries.TooManyPeriods):
        summaries.series(store, ODH, bucket="week", date_from=date(1800, 1, 1), date_to=date(2001, 1, 1))
    with pytest.raises(NotFound):
        summaries.series(store, "person/nobody-at-all")


def test_geo_counts_events_located_in_a_country_and_with_it_as_an_actor(store):
    out = {c["country"]: c for c in summaries.geo(store)["countries"]}
    # located: the Mombasa meeting (a place in Kenya) and the assault at Somalia
    assert (out["KEN"]["located"], out["SOM"]["located"], out["ETH"]["located"]) == (1, 1, 0)
    # actors: Kenya and its person take part in every event but the mirror, which is not counted again
    assert out["KEN"]["actor"] == 5
    assert out["ETH"]["actor"] == 4
    assert out["SOM"]["actor"] == 1
    assert out["KEN"]["name"] == "Kenya"


def test_geo_for_one_actor_and_a_date_range(store):
    out = {c["country"]: c for c in summaries.geo(store, BEK, date(2001, 1, 1), date(2001, 1, 31))["countries"]}
    assert (out["KEN"]["located"], out["KEN"]["actor"], out["ETH"]["actor"]) == (1, 2, 2)
    assert "SOM" not in out


def test_quad_class_comes_from_the_codebook_and_walks_up_to_parent_codes():
    assert quad_class("042") == "verbal_cooperation"
    assert quad_class("0811") == "material_cooperation"
    assert quad_class("112") == "verbal_conflict"
    assert quad_class("190") == "material_conflict"
    assert quad_class("1214") == "verbal_conflict"  # a code only the PLOVER mapping has: its parent's class
    assert quad_class("99") is None


# ---------------------------------------------------------------- pictures for reports (matplotlib)

def test_time_chart_pictures_draw_every_quad_class_and_the_goldstein_line(store):
    from kg import export, pictures

    svg = export.picture(store, "svg", export.Filters(actor=ODH), "series", BEK).decode()
    for label in ("verbal cooperation", "material conflict", "mean Goldstein score", "Amara Odhiambo and Tesfaye Bekele",
                  "1 event without a date of its own"):
        assert label in svg, label
    png = export.picture(store, "png", export.Filters(actor=ODH), "series", bucket="year")
    assert png.startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="needs an actor"):
        export.picture(store, "svg", export.Filters(), "series")
    empty = pictures.series_chart(summaries.series(store, SOM, bucket="year", date_from=date(1990, 1, 1),
                                                   date_to=date(1990, 12, 31)), "svg").decode()
    assert "no events match" in empty


def test_map_picture_colours_the_countries_with_events(store):
    from kg import export

    svg = export.picture(store, "svg", export.Filters(), "map").decode()
    assert "Events by country" in svg and "most events: Kenya 6, Ethiopia 4, Somalia 2" in svg
    one = export.picture(store, "svg", export.Filters(actor=KEN), "map").decode()
    assert "Events of Kenya by country" in one


def test_country_shapes_decode_the_topology_and_unwrap_the_antimeridian():
    from kg.pictures import country_shapes, unwrap

    shapes = {nid: (name, rings) for nid, name, rings in country_shapes()}
    assert len(shapes) > 170
    name, rings = shapes["643"]
    assert name == "Russia"
    for r in rings:
        for part in unwrap(r):
            assert all(abs(a[0] - b[0]) < 180 for a, b in zip(part, part[1:], strict=False))
    kenya = shapes["404"][1][0]
    lon = sum(x for x, _ in kenya) / len(kenya)
    lat = sum(y for _, y in kenya) / len(kenya)
    assert 33 < lon < 42 and -5 < lat < 5  # Kenya is where it should be
