"""Where an event happens, and the country it reaches when no actor is named on the receiving side.

The place of a trigger ("in Beirut", "near the town of Gao", "in Helmand province"); the country of a
place an action is applied to ("lifted the curfew in Montenegro"); where violence or an arrest with no
named doer happened; the side a protest or a concession is aimed at when none is named (a mission's
country, the protesters' or the group's own country).
"""

from __future__ import annotations

from kg.stages.arguments import PLACE_NOUNS, _actors, _child
from kg.stages.resolution import Resolution, is_locative
from kg.types import Parsed, Token


def _with_place_modifiers(p: Parsed, toks: list[Token]) -> list[Token]:
    """``toks`` and, after a place noun, the names that modify it ("Helmand" in "in Helmand province")."""
    return [x for g in toks for x in [g, *(c for c in p.children(g.i) if c.dep == "compound" and g.lemma in
                                             PLACE_NOUNS)]]


def _place(p: Parsed, r: Resolution, v: int) -> str | None:
    sub = set(p.subtree(v))
    for c in p.children(v):
        if c.dep == "prep" and c.lower in ("in", "at", "to") or c.dep in ("pobj", "npadvmod"):
            for g in _with_place_modifiers(p, [c, *p.children(c.i)]):
                m = r.mention_at(g.i)
                if m and m.entity and (m.entity.startswith("place/") or m.label in ("GPE", "FAC", "LOC", "SEAT")) \
                        and g.i in sub and is_locative(p, g.i):
                    return m.entity
    return None



def _home(r: Resolution, eid: str) -> str | None:
    e = r.entities.get(eid)
    return e.country if e is not None and e.type != "Country" else None



def _place_target(p: Parsed, r: Resolution, t: Token) -> list[str]:
    place = _place(p, r, t.i)
    if place is None:  # "evacuated the wounded from the besieged town of Gorazde", "the Bosnian town"
        scope = set(p.subtree(t.i))
        for m in r.mentions:
            head = p.tokens[m.head]
            if head.dep == "compound" and p.tokens[head.head].lemma in PLACE_NOUNS:
                head = p.tokens[head.head]  # "in Helmand province"
            if m.tok_start in scope and m.entity and m.entity.startswith(("place/", "country/")) and (
                    head.dep == "pobj" and p.tokens[head.head].lower in (
                        "in", "at", "from", "into", "to", "across", "near", "of", "inside", "outside", "around",
                        "along", "within", "over")
                    or m.kind == "demonym" and p.tokens[p.tokens[m.head].head].lemma in PLACE_NOUNS):
                place = m.entity
                break
    if place is None:
        for c in p.children(t.i):
            if c.dep in ("dobj", "xcomp", "nsubjpass"):
                place = _place(p, r, c.i)
                if place is None:
                    for g in p.children(c.i):
                        if g.dep == "dobj":
                            place = _place(p, r, g.i) or place
            if place:
                break
    e = r.entities.get(place or "")
    if e is None or not e.country:
        return []
    from kg.stages.resolution import _country_entity

    return [r.add(_country_entity(e.country)).id]



def _location_country(p: Parsed, r: Resolution, t: Token) -> list[str]:
    """The country of the place where the trigger's sentence says it happened."""
    place = _place(p, r, t.i)
    cands = [place] if place else []
    sent = p.tokens[t.i].sent
    # places named after a preposition ("near Samarra", "in Beirut", "city of Basra"); demonyms on place
    # nouns ("the Iraqi city"); never a country word inside an actor ("US servicemen")
    cands += [m.entity for m in r.mentions if m.sent == sent and m.entity and m.entity.startswith(("place/", "country/"))
              and (p.tokens[m.head].dep == "pobj" or m.kind == "demonym" and p.tokens[p.tokens[m.head].head].lemma
                   in PLACE_NOUNS)]
    for c in cands:
        e = r.entities.get(c or "")
        if e is not None and e.country:
            from kg.stages.resolution import _country_entity

            return [r.add(_country_entity(e.country)).id]
    return []



MISSION_NOUNS = {"embassy", "consulate", "mission", "legation", "high commission"}


def _mission_target(p: Parsed, r: Resolution, t: Token) -> list[str]:
    """A protest outside a country's embassy or consulate is aimed at that country."""
    for c in p.children(t.i):
        if c.dep != "prep":
            continue
        for g in _child(p, c.i, "pobj"):
            if g.lemma.lower() in MISSION_NOUNS:
                found = [a for m in p.children(g.i) if m.dep in ("amod", "poss", "compound")
                         for a in _actors(p, r, m.i)]
                found += [a for h in p.children(g.i) if h.dep == "prep" and h.lower == "of"
                          for x in _child(p, h.i, "pobj") for a in _actors(p, r, x.i)]
                if found:
                    return found
    return []


def _domestic_target(r: Resolution, source: list[str]) -> list[str]:
    """A protest or strike with no named target is aimed at the protesters' own government."""
    homes = [(_home(r, s) or (s.split("/", 1)[1] if s.startswith("country/") else None)) for s in source]
    code = next((h for h in homes if h), None)
    if not code:
        return []
    from kg.stages.resolution import _country_entity

    return [r.add(_country_entity(code)).id]



STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")


def _nonstate_home(r: Resolution, source: list[str]) -> list[str]:
    """A concession by a group that is not the state ("the union called off its strike", "rebels freed hostages")
    with no named other side is made to its own country."""
    for s in source:
        e = r.entities.get(s)
        if e is not None and e.type == "Organization" and e.country and (e.actor_code or "")[3:6] not in STATE_SECTORS \
                and not (e.actor_code or "").startswith(("IGO", "NGO")):  # a union, a party, rebels: not the state
            return _domestic_target(r, [s])
    return []


