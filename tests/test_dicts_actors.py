"""PETRARCH2 actor/agent/discard readers, the phrase index and the shipped Phoenix dictionaries."""

from __future__ import annotations

import json
import time
from datetime import date, datetime

import pytest

from kg.dicts.actors import (
    Actor,
    ActorDictionary,
    Agent,
    PhraseIndex,
    load_actor_dictionary,
    parse_actors,
    parse_agents,
    parse_discards,
)

ACTORS = """# a small actor file written for these tests
GRAND_FORUM_OF_NATIONS_ [IGOGFN]
+GFN_
+THE_GRAND_FORUM   # comment after a synonym

ZED_QUORLAND_  ; CountryInfo-style comment
+Z._QUORLAND
\t[IGOGFN 990101-20051231]
\t[ELI]
MARA_VENTOSA_\t[XYZGOV >20100301] [XYZLEG <450101]
OTHO_BRANDT_\t[IGOGFN 000101-021231] [---]
"""


def words(text: str) -> list[str]:
    return text.split()


def by_alias(actors: list[Actor]) -> dict[str, Actor]:
    return {alias: a for a in actors for alias in a.aliases}


def test_actor_synonyms_names_and_default_code() -> None:
    actors = parse_actors(ACTORS, "t.actors")
    assert [a.aliases for a in actors][:2] == [("grand forum of nations", "gfn", "the grand forum"),
                                               ("zed quorland", "z. quorland")]
    forum = actors[0]
    assert forum.name == "Grand Forum of Nations"
    assert forum.codes == (("IGOGFN", None, None),)
    assert forum.code_on(date(1950, 1, 1)) == forum.code_on(None) == "IGOGFN"
    assert forum.source == "t.actors:2"
    assert actors.problems == []


def test_date_bounded_codes_before_inside_after() -> None:
    zed = by_alias(parse_actors(ACTORS))["z. quorland"]
    assert zed.codes == (("IGOGFN", "1999-01-01", "2005-12-31"), ("ELI", None, None))
    assert zed.code_on(date(1998, 12, 31)) == "ELI"
    assert zed.code_on(date(1999, 1, 1)) == "IGOGFN"  # limits are "or equal to"
    assert zed.code_on(date(2003, 6, 1)) == "IGOGFN"
    assert zed.code_on(datetime(2005, 12, 31, 23, 0)) == "IGOGFN"
    assert zed.code_on(date(2006, 1, 1)) == "ELI"
    assert zed.code_on(None) == "ELI"


def test_open_ended_restrictions_two_digit_years_and_null_code() -> None:
    actors = by_alias(parse_actors(ACTORS))
    mara = actors["mara ventosa"]
    assert mara.codes == (("XYZGOV", "2010-03-01", None), ("XYZLEG", None, "1945-01-01"))  # 45 -> 1945
    assert mara.code_on(date(2010, 3, 1)) == "XYZGOV"
    assert mara.code_on(date(1944, 5, 5)) == "XYZLEG"
    assert mara.code_on(date(1990, 1, 1)) is None  # no restriction applies and no default
    otho = actors["otho brandt"]
    assert otho.codes[0] == ("IGOGFN", "2000-01-01", "2002-12-31")  # 00 -> 2000
    assert otho.code_on(date(2001, 1, 1)) == "IGOGFN"
    assert otho.code_on(date(2003, 1, 1)) is None  # [---]: explicitly no code


def test_unreadable_actor_lines_are_skipped_and_recorded() -> None:
    text = ("ALPHA_GROUP_ [ABCREB 2004017-20061201] [ABC]\n+BETA]_\n"
            "GAMMA_ [ABCGOV 20120101-20100101]\nDELTA_ [ABC]\n")
    actors = parse_actors(text, "x.txt")
    assert [a.aliases[0] for a in actors] == ["alpha group", "gamma", "delta"]
    assert actors[0].codes == (("ABC", None, None),)
    assert [p.split(": ")[0] for p in actors.problems] == ["x.txt:1", "x.txt:2", "x.txt:3"]


def test_malformed_user_actor_line_raises_with_file_and_line() -> None:
    with pytest.raises(ValueError, match=r"mine\.txt:3"):
        parse_actors("GOOD_ONE_ [ABC]\n\nBAD_ONE_ [ABC 990101-99]\n", "mine.txt", strict=True)


