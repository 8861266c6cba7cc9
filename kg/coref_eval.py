"""Measure in-article coreference (titles, group nouns, pronouns) against hand-labelled mentions.

Gold lines: ``{"article", "start", "text", "expect": [entity ids]}`` (an empty list: the mention
names no actor, e.g. "it" for an agreement). Used by the tests and by ``bench``-style reports.
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.types import Article


def resolved_mentions(article: Article) -> dict[tuple[int, str], list[str]]:
    """(start, text) -> entity ids of every title, group and pronoun mention, as the pipeline resolves them."""
    from kg.config import get_settings
    from kg.nlp import load_pipeline
    from kg.pipeline import _dateline, _remap
    from kg.stages.furniture import find_furniture
    from kg.stages.mentions import find_mentions
    from kg.stages.parse import parse_doc
    from kg.stages.quotes import quote_spans
    from kg.stages.resolve import resolve

    f = find_furniture(article.text)
    p = parse_doc(load_pipeline(get_settings().spacy_model)(f.condensed))
    _remap(p, f)
    p.text = article.text
    ents, _, _ = _dateline(article.text, f.dateline, f.dateline_place)
    home = next((e.country for e in ents if e.country), None)
    mentions = find_mentions(p)
    resolve(p, mentions, article.published, quote_spans(article.text), home)
    return {(m.start, m.text): sorted(m.entities or ([m.entity] if m.entity else [])) for m in mentions
            if m.label in ("PRON", "TITLE")}


def measure(gold_path: Path, articles: dict[str, Article]) -> dict:
    gold = [json.loads(x) for x in gold_path.read_text().splitlines() if x.strip()]
    cache: dict[str, dict] = {}
    right = 0
    rows = []
    for g in gold:
        if g["article"] not in cache:
            cache[g["article"]] = resolved_mentions(articles[g["article"]])
        got = cache[g["article"]].get((g["start"], g["text"]), [])
        ok = got == sorted(g["expect"])
        right += ok
        rows.append({**g, "got": got, "ok": ok})
    return {"mentions": len(gold), "accuracy": round(right / max(1, len(gold)), 3), "rows": rows}
