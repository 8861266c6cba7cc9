"""Groups of people as actors: "Israeli troops", "Ivory Coast rebels", and bare "police" or "militants".

A group tied to a country or body in its own phrase belongs to it. A bare group takes the country its
sentence is set in (a place named there), else the dateline's, else the one country its sentence names;
with none of these it stays unresolved. The sector comes from PETRARCH2's agent dictionary.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.kb.countries import capital_country, country_code, country_name
from kg.kb.titles import lookup_title
from kg.stages.resolution import Resolution, _alias, _clean_name, _country_entity
from kg.types import Entity, Mention, Parsed

SECTOR_NAMES = {"REF": "refugees", "LAB": "labour", "HLH": "health workers", "GOV": "government", "MIL": "military", "REB": "rebels", "COP": "police", "OPP": "opposition",
                "LEG": "legislature", "JUD": "judiciary", "MED": "media", "CVL": "civilians", "BUS": "business",
                "SPY": "intelligence services", "PTY": "party", "UAF": "armed groups", "EDU": "students", "CRM": "criminals", "HRI": "rights groups"}  # fmt: skip


def group_entity(code: str, sector: str) -> Entity:
    sname = SECTOR_NAMES.get(sector, sector.lower())
    return Entity(id=f"org/{code.lower()}-{sector.lower()}", type="Organization", name=f"{country_name(code)} ({sname})",
                  country=code, actor_code=f"{code}{sector}", resolution=f"country {code} + sector {sector}")


_SECTOR_HINTS = {"militia": "REB", "rebel": "REB", "guerril": "REB", "soldier": "MIL", "troop": "MIL", "tank": "MIL",
                 "helicopter": "MIL", "warplane": "MIL", "jet": "MIL", "servicem": "MIL", "force": "MIL",
                 "police": "COP", "diplomat": "GOV", "official": "GOV", "negotiator": "GOV", "envoy": "GOV",
                 "delegat": "GOV", "leader": "GOV", "journalist": "MED", "newspaper": "MED", "businessm": "BUS",
                 "activist": "CVL", "student": "CVL", "youth": "CVL", "refugee": "REF", "settler": "CVL",
                 "protester": "CVL", "demonstrator": "CVL", "worker": "LAB", "doctor": "HLH", "hacker": "CVL"}  # fmt: skip


def _agent_sector(lemma: str) -> str | None:
    """The sector PETRARCH2's agent dictionary gives a group noun ("guerrilla" -> REB, "farmer" -> AGR)."""
    from kg.kb.orgs import actor_dictionary

    found = actor_dictionary().agent_index.find([lemma], 0)
    return found[1].code[:3] if found is not None and found[0] == 1 and found[1].code else None


def _sector_guess(lemma: str) -> str | None:
    """The agent dictionary's sector, then a few stems it lacks."""
    if (found := _agent_sector(lemma)) is not None:
        return found
    for k, v in _SECTOR_HINTS.items():
        if lemma.startswith(k):
            return v
    return None


def resolve_group(p: Parsed, r: Resolution, m: Mention, resolve_other: Callable[[Parsed, Resolution, Mention], None]
                  ) -> None:
    """Resolve GROUP mention ``m``; ``resolve_other`` resolves the mentions its phrase refers to."""
    head = p.tokens[m.head]
    sector = group_sector(p, m.head, m.tok_start)
    ids: list[str] = []
    for ref in (int(x) for x in m.reason.split(",") if x.strip().isdigit()):
        rm = next((x for x in r.mentions if x is not m and x.label in ("GPE", "NORP", "ORG", "SEAT", "LOC")
                   and x.tok_start <= ref < x.tok_end), None)
        code = None
        if rm is not None:
            if rm.entity is None:
                resolve_other(p, r, rm)
            e = r.entities.get(rm.entity or "")
            if e is not None and e.type == "Organization":
                ids.append(e.id)
                continue
            code = e.country if e is not None else None
        code = code or country_code(p.tokens[ref].text) or capital_country(p.tokens[ref].text)
        if code:
            ids.append(r.add(group_entity(code, sector)).id if sector else r.add(_country_entity(code)).id)
    if ids:
        m.entity, m.entities = ids[0], ids
        m.reason = f"group '{head.text}' of {', '.join(ids)}"
        if len(ids) == 1:
            _alias(r.entities[ids[0]], _clean_name(m.text))


