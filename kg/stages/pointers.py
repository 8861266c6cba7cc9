"""Mentions that point rather than name: offices ("the Russian president", "the two leaders") and pronouns,
resolved to the entities named before them by the parse, offices, known genders and recency."""

from __future__ import annotations

from collections import Counter

from kg.kb.countries import country_code
from kg.kb.titles import lookup_title
from kg.stages.groups import group_entity, sentence_country
from kg.stages.resolution import Resolution
from kg.types import Mention, Parsed

NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

def _entity_for_title(p: Parsed, r: Resolution, m: Mention, before: list[Mention]) -> list[str]:
    """'the Russian president' -> the person who holds that office, by recency."""
    head = p.tokens[m.head]
    noun = head.lemma.lower()
    country = None
    for i in range(m.tok_start, m.tok_end):
        code = country_code(p.tokens[i].text) if p.tokens[i].ent_type in ("NORP", "GPE") else None
        country = country or code
    if head.dep == "appos":
        am = r.mention_at(head.head)
        if am is not None and am.entity and am.entity.startswith("person/"):
            return [am.entity]  # "George Mitchell, the former majority leader"
    poss = [c for c in p.children(m.head) if c.dep == "poss"]
    for c in p.children(m.head):
        if c.dep == "prep" and c.lower == "of" and country is None:
            for g in p.children(c.i):
                gm = r.mention_at(g.i)
                ge = r.entities.get(gm.entity or "") if gm is not None else None
                if ge is not None and ge.type == "Country":
                    country = ge.country  # "the president of Armenia"
    persons = [b for b in before if b.entity and b.entity.startswith("person/")]
    generic = noun in ("leader", "man", "woman", "side", "counterpart", "official", "host", "guest", "visitor")

    def fits(eid: str) -> bool:
        e = r.entities[eid]
        if country and e.country != country:
            return False
        if generic:
            return bool(e.roles) or bool(e.actor_code and e.actor_code[3:6] == "GOV")
        return any(noun in x.title.lower() for x in e.roles)

    if m.kind == "group":
        counts = Counter(b.entity for b in persons if b.entity and fits(b.entity))
        if len(counts) < 2 and noun in ("country", "nation", "government", "side"):
            # "the two governments": the countries of the leaders the article is about, else the most named
            lead = Counter(b.entity for b in persons if b.entity)
            homes = [r.entities[e].country for e, _ in lead.most_common() if r.entities[e].country]
            homes = list(dict.fromkeys(homes))
            counts = Counter({f"country/{c}": len(homes) - k for k, c in enumerate(homes)
                              if f"country/{c}" in r.entities})
            if len(counts) < 2:
                counts = Counter(b.entity for b in before if b.entity and b.entity.startswith("country/"))
        words = {p.tokens[i].lower for i in range(m.tok_start, m.tok_end)}
        n = next((v for k, v in NUMBER_WORDS.items() if k in words), None)
        if n is None and head.tag in ("NNS", "NNPS") and not words & {"both", "two"}:
            n = len(counts)  # "the leaders": every leader named so far
        n = n or 2
        return [e for e, _ in counts.most_common(n)] if len(counts) >= min(n, 2) else []
    if poss:
        pm = r.mention_at(poss[0].i)
        pe = r.entities.get(pm.entity or "") if pm is not None else None
        if pe is not None and pe.type == "Country":
            country = pe.country  # "Taiwan's vice foreign minister": that country's office
        elif country is None:
            return []  # "his counterpart": someone else; left unresolved ("his Turkish counterpart": Turkey's)
    if country is None and r.home and not generic:
        for b in reversed(persons):
            if b.entity and fits(b.entity) and r.entities[b.entity].country == r.home:
                return [b.entity]
    for b in reversed(persons):
        if b.entity and fits(b.entity):
            return [b.entity]
    if country and not generic:
        # "the American president" when the text named "President Trump" without a country: that is him
        for b in reversed(persons):
            e = r.entities.get(b.entity or "")
            if e is not None and e.country is None and any(noun in x.title.lower() for x in e.roles):
                e.country = country
                e.actor_code = e.actor_code or country + (e.roles[0].sector or "GOV")
                for x in e.roles:
                    x.country = x.country or country
                e.resolution = f"{e.resolution or ''}; country from '{m.text}'".lstrip("; ")
                return [e.id]
    info = lookup_title(noun)
    mods = {c.i for c in p.children(m.head) if c.dep in ("compound", "amod", "poss", "nmod")}
    inside_org = any(x.label == "ORG" and (m.tok_start <= x.tok_start and x.tok_end <= m.tok_end or x.head in mods)
                     for x in r.mentions)  # "the European Union envoy": the body's, not a country's
    if country is None and not generic and not inside_org and info is not None and info.sector in (
            "GOV", "MIL", "LEG", "JUD", "COP"):
        country = sentence_country(r, m.sent)  # "demanded the resignation of the prime minister" (of Bangladesh)
    if country and info:
        return [r.add(group_entity(country, info.sector)).id]
    return []


