"""Who did it to whom, and where: the arguments of an event trigger, read from the dependency parse.

Subjects (through coordination, control and relative clauses), passive agents, objects and the
prepositions a frame names; the owners of objects; the country of a place an action is applied to.
"""

from __future__ import annotations

from kg.stages.groups import group_entity, group_sector, sentence_country
from kg.stages.lexicon import NOUNS, Frame
from kg.stages.mentions import PEOPLE_NOUNS
from kg.stages.resolution import Resolution, is_locative
from kg.types import Event, Parsed, Token

ACTOR_PREFIXES = ("person/", "country/", "org/")


QUANTITY_NOUNS = {"score", "hundred", "thousand", "dozen", "million", "number", "group", "member", "some", "many",
                  "most", "all", "position", "unit", "part", "majority", "rest", "none", "each", "both", "delegation"}


PLACE_NOUNS = {"city", "town", "village", "capital", "region", "province", "border", "area", "district", "territory",
               "camp", "enclave", "port", "coast", "island", "state", "country", "soil"}


GENERIC_HEADS = {"leader", "official", "representative", "delegation", "delegate", "envoy", "negotiator", "side",
                 "member", "minister", "diplomat", "group", "team", "faction", "movement", "network", "organization",
                 "organisation", "party", "wing", "branch", "cell", "unit", "coalition", "alliance", "regime"}  # fmt: skip



def _actors(p: Parsed, r: Resolution, i: int, depth: int = 0) -> list[str]:
    """Actor entity ids a token stands for, following coordination and apposition."""
    if depth > 4:
        return []
    out: list[str] = []
    m = r.mention_at(i)
    t = p.tokens[i]
    if m is not None and m.entity and m.label not in ("TOPIC", "TREATY", "VENUE", "FAC", "LOC"):
        ids = m.entities or [m.entity]
        out += [e for e in ids if e.startswith(ACTOR_PREFIXES)]
    if not out and t.pos == "NOUN":
        # "positions held by rebels", "sanctions imposed by Washington": the holder of the thing
        for c in p.children(i):
            if c.dep == "acl" and p.tokens[c.i].tag == "VBN":
                for a in p.children(c.i):
                    if a.dep == "agent":
                        for g in p.children(a.i):
                            if g.dep == "pobj":
                                out += _actors(p, r, g.i, depth + 1)
    if not out and t.lemma.lower() in QUANTITY_NOUNS:
        for c in p.children(i):
            if c.dep == "prep" and c.lower == "of":
                for g in p.children(c.i):
                    if g.dep == "pobj":
                        out += _actors(p, r, g.i, depth + 1)
    if not out and t.lemma in GENERIC_HEADS:  # "Osama bin Laden's al-Qaeda network": the network is al-Qaeda
        for c in p.children(i):
            if c.dep in ("compound", "nmod") and c.i < i:
                out += _actors(p, r, c.i, depth + 1)
    if not out:
        for c in p.children(i):
            if c.dep == "appos" or (c.dep in ("compound", "poss", "amod") and t.lemma in GENERIC_HEADS):
                out += _actors(p, r, c.i, depth + 1)
            elif c.dep == "prep" and c.lower in ("from", "of") and (t.lemma in GENERIC_HEADS or t.lemma in PEOPLE_NOUNS):
                for g in p.children(c.i):
                    if g.dep == "pobj":
                        out += _actors(p, r, g.i, depth + 1)
    for c in p.children(i):
        if c.dep == "conj":
            out += _actors(p, r, c.i, depth + 1)
    seen: list[str] = []
    for e in out:
        if e not in seen:
            seen.append(e)
    return seen



def _child(p: Parsed, i: int, *deps: str) -> list[Token]:
    return [c for c in p.children(i) if c.dep in deps]



