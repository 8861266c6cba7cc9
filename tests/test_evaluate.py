import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import predicted_dyads, score


def out(events, entities):
    return {"entities": entities, "events": events}


ENTS = [{"id": "country/USA", "country": "USA", "actor_code": "USA"},
        {"id": "org/un", "country": None, "actor_code": "IGOUNO"},
        {"id": "person/x", "country": "RUS", "actor_code": None}]


def test_evaluate_dyads_use_actor_code_then_country():
    x = out([{"type": "accuse", "source": ["org/un"], "target": ["person/x", "country/USA"], "confidence": 0.9}], ENTS)
    assert predicted_dyads(x) == {("ACCUSE", "IGO", "RUS"): 0.9, ("ACCUSE", "IGO", "USA"): 0.9}


def test_evaluate_scores_and_bands():
    recs = [{"id": "a", "gold": [{"type": "ACCUSE", "source": "IGO", "target": "USA"}]},
            {"id": "b", "gold": [{"type": "AGREE", "source": "USA", "target": None}]}]
    outputs = {"a": out([{"type": "ACCUSE", "source": ["org/un"], "target": ["country/USA"], "confidence": 0.9},
                         {"type": "REJECT", "source": ["org/un"], "target": ["person/x"], "confidence": 0.6}], ENTS),
               "b": {}}
    s = score(recs, outputs)
    assert (s.event["tp"], s.event["fp"], s.event["fn"]) == (1, 1, 1)
    assert s.event["precision"] == 0.5 and s.event["recall"] == 0.5
    assert s.by_type["ACCUSE"]["f1"] == 1.0 and s.by_type["AGREE"]["recall"] == 0.0
    bands = {b["band"]: b for b in s.by_confidence}
    assert bands["[0.85, 1.00]"]["precision"] == 1.0 and bands["[0.50, 0.70)"]["precision"] == 0.0
    assert s.type_recall == 0.5


@pytest.mark.model
def test_evaluate_cli_on_own_gold(tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps({"id": "g1", "text": "Ghana praised Togo on Monday.", "published": "2010-01-05",
                             "gold": [{"type": "SUPPORT", "source": "GHA", "target": "TGO"}]}) + "\n")
    r = CliRunner().invoke(app, ["evaluate", str(f), "--json", "--report", str(tmp_path / "r.jsonl")])
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["event"]["f1"] == 1.0 and s["by_type"]["SUPPORT"]["tp"] == 1
    assert json.loads((tmp_path / "r.jsonl").read_text())["missed"] == []
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n')
    r = CliRunner().invoke(app, ["evaluate", str(bad)])
    assert r.exit_code != 0 and "gold" in r.output