AGENTS = """!PERSON! = MAN, WOMEN
TROOP_COMMANDER [~MIL]
DEPUTY [~GOV]
ENVOY [~GOV]
WITNESS [~CVL]
SPOKES!PERSON! [~GOV]
CONSTABULARY {} [~COP]
FISHMONGER {FISHMONGERS FISHMONGERFOLK} [~BUS]
RELIEF_CHARITY [NGO~]  # organisations take the code before the actor's
"""


def test_agent_plurals_markers_and_code_position() -> None:
    agents = parse_agents(AGENTS, "t.agents")
    got = {a.phrase: a for a in agents}
    assert {"troop commander", "troop commanders", "deputies", "envoys", "witnesses"} <= got.keys()
    assert "deputys" not in got and "envoies" not in got
    assert got["spokesman"].code == got["spokeswomen"].code == "GOV"
    assert not {"spokesmans", "spokesperson", "!person!"} & got.keys()  # no plurals of substitutions
    assert "constabulary" in got and "constabularies" not in got  # {} nulls the plural
    assert {"fishmongers", "fishmongerfolk"} <= got.keys() and "fishmongerss" not in got
    assert got["troop commander"] == Agent("troop commander", "MIL", False, "t.agents:2")
    assert got["relief charities"].code == "NGO" and got["relief charities"].prefix is True
    assert agents.problems == []


def test_agent_problems() -> None:
    agents = parse_agents("NO_CODE_HERE\nBAD [~GOV}\nX!UNDEFINED! [~GOV]\nFINE [~GOV]\n", "a.txt")
    assert [a.phrase for a in agents] == ["fine", "fines"]
    assert [p.split(": ")[0] for p in agents.problems] == ["a.txt:1", "a.txt:2", "a.txt:3"]
    with pytest.raises(ValueError, match=r"a\.txt:2"):
        parse_agents("FINE [~GOV]\nBAD [GOV]\n", "a.txt", strict=True)


def test_discards() -> None:
    text = "# sports\n+CHAMPIONS LEAGUE   # story-level\nQUIDDITCH_CUP_\nmixed Case Open\n"
    assert parse_discards(text) == ["champions league", "quidditch cup", "mixed case open"]


def test_phrase_index_longest_match_and_scan() -> None:
    idx = PhraseIndex([("united nations", "UN"), ("united nations security council", "UNSC"),
                       ("security council", "SC"), ("nato", "NATO")])
    sentence = words("The United Nations Security Council met NATO")
    assert idx.find(sentence, 1) == (5, "UNSC")
    assert idx.find(["United", "Nations", "said"], 0) == (2, "UN")
    assert idx.find(sentence, 0) is None
    assert idx.scan(sentence) == [(1, 5, "UNSC"), (6, 7, "NATO")]  # "security council" inside is not reported
    assert idx.scan(words("united nations security council security council")) == [(0, 4, "UNSC"),
                                                                                   (4, 6, "SC")]


def test_phrase_index_possessives_and_punctuation() -> None:
    idx = PhraseIndex([("nato", 1), ("relief army (ra)", 2), ("people's front", 3)])
    assert idx.find(["NATO's", "chief"], 0) == (1, 1)
    assert idx.find(["NATO\u2019s"], 0) == (1, 1)
    assert idx.scan(["NATO", "'s", "chief"]) == [(0, 1, 1)]
    assert idx.find(["Relief", "Army", "(", "RA", ")"], 0) == (5, 2)  # tokenized as a tokenizer would
    assert idx.find(["relief", "army", "(ra)"], 0) == (3, 2)  # and as written
    assert idx.find(["People", "'s", "Front"], 0) == (3, 3)
    assert idx.get("PEOPLE'S  FRONT") == 3 and len(idx) == 3