def _pronoun_target(p: Parsed, r: Resolution, m: Mention, before: list[Mention], quotes: list[tuple[int, int]]) -> list[str]:
    if any(s <= m.start < e for s, e in quotes):
        return []
    word = m.text.lower()
    plural = word in ("they", "them", "their")
    window = [b for b in before if b.sent >= m.sent - 4 and b.entity
              and not any(s <= b.start < e for s, e in quotes)]
    pt0 = p.tokens[m.head]
    if word in ("it", "them") and pt0.dep not in ("nsubj", "nsubjpass"):
        return []  # "condemned it", "bound by it": objects are mostly things (agreements, plans), not actors
    if word in ("it", "its"):
        for b in reversed(window):
            if b.sent < m.sent - 1 or not b.entity or not b.entity.startswith(("country/", "org/")):
                continue
            if p.tokens[b.head].dep in ("nsubj", "nsubjpass") and b.kind != "demonym":
                return [b.entity]
        return []
    if plural:
        # a coordination "A and B" in this sentence first: "Merkel and Hollande flew ... with their proposal"
        actor = ("person/", "country/", "org/")
        for b in reversed([b for b in window if b.sent == m.sent and b.entity and b.entity.startswith(actor)]):
            t = p.tokens[b.head]
            if t.dep == "conj":
                first = r.mention_at(t.head)
                if first and first.entity and first.entity != b.entity and first.entity.startswith(actor):
                    return [first.entity, b.entity]  # type: ignore[list-item]
        for b in reversed(window):
            if (b.kind == "group" or b.label == "GROUP") and b.entities:
                return b.entities
            if b.label in ("NORP", "GPE") and b.kind != "demonym" and p.tokens[b.head].tag in ("NNS", "NNPS") \
                    and b.entity and p.tokens[b.head].dep in ("nsubj", "nsubjpass"):
                return [b.entity]
            if b.entities and len(b.entities) > 1:
                return b.entities
        # a coordination "A and B" earlier in this or the previous sentence
        for b in reversed(window):
            t = p.tokens[b.head]
            if t.dep == "conj":
                first = r.mention_at(t.head)
                if first and first.entity and first.entity != b.entity and first.sent >= m.sent - 1:
                    return [first.entity, b.entity]  # type: ignore[list-item]
        return []
    want = "f" if word in ("she", "her", "hers") else "m"
    excluded: set[str] = set()
    pt = p.tokens[m.head]
    if pt.dep in ("dobj", "dative", "pobj") and word in ("him", "her"):
        gov = p.tokens[pt.head] if pt.dep != "pobj" else p.tokens[p.tokens[pt.head].head]
        # "Boric invited him": an object pronoun is not its own clause's subject
        while gov.dep == "conj" and not any(c.dep in ("nsubj", "nsubjpass") for c in p.children(gov.i)):
            gov = p.tokens[gov.head]
        for c in p.children(gov.i):
            if c.dep in ("nsubj", "nsubjpass"):
                sm = r.mention_at(c.i)
                if sm is not None and sm.entity:
                    excluded.add(sm.entity)
    best, best_score = None, -1e9
    for k, b in enumerate(window):
        if not b.entity or not b.entity.startswith("person/") or b.kind == "pronoun" and b.sent < m.sent - 1:
            continue
        g = r.entities[b.entity].gender
        if b.entity in excluded or g is not None and g != want:
            continue
        score = k - 3 * (m.sent - b.sent)
        dep = p.tokens[b.head].dep
        if dep in ("nsubj", "nsubjpass"):
            score += 4
        if b.sent == m.sent and b.start < m.start:
            score += 2
        if score > best_score:
            best, best_score = b, score
    return [best.entity] if best and best.entity else []


