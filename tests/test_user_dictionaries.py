"""Users extend the coding with their own dictionary files, in the field's formats, read over the shipped ones."""

import pytest

MY_VERBS = """# my-verbs.txt: our own additions
--- SERENADE   [051] ---
SERENADE
- * (WITH {LOVE SONG})      [057]
"""
MY_ACTORS = """ATLANTIS_FISHERIES_BOARD_ [NGOAGR]
+ATLANTIS_FISH_BOARD
"""


@pytest.fixture()
def user_files(tmp_path, monkeypatch):
    verbs = tmp_path / "my-verbs.txt"
    verbs.write_text(MY_VERBS, encoding="utf-8")
    actors = tmp_path / "my-actors.txt"
    actors.write_text(MY_ACTORS, encoding="utf-8")
    monkeypatch.setenv("KG_VERB_DICTIONARIES", f'["{verbs}"]')
    monkeypatch.setenv("KG_ACTOR_DICTIONARIES", f'["{actors}"]')
    _clear()
    yield verbs, actors
    monkeypatch.delenv("KG_VERB_DICTIONARIES")
    monkeypatch.delenv("KG_ACTOR_DICTIONARIES")
    _clear()


def _clear():
    from kg.config import get_settings
    from kg.kb.orgs import actor_dictionary, dictionary_org
    from kg.stages.patterns import verb_dictionary

    for f in (get_settings, actor_dictionary, dictionary_org, verb_dictionary):
        f.cache_clear()


def test_user_verb_and_actor_files_are_read_over_the_shipped_ones(user_files):
    from kg.kb.orgs import lookup_org
    from kg.stages.patterns import verb_dictionary

    vd = verb_dictionary()
    (entry,) = vd.verb_entries("serenade")
    assert entry.code == "051" and entry.source.endswith("my-verbs.txt:3")
    assert vd.verb_entries("condemn")  # the shipped dictionary is still there
    org = lookup_org("Atlantis Fish Board")
    assert org is not None and org.actor_code == "NGOAGR" and org.name.lower() == "atlantis fisheries board"


def test_a_malformed_user_file_is_a_clear_error(tmp_path, monkeypatch):
    bad = tmp_path / "bad.txt"
    bad.write_text("--- OOPS [051] ---\nOOPS\n- * (FOR [051]\n", encoding="utf-8")
    monkeypatch.setenv("KG_VERB_DICTIONARIES", f'["{bad}"]')
    _clear()
    from kg.stages.patterns import verb_dictionary

    try:
        with pytest.raises(ValueError, match="bad.txt:3"):
            verb_dictionary()
    finally:
        monkeypatch.delenv("KG_VERB_DICTIONARIES")
        _clear()


@pytest.mark.model
def test_a_user_pattern_codes_events_and_says_so(user_files, run):
    x = run("Chile serenaded Peru with a love song on Monday.", published="2024-03-08")
    ev = next(e for e in x.events if e.trigger == "serenaded")
    assert ev.cameo == "057" and ev.source == ["country/CHL"] and ev.target == ["country/PER"]
    assert "my-verbs.txt:4" in ev.pattern