def test_merge_user_entries_over_shipped() -> None:
    base = ActorDictionary(parse_actors(ACTORS), parse_agents(AGENTS), ["world cup"])
    user = ActorDictionary(parse_actors("GFN_ [IGOXXX]\n"), parse_agents("DEPUTY {} [~LEG]\n"), ["cup final"])
    merged = base.merged(user)
    assert merged.actor_index.get("gfn").codes == (("IGOXXX", None, None),)
    forum = merged.actor_index.get("grand forum of nations")
    assert forum.code_on(None) == "IGOGFN" and "gfn" not in forum.aliases
    assert merged.agent_index.get("deputy").code == "LEG"
    assert merged.agent_index.get("deputies").code == "GOV"  # the user's line nulled its own plural only
    assert merged.discards == ["world cup", "cup final"]
    assert base.actor_index.get("gfn").code_on(None) == "IGOGFN"  # merging leaves the originals alone


def test_json_round_trip() -> None:
    d = ActorDictionary(parse_actors(ACTORS, "t"), parse_agents(AGENTS, "g"), parse_discards("A_B\n"))
    back = ActorDictionary.from_json(json.dumps(d.to_json()))
    assert back.actors == d.actors and back.agents == d.agents and back.discards == d.discards
    assert back.actor_index.get("z. quorland").code_on(date(2000, 1, 1)) == "IGOGFN"


def test_shipped_dictionary() -> None:
    d = load_actor_dictionary()
    end, un = d.actor_index.find(words("The United Nations said"), 1)
    assert end == 3 and un.code_on(date(2015, 1, 1)).startswith("IGO")
    assert d.actor_index.find(["NATO"], 0)[1].code_on(None).startswith("IGO")
    assert d.agent_index.find(["police"], 0)[1].code == "COP"
    assert d.agent_index.get("protesters") is not None and len(d.discards) > 100
    assert load_actor_dictionary() is d


def test_user_files_merged_over_shipped(tmp_path) -> None:
    actors, agents = tmp_path / "mine.actors.txt", tmp_path / "mine.agents.txt"
    actors.write_text("NATO_ [IGOTEST]\nQUORLAND_LIBERATION_FRONT_ [QRLREB]\n", encoding="utf-8")
    agents.write_text("POLICE {} [~TST]\n", encoding="utf-8")
    d = load_actor_dictionary([actors], [agents])
    assert d.actor_index.get("nato").code_on(None) == "IGOTEST"
    assert d.actor_index.get("north atlantic treaty organization").code_on(None).startswith("IGO")
    assert d.actor_index.get("quorland liberation front").code_on(None) == "QRLREB"
    assert d.agent_index.get("police").code == "TST"
    assert load_actor_dictionary().actor_index.get("nato").code_on(None) != "IGOTEST"
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("FINE_ [ABC]\n+SYN_\n\t[ABC 2001-2002]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{bad.name}:3"):
        load_actor_dictionary([bad])


def test_scan_speed() -> None:
    idx = load_actor_dictionary().actor_index
    article = words("Officials of the United Nations and NATO 's envoy met rebels near the World Bank , "
                    "while police watched and the Red Cross said it would help . ") * 40
    article = article[:1000]
    idx.scan(article)
    t = time.perf_counter()
    for _ in range(20):
        hits = idx.scan(article)
    assert (time.perf_counter() - t) / 20 < 0.005
    assert len(hits) > 100


def test_country_entries_give_their_places_and_user_files_add_more(tmp_path) -> None:
    from kg.dicts.actors import country_places, load_actor_dictionary

    text = "NORTHLAND_ [NOR]\n+NORSK_\n+OSLOFJORD_CITY\n+ABC\nWORLD_LEAGUE_ [IGOWLG]\n+LEAGUE_CITY\n"
    places = country_places(parse_actors(text, "mine.txt"))
    assert places == {"norsk": "NOR", "oslofjord city": "NOR"}  # aliases under 4 letters and non-country entries out
    shipped = load_actor_dictionary()
    assert shipped.places["aleppo"] == "SYR" and shipped.places["helmand"] == "AFG"
    user = tmp_path / "places.txt"
    user.write_text("KENYA_ [KEN]\n+LAKE_TURKWEL_TOWN\n", encoding="utf-8")
    merged = load_actor_dictionary([user])
    assert merged.places["lake turkwel town"] == "KEN" and merged.places["aleppo"] == "SYR"
    assert not any(a.name == "Kenya" for a in merged.actors)  # a country entry is a place list, not an actor
