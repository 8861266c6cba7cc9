"""What resolution inside one article produces and shares: the :class:`Resolution` record and the small
helpers every resolving stage uses (aliases, country entities, "is this token a place?")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.kb.countries import country_name
from kg.stages.roles import RoleFact
from kg.types import Entity, Evidence, Mention, Parsed

LOCATIVE_PREPS = {"in", "at", "to", "into", "near", "outside", "inside", "across", "through", "toward", "towards",
                  "around", "within", "on", "via", "throughout", "beyond"}  # fmt: skip
MOTION_VERBS = {"travel", "return", "arrive", "fly", "come", "leave", "go", "head", "move", "flee", "depart", "drive"}
@dataclass(slots=True)
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[tuple[str, RoleFact]] = field(default_factory=list)  # (person id, fact)
    by_token: dict[int, Mention] = field(default_factory=dict)
    home: str | None = None

    def add(self, ent: Entity) -> Entity:
        have = self.entities.get(ent.id)
        if have is None:
            self.entities[ent.id] = ent
            return ent
        return have

    def mention_at(self, i: int) -> Mention | None:
        return self.by_token.get(i)


def _sentence_evidence(p: Parsed, sent: int) -> Evidence:
    s = p.sents[sent]
    return Evidence(text=p.text[s.start_char : s.end_char], start=s.start_char, end=s.end_char)


def _alias(ent: Entity, text: str) -> None:
    t = " ".join(text.split())
    if t and t != ent.name and t not in ent.aliases:
        ent.aliases.append(t)


def _clean_name(text: str) -> str:
    return re.sub(r"\s*['’]s$", "", " ".join(text.split())).strip(" ,")


def is_locative(p: Parsed, i: int) -> bool:
    """Is token ``i`` a place where something happens rather than an actor? ('in Moscow' vs 'Moscow said')."""
    t = p.tokens[i]
    while t.dep == "conj" and t.head != t.i:
        t = p.tokens[t.head]
    if t.dep == "compound" or t.dep == "npadvmod":
        return True
    if t.dep == "pobj":
        prep = p.tokens[t.head]
        if prep.lower == "to" and p.tokens[prep.head].lemma in _addressed_verbs():
            return False  # "protested to Washington", "appealed to Moscow": whom a verbal act is addressed to
        if prep.lower in LOCATIVE_PREPS:
            return True
        if prep.lower == "from":
            gov = p.tokens[prep.head]
            return gov.lemma in MOTION_VERBS
    return False


@lru_cache(maxsize=1)
def _addressed_verbs() -> frozenset[str]:
    """Verbs of verbal acts (CAMEO 01-05, 10-14) whose lexicon frames name a receiver after "to"."""
    from kg.stages.lexicon import VERBS

    verbal = ("01", "02", "03", "04", "05", "10", "11", "12", "13", "14")
    return frozenset(k for k, frames in VERBS.items() if any(
        "to" in f.targets and f.mode not in ("visit", "host") and f.cameo[:2] in verbal for f in frames))


def _country_entity(code: str) -> Entity:
    return Entity(id=f"country/{code}", type="Country", name=country_name(code), country=code, actor_code=code,
                  resolution=f"ISO 3166-1 alpha-3 {code}")
