"""Event triggers: verbs and nouns -> CAMEO codes; CAMEO -> PLOVER type and mode.

The project's own frames are data (``kg/data/lexicon.json``); PETRARCH2's verb dictionary
(``kg.stages.patterns``) codes the verbs they do not cover. The PLOVER type of a trigger is never written here: it comes from the CAMEO code
through the CAMEO-to-PLOVER 2021 mapping shipped in ``kg/data/cameo_plover.json``.
A frame says where the target is (direct object, objects of which prepositions),
whether the event is reciprocal ("A and B met"), and the PLOVER mode when the
trigger fixes one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Frame:
    cameo: str
    targets: tuple[str, ...] = ("dobj",)  # "dobj", "dative", or prepositions ("with", "to", ...)
    reciprocal: bool = False
    mode: str | None = None
    objects: tuple[str, ...] = ()  # only when the direct object's lemma is one of these
    particle: str | None = None  # only with this particle ("call off", "pull out")
    weight: float = 0.8  # how sure the trigger alone makes us
    origin: str = ""  # where the frame comes from: a verb dictionary pattern ("file:line"), or empty for this table
    claimed: tuple[int, ...] = ()  # tokens a matched pattern used ("called off a strike"): not events of their own


def _frame(row: list) -> Frame:
    opts = dict(row[1]) if len(row) > 1 else {}
    for k in ("targets", "objects"):
        if k in opts:
            opts[k] = tuple(opts[k])
    return Frame(row[0], **opts)


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """The project's own lexicon, kept as data in ``kg/data/lexicon.json``."""
    with resources.files("kg.data").joinpath("lexicon.json").open("r", encoding="utf-8") as f:
        return json.load(f)


_LEX = _lexicon()
# Verb triggers. Order inside a list matters: the first frame whose conditions hold wins.
VERBS: dict[str, list[Frame]] = {k: [_frame(r) for r in v] for k, v in _LEX["verbs"].items()}
# Noun triggers: participants come from possessors, "between", "with", "to", "by", or the governing verb.
NOUNS: dict[str, Frame] = {k: _frame(v) for k, v in _LEX["nouns"].items()}
# Verbs that only carry an event named by their object ("hold talks", "wrap up a summit").
LIGHT_VERBS = frozenset(_LEX["light_verbs"])
# Verbs whose complement is an intention: "announced plans to reduce", "pledged to cut".
INTENT_VERBS = frozenset(_LEX["intent_verbs"])
# Governors whose complement is the content of their own event: "invited X to visit" is one invitation.
CONTENT_GOVERNORS = frozenset(_LEX["content_governors"])
SPEECH_VERBS = frozenset(_LEX["speech_verbs"])
HYPOTHETICAL_AUX = frozenset(_LEX["hypothetical_aux"])
FUTURE_AUX = frozenset(_LEX["future_aux"])
FUTURE_GOVERNORS = frozenset(_LEX["future_governors"])
FAILURE_GOVERNORS = frozenset(_LEX["failure_governors"])
# The intention behind "plans to X": the CAMEO 03 code for intent to do X's root category.
INTENT_FOR_ROOT: dict[str, str] = dict(_LEX["intent_for_root"])


@lru_cache(maxsize=1)
def _codes() -> dict[str, dict]:
    with resources.files("kg.data").joinpath("cameo_plover.json").open("r", encoding="utf-8") as f:
        return json.load(f)["codes"]


def plover_of(cameo: str) -> tuple[str | None, str | None]:
    """PLOVER event type and mode of a CAMEO code (walking up to its parent codes)."""
    codes = _codes()
    c = cameo
    while c:
        info = codes.get(c)
        if info and info.get("plover"):
            return info["plover"], info.get("mode")
        c = c[:-1] if len(c) > 2 else ""
    return None, None


def cameo_name(cameo: str) -> str | None:
    info = _codes().get(cameo)
    return info["name"] if info else None


def goldstein(cameo: str) -> float | None:
    info = _codes().get(cameo)
    return info.get("goldstein") if info else None


QUAD_CLASSES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def quad_class(cameo: str) -> str | None:
    """The CAMEO quad class of a code (verbal/material cooperation/conflict, from the codebook's root
    categories), walking up to its parent codes."""
    codes = _codes()
    c = cameo
    while c:
        q = (codes.get(c) or {}).get("quad")
        if q:
            return q
        c = c[:-1] if len(c) > 2 else ""
    return None


def intent_code(cameo: str) -> str:
    """CAMEO code for the intention to do ``cameo`` ("087" -> "0356")."""
    for k in (cameo[:3], cameo[:2]):
        if k in INTENT_FOR_ROOT:
            return INTENT_FOR_ROOT[k]
    return "030"
