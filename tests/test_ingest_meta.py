"""Re-ingesting: the same text with corrected metadata is re-extracted; metadata left out is not a change."""

import pytest

from kg.ingest import _same, ingest_many
from kg.types import Article

TEXT = "Ghana hosted the President of Togo in Accra on Friday for talks on border trade."


def test_same_compares_the_metadata_the_new_article_gives():
    stored = ("h", "Title", "2024-01-05", None)
    assert _same(stored, ("h", None, None, None))
    assert _same(stored, ("h", "Title", "2024-01-05", None))
    assert not _same(stored, ("h", "Better title", None, None))
    assert not _same(stored, ("h", None, "2024-01-06", None))
    assert not _same(stored, ("other", None, None, None))
    assert not _same(None, ("h", None, None, None))


def test_ids_with_control_characters_are_refused():
    for bad in ("a\nb", "a\x00b", "\t"):
        with pytest.raises(ValueError, match="control character"):
            Article(text=TEXT, id=bad)
    with pytest.raises(ValueError, match="blank"):
        Article(text=TEXT, id="   ")


@pytest.mark.model
def test_a_corrected_date_re_extracts_and_resolves_weekdays_again(memory_store):
    first = Article(id="accra", text=TEXT, title="Talks in Accra", published="2024-01-10")
    assert [r.status for r in ingest_many(memory_store, [first])] == ["added"]
    assert [r.status for r in ingest_many(memory_store, [Article(id="accra", text=TEXT)])] == ["unchanged"]
    fixed = Article(id="accra", text=TEXT, title="Talks in Accra", published="2024-02-14")
    assert [r.status for r in ingest_many(memory_store, [fixed])] == ["replaced"]
    assert memory_store.article_fingerprint("accra") == fixed.fingerprint
