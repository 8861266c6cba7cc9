"""Find mentions: named entities, titles, pronouns, groups, treaties, topics, venues.

Input: a :class:`Parsed` article. Output: :class:`Mention` records, sorted by offset.
Nothing is resolved here; :mod:`kg.stages.resolve` decides what each mention means.
"""

from __future__ import annotations

import re

from kg.kb.countries import (
    capital_country,
    country_code,
    exact_country_code,
    seat_of_government,
    subdivision_country,
)
from kg.kb.leaders import country_of_place
from kg.kb.orgs import lookup_org
from kg.kb.titles import lookup_title
from kg.stages.groups import group_sector
from kg.stages.phrase_mentions import TREATY_HEADS, topic_mentions, treaty_mentions, venue_mentions
from kg.stages.spans import _make
from kg.types import Mention, Parsed, Token

ACTOR_LABELS = {"PERSON", "GPE", "NORP", "ORG", "FAC", "LOC", "LAW"}
PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
            "they": "p", "them": "p", "their": "p", "it": "n", "its": "n"}  # fmt: skip
PLACE_ORG_HEADS = {"school", "center", "centre", "hotel", "house", "hall", "building", "airport", "base",
                   "university", "college", "museum", "stadium", "square", "bridge", "port", "palace",
                   "camp", "cathedral", "mosque", "church", "temple", "park", "street", "avenue", "plaza"}  # fmt: skip
COLLECTIVE = {"government", "administration", "army", "military", "police", "opposition", "parliament", "court",
              "media", "ministry", "cabinet", "regime", "leadership", "junta", "navy", "intelligence", "embassy",
              "delegation", "party", "newspaper", "authorities", "television", "radio", "militia", "mission",
              "foreign ministry", "air force", "people", "population", "industry"}  # fmt: skip
APPOSED_PERSON_NOUNS = {"wife", "husband", "spouse", "son", "daughter", "brother", "sister", "father", "mother",
                        "adviser", "advisor", "aide", "spokesman", "spokeswoman", "envoy", "minister", "secretary",
                        "counterpart", "deputy", "successor", "predecessor", "rival", "leader", "chief"}  # fmt: skip
_NOT_OFFICES = {"government", "administration", "official", "officials", "delegation", "mission", "embassy",
                "ministry", "cabinet", "regime", "authorities", "leadership"}
GROUP_WORDS = {"two", "both", "each", "all"}
NOT_NATIONAL = {"international", "foreign", "multinational", "global", "overseas", "western", "outside"}
_JUNK = re.compile(r"^[\W\d_]+$")


def _ent_ok(text: str) -> bool:
    t = text.strip()
    return bool(t) and "\n" not in t and not _JUNK.match(t) and len(t) < 120


def _trim_span(p: Parsed, s: int, e: int) -> tuple[int, int]:
    toks = p.tokens
    while s < e and (toks[s].lower in ("the", "a", "an") or toks[s].pos in ("PUNCT", "SPACE")):
        s += 1
    while e > s and (toks[e - 1].pos in ("PUNCT", "SPACE", "PART") or toks[e - 1].text in ("'s", "’s")):
        e -= 1
    return s, e


def _inside_title(p: Parsed, s: int, e: int) -> bool:
    """Is the span a word of a known office written around it ("Secretary of State", "Defence Minister")?"""
    if e - s > 2 or lookup_org(p.text[p.tokens[s].idx : p.tokens[e - 1].end]) is not None:
        return False
    toks = p.tokens
    for a in range(max(0, s - 3), s + 1):
        for b in range(e, min(len(toks), e + 2) + 1):
            if (a, b) != (s, e) and lookup_title(" ".join(t.lower for t in toks[a:b])) is not None:
                return True
    return False


LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "across", "inside", "throughout", "into", "from",
                  "towards", "toward", "to", "beyond", "within"}  # fmt: skip


PLACE_WORDS = {"city", "town", "village", "province", "region", "district", "port", "state", "capital", "outskirts",
               "suburb", "suburbs", "area", "county", "township", "townships", "streets", "centre", "center"}  # fmt: skip


