"""Resolution inside one article: mentions -> entities, with the reason for each choice.

Candidates first (the knowledge bases: leader dictionary by date, countries,
organisations, treaties), then the choice (clustering names, titles, pronouns and
metonymy by the parse and by recency). The result maps every usable mention to an
entity id that is stable across articles.
"""

from __future__ import annotations

import re
from datetime import date

from kg.kb.countries import (
    capital_country,
    country_code,
    country_name,
    exact_country_code,
    seat_of_government,
    subdivision_country,
)
from kg.kb.leaders import countries_for, country_of_place, resolve_leader
from kg.kb.orgs import lookup_org
from kg.stages.groups import (
    place_bare_groups,
    place_named_bodies,
    resolve_group,
    sentence_countries,
)
from kg.stages.pointers import _entity_for_title, _pronoun_target
from kg.stages.resolution import (  # noqa: F401 - is_locative, LOCATIVE_PREPS: used by the stages after this one
    LOCATIVE_PREPS,
    MOTION_VERBS,
    Resolution,
    _alias,
    _clean_name,
    _country_entity,
    _sentence_evidence,
    is_locative,
)
from kg.stages.roles import find_roles
from kg.stages.things import _resolve_treaties, _resolve_venue
from kg.types import Entity, Evidence, Mention, Parsed, Role, slug

FEMALE_NAMES = {"condoleezza", "hillary", "angela", "margaret", "theresa", "golda", "indira", "benazir", "madeleine",
                "federica", "ludmila", "lyudmila", "raisa", "rosalynn", "nancy", "laura", "michelle", "mo", "marjorie",
                "ursula", "christine", "nicola", "julia", "jacinda", "ellen", "dilma", "cristina", "yulia", "pat",
                "samantha", "susan", "nikki", "kamala", "catherine", "helen", "hasina", "imelda", "corazon", "gloria",
                "megawati", "sonia", "jiang", "aung", "suu", "tsai", "park", "elizabeth", "mary", "barbara", "hilda",
                "sheikh hasina", "tansu", "kim yo", "yo", "jill", "melania", "sandra", "ruth", "anna", "maria",
                "natalia", "victoria", "penny", "liz", "kaja", "annalena", "giorgia", "sanna", "mette", "ana"}  # fmt: skip
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "queen", "madame", "lady", "princess", "wife", "chancellor merkel"}
MALE_TITLES = {"mr", "mr.", "king", "sir", "prince", "emir", "sultan", "shah", "husband", "sheikh"}


def _gender(names: list[str], prefix_words: list[str]) -> str | None:
    low = {w.lower() for w in prefix_words}
    if low & FEMALE_TITLES:
        return "f"
    if low & MALE_TITLES:
        return "m"
    for n in names:
        first = n.split()[0].lower().strip(".") if n.split() else ""
        if first in FEMALE_NAMES and len(n.split()) > 1 or n.lower() in FEMALE_NAMES:
            return "f"
    return None


def _norp_hint(p: Parsed, m: Mention) -> str | None:
    """Country in the words that modify a name: 'Russian President Vladimir Putin' -> RUS.

    Only the unbroken run of modifiers right before the name counts, so in "visit Russia, and Bush
    accepted" Russia says nothing about Bush.
    """
    i = m.tok_start - 1
    while i >= max(0, m.tok_start - 5):
        t = p.tokens[i]
        if t.sent != m.sent or not (t.dep in ("compound", "amod", "nmod", "poss", "case")
                                     and t.pos in ("PROPN", "ADJ", "NOUN", "PART")):
            break
        if t.ent_type in ("NORP", "GPE"):
            code = country_code(t.text)
            if code:
                return code
        i -= 1
    return None


