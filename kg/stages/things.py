"""Resolution of what is not an actor: agreements (named, by acronym, made in the article, or referred
back to) and possessed venues ("Bush's ranch")."""

from __future__ import annotations

import re
from datetime import date

from kg.kb.treaties import treaty_key
from kg.stages.resolution import Resolution, _alias, _clean_name
from kg.types import Entity, Mention, Parsed, slug


def _resolve_treaties(p: Parsed, r: Resolution, treaties: list[Mention], published: date | None = None) -> None:
    resolved: list[tuple[Mention, Entity]] = []
    named = [m for m in treaties if m.kind != "unnamed"]
    refs = [m for m in treaties if m.reason == "ref"]
    for m in sorted(treaties, key=lambda m: (m.reason == "ref", m.kind == "unnamed", -(m.tok_end - m.tok_start))):
        text = _clean_name(m.text)
        before = [n for n in named if n.start < m.start and n.entity]
        if m.kind == "unnamed" and before and p.tokens[m.tok_start - 1].lower == "the" if m.tok_start else False:
            m.entity = max(before, key=lambda n: n.start).entity  # "signed the treaty": the one just named
            continue
        if m in refs:  # "criticized the agreement": the latest agreement told of before, or nothing
            told = [n for n in treaties if n.start < m.start and n.entity and n not in refs]
            m.entity = max(told, key=lambda n: n.start).entity if told else None
            continue
        if m.kind == "unnamed":  # "signed a defence pact": this article's own agreement, dated by it
            name = re.sub(r"^(an?|the|their|its|his|her)\s+", "", text, flags=re.IGNORECASE).lower()
            when = published.isoformat() if published else "undated"
            ent = r.add(Entity(id=f"treaty/{slug(name)}-{when}", type="Treaty", name=name,
                               year=published.year if published else None,
                               resolution="agreement made in the article (unnamed), identified by its words and "
                                          "the article's date"))
            m.entity = ent.id
            continue
        key, canon, year, acronym = treaty_key(text)
        ent = None
        for _, oe in resolved:
            if key == treaty_key(oe.name)[0] or (acronym and acronym in oe.aliases) or (
                acronym and acronym == treaty_key(oe.name)[3]):
                ent = oe
                break
        if ent is None:
            ent = r.add(Entity(id=f"treaty/{slug(canon)}", type="Treaty", name=canon, year=year,
                               resolution="named agreement"))
        if year and not ent.year:
            ent.year = year
        m.entity = ent.id
        _alias(ent, text)
        if acronym:
            _alias(ent, acronym)
        resolved.append((m, ent))


def _resolve_venue(p: Parsed, r: Resolution, m: Mention) -> None:
    owner_tok = int(m.reason) if m.reason.isdigit() else -1
    om = next((x for x in r.mentions if x.label != "VENUE" and x.entity and x.tok_start <= owner_tok < x.tok_end), None)
    if om is None or not om.entity:
        return
    owner = r.entities[om.entity]
    noun = p.tokens[m.head].lower
    if not owner.id.startswith("person/"):
        return
    ent = r.add(Entity(id=f"place/{owner.id.split('/', 1)[1]}-{slug(noun)}", type="Place",
                       name=f"{owner.name}'s {noun}", country=owner.country,
                       resolution=f"{noun} of {owner.name}"))
    m.entity = ent.id
    _alias(ent, m.text)