def _after_locative(p: Parsed, s: int) -> bool:
    """Does the span follow a preposition of place ("near Aleppo", "in the Sinai")?"""
    i = s - 1
    if i >= 0 and p.tokens[i].lower == "the":
        i -= 1
    if i >= 1 and p.tokens[i].lower == "of":  # "the Malian town of Gao"
        return p.tokens[i - 1].lemma.lower() in PLACE_WORDS
    return i >= 0 and p.tokens[i].lower in LOCATIVE_PREPS


def _is_place_name(p: Parsed, s: int, e: int, label: str, txt: str) -> bool:
    """A city, province or region the dictionaries place in a country, whatever label the NER gave it. Names
    the NER took for people or bodies count only after a preposition of place ("Farah said" is a person)."""
    if label == "NORP" or e - s > 4 or not txt[:1].isupper() or country_code(txt):
        return False  # country names and demonyms are countries, whatever the place lists say
    if not (capital_country(txt) or country_of_place(txt)):
        return False
    return label in ("GPE", "LOC", "FAC", "LANGUAGE") or _after_locative(p, s) or (
        label == "PERSON" and e - s == 1 and capital_country(txt) is not None)


def entity_mentions(p: Parsed) -> list[Mention]:
    """Named-entity mentions from the NER spans, cleaned and relabelled by the knowledge bases."""
    out: list[Mention] = []
    for ent in p.ents:
        if ent.label not in ACTOR_LABELS and not (ent.label == "LANGUAGE" and _is_place_name(
                p, ent.start, ent.end, ent.label, ent.text)) or not _ent_ok(ent.text):
            continue  # "near Aleppo" tagged LANGUAGE is a place
        s, e = _trim_span(p, ent.start, ent.end)
        if s >= e:
            continue
        if ent.label in ("ORG", "GPE", "NORP") and _inside_title(p, s, e):
            continue  # "State" in "Secretary of State", "Defence" in "Defence Minister": part of an office
        toks = p.tokens
        while ent.label == "PERSON" and e + 1 < len(toks) and toks[e].text == "-" and not toks[e - 1].ws \
                and not toks[e].ws and toks[e + 1].text.isalpha():
            e += 2  # "Yoon Suk-yeol": hyphenated names the NER cut short
        # "Crawford High School" style venues, organisations known to the KB, countries hiding as PERSON/ORG
        m = _make(p, s, e, ent.label)
        txt = m.text
        org = lookup_org(txt, dictionaries=ent.label != "PERSON")  # "Khaled Meshaal" is a person, whatever the alias
        if seat_of_government(txt):
            m.label = "SEAT"
        elif org is not None:
            m.label = "ORG"
        elif ent.label in ("PERSON", "ORG", "LOC", "FAC") and exact_country_code(txt):
            m.label = "GPE"
        elif ent.label != "GPE" and _is_place_name(p, s, e, ent.label, txt):
            m.label = "GPE"  # "visited Kyiv", "fighting near Luhansk", "in the Sinai": places the NER mislabelled
        elif ent.label == "ORG" and p.tokens[e - 1].lower in PLACE_ORG_HEADS:
            m.label = "FAC"
        elif ent.label == "GPE" and not country_code(txt) and not capital_country(txt) and not subdivision_country(txt):
            m.label = "GPE"
        if ent.label == "LAW" or p.tokens[e - 1].lower in TREATY_HEADS and p.tokens[e - 1].text[:1].isupper():
            m.label = "TREATY"  # "the Camp David Accords" is an agreement, whatever the NER said (never a place)
        head = p.tokens[m.head]
        if ent.label in ("ORG", "GPE", "NORP") and head.dep == "appos" and p.tokens[head.head].lemma.lower() in \
                APPOSED_PERSON_NOUNS and len(txt.split()) in (2, 3) and not lookup_org(txt):
            m.label = "PERSON"  # "his wife, Sophie Gregoire": a person, whatever the NER said
        if m.label == "PERSON" and (lookup_title(txt) or txt.isupper() and len(txt) > 6):
            continue
        out.append(m)
    return out


