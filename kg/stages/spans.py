"""Mention records made from token spans, with their head token: shared by the mention finders."""

from __future__ import annotations

from kg.types import Mention, Parsed


def _make(p: Parsed, s: int, e: int, label: str, kind: str = "name", head: int | None = None) -> Mention:
    toks = p.tokens
    h = head if head is not None else _head_of(p, s, e)
    return Mention(
        text=p.text[toks[s].idx : toks[e - 1].end], start=toks[s].idx, end=toks[e - 1].end, tok_start=s,
        tok_end=e, sent=toks[s].sent, label=label, kind=kind, head=h,  # type: ignore[arg-type]
    )


def _head_of(p: Parsed, s: int, e: int) -> int:
    for i in range(s, e):
        h = p.tokens[i].head
        if h < s or h >= e or h == i:
            return i
    return e - 1


