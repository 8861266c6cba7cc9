"""How sure an event is, what sentence states it, and which events need a receiving side: shared by the
verb and noun event stages."""

from __future__ import annotations

from kg.stages.lexicon import Frame
from kg.types import Evidence, Parsed


def _evidence(p: Parsed, sent: int) -> Evidence:
    s = p.sents[sent]
    return Evidence(text=p.text[s.start_char : s.end_char], start=s.start_char, end=s.end_char)


def _confidence(frame: Frame, source: list[str], target: list[str], ctx: list[str], via_pronoun: bool) -> float:
    c = 0.35 + 0.35 * frame.weight
    c += 0.15 if source else -0.2
    c += 0.1 if target else 0.0
    c -= 0.1 if via_pronoun else 0.0
    c -= 0.15 if "hypothetical" in ctx else 0.0
    c -= 0.05 if "reported" in ctx else 0.0
    return round(max(0.05, min(0.99, c)), 2)


def _intransitive(cameo: str, frame: Frame) -> bool:
    """Events that need no target: intentions and pledges, protests, mobilisation, ceasefires. A verb the
    dictionary alone codes needs a receiving side unless it protests or mobilises: the dictionary files many
    verbs under "intent to ..." (CAMEO 03) that say no more than that something was done."""
    if frame.origin.startswith("verb dictionary"):
        return cameo[:2] in ("14", "15")
    return cameo[:2] in ("03", "14", "15") or cameo in ("0871", "0873") or not frame.targets