def _resolve_persons(p: Parsed, r: Resolution, persons: list[Mention], published: date | None) -> None:
    clusters: list[list[Mention]] = []
    for m in sorted(persons, key=lambda m: (-(m.tok_end - m.tok_start), m.start)):
        name = _clean_name(m.text)
        words = name.split()
        target = None
        for c in clusters:
            full = _clean_name(c[0].text).split()
            if not full:
                continue
            if " ".join(words) == " ".join(full) or (len(words) == 1 and words[0] in (full[-1], full[0]) and len(full) > 1):
                target = c
                break
            if len(words) > 1 and words[-1] == full[-1] and words[0][0] == full[0][0]:
                target = c
                break
        if target is None:
            clusters.append([m])
        else:
            target.append(m)
    for c in clusters:
        longest = _clean_name(c[0].text)
        hint = next((h for h in (_norp_hint(p, m) for m in c) if h), None)
        match = resolve_leader(longest, published, hint)
        prefix = [p.tokens[i].text for m in c for i in range(max(0, m.tok_start - 2), m.tok_start)]
        if match:
            ld, role = match.leader, match.role
            ent = Entity(id=f"person/{slug(ld.key.replace('_', ' '))}", type="Person", name=ld.name,
                         country=role.country if role else hint, actor_code=role.code if role else None,
                         resolution=match.reason)
        else:
            countries = countries_for(longest) or (countries_for(longest.split()[-1]) if " " in longest else set())
            country = hint or (next(iter(countries)) if len(countries) == 1 else None)
            ent = Entity(id=f"person/{slug(longest)}", type="Person", name=longest, country=country,
                         resolution=("name in text" + (f"; country {hint} from the words before the name" if hint else "")
                                     + ("; surname's dictionary entries agree on the country" if countries and not hint else "")))
        ent.gender = _gender([_clean_name(m.text) for m in c], prefix)  # type: ignore[assignment]
        ent = r.add(ent)
        for m in c:
            m.entity = ent.id
            m.reason = ent.resolution or ""
            _alias(ent, _clean_name(m.text))
            ent.mentions.append(Evidence(text=m.text, start=m.start, end=m.end))


def _apply_roles(p: Parsed, r: Resolution, persons: list[Mention], published: date | None) -> None:
    for f in find_roles(p, persons):
        ent = r.entities.get(f.person.entity or "")
        if ent is None:
            continue
        country = f.country
        owner_ent = None
        if f.owner_tok is not None:
            om = r.mention_at(f.owner_tok)
            if om is not None and om.entity:
                owner_ent = r.entities.get(om.entity)
                if owner_ent is not None and not country:
                    country = owner_ent.country
        if not country and f.org is None:
            country = ent.country
        why = None
        # "Secretary of State Antony Blinken". Not the dateline's country: summits are reported from abroad
        # (a Singapore dateline made Trump Singaporean when this was tried)
        if not country and f.org is None and f.info.sector in _NATIONAL_SECTORS and f.info.country:
            country, why = f.info.country, f"the office {f.info.title} is {f.info.country}'s"
        if not country and f.org is None and f.info.sector in _NATIONAL_SECTORS and ent.country is None:
            named = sentence_countries(r, f.sent, ent.id)
            if len(named) == 1:  # "Judge X opened investigations against Chilean officials"
                country, why = named.pop(), "the one country its sentence names"
            elif not named and r.home and _domestic_story(r):  # "NAIROBI - Interior Minister X said ...": a story
                # of one country. Not when others are named: summits are reported from abroad, and a Singapore
                # dateline made the Americans at a summit Singaporean when it was used alone
                country, why = r.home, "the dateline of a story naming no other country"
        if why and ent.country is None:
            ent.country = country
            ent.resolution = f"{ent.resolution or ''}; country {country}: {why}".lstrip("; ")
        org = lookup_org(f.org) if f.org else None
        if not f.info.sector:  # an affiliation, not an office: gives the country only
            if ent.country is None and country:
                ent.country = country
                ent.resolution = f"{ent.resolution or ''}; {f.title_text} of {country} per the text".lstrip("; ")
            continue
        role = Role(title=f.title_text.title() if f.title_text.islower() else f.title_text, country=country,
                    organization=f"org/{slug(org.name)}" if org else None, sector=f.info.sector, asserted=published,
                    evidence=_sentence_evidence(p, f.sent))
        if not any(x.title.lower() == role.title.lower() and x.country == role.country for x in ent.roles):
            ent.roles.append(role)
        if f.country is None and role.country:
            f.country = role.country  # the office's country as resolved ("President Bush": the USA)
        r.roles.append((ent.id, f))
        if org is not None and org.country is None:
            # "U.N. mediator Diego Cordovez": the text says he acts for the UN now
            if ent.actor_code != org.actor_code:
                ent.resolution = f"{ent.resolution or ''}; acts for {org.name} per the text".lstrip("; ")
            ent.actor_code, ent.country = org.actor_code, None
        elif country and ent.country and country != ent.country and f.owner_tok is None:
            ent.resolution = f"{ent.resolution or ''}; {f.title_text} of {country} per the text".lstrip("; ")
            ent.country, ent.actor_code = country, country + f.info.sector
        if ent.country is None and country and not (org is not None and org.country is None):
            ent.country = country
        if ent.actor_code is None and ent.country:
            ent.actor_code = ent.country + f.info.sector
        if f.info.title.lower() in ("chancellor", "queen") and ent.gender is None and f.info.title == "Queen":
            ent.gender = "f"