def gazetteer_mentions(p: Parsed, taken: set[int]) -> list[Mention]:
    """Countries, organisations and seats of government the NER missed ("the Kremlin", "NATO")."""
    out: list[Mention] = []
    toks = p.tokens
    i = 0
    while i < len(toks):
        if i in taken or not (toks[i].text[:1].isupper() or toks[i].text in ("U.S.", "U.N.")):
            i += 1
            continue
        hit = None
        for n in range(min(6, len(toks) - i), 0, -1):
            if any(j in taken for j in range(i, i + n)):
                continue
            txt = p.text[toks[i].idx : toks[i + n - 1].end]
            if "\n" in txt:
                continue
            if seat_of_government(txt):
                hit = (n, "SEAT")
            elif lookup_org(txt):
                hit = (n, "ORG")
            elif n <= 3 and toks[i].pos == "PROPN" and country_code(txt) and len(txt) > 3:
                hit = (n, "GPE")
            elif n <= 2 and all(t.pos == "PROPN" for t in toks[i : i + n]) and capital_country(txt):
                hit = (n, "GPE")  # a capital the NER missed ("send systems to Kyiv")
            if hit:
                break
        if hit:
            n, label = hit
            out.append(_make(p, i, i + n, label))
            taken.update(range(i, i + n))
            i += n
        else:
            i += 1
    return out


def title_mentions(p: Parsed, taken: set[int]) -> list[Mention]:
    """Noun phrases that point at people by office: "the Russian president", "the two leaders"."""
    out: list[Mention] = []
    toks = p.tokens
    for t in toks:
        if t.i in taken or t.pos not in ("NOUN", "PROPN") or t.dep in ("compound",):
            continue
        info = lookup_title(t.lemma) or lookup_title(t.lower)
        if t.lower != "counterpart" and (info is None or info.sector not in ("GOV", "MIL", "OPP", "LEG")
                                         or t.lower in _NOT_OFFICES):
            continue  # only the offices people hold; agencies and collectives are groups
        kids = [c for c in p.children(t.i)]
        if any(c.ent_type == "PERSON" or c.dep == "appos" and c.ent_type == "PERSON" for c in kids):
            continue  # "President Bush", "the president, George Bush": roles, not a title mention
        if t.ent_type == "PERSON":
            continue
        left = [c for c in kids if c.i < t.i and c.dep in ("det", "amod", "compound", "nummod", "poss", "predet")]
        s = min([c.i for c in left] + [t.i])
        # the words must be contiguous: take the smallest contiguous span ending at t
        while s < t.i and toks[s].dep not in ("det", "amod", "compound", "nummod", "poss", "predet"):
            s += 1
        words = [x.lower for x in toks[s : t.i + 1]]
        plural = t.tag in ("NNS", "NNPS") or any(w in GROUP_WORDS for w in words)
        determined = any(w in ("the", "his", "her", "their", "its", "each", "both", "two") for w in words) or any(
            toks[j].ent_type in ("NORP", "GPE") for j in range(s, t.i)
        ) or any(c.dep == "poss" for c in left)  # "Mozambique's president", whatever the NER made of the owner
        if not determined:
            continue
        if any(j in taken and toks[j].ent_type not in ("NORP", "GPE") for j in range(s, t.i + 1)):
            s = t.i
        m = _make(p, s, t.i + 1, "TITLE", "group" if plural else "title", head=t.i)
        out.append(m)
    return out


PEOPLE_NOUNS = {"businessman", "businessmen", "journalist", "doctor", "missionary", "activist", "student", "soldier",
                "officer", "diplomat", "official", "spokesman", "spokeswoman", "lawyer", "priest", "worker", "farmer",
                "refugee", "tourist", "citizen", "national", "servicemen", "serviceman", "militiaman", "militiamen",
                "youth", "settler", "guerrilla", "guerilla", "fighter", "hacker", "hostage", "prisoner", "detainee",
                "pilot", "sailor", "monk", "cleric", "opposition", "delegation", "envoy", "negotiator", "mediator",
                "helicopter", "tank", "warplane", "jet", "ship", "troop", "force", "plane", "aircraft", "group",
                "faction", "movement", "union", "agency", "side", "community", "supporter", "demonstrator",
                "protester", "resident", "villager", "civilian", "leader", "representative", "member"}  # fmt: skip
_GROUP_STOP = {"language", "city", "town", "village", "border", "territory", "capital", "soil", "economy", "currency",
               "history", "election", "constitution", "war", "culture", "island", "region", "province", "coast",
               "waters", "airspace", "law", "court", "plan", "proposal", "policy", "interest", "relation", "tie",
               "official", "sector", "zone", "side", "part", "area", "position", "embassy", "people"}  # fmt: skip