def _subject(p: Parsed, r: Resolution, v: int, depth: int = 0) -> tuple[list[str], bool]:
    """(subject actors, passive?) of verb ``v``; inherits through conj, xcomp and relative clauses."""
    toks = p.tokens
    subj = _child(p, v, "nsubj", "csubj")
    if subj:
        found = _actors(p, r, subj[0].i)
        if not found and subj[0].lemma.lower() in NOUNS:  # "US drone attacks killed ...": whose attacks
            left = [j for c in p.children(subj[0].i) if c.dep in ("compound", "amod", "poss", "nmod")
                    for j in p.subtree(c.i)]
            for j in left:
                found += [a for a in _actors(p, r, j) if a not in found]
        return found, False
    pas = _child(p, v, "nsubjpass")
    if pas:
        agent = [g for a in _child(p, v, "agent") for g in _child(p, a.i, "pobj")]
        return (_actors(p, r, agent[0].i) if agent else []), True
    t = toks[v]
    if depth < 3 and t.head != v:
        head = toks[t.head]
        if t.dep == "conj" and head.pos in ("VERB", "AUX"):
            return _subject(p, r, head.i, depth + 1)
        if t.dep == "xcomp" and head.pos == "ADJ" and head.head != head.i:  # "is willing to withdraw"
            return _subject(p, r, head.head, depth + 1)
        if t.dep in ("xcomp", "advcl") and head.pos in ("VERB", "AUX"):
            obj = _child(p, head.i, "dobj")
            if obj and head.lemma in ("invite", "urge", "ask", "call", "press", "persuade", "allow", "force"):
                return _actors(p, r, obj[0].i), False
            return _subject(p, r, head.i, depth + 1)
        if t.dep == "acl" and t.tag == "VBN":
            agent = [g for a in _child(p, v, "agent") for g in _child(p, a.i, "pobj")]
            if agent:
                return _actors(p, r, agent[0].i), False
            return [], True  # "a guard involved in a shooting": the noun is the patient; the doer is not named
        if t.dep == "acl" and head.pos == "NOUN":
            poss = [c for c in p.children(head.i) if c.dep == "poss"]
            if poss:
                return _actors(p, r, poss[0].i), False
            if head.dep in ("dobj", "attr") and p.tokens[head.head].pos in ("VERB", "AUX"):
                return _subject(p, r, head.head, depth + 1)
        if t.dep in ("relcl", "acl") and head.pos in ("NOUN", "PROPN", "PRON"):
            return _actors(p, r, head.i), False
    return [], False



def _targets(p: Parsed, r: Resolution, v: int, frame: Frame, passive: bool) -> list[str]:
    out: list[str] = []
    for c in p.children(v):
        if c.dep in ("dobj", "obj") and "dobj" in frame.targets and not passive or c.dep == "nsubjpass" and "dobj" in frame.targets:
            out += _actors(p, r, c.i)
        elif c.dep == "dative" and ("dative" in frame.targets or "to" in frame.targets):
            out += _actors(p, r, c.i) or [a for g in _child(p, c.i, "pobj") for a in _actors(p, r, g.i)]
        elif c.dep in ("prep", "agent") and c.lower in frame.targets and c.dep != "agent":
            for g in _child(p, c.i, "pobj"):
                if c.lower in ("to", "in") and frame.mode == "visit" or not is_locative(p, g.i) or c.lower in (
                        "with", "against", "between", "from", "of", "on", "for"):
                    out += _actors(p, r, g.i)
                    out += _place_country(p, r, g.i) if frame.mode == "visit" else []
        elif c.dep == "prt" and frame.targets and c.lower in frame.targets:
            pass
    return list(dict.fromkeys(out))



def _place_country(p: Parsed, r: Resolution, i: int) -> list[str]:
    m = r.mention_at(i)
    if m and m.entity and m.entity.startswith("place/"):
        e = r.entities[m.entity]
        if e.country:
            return [f"country/{e.country}"] if f"country/{e.country}" in r.entities else []
    return []



def _both_ways(participants: list[str]) -> tuple[list[str], list[str]]:
    """A reciprocal event ("A and B agreed"): the first-named side is the source, the others the
    targets, and ``reciprocal`` says it runs both ways (no actor is listed acting on itself)."""
    return list(participants[:1]), list(participants[1:])



BORDER_NOUNS = {"border", "frontier", "boundary"}


def _owners(p: Parsed, r: Resolution, i: int) -> list[str]:
    """The actors noun ``i`` names, or else whose it is: "imports of Iranian oil", "support for Argentina's claim"."""
    return _actors(p, r, i) or [a for g in p.children(i) if g.dep in ("poss", "amod", "compound")
                                for a in _actors(p, r, g.i)] or _agent_modifier(p, r, i)