def _domestic_story(r: Resolution) -> bool:
    """Does the article name no country but its dateline's?"""
    named = {e.country for m in r.mentions if m.entity and m.label in ("GPE", "NORP", "GROUP", "SEAT")
             and (e := r.entities.get(m.entity)) and e.country}
    return named <= {r.home}


_NATIONAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})


def _counterparts(r: Resolution) -> None:
    """"his French counterpart, Sebastien Lecornu": counterpart is a relation (see kg.stages.relations), and
    the office is the other person's, in the counterpart's own country."""
    for pid, f in r.roles:
        if f.info.title != "Counterpart" or f.owner_tok is None:
            continue
        om = r.mention_at(f.owner_tok)
        other = r.entities.get(om.entity or "") if om is not None else None
        me = r.entities.get(pid)
        if other is None or me is None or other is me or not other.roles:
            continue
        office = other.roles[-1]
        for role in me.roles:
            if role.title == "Counterpart":
                role.title, role.sector = office.title, office.sector
                me.resolution = (f"{me.resolution or ''}; {office.title} as the counterpart of {other.name}"
                                 ).lstrip("; ")


def resolve(p: Parsed, mentions: list[Mention], published: date | None,
            quotes: list[tuple[int, int]] | None = None, home: str | None = None) -> Resolution:
    """Give every mention an entity. ``home`` is the dateline's country: "the president" unqualified
    means that country's president first."""
    r = Resolution(mentions=mentions, home=home)
    quotes = quotes or []
    persons = [m for m in mentions if m.label == "PERSON"]
    _resolve_persons(p, r, persons, published)
    surnames = {(_clean_name(m.text).split() or [""])[-1]: m.entity for m in persons if len(m.text.split()) > 1}
    for m in mentions:  # "Trump" tagged ORG in one sentence, PERSON in another: the person
        if m.label in ("ORG", "GPE", "NORP") and _clean_name(m.text) in surnames and not lookup_org(m.text):
            m.label, m.entity = "PERSON", surnames[_clean_name(m.text)]
            e = r.entities.get(m.entity or "")
            if e is not None:
                e.mentions.append(Evidence(text=m.text, start=m.start, end=m.end))
    for m in sorted(mentions, key=lambda m: -(m.tok_end - m.tok_start)):  # the innermost mention wins a token
        if m.label not in ("TOPIC",):
            for i in range(m.tok_start, m.tok_end):
                r.by_token[i] = m
    for m in mentions:
        _resolve_simple(p, r, m)
    place_bare_groups(p, r, mentions)
    place_named_bodies(p, r, mentions)
    _apply_roles(p, r, persons, published)
    treaties = [m for m in mentions if m.label == "TREATY"]
    _resolve_treaties(p, r, treaties, published)
    ordered = sorted(mentions, key=lambda m: m.start)
    for k, m in enumerate(ordered):
        if m.kind in ("title", "group") and m.label == "TITLE":
            ids = _entity_for_title(p, r, m, ordered[:k])
        elif m.kind == "pronoun":
            ids = _pronoun_target(p, r, m, ordered[:k], quotes)
        else:
            continue
        if ids:
            m.entity = ids[0]
            m.entities = ids
            m.reason = "title" if m.kind != "pronoun" else "pronoun, nearest agreeing person"
            for eid in ids:
                if m.kind != "pronoun" and len(ids) == 1:
                    _alias(r.entities[eid], m.text)
    _counterparts(r)
    for m in mentions:  # venues need their owners resolved
        if m.label == "VENUE":
            _resolve_venue(p, r, m)
    for m in mentions:
        if m.entity and m.kind != "pronoun":
            e = r.entities.get(m.entity)
            if e is not None and m.label != "PERSON" and not m.entities[1:]:
                e.mentions.append(Evidence(text=m.text, start=m.start, end=m.end))
    return r


