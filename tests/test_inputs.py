"""Bad and unusual input: clear errors, nothing lost."""

import gzip
import json

import pytest

from kg.config import Settings
from kg.textio import check_text, html_to_text, read_path
from kg.types import Article, InputError


def test_inputs_html_becomes_text():
    page = ("<html><head><script>var x=1;</script><style>p{}</style></head><body><nav>Home | World</nav>"
            "<p>Egypt &amp; Jordan signed a water deal on Monday.</p><p>Officials praised it.</p></body></html>")
    text = html_to_text(page)
    assert "Egypt & Jordan signed a water deal" in text and "var x" not in text and "Home" not in text
    assert check_text(page, 10_000) == text


def test_inputs_huge_text_is_refused_with_the_limit():
    with pytest.raises(InputError, match="limit"):
        check_text("word " * 1000, 100)


def test_inputs_folder_jsonl_gz_and_bad_items(tmp_path):
    (tmp_path / "a.txt").write_text("Chile and Peru signed a fishing agreement on Monday in Lima.")
    (tmp_path / "empty.txt").write_text("")
    recs = [{"id": "j1", "text": "Ghana praised Togo.", "published": "2010-01-01"},
            {"id": "j2", "text": "x", "published": "not a date"}]
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as f:
        f.write("\n".join(json.dumps(r) for r in recs))
    items = list(read_path(tmp_path))
    good = [a for a in items if isinstance(a, Article)]
    bad = [e for e in items if isinstance(e, InputError)]
    assert {a.id for a in good} == {"a", "j1", "empty"}
    assert len(bad) == 1 and "published" in str(bad[0])
    with pytest.raises(InputError, match="empty"):
        check_text(next(a for a in good if a.id == "empty").text, Settings().max_chars)


@pytest.mark.model
def test_inputs_batch_keeps_going_past_bad_articles(memory_store):
    from kg.ingest import ingest_many

    arts = [Article(text="Ghana praised Togo on Monday.", id="ok1", published="2010-01-05"),
            Article(text="   ", id="blank"),
            Article(text="Die Regierung und der Kanzler sind nicht mit dem Plan der Union einverstanden, und das ist "
                         "eine Frage von der Zeit.", id="de"),
            Article(text="Norway thanked Sweden for its help.", id="ok2")]
    results = {r.id: r for r in ingest_many(memory_store, arts)}
    assert results["ok1"].status == "added" and results["ok2"].status == "added"
    assert results["blank"].status == "error" and "empty" in results["blank"].error
    assert results["de"].status == "error" and "English" in results["de"].error
    assert memory_store.has_article("ok1") and not memory_store.has_article("blank")


def test_inputs_read_only_queries_while_a_writer_holds_the_store(tmp_path):
    from kg.rdf.to_rdf import article_graph
    from kg.store import StoreBusy, open_store
    from tests.test_rdf import sample

    with open_store(tmp_path / "s") as writer:
        writer.put_article("a1", article_graph(sample()))
        with pytest.raises(StoreBusy):
            open_store(tmp_path / "s")
        with open_store(tmp_path / "s", read_only=True) as reader:
            assert reader.has_article("a1")


def test_inputs_short_non_english_text_is_refused_and_short_english_news_is_not():
    for text in ("La France a condamné l'attaque contre l'ambassade. Le ministre a demandé des explications.",
                 "Deutschland und Frankreich haben am Montag einen Vertrag unterzeichnet."):
        with pytest.raises(InputError, match="not English"):
            check_text(text, 10_000, "t")
    for text in ("Norway thanked Sweden.", "Putin met Xi in Beijing.",
                 "Tanzania called for an immediate ceasefire in Burundi.",
                 "The Nigerian government rejected calls for talks with Boko Haram."):
        assert check_text(text, 10_000, "t") == text