def _agent_modifier(p: Parsed, r: Resolution, i: int) -> list[str]:
    """"a government transport plane", "rebel boats": a thing owned by a group the agent dictionary knows, of the
    one country its sentence names."""
    for g in p.children(i):
        if g.dep == "compound" and g.pos == "NOUN" and (sector := group_sector(p, g.i)) not in (None, "PPL") and (
                code := sentence_country(r, g.sent)):
            return [r.add(group_entity(code, sector)).id]
    return []


def _fallback_targets(p: Parsed, r: Resolution, v: int, source: list[str]) -> list[str]:
    """Targets the frame did not name: the owner of the object ("rejected a Senegalese plan",
    "dismissed an appeal from X"), the complement's own targets ("offered to hand over to Britain"),
    and actors after to/with/against anywhere in the clause."""
    out: list[str] = []
    # "massed tanks on its border with Syria": the country across the border
    for j in p.subtree(v):
        x = p.tokens[j]
        if x.lemma.lower() in BORDER_NOUNS and x.dep == "pobj" and p.tokens[x.head].head in (v, *(
                c.i for c in p.children(v) if c.dep == "dobj")):
            out += [a for h in p.children(x.i) if h.dep == "prep" and h.lower == "with"
                    for y in _child(p, h.i, "pobj") for a in _actors(p, r, y.i)]
    if out:
        return list(dict.fromkeys(out))
    for c in p.children(v):
        if c.dep in ("dobj", "nsubjpass") and p.tokens[c.i].pos == "NOUN":
            for g in p.children(c.i):
                if g.dep in ("poss", "amod", "compound") and r.mention_at(g.i) is not r.mention_at(c.i):
                    out += _actors(p, r, g.i)  # the owner, not the object itself ("more troops" is one mention)
                elif g.dep == "prep" and g.lower in ("from", "by", "of", "to", "with", "against", "for", "between"):
                    out += [a for x in _child(p, g.i, "pobj") for a in _owners(p, r, x.i)]
            if not out:
                out += _agent_modifier(p, r, c.i)  # "shot down a government plane"
        purpose = c.dep == "advcl" and any(g.dep == "aux" and g.lower == "to" for g in p.children(c.i))
        if c.dep in ("xcomp",) or purpose or (c.dep == "dobj" and p.tokens[c.i].pos == "NOUN"):
            for g in p.children(c.i):
                if g.dep in ("dobj", "dative") and p.tokens[g.i].pos in ("PROPN", "NOUN", "PRON"):
                    out += _actors(p, r, g.i)
                if g.dep == "prep" and g.lower in ("to", "with", "against", "on", "into"):  # "against Sweden's decision"
                    out += [a for x in _child(p, g.i, "pobj") for a in _owners(p, r, x.i)]
                if g.dep == "dobj":  # "to show their disapproval of X's policies"
                    for h in p.children(g.i):
                        if h.dep == "prep" and h.lower in ("to", "with", "against", "of", "for", "over", "at"):
                            out += [a for x in _child(p, h.i, "pobj") for a in _owners(p, r, x.i)]
        if c.dep == "prep" and c.lower in ("to", "with", "against", "toward", "towards", "on"):
            out += [a for x in _child(p, c.i, "pobj") for a in _actors(p, r, x.i) if not is_locative(p, x.i)
                    or c.lower != "on"]
    if not out:  # deeper in the object: "suspended part of a military aid program for Bosnia"
        for c in p.children(v):
            if c.dep == "dobj" or c.dep == "prep" and c.lower == "for":  # "mobilized reservists for a war against X"
                for j in p.subtree(c.i):
                    tj = p.tokens[j]
                    if tj.dep == "prep" and tj.lower in ("to", "with", "against", "for", "toward", "towards") and j != c.i:
                        out += [a for x in _child(p, j, "pobj") for a in _actors(p, r, x.i) if not is_locative(p, x.i)]
    if not out:
        # "threatened to stop talks if the United States ...": the side the condition names
        for c in p.children(v):
            if c.dep in ("xcomp", "ccomp"):
                for g in p.children(c.i):
                    if g.dep == "advcl" and any(k.dep == "mark" and k.lower in ("if", "unless") for k in p.children(g.i)):
                        out += _subject(p, r, g.i)[0]
            if c.dep == "advcl" and any(k.dep == "mark" and k.lower in ("if", "unless") for k in p.children(c.i)):
                out += _subject(p, r, c.i)[0]
    return [a for a in dict.fromkeys(out) if a not in source]