def _resolve_simple(p: Parsed, r: Resolution, m: Mention) -> None:
    text = _clean_name(m.text)
    label = m.label
    if label in ("GPE", "NORP"):
        code = country_code(text)
        if code is None and label == "NORP" and m.tok_end - m.tok_start > 1:  # "Bosnian Serbs", "Iraqi Kurds"
            codes = {c for i in range(m.tok_start, m.tok_end) if (c := exact_country_code(p.tokens[i].text))}
            code = codes.pop() if len(codes) == 1 else None
        if code:
            if label == "NORP" and p.tokens[m.head].dep in ("amod", "compound", "nmod") and m.tok_end - m.tok_start == 1:
                m.kind = "demonym"
            ent = r.add(_country_entity(code))
            m.entity = ent.id
            m.reason = f"country name or demonym -> {code}"
            if label == "GPE":
                _alias(ent, text)
            return
        cap = capital_country(text)
        if label == "GPE" and cap and not is_locative(p, m.head):
            ent = r.add(_country_entity(cap))
            m.entity = ent.id
            m.reason = f"capital '{text}' used as an actor -> {cap}"
            _alias(ent, text)
            return
        if label == "GPE":
            core = re.sub(r"\s+(province|region|district|governorate|prefecture|oblast|county|city)$", "", text,
                          flags=re.IGNORECASE)  # "Kandahar province"
            country = cap or subdivision_country(text) or country_of_place(text) or (
                core != text and (subdivision_country(core) or country_of_place(core))) or None
            ent = r.add(Entity(id=f"place/{slug(text)}", type="Place", name=text, country=country,
                               resolution=("capital of " if cap else "place in ") + country if country else "place name"))
            m.entity = ent.id
        return
    if label == "SEAT":
        code, sector = seat_of_government(text)  # type: ignore[misc]
        if is_locative(p, m.head):
            ent = r.add(Entity(id=f"place/{slug(text)}", type="Place", name=text, country=code,
                               resolution=f"seat of the {country_name(code)} government"))
        else:
            ent = r.add(_country_entity(code))
            _alias(ent, "the " + text if not text.lower().startswith("the ") else text)
            m.reason = f"seat of government '{text}' used as an actor -> {code}"
        m.entity = ent.id
        return
    if label == "ORG":
        org = lookup_org(text)
        if org is not None:
            if org.place and is_locative(p, m.head):
                ent = r.add(Entity(id=f"place/{slug(org.name)}", type="Place", name=org.name, country=org.country))
            else:
                ent = r.add(Entity(id=f"org/{slug(org.name)}", type="Organization", name=org.name,
                                   country=org.country, actor_code=org.actor_code,
                                   resolution=f"known organisation {org.name} ({org.actor_code})"))
            _alias(ent, text)
            if org.acronym:
                _alias(ent, org.acronym)
            m.entity = ent.id
            return
        if text.isupper() and len(text) <= 3 or not any(ch.islower() for ch in text) and len(text) > 12:
            return
        country = None
        for i in range(m.tok_start, m.tok_end):  # "Radical French ...", "the Syrian Red Crescent"
            tok = p.tokens[i]
            if tok.ent_type in ("NORP", "GPE") or tok.text[:1].isupper() and tok.pos in ("ADJ", "PROPN"):
                country = country or exact_country_code(tok.text)
        ent = r.add(Entity(id=f"org/{slug(text)}", type="Organization", name=text, country=country,
                           actor_code=country, resolution="organisation name in text"))
        m.entity = ent.id
        return
    if label in ("FAC", "LOC"):
        country = country_code(text) or subdivision_country(text)
        ent = r.add(Entity(id=f"place/{slug(text)}", type="Place", name=text, country=country))
        m.entity = ent.id
        return
    if label == "GROUP":
        resolve_group(p, r, m, _resolve_simple)
        return
    if label == "TOPIC":
        ent = r.add(Entity(id=f"topic/{slug(m.reason)}", type="Topic", name=m.reason))
        m.entity = ent.id
        _alias(ent, text)


