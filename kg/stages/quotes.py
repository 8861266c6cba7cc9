"""Direct quotations and who said them."""

from __future__ import annotations

import re

from kg.stages.arguments import _subject
from kg.stages.lexicon import SPEECH_VERBS
from kg.stages.resolution import Resolution
from kg.types import Evidence, Parsed, Quote

_QUOTE = re.compile(r'"([^"]{2,}?)"|“([^”]{2,}?)”|``(.{2,}?)\'\'', re.DOTALL)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages (the words inside the marks)."""
    out = []
    for m in _QUOTE.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        out.append((m.start(g), m.end(g)))
    return out


def _speech_verb(p: Parsed, sent: int, inside: tuple[int, int]) -> int | None:
    s = p.sents[sent]
    best = None
    for t in p.tokens[s.start : s.end]:
        outside = not (inside[0] <= t.idx < inside[1])
        if t.lemma in SPEECH_VERBS and t.pos in ("VERB", "AUX") and outside and (
                best is None or abs(t.idx - inside[0]) < abs(p.tokens[best].idx - inside[0])):
            best = t.i
    return best


def _sent_at(p: Parsed, char: int) -> int | None:
    for s in p.sents:
        if s.start_char <= char < s.end_char:
            return s.i
    return None


def find_quotes(p: Parsed, r: Resolution, spans: list[tuple[int, int]]) -> list[Quote]:
    out: list[Quote] = []
    for start, end in spans:
        text = p.text[start:end]
        if len(text.split()) < 3:
            continue  # scare quotes: "rogue states"
        speaker = None
        sents = [x for x in (_sent_at(p, start), _sent_at(p, max(start, end - 1))) if x is not None]
        cands = list(dict.fromkeys(sents))
        if sents and sents[0] > 0:
            prev = p.sents[sents[0] - 1]
            if p.text[prev.start_char : prev.end_char].rstrip().endswith(":"):
                cands.append(prev.i)
        for si in cands:
            v = _speech_verb(p, si, (start, end))
            if v is not None:
                subj, _ = _subject(p, r, v)
                if subj:
                    speaker = subj[0]
                    break
        s0 = p.sents[cands[0]] if cands else None
        out.append(Quote(id=f"quote/{len(out) + 1}", speaker=speaker, text=text,
                         evidence=Evidence(text=text, start=start, end=end),
                         sentence=Evidence(text=p.text[s0.start_char : s0.end_char], start=s0.start_char,
                                           end=s0.end_char) if s0 else None))
    return out