def _inviter(r: Resolution, source: list[str], so_far: list[Event], sent: int) -> list[str]:
    """'X invited Y ..., and Y accepted': the acceptance answers the inviter."""
    for ev in reversed(so_far):
        if ev.cameo == "036" and set(source) & set(ev.target):
            return list(ev.source)
    return []



def _noun_targets(p: Parsed, r: Resolution, n: int, frame: Frame) -> list[str]:
    out: list[str] = []
    for c in p.children(n):
        if c.dep == "prep" and c.lower in frame.targets:
            for g in _child(p, c.i, "pobj"):
                out += _actors(p, r, g.i)
                if frame.mode == "visit":
                    out += _place_country(p, r, g.i)
    if not out:  # one level down: "a suspension of air links with Serbia", "aid program for Bosnia"
        for c in p.children(n):
            if c.dep == "prep" and c.lower == "of":
                for g in _child(p, c.i, "pobj"):
                    for h in p.children(g.i):
                        if h.dep == "prep" and h.lower in (*frame.targets, "for", "to", "with"):
                            out += [a for x in _child(p, h.i, "pobj") for a in _actors(p, r, x.i)]
    return list(dict.fromkeys(out))



# Nouns that refer back to an act: "welcomed the decision", "criticized the move".
REFERRING_NOUNS = {"decision", "move", "step", "announcement", "measure", "action", "gesture", "initiative"}


# Nouns that name an act of one PLOVER type: "rejected the criticism" answers the latest ACCUSE.
NOMINAL_TYPES = {"criticism": "ACCUSE", "accusation": "ACCUSE", "charge": "ACCUSE", "allegation": "ACCUSE",
                 "condemnation": "ACCUSE", "offer": "AGREE", "proposal": "AGREE", "invitation": "AGREE",
                 "request": "REQUEST", "appeal": "REQUEST", "demand": "REQUEST", "call": "REQUEST",
                 "threat": "THREATEN", "warning": "THREATEN", "ultimatum": "THREATEN", "veto": "REJECT"}


def _definite(p: Parsed, i: int) -> bool:
    return any(g.dep == "det" and g.lower in ("the", "this", "that", "these") for g in p.children(i))


def _reacts_to_earlier(p: Parsed, t: Token) -> bool:
    """Is the verb's object a definite noun for an act ("the criticism", "the decision")?"""
    return any(c.dep == "dobj" and (c.lemma.lower() in NOMINAL_TYPES or c.lemma.lower() in REFERRING_NOUNS)
               and _definite(p, c.i) for c in p.children(t.i))


def _earlier_event_targets(p: Parsed, r: Resolution, t: Token, so_far: list[Event], source: list[str]) -> list[str]:
    """Reacting to something the article already told: "condemned the veto" is aimed at whoever vetoed,
    "criticized the pact" at its parties (the sides of the event that made it)."""
    out: list[str] = []
    for c in p.children(t.i):
        if c.dep not in ("dobj", "nsubjpass"):
            continue
        m = r.mention_at(c.i)
        if m is not None and m.entity and m.entity.startswith("treaty/"):
            out += [x for ev in so_far if ev.topic_id == m.entity for x in ev.participants]
            continue
        word = p.tokens[c.i].lemma.lower()
        if len(word) < 4:
            continue
        for ev in reversed(so_far):  # the latest event named by the object's word ("veto" -> "vetoed")
            if ev.trigger.lower().split()[0].startswith(word):
                out += ev.source
                break
        else:  # "welcomed the decision": the latest act told just before; "rejected the criticism": the critic
            if not _definite(p, c.i) or (word not in NOMINAL_TYPES and word not in REFERRING_NOUNS):
                continue
            # this sentence or the one before: evidence offsets against the sentences' own bounds
            prev = p.sents[t.sent - 1].start_char if t.sent > 0 else p.sents[t.sent].start_char
            recent = [ev for ev in so_far if prev <= ev.evidence.start <= p.sents[t.sent].start_char
                      and (word not in NOMINAL_TYPES or ev.type == NOMINAL_TYPES[word])]
            if recent:
                out += recent[-1].source
    return [a for a in dict.fromkeys(out) if a not in source]
