"""Offices people hold, read from the words around their names.

"Russian President Vladimir V. Putin" (a title before the name), "Bush's national
security advisor, Condoleezza Rice" and "Rice, the national security adviser"
(apposition) each give a :class:`RoleFact`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.kb.countries import country_code
from kg.kb.orgs import lookup_org
from kg.kb.titles import TitleInfo, lookup_title, match_title
from kg.types import Mention, Parsed

_PREFIX_DEPS = {"compound", "amod", "nmod", "poss", "det", "case", "punct", "nummod", "npadvmod"}


@dataclass(slots=True)
class RoleFact:
    person: Mention  # the name mention
    info: TitleInfo
    title_text: str
    country: str | None  # ISO3 from a demonym or country name next to the title
    org: str | None  # organisation name next to the title ("UN Secretary-General")
    owner_tok: int | None  # token of a possessor: "Bush's" in "Bush's national security advisor"
    former: bool
    sent: int


def _title_of(words: list[str]) -> tuple[TitleInfo, str] | None:
    """The longest known title ending the word list: ['junior', 'foreign', 'minister']."""
    low = [w.lower() for w in words]
    for s in range(len(low)):
        m = match_title(low[s:])
        if m and m[0] == len(low) - s:
            return m[1], " ".join(words[s:])
    return None


def _read_modifiers(p: Parsed, idxs: list[int]) -> tuple[list[str], str | None, str | None, int | None, bool]:
    words: list[str] = []
    country = org = None
    owner = None
    former = False
    ent_at = {j: e for e in p.ents if e.label in ("NORP", "GPE") for j in range(e.start, e.end)}
    done: set[int] = set()
    for i in idxs:
        t = p.tokens[i]
        if i in done:
            continue
        if i in ent_at and t.dep != "poss":  # "South Korean": the whole demonym, not its words
            e = ent_at[i]
            code = country_code(e.text)
            done.update(range(e.start, e.end))
            if code:
                country = code
                continue
        if t.dep == "poss" or (i + 1 < len(p.tokens) and p.tokens[i + 1].text in ("'s", "’s") and t.pos == "PROPN"):
            owner = i
            code = country_code(t.text)
            if code:
                country = code
            continue
        if t.text in ("'s", "’s") or t.pos in ("DET", "PUNCT"):
            continue
        if t.lower in ("former", "ex", "then", "late", "outgoing"):
            former = True
            continue
        o = lookup_org(t.text)
        if o is not None and t.text[:1].isupper():
            org = o.name
            country = country or o.country
            continue
        code = country_code(t.text) if t.ent_type in ("NORP", "GPE") or t.text[:1].isupper() else None
        if code and not lookup_title(t.text):
            country = code
            continue
        words.append(t.text)
    return words, country, org, owner, former


def _reaches(p: Parsed, i: int, inside: set[int]) -> bool:
    """Does token i hang (through at most five heads, all left of the name) from the name?"""
    h = i
    for _ in range(6):
        h = p.tokens[h].head
        if h in inside:
            return True
        if h > max(inside) or p.tokens[h].head == h:
            return False
    return False


def prefix_roles(p: Parsed, m: Mention) -> RoleFact | None:
    """A title written before a name: "Zimbabwean Prime Minister Robert Mugabe"."""
    toks = p.tokens
    idxs: list[int] = []
    i = m.tok_start - 1
    inside = set(range(m.tok_start, m.tok_end))
    while i >= 0 and toks[i].sent == m.sent:
        t = toks[i]
        of_phrase = t.dep in ("prep", "pobj") and (t.lower == "of" or t.text[:1].isupper())  # "Secretary of State"
        if (t.dep not in _PREFIX_DEPS and not of_phrase) or t.text in (",", "(", ")") or not _reaches(p, t.i, inside):
            break
        idxs.insert(0, i)
        inside.add(i)
        i -= 1
    if not idxs:
        return None
    words, country, org, owner, former = _read_modifiers(p, idxs)
    found = _title_of(words) if words else None
    if not found:
        return None
    info, text = found
    return RoleFact(m, info, text, country, org, owner, former, m.sent)


def appositive_roles(p: Parsed, m: Mention) -> RoleFact | None:
    """A title in apposition: "Condoleezza Rice, Bush's national security advisor"."""
    toks = p.tokens
    head = toks[m.head]
    cands: list[int] = []
    if head.dep == "appos":
        cands.append(head.head)
    cands += [c.i for c in p.children(m.head) if c.dep == "appos"]
    for ti in cands:
        t = toks[ti]
        if t.pos not in ("NOUN", "PROPN") or m.tok_start <= ti < m.tok_end:
            continue
        mods = [c.i for c in p.children(ti) if c.i < ti and c.dep in _PREFIX_DEPS]
        left = sorted({j for c in mods for j in p.subtree(c)})
        words, country, org, owner, former = _read_modifiers(p, left)
        found = _title_of([*words, t.text])
        if not found:
            if country or org:  # "Algeria's leading human rights activist": a tie to a country, not an office
                return RoleFact(m, TitleInfo(t.text, ""), t.text, country, org, None, former, m.sent)
            continue
        info, text = found
        # "X, president of Russia" / "secretary-general of the United Nations"
        for c in p.children(ti):
            if c.dep == "prep" and c.lower == "of":
                for g in p.children(c.i):
                    span = p.span_text(min(p.subtree(g.i)), max(p.subtree(g.i)) + 1)
                    o = lookup_org(span)
                    if o:
                        org, country = o.name, country or o.country
                    elif country_code(span):
                        country = country_code(span)
        return RoleFact(m, info, text, country, org, owner, former, m.sent)
    return None


def find_roles(p: Parsed, person_mentions: list[Mention]) -> list[RoleFact]:
    """Every role stated next to a person's name."""
    out = []
    for m in person_mentions:
        for f in (prefix_roles(p, m), appositive_roles(p, m)):
            if f is not None and not f.former:
                out.append(f)
    return out
