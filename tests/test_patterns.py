"""The verb dictionary applied over hand-built parses: lemma, particle, object and prepositions decide the code."""

import pytest

from kg.dicts.verbs import parse_verbs
from kg.stages.parse import parse_doc
from kg.stages.patterns import dictionary_frame

# A small dictionary of our own, in PETRARCH2's verb format.
DICT = """
&GIFT
+PRESENT
+DONATION

--- SCOLD   [111] ---
SCOLD
- * {ARMS SALE}            [1121]   # a specific object beats the verb's own code
- * &GIFT                  [---]    # scolding a present is no event
- * (FOR &GIFT)            [1122]

--- DROP   [---] ---
+CALL_OFF [0832]
CALL [041]
"""


@pytest.fixture(scope="module")
def vd():
    return parse_verbs(DICT, "mine.txt")


def rows_scold(obj_words):
    """'Ministers scolded <obj>.' with the object's head last."""
    rows = [("Ministers", "NOUN", "NNS", "nsubj", 1, "minister"), ("scolded", "VERB", "VBD", "ROOT", 1, "scold")]
    head = 2 + len(obj_words) - 1
    for k, (w, lemma) in enumerate(obj_words):
        i = 2 + k
        rows.append((w, "NOUN", "NN", "dobj" if i == head else "compound", 1 if i == head else head, lemma))
    rows.append((".", "PUNCT", ".", "punct", 1, "."))
    return rows


def frame_for(doc_builder, rows, vd, verb_index=1):
    p = parse_doc(doc_builder(rows))
    return dictionary_frame(p, p.tokens[verb_index], vd)


def test_the_most_specific_pattern_wins_and_names_its_line(doc_builder, vd):
    f = frame_for(doc_builder, rows_scold([("arms", "arm"), ("sale", "sale")]), vd)
    assert f.cameo == "1121" and f.origin.startswith("verb dictionary mine.txt:") and "SCOLD" in f.origin


def test_without_a_matching_pattern_the_verb_code_applies(doc_builder, vd):
    f = frame_for(doc_builder, rows_scold([("plan", "plan")]), vd)
    assert f.cameo == "111" and "dobj" in f.targets
    p = parse_doc(doc_builder(rows_scold([("plan", "plan")])))
    assert dictionary_frame(p, p.tokens[1], vd, need_pattern=True) is None


def test_a_null_pattern_means_no_event_and_synsets_match_plurals(doc_builder, vd):
    assert frame_for(doc_builder, rows_scold([("donations", "donation")]), vd) is None


def test_a_prepositional_pattern_needs_its_noun(doc_builder, vd):
    rows = [("Ministers", "NOUN", "NNS", "nsubj", 1, "minister"), ("scolded", "VERB", "VBD", "ROOT", 1, "scold"),
            ("Peru", "PROPN", "NNP", "dobj", 1, "Peru"), ("for", "ADP", "IN", "prep", 1, "for"),
            ("the", "DET", "DT", "det", 5, "the"), ("present", "NOUN", "NN", "pobj", 3, "present"),
            (".", "PUNCT", ".", "punct", 1, ".")]
    assert frame_for(doc_builder, rows, vd).cameo == "1122"


def test_a_particle_picks_the_multiword_verb(doc_builder, vd):
    rows = [("Unions", "NOUN", "NNS", "nsubj", 1, "union"), ("called", "VERB", "VBD", "ROOT", 1, "call"),
            ("off", "ADP", "RP", "prt", 1, "off"), ("strikes", "NOUN", "NNS", "dobj", 1, "strike"),
            (".", "PUNCT", ".", "punct", 1, ".")]
    f = frame_for(doc_builder, rows, vd)
    assert f.cameo == "0832" and f.targets[0] == "dobj"
    plain = [("Unions", "NOUN", "NNS", "nsubj", 1, "union"), ("called", "VERB", "VBD", "ROOT", 1, "call"),
             ("Lima", "PROPN", "NNP", "dobj", 1, "Lima"), (".", "PUNCT", ".", "punct", 1, ".")]
    f = frame_for(doc_builder, plain, vd)
    assert f.cameo == "041" and f.reciprocal
    p = parse_doc(doc_builder(plain))
    assert dictionary_frame(p, p.tokens[1], vd, multiword_only=True) is None


def test_unknown_verbs_give_nothing(doc_builder, vd):
    rows = [("Ministers", "NOUN", "NNS", "nsubj", 1, "minister"), ("sang", "VERB", "VBD", "ROOT", 1, "sing"),
            (".", "PUNCT", ".", "punct", 1, ".")]
    assert frame_for(doc_builder, rows, vd) is None


def test_the_shipped_dictionary_codes_verbs_this_lexicon_lacks(doc_builder):
    rows = [("Rebels", "NOUN", "NNS", "nsubj", 1, "rebel"), ("overran", "VERB", "VBD", "ROOT", 1, "overrun"),
            ("Gao", "PROPN", "NNP", "dobj", 1, "Gao"), (".", "PUNCT", ".", "punct", 1, ".")]
    p = parse_doc(doc_builder(rows))
    f = dictionary_frame(p, p.tokens[1])
    assert f is not None and f.cameo.startswith("19") and "CAMEO.2.0.txt:" in f.origin