PERSON_OFFICES = {"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "minister",
                  "ambassador", "secretary", "envoy", "leader", "general", "commander", "spokesman", "spokeswoman",
                  "counterpart", "chairman", "governor", "mayor", "senator"}  # fmt: skip


def _is_actor_noun(t) -> bool:  # noqa: ANN001
    low, lem = t.lower, t.lemma.lower()
    if lem in _GROUP_STOP and t.tag not in ("NNS", "NNPS") and not (lem == "court" and t.dep == "nsubj"):
        return False
    return (t.tag in ("NNS", "NNPS") or low in COLLECTIVE or lem in PEOPLE_NOUNS or lookup_title(low) is not None
            or low.endswith(("man", "men", "ist", "ists")))


def _is_people_noun(t) -> bool:  # noqa: ANN001
    """Nouns for people or bodies of people ("forces", "activists"), not things ("talks", "missiles")."""
    low, lem = t.lower, t.lemma.lower()
    return (low in COLLECTIVE or lem in PEOPLE_NOUNS or lookup_title(low) is not None
            or lookup_title(lem) is not None or low.endswith(("man", "men", "ist", "ists")))


def _agent_phrase(p: Parsed, t: Token) -> bool:
    """Is ``t`` the head of a multi-word agent of the dictionary ("coast guard", "border police")?"""
    left = [c.i for c in p.children(t.i) if c.dep == "compound" and c.i < t.i]
    return bool(left) and group_sector(p, t.i, min(left), phrase_only=True) not in (None, "PPL")


def _bare_group(p: Parsed, t: Token, mods: list[Token]) -> bool:
    """"police", "the militants", "protesters": a group the agent dictionary knows, named by no country or
    body in its phrase (its country comes from the setting, in resolution)."""
    if t.pos != "NOUN" or not (t.tag == "NNS" or t.lower in COLLECTIVE) or not _is_people_noun(t):
        return False
    if any(c.dep == "poss" for c in mods) or any(c.dep == "prep" and c.lower in ("of", "from", "for", "with")
                                                 for c in p.children(t.i)):
        return False  # "their supporters", "observers from the OSCE": someone else's
    if t.dep == "pobj" and p.tokens[t.head].lower == "of":
        return False  # "a mission of observers": part of a larger body
    if any(c.lower in GROUP_WORDS for c in p.children(t.i)):
        return False  # "both men", "the two sides": people named before
    if any(c.lower in NOT_NATIONAL for c in mods):
        return False  # "international monitors", "foreign journalists": not of the setting's country
    return group_sector(p, t.i, min([c.i for c in mods] + [t.i])) not in (None, "PPL")  # "men", "people": anyone


def group_mentions(p: Parsed, taken: set[int], named: list[Mention]) -> list[Mention]:
    """Groups tied to a country or body: "Israeli troops", "Ivory Coast rebels", "security forces in Guinea".

    ``reason`` lists the tokens (comma-separated) that name the country or body.
    """
    out: list[Mention] = []
    toks = p.tokens
    at: dict[int, Mention] = {}
    for m in named:
        for i in range(m.tok_start, m.tok_end):
            at[i] = m
    for t in toks:
        if t.i in taken or t.pos not in ("NOUN", "PROPN") or t.dep == "compound" or t.ent_type == "PERSON":
            continue
        if not (_is_actor_noun(t) or _agent_phrase(p, t)) or toks[t.head].ent_type == "PERSON":
            continue
        if t.tag in ("NN", "NNP") and t.lower in PERSON_OFFICES:
            continue  # one unnamed office holder: a title mention
        refs: list[int] = []
        mods = [c for c in p.children(t.i) if c.i < t.i and c.dep in ("amod", "compound", "poss", "nmod")]
        for c in mods:
            for x in [c, *[g for g in p.children(c.i) if g.dep == "conj"]]:
                if x.i in at and at[x.i].label in ("GPE", "NORP", "ORG", "SEAT", "LOC"):
                    refs.append(at[x.i].head)
                elif country_code(x.text) or capital_country(x.text):
                    refs.append(x.i)
        for c in p.children(t.i):
            if c.dep == "prep" and c.lower in ("in", "from") and not refs and _is_people_noun(t):
                for g in p.children(c.i):
                    if g.dep == "pobj" and g.i in at and at[g.i].label in ("GPE", "NORP", "SEAT", "ORG"):
                        refs.append(at[g.i].head)
        if not refs and not _bare_group(p, t, mods):
            continue
        s = min([c.i for c in mods] + [t.i])
        for j in range(s, t.i):
            if toks[j].ent_type == "PERSON":
                s = j + 1
        if s > 0 and toks[s - 1].lower == "the":
            s -= 1
        m = _make(p, s, t.i + 1, "GROUP", "phrase", head=t.i)
        m.reason = ",".join(str(r) for r in dict.fromkeys(refs))
        out.append(m)
        taken.update(x for x in range(s, t.i + 1) if x not in at)
    return out