def group_sector(p: Parsed, head: int, start: int | None = None, phrase_only: bool = False) -> str | None:
    """The sector of the group headed by token ``head``: the agent dictionary's longest phrase ending at the head
    ("armed men" -> UAF, not "men" -> PPL), then the office or the noun alone."""
    from kg.kb.orgs import actor_dictionary

    t = p.tokens[head]
    before = [x.lower for x in p.tokens[start if start is not None else head : head]]
    index = actor_dictionary().agent_index
    for words in (before + [t.lower], before + [t.lemma.lower()]):
        for i in range(len(words) - 1):
            found = index.find(words, i)
            if found is not None and found[0] == len(words) and found[1].code:
                return found[1].code[:3]
    if phrase_only:
        return None
    info = lookup_title(t.lower) or lookup_title(t.lemma)
    return (_agent_sector(t.lemma.lower()) or info.sector) if info else _sector_guess(t.lemma.lower())


def sentence_countries(r: Resolution, sent: int, besides: str | None = None,
                       labels: tuple[str, ...] = ("GPE", "NORP", "GROUP", "SEAT", "LOC", "FAC")) -> set[str]:
    """The countries a sentence names (by name, demonym, capital, place or group)."""
    return {e.country for x in r.mentions if x.sent == sent and x.entity and x.entity != besides and x.label in labels
            and (e := r.entities.get(x.entity)) and e.country}


def sentence_country(r: Resolution, sent: int, besides: str | None = None) -> str | None:
    """The one country a sentence names, if it names exactly one."""
    named = sentence_countries(r, sent, besides)
    return named.pop() if len(named) == 1 else None


def _setting_country(p: Parsed, r: Resolution, m: Mention) -> tuple[str, str] | None:
    """(country, why) for a bare group: the place its sentence is set in, the dateline, the sentence's country."""
    places = {e.country for x in r.mentions if x.sent == m.sent and x.entity and (e := r.entities.get(x.entity))
              and e.type == "Place" and e.country}
    if len(places) == 1:
        return places.pop(), "the place its sentence names"
    if r.home:
        return r.home, "the dateline"
    named = sentence_countries(r, m.sent, labels=("GPE", "NORP", "GROUP", "SEAT"))  # places were weighed above
    if len(named) == 1:
        return named.pop(), "the one country its sentence names"
    return None


def place_named_bodies(p: Parsed, r: Resolution, mentions: list[Mention]) -> None:
    """A party, union or front named in the text with no country of its own ("the Umma party said it will
    boycott Algeria's elections") acts in the one country its sentence names; the agent dictionary gives
    the sector from the name's head word."""
    for m in mentions:
        e = r.entities.get(m.entity or "")
        if m.label != "ORG" or e is None or e.country or e.actor_code or e.resolution != "organisation name in text":
            continue
        sector = group_sector(p, m.head, m.tok_start)
        if sector in (None, "PPL", "IGO", "NGO") or (code := sentence_country(r, m.sent, e.id)) is None:
            continue
        e.country, e.actor_code = code, code + sector
        e.resolution += f"; sector {sector} from its name, country {code}: the one country its sentence names"


def place_bare_groups(p: Parsed, r: Resolution, mentions: list[Mention]) -> None:
    """Give bare groups ("police", "militants") the country of their setting, once places are resolved."""
    for m in mentions:  # bare ones, and those whose own word names no country ("Rohingya refugees")
        if m.label != "GROUP" or m.entity:
            continue
        sector = group_sector(p, m.head, m.tok_start)
        found = _setting_country(p, r, m)
        if sector is None or found is None:
            continue
        code, why = found
        ent = r.add(group_entity(code, sector))
        m.entity, m.entities = ent.id, [ent.id]
        m.reason = f"group '{p.tokens[m.head].text}' placed in {code} by {why}"
