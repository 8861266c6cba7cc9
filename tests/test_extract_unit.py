"""Stage behaviour on hand-built parses: no model needed."""

from datetime import date

from kg.pipeline import analyse
from kg.types import Article

MEETING = [
    ("Russian", "ADJ", "JJ", "amod", 3, "russian"),
    ("President", "PROPN", "NNP", "compound", 3, "President"),
    ("Vladimir", "PROPN", "NNP", "compound", 3, "Vladimir"),
    ("Putin", "PROPN", "NNP", "nsubj", 4, "Putin"),
    ("met", "VERB", "VBD", "ROOT", 4, "meet"),
    ("Chinese", "ADJ", "JJ", "amod", 8, "chinese"),
    ("President", "PROPN", "NNP", "compound", 8, "President"),
    ("Xi", "PROPN", "NNP", "compound", 8, "Xi"),
    ("Jinping", "PROPN", "NNP", "dobj", 4, "Jinping"),
    ("in", "ADP", "IN", "prep", 4, "in"),
    ("Moscow", "PROPN", "NNP", "pobj", 9, "Moscow"),
    ("on", "ADP", "IN", "prep", 4, "on"),
    ("Monday", "PROPN", "NNP", "pobj", 11, "Monday"),
    (".", "PUNCT", ".", "punct", 4, "."),
]
MEETING_ENTS = [(0, 1, "NORP"), (2, 4, "PERSON"), (5, 6, "NORP"), (7, 9, "PERSON"), (10, 11, "GPE"), (12, 13, "DATE")]


def _extract(doc, published="2023-03-21"):
    return analyse(Article(text=doc.text.strip(), id="t", published=published), doc)


def test_events_meeting_is_reciprocal_with_place_date_and_roles(doc_builder):
    x = _extract(doc_builder(MEETING, MEETING_ENTS))
    (ev,) = x.events
    putin = x.entity("person/vladimir-putin")
    assert putin is not None and putin.country == "RUS"
    xi = next(e for e in x.entities if e.type == "Person" and e.id != putin.id)
    assert xi.country == "CHN"
    assert ev.type == "CONSULT" and ev.cameo == "040" and ev.reciprocal
    assert ev.pattern == "lexicon meet"  # why the event exists
    assert set(ev.participants) == {putin.id, xi.id}
    assert ev.source == [putin.id] and ev.target == [xi.id]  # first-named side as source, no self-pairs
    assert ev.place == "place/moscow" and ev.date == date(2023, 3, 20) and ev.date_text == "Monday"
    assert ev.evidence.start == 0 and ev.evidence.text == x.text.strip()
    assert any(r.title == "President" and r.country == "RUS" for r in putin.roles)
    assert any(r.subject == putin.id and r.predicate == "head_of" and r.object == "country/RUS" for r in x.relations)


def test_events_passive_voice_swaps_source_and_target(doc_builder):
    rows = [
        ("Germany", "PROPN", "NNP", "nsubjpass", 2, "Germany"),
        ("was", "AUX", "VBD", "auxpass", 2, "be"),
        ("criticized", "VERB", "VBN", "ROOT", 2, "criticize"),
        ("by", "ADP", "IN", "agent", 2, "by"),
        ("France", "PROPN", "NNP", "pobj", 3, "France"),
        (".", "PUNCT", ".", "punct", 2, "."),
    ]
    x = _extract(doc_builder(rows, [(0, 1, "GPE"), (4, 5, "GPE")]))
    (ev,) = x.events
    assert (ev.type, ev.source, ev.target) == ("ACCUSE", ["country/FRA"], ["country/DEU"])


def test_resolve_capitals_as_actors_are_countries(doc_builder):
    rows = [
        ("Moscow", "PROPN", "NNP", "nsubj", 1, "Moscow"),
        ("accused", "VERB", "VBD", "ROOT", 1, "accuse"),
        ("Washington", "PROPN", "NNP", "dobj", 1, "Washington"),
        ("of", "ADP", "IN", "prep", 1, "of"),
        ("meddling", "VERB", "VBG", "pcomp", 3, "meddle"),
        (".", "PUNCT", ".", "punct", 1, "."),
    ]
    x = _extract(doc_builder(rows, [(0, 1, "GPE"), (2, 3, "GPE")]))
    (ev,) = x.events
    assert (ev.type, ev.source, ev.target) == ("ACCUSE", ["country/RUS"], ["country/USA"])
    assert "Moscow" in x.entity("country/RUS").aliases


def test_events_negation_flag(doc_builder):
    rows = [
        ("Japan", "PROPN", "NNP", "nsubj", 3, "Japan"),
        ("did", "AUX", "VBD", "aux", 3, "do"),
        ("not", "PART", "RB", "neg", 3, "not"),
        ("criticize", "VERB", "VB", "ROOT", 3, "criticize"),
        ("Korea", "PROPN", "NNP", "dobj", 3, "Korea"),
        (".", "PUNCT", ".", "punct", 3, "."),
    ]
    x = _extract(doc_builder(rows, [(0, 1, "GPE"), (4, 5, "GPE")]))
    (ev,) = x.events
    assert ev.type == "ACCUSE" and "negated" in ev.context


def test_events_without_target_or_source_are_not_coded(doc_builder):
    rows = [
        ("Officials", "NOUN", "NNS", "nsubjpass", 2, "official"),
        ("were", "AUX", "VBD", "auxpass", 2, "be"),
        ("criticized", "VERB", "VBN", "ROOT", 2, "criticize"),
        (".", "PUNCT", ".", "punct", 2, "."),
    ]
    assert _extract(doc_builder(rows, [])).events == []