def pronoun_mentions(p: Parsed, taken: set[int]) -> list[Mention]:
    return [_make(p, t.i, t.i + 1, "PRON", "pronoun") for t in p.tokens
            if t.lower in PRONOUNS and t.i not in taken and t.pos in ("PRON", "DET")]  # fmt: skip


def dictionary_mentions(p: Parsed, ents: list[Mention]) -> list[Mention]:
    """Organisations of the actor dictionaries named in two or more capitalised words. The longest name
    wins over the NER's pieces: "Lockheed Martin" is one company, not "Lockheed" and a man called Martin.
    A name the NER reads as one person stays a person."""
    from kg.kb.orgs import actor_dictionary, known_name_index

    words = [t.lower for t in p.tokens]
    out = []
    found = {(s, e) for idx in (known_name_index(), actor_dictionary().actor_index) for s, e, _ in idx.scan(words)}
    end = -1
    for s, e in sorted(found, key=lambda x: (x[0], -x[1])):  # the two indexes' matches: longest, no overlaps
        if s < end:
            continue
        toks = p.tokens[s:e]
        if e - s < 2 or not toks[0].text[:1].isupper() or any(t.sent != toks[0].sent for t in toks) \
                or toks[-1].lower in TREATY_HEADS:
            continue  # a "... Free Trade Agreement" is a treaty, whatever a dictionary files it under
        if any(m.label == "PERSON" and m.tok_start == s and m.tok_end == e for m in ents):
            continue
        m = _make(p, s, e, "ORG")
        if lookup_org(m.text) is not None:
            out.append(m)
            end = e
    return out


def find_mentions(p: Parsed) -> list[Mention]:
    """All mentions of an article, sorted by position."""
    ents = entity_mentions(p)
    # longest wins: a dictionary name inside a longer NER name ("the Syrian Red Crescent") gives way to it;
    # NER pieces of a longer dictionary name ("Lockheed" + "Martin") give way to the name
    known = [k for k in dictionary_mentions(p, ents) if not any(
        m.tok_start <= k.tok_start and k.tok_end <= m.tok_end and (m.tok_start, m.tok_end) != (k.tok_start, k.tok_end)
        for m in ents)]
    ents = [m for m in ents if not any(k.tok_start < m.tok_end and m.tok_start < k.tok_end for k in known)] + known
    taken: set[int] = set()
    for m in ents:
        taken.update(range(m.tok_start, m.tok_end))
    treaties = treaty_mentions(p, taken)
    # a name inside a treaty's name is part of it: "Camp David" in "the Camp David Accords" is no place here
    ents = [m for m in ents if not any(t.tok_start <= m.tok_start and m.tok_end <= t.tok_end and (
        m.label == "TREATY" or (t.tok_start, t.tok_end) != (m.tok_start, m.tok_end)) for t in treaties)]
    mentions = ents + treaties
    mentions += gazetteer_mentions(p, taken)
    mentions += group_mentions(p, taken, mentions)
    mentions += venue_mentions(p, taken)
    mentions += title_mentions(p, taken)
    mentions += pronoun_mentions(p, taken)
    named = [m for m in mentions if m.label in ("FAC", "ORG", "TREATY", "LOC", "SEAT")]
    mentions += [t for t in topic_mentions(p)
                 if not any(n.tok_start <= t.tok_start and t.tok_end <= n.tok_end for n in named)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions
