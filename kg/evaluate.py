"""Scoring extraction against gold who-did-what-to-whom records (``kg evaluate``).

Gold records are JSON lines ``{"id", "text", "published"?, "gold": [{"type", "source", "target"}]}``
with actor codes as ISO 3166-1 alpha-3 countries or CAMEO IGO/NGO/IMG codes. An event
reduces to dyads (type, source, target): each source against each target; an entity's
code is the first three letters of its actor code, else its country. This is the
convention of the shared PLOVER scorer, so the figures agree with it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.types import Article, Extraction, InputError

BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def entity_code(e: dict | None) -> str | None:
    if not e:
        return None
    if e.get("actor_code"):
        return str(e["actor_code"])[:3].upper()
    return str(e["country"])[:3].upper() if e.get("country") else None


def predicted_dyads(x: dict) -> dict[tuple, float]:
    """(type, source code, target code) -> the highest confidence of an event giving it."""
    ents = {e["id"]: e for e in x.get("entities") or []}
    out: dict[tuple, float] = {}
    for ev in x.get("events") or []:
        srcs = [entity_code(ents.get(i)) for i in ev.get("source") or []] or [None]
        tgts = [entity_code(ents.get(i)) for i in ev.get("target") or []] or [None]
        for s in srcs:
            for t in tgts:
                k = (str(ev.get("type") or "").upper(), s, t)
                out[k] = max(out.get(k, 0.0), float(ev.get("confidence") or 0.0))
    return out


def miss_cause(g: tuple, predicted: set[tuple]) -> str:
    """Why a gold dyad was missed, judged against what was predicted for the same record."""
    t, s, o = g
    if not predicted:
        return "missed: no event found"
    if (t, o, s) in predicted:
        return "missed: wrong direction"
    if any(p[1:] == (s, o) for p in predicted):
        return "missed: wrong type"
    if any(p[0] == t and p[1] == s for p in predicted):
        return "missed: target missing or wrong"
    if any(p[0] == t and p[2] == o for p in predicted):
        return "missed: source missing or wrong"
    if any(p[0] == t for p in predicted):
        return "missed: both sides wrong"
    return "missed: other events found, not this one"


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


@dataclass
class Scores:
    records: int = 0
    event: dict = field(default_factory=dict)
    dyad: dict = field(default_factory=dict)
    type_recall: float = 0.0
    by_type: dict[str, dict] = field(default_factory=dict)
    by_confidence: list[dict] = field(default_factory=list)
    report: list[dict] = field(default_factory=list)
    causes: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        e, d = self.event, self.dyad
        return (f"event F1 {e['f1']:.3f} (P {e['precision']:.3f} R {e['recall']:.3f}); dyad F1 {d['f1']:.3f} "
                f"(P {d['precision']:.3f} R {d['recall']:.3f}); type recall {self.type_recall:.3f}; "
                f"{self.records} records")


def score(records: list[dict], outputs: dict[str, dict]) -> Scores:
    """Compare outputs (by record id, in the JSON contract) with the records' gold dyads."""
    tp = fp = fn = dtp = dfp = dfn = 0
    causes: Counter = Counter()
    type_hit = type_total = 0
    per = defaultdict(Counter)
    bands = [Counter() for _ in BANDS]
    report = []
    for r in records:
        pred = predicted_dyads(outputs.get(r["id"]) or {})
        gold = {(g["type"], g.get("source"), g.get("target")) for g in r.get("gold") or []}
        ps = set(pred)
        tp += len(ps & gold)
        fp += len(ps - gold)
        fn += len(gold - ps)
        pd, gd = {(s, t) for _, s, t in ps}, {(s, t) for _, s, t in gold}
        dtp += len(pd & gd)
        dfp += len(pd - gd)
        dfn += len(gd - pd)
        gt = {g[0] for g in gold}
        if gt:
            type_total += 1
            type_hit += gt <= {p[0] for p in ps}
        for k in ps:
            per[k[0]]["tp" if k in gold else "fp"] += 1
            for b, (lo, hi) in enumerate(BANDS):
                if lo <= pred[k] < hi:
                    bands[b]["right" if k in gold else "wrong"] += 1
        for k in gold - ps:
            per[k[0]]["fn"] += 1
        why = [miss_cause(g, ps) for g in sorted(gold - ps, key=str)]
        for c in why:
            causes[c] += 1
        for k in sorted(ps - gold, key=str):
            causes["invented: " + ("no source country" if k[1] is None else "no target" if k[2] is None
                                   else "self-pair" if k[1] == k[2] else "other")] += 1
        report.append({"id": r["id"], "text": r.get("text"), "causes": why, "gold": sorted(map(list, gold), key=str),
                       "predicted": sorted(map(list, ps), key=str), "missed": sorted(map(list, gold - ps), key=str),
                       "spurious": sorted(map(list, ps - gold), key=str)})
    s = Scores(records=len(records), event=prf(tp, fp, fn), dyad=prf(dtp, dfp, dfn),
               type_recall=round(type_hit / max(type_total, 1), 3),
               by_type={t: prf(c["tp"], c["fp"], c["fn"]) for t, c in sorted(per.items())}, report=report,
               causes=dict(causes.most_common()))
    for (lo, hi), c in zip(BANDS, bands, strict=True):
        n = c["right"] + c["wrong"]
        s.by_confidence.append({"band": f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}",
                                "dyads": n, "precision": round(c["right"] / n, 3) if n else None})
    return s


def read_gold(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        if not isinstance(rec, dict) or "id" not in rec or "text" not in rec or not isinstance(rec.get("gold"), list):
            raise InputError(f"{path}:{n}: a gold record needs 'id', 'text' and a 'gold' list")
        out.append(rec)
    return out


def evaluate(records: list[dict], extract: Iterable[Extraction | InputError] | None = None) -> Scores:
    """Extract every record (in one batch) and score it."""
    from kg.pipeline import extract_many

    arts = [Article(text=r["text"], id=str(r["id"]), published=r.get("published")) for r in records]
    results = extract if extract is not None else extract_many(arts)
    outputs: dict[str, dict[str, Any]] = {}
    for r, x in zip(records, results, strict=True):
        outputs[str(r["id"])] = x.to_json() if isinstance(x, Extraction) else {}
    return score(records, outputs)
