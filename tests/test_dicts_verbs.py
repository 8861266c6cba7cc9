"""kg.dicts.verbs: the PETRARCH2 verb dictionary reader, merging, JSON and the shipped CAMEO data."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kg.dicts.verbs import Pattern, Verb, VerbDictionary, load_verbs, parse_verbs

SAMPLE = """\
# a small synthetic dictionary
&PACT
+TREATY
+ACCORD
+ROAD_MAP
+ENVOY
+PRESS
+LETTERS
+GOLD_

&GLUE_
+HOWEVER
+ALTHOUGH

--- PLEAD [020] ---
+PLEAD_FOR {+PLEADED_FOR +PLEADS_FOR} [0231]
PLEAD
BEG {BEGGED BEGGING BEGS}   # comment
IMPLORE ;old-style comment
RE_+ASSURE [031]
- * LOAN                                   [0231]  # bare noun
- * {URGENT MONETARY HELP}                 [0233]
- * (FOR)                                  [0234]
- * (FOR {MORE TIME}) (AT TALKS)           [042:043]
- * &PACT                                  [057]
- * {NEW &PACT}                            [057]
- MINISTER * CALM                          [---]
- $ ENVOY * (WITH +)                       [046]
~ a (a b PLEAD) SAY = a b 020

--- SNUB ---
SNUB
- * INVITATION                             [:125]
"""


@pytest.fixture(scope="module")
def sample() -> VerbDictionary:
    return parse_verbs(SAMPLE, "sample.txt")


def test_synset_plurals_and_underscore_rule(sample):
    pact = sample.synsets["&pact"]
    assert {"treaty", "treaties", "accord", "accords", "road map", "road maps", "envoy", "envoys",
            "press", "presses", "letters", "gold"} == pact  # no "golds", no "letterss"/"letteres"
    assert sample.synsets["&glue"] == {"however", "although"}  # label ends with "_": no plurals, "_" dropped


def test_irregular_forms(sample):
    assert sample.forms["begged"] == "beg" and sample.forms["begging"] == "beg"
    assert "beg" not in sample.forms
    assert [v.lemma for v in sample.verb_entries("Begged")] == ["beg"]
    assert sample.verb_entries("implore")[0].code == "020"  # ';' comment dropped, block code inherited


def test_multi_word_verbs(sample):
    plead = sample.verbs["plead"]
    assert [(v.after, v.code) for v in plead] == [(("for",), "0231"), ((), "020")]
    assert plead[0] == Verb("plead", "PLEAD", "0231", ("for",), (), "sample.txt:16")
    assert sample.forms["pleaded"] == "plead"
    assure = sample.verbs["assure"][0]
    assert (assure.before, assure.after, assure.code) == (("re",), (), "031")
    wire = parse_verbs("--- TAP ---\nWIRE_+TAP {WIRE_+TAPPED WIRE_+TAPS}\n").verbs["tap"][0]
    assert (wire.before, wire.after, wire.code) == (("wire",), (), "---")


def test_pattern_parsing(sample):
    pats = sample.patterns["PLEAD"]
    assert [p.code for p in pats] == ["0231", "0233", "0234", "042:043", "057", "057", "---", "046"]
    assert pats[0] == Pattern("0231", "PLEAD", (), ("loan",), (), "sample.txt:21")
    assert pats[1].obj == ("help", "urgent", "monetary")  # {A B C}: head last in text, first here
    assert pats[2].preps == (("for", ()),) and pats[2].obj == ()
    assert pats[3].preps == (("for", ("time", "more")), ("at", ("talks",)))
    assert pats[4].obj == ("&pact",) and pats[5].obj == ("&pact", "new")
    assert pats[6].pre == ("minister",) and pats[6].obj == ("calm",)
    assert pats[7].pre == ("envoy",) and pats[7].preps == (("with", ()),)
    assert pats[7].markers == (("$", "pre"), ("+", "with"))
    assert sample.patterns["SNUB"][0].code == ":125" and sample.verbs["snub"][0].code == "---"
    assert sample.transformations == 1 and sample.skipped == []


def test_several_nouns_and_underscores_make_one_phrase():
    d = parse_verbs("--- SET ---\nSET\n- * OUT {PEACE PLAN} [014]\n- * DEBT_RELIEF (BY/WITH ^) [0331]\n")
    a, b = d.patterns["SET"]
    assert a.obj == ("plan", "out", "peace")
    assert b.obj == ("relief", "debt") and b.preps == (("by/with", ()),) and b.markers == (("^", "by/with"),)
    assert d.matches_word(b.preps[0][0], "WITH") and not d.matches_word(b.preps[0][0], "for")


@pytest.mark.parametrize("text, line", [
    ("--- A ---\nA\n- * (FOR AID [010]\n", 3),
    ("--- A ---\nA\n\n- * AID\n", 4),
    ("--- A ---\nA\n- AID [010]\n", 3),
    ("- * AID [010]\n", 1),
    ("--- A ---\nA\nB {BB\n", 3),
    ("--- A ---\n+X_+Y\n", 2),
    ("--- A ---\nA\n- * () [010]\n", 3),
])
def test_malformed_line_names_file_and_line(text, line):
    with pytest.raises(ValueError, match=rf"^mine\.txt:{line}: "):
        parse_verbs(text, "mine.txt")
    lenient = parse_verbs(text, "mine.txt", strict=False)
    assert lenient.skipped and lenient.skipped[0].startswith(f"mine.txt:{line}: ")


def test_odd_lines_are_skipped_and_counted():
    d = parse_verbs("STRAY\n&S\n+OK\nNOT A MEMBER\n--- B ---\nTWO WORDS\n<!--x-->\nB\n", "odd.txt")
    assert d.skipped == ["odd.txt:1: STRAY", "odd.txt:4: NOT A MEMBER", "odd.txt:6: TWO WORDS", "odd.txt:7: <!--x-->"]
    assert d.synsets["&s"] == {"ok", "oks"} and list(d.verbs) == ["b"]


def test_matches_word(sample):
    assert sample.matches_word("&pact", "Treaties") and sample.matches_word("&PACT", "road  map")
    assert sample.matches_word("loan", "loans") and sample.matches_word("talks", "talk")
    assert not sample.matches_word("loan", "lean") and not sample.matches_word("&pact", "truce")
    assert not sample.matches_word("&nosuchset", "treaty")


def test_merge_user_patterns_first_and_verbs_replaced(sample):
    user = parse_verbs("&PACT\n+COVENANT\n--- PLEAD [020] ---\n- * GRANT [0231]\n"
                       "--- SCOLD [111] ---\nBEG\n- * ENVOY [111]\n", "user.txt")
    m = sample.merged(user)
    assert [p.obj for p in m.patterns["PLEAD"][:2]] == [("grant",), ("loan",)]
    assert len(m.patterns["PLEAD"]) == len(sample.patterns["PLEAD"]) + 1
    assert [(v.block, v.code) for v in m.verbs["beg"]] == [("SCOLD", "111")]
    assert m.verbs["plead"] == sample.verbs["plead"]
    assert {"covenant", "covenants", "treaty"} <= m.synsets["&pact"]
    assert [v.block for v in sample.verbs["beg"]] == ["PLEAD"]  # the original is not changed
    assert len(sample.patterns["PLEAD"]) == 8


def test_json_round_trip(sample):
    data = json.loads(json.dumps(sample.to_json()))
    assert VerbDictionary.from_json(data) == sample
    odd = parse_verbs("--- X ---\nX_+Y\n- % * [010]\n")
    assert VerbDictionary.from_json(json.loads(json.dumps(odd.to_json()))) == odd


def test_shipped_dictionary():
    t = time.perf_counter()
    d = load_verbs()
    assert time.perf_counter() - t < 5
    assert sum(len(p) for p in d.patterns.values()) > 4000
    assert any(v.code.startswith("11") for v in d.verb_entries("accuse"))
    assert any(v.code.startswith("11") or d.blocks[v.block].startswith("11") for v in d.verb_entries("condemn"))
    assert "truce" in d.synsets["&ceasefire"]
    ask = d.verb_entries("ask")
    assert ("for",) in {v.after for v in ask} and () in {v.after for v in ask}
    assert any(p.preps == (("for", ("aid", "financial")),) for p in d.patterns["ASK"])
    assert VerbDictionary.from_json(json.loads(json.dumps(d.to_json()))) == d
    assert load_verbs() is d


def test_load_verbs_with_a_user_file(tmp_path: Path):
    extra = tmp_path / "mine.verbs.txt"
    extra.write_text("--- BLAME [112] ---\nCONDEMN [1999]\n- * &CEASEFIRE (WITH +) [1999]\n")
    d = load_verbs([extra])
    assert [v.code for v in d.verb_entries("condemn")] == ["1999"]
    first = d.patterns["BLAME"][0]
    assert (first.code, first.source) == ("1999", f"{extra}:3")
    assert d.patterns["BLAME"][1:] == load_verbs().patterns["BLAME"]
    assert load_verbs([extra]) is d


def test_regular_inflections_find_their_verb_when_the_lemma_is_wrong() -> None:
    from kg.dicts.verbs import parse_verbs

    vd = parse_verbs("--- ARRANGE [---] ---\nSTAGE\nMASS\nSHELL\nCARRY\n- * SIT-IN [141]\n")
    assert [v.block for v in vd.inflected_entries("staged")] == ["ARRANGE"]
    assert vd.inflected_entries("massing") and vd.inflected_entries("shells") and vd.inflected_entries("carried")
    assert vd.inflected_entries("staging") and not vd.inflected_entries("stagger")
