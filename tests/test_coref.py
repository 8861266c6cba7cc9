"""Coreference (titles, group nouns, pronouns) measured on hand-labelled mentions of the example articles."""

from pathlib import Path

import pytest

from kg.coref_eval import measure
from kg.textio import read_path

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[1]


def test_coref_accuracy_on_labelled_example_mentions():
    arts = {a.id: a for a in read_path(ROOT / "examples" / "articles")}
    res = measure(ROOT / "tests" / "data" / "coref_gold.jsonl", arts)
    wrong = [f"{r['article']}@{r['start']} {r['text']!r}: got {r['got']} want {r['expect']}" for r in res["rows"]
             if not r["ok"]]
    print(f"coreference accuracy {res['accuracy']:.3f} on {res['mentions']} mentions; wrong:\n" + "\n".join(wrong))
    assert res["mentions"] >= 60
    assert res["accuracy"] >= 0.70, wrong
