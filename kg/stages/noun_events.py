"""Events told by a noun ("the talks", "its demand that Israel ease ...", "sanctions on X") and demands
told by a speech verb with "must" or "should" ("Russia said Sudan must return the helicopter")."""

from __future__ import annotations

from datetime import date

from kg.stages.arguments import (
    _actors,
    _both_ways,
    _child,
    _noun_targets,
    _subject,
)
from kg.stages.coding import _confidence, _evidence, _intransitive
from kg.stages.context import _context, _date, _in_condition_or_demand
from kg.stages.lexicon import (
    CONTENT_GOVERNORS,
    LIGHT_VERBS,
    NOUNS,
    SPEECH_VERBS,
    Frame,
    plover_of,
)  # fmt: skip
from kg.stages.places import (
    _domestic_target,
    _place,
)
from kg.stages.resolution import Resolution
from kg.types import Event, Parsed, Token

# Blocks of PETRARCH2's verb dictionary whose verbs stop, forbid or put off what they act on
STOPPING_BLOCKS = frozenset({"DELAY", "PROHIBIT", "REVOKE_", "CANCEL", "FOIL"})


def _stops(v: Token) -> bool:
    from kg.stages.patterns import verb_dictionary

    vd = verb_dictionary()
    found = vd.verb_entries(v.lemma.lower()) or vd.inflected_entries(v.lower)
    return bool(found) and all(e.block in STOPPING_BLOCKS for e in found)


OBLIGATION_AUX = {"must", "should", "ought"}


def _obligation_event(p: Parsed, r: Resolution, t: Token, published: date | None) -> Event | None:
    """'Russia said Sudan must return the helicopter': a demand (CAMEO 10) from the speaker to Y."""
    if t.lemma not in SPEECH_VERBS | {"conclude", "insist", "demand"} or t.pos not in ("VERB", "AUX"):
        return None
    for c in p.children(t.i):
        if c.dep != "ccomp":
            continue
        kids = p.children(c.i)
        aux = {k.lower for k in kids if k.dep in ("aux", "auxpass")}
        has_to = p.tokens[c.i].lemma == "have" and any(k.dep == "xcomp" for k in kids)
        if not (aux & OBLIGATION_AUX or has_to):
            continue
        source, _ = _subject(p, r, t.i)
        targets, _ = _subject(p, r, c.i)
        targets = [x for x in targets if x not in source]
        if not source or not targets:
            return None
        ctx = _context(p, t.i)
        date_text, d, d_end = _date(p, t.i, published, False)
        return Event(id="", type="REQUEST", cameo="100", trigger=f"{t.text} ... {next(iter(aux), 'must')}",
                     pattern="rule: speech verb + must/should clause",
                     source=source, target=targets, participants=list(dict.fromkeys(source + targets)),
                     date=d, date_end=d_end, date_text=date_text, context=ctx,  # type: ignore[arg-type]
                     confidence=0.6, evidence=_evidence(p, t.sent))
    return None


def _noun_event(p: Parsed, r: Resolution, t: Token, published: date | None) -> Event | None:
    frame = NOUNS[t.lemma.lower()]
    source: list[str] = []
    for c in p.children(t.i):
        if c.dep == "poss" or c.dep in ("compound", "amod") and (m := r.mention_at(c.i)) and m.entity:
            source += _actors(p, r, c.i)
        elif c.dep == "prep" and c.lower in ("by", "from"):
            source += [a for g in _child(p, c.i, "pobj") for a in _actors(p, r, g.i)]
    targets = _noun_targets(p, r, t.i, frame)
    if frame.cameo[:2] in ("02", "10"):  # "its demand that Israel ease ...": addressed to Israel
        for c in p.children(t.i):
            if c.dep in ("acl", "ccomp", "relcl") and p.tokens[c.i].pos in ("VERB", "AUX"):
                targets += [a for a in _subject(p, r, c.i)[0] if a not in targets]
    head = p.tokens[t.head]
    if any(c.lower in ("these", "those", "such") for c in p.children(t.i)):
        return None  # "these pledges": a reference back to an event already told
    if t.dep in ("dobj", "nsubjpass") and head.pos in ("VERB", "AUX") and _stops(head):
        return None  # "prevented the demonstration", "postponed the talks": what was stopped did not happen
    gov = p.tokens[t.head]
    if t.dep == "dobj" and gov.dep == "xcomp" and p.tokens[gov.head].lemma in CONTENT_GOVERNORS:
        return None  # "promised to continue military aid": the promise is the event
    if gov.pos in ("VERB", "AUX") and _in_condition_or_demand(p, gov):
        return None
    if not source and t.dep in ("dobj", "attr") and head.pos in ("VERB", "AUX"):
        source, _ = _subject(p, r, head.i)
    if not source and t.dep == "pobj" and head.lower == "of" and p.tokens[head.head].dep in ("dobj", "attr"):
        amount = p.tokens[head.head]  # "opened two days of talks", "held a round of talks"
        if amount.head != amount.i and p.tokens[amount.head].pos in ("VERB", "AUX"):
            source, _ = _subject(p, r, amount.head)
    if not source and t.dep == "pobj" and frame.cameo[:2] == "04" and head.lower in (
            "for", "to", "at", "in", "during", "after", "following"):  # "X said after talks with Y": X met Y
        gov = p.tokens[head.head]
        if gov.pos in ("VERB", "AUX") and gov.lemma not in ("protect", "defend", "shield", "save"):
            source, _ = _subject(p, r, gov.i)
    if not source and t.dep in ("nsubj", "attr"):
        # "The sessions ... were their fourth encounter": the possessor of the copula's other side
        gov = p.tokens[t.head]
        for c in p.children(gov.i):
            if c.i != t.i and c.dep in ("attr", "nsubj"):
                for g in p.children(c.i):
                    if g.dep == "poss":
                        source += _actors(p, r, g.i)
    if not source and not targets:
        return None
    if not targets and not _intransitive(frame.cameo, frame) and not (frame.reciprocal and len(source) > 1):
        return None
    plover, mode = plover_of(frame.cameo)
    if plover is None:
        return None
    if not source:
        return None
    assumed = frame.cameo[:2] == "14" and not targets
    if assumed:
        targets = _domestic_target(r, source)
    participants = list(dict.fromkeys(source + targets))
    reciprocal = False
    joint = frame.reciprocal and len(source) >= 2 and not targets
    if frame.reciprocal and (len(source) >= 2 and not targets or targets and len(participants) >= 2):
        reciprocal = True
        source, targets = _both_ways(participants)
    ctx = _context(p, t.head) if t.dep == "dobj" and head.lemma in LIGHT_VERBS else []
    if any(c.lower == "no" and c.dep == "det" for c in p.children(t.i)) and "negated" not in ctx:
        ctx.append("negated")
    cameo = frame.cameo
    if "negated" in ctx and (cameo[:2] == "03" or cameo == "057"):
        cameo, ctx = "120", [c for c in ctx if c != "negated"]  # "no agreement was reached": a rejection
        frame = Frame(cameo, frame.targets, frame.reciprocal, None, weight=frame.weight)
        plover, mode = plover_of(cameo)
    date_text, d, d_end = _date(p, t.i, published, "future" in ctx)
    if date_text is None and t.dep in ("dobj", "pobj", "nsubj", "attr"):
        date_text, d, d_end = _date(p, t.head, published, "future" in ctx)
    place = _place(p, r, t.i) or (_place(p, r, t.head) if t.dep in ("dobj", "pobj", "attr", "nsubj") else None)
    if place is None and t.dep in ("attr",):
        for c in p.children(t.head):
            if c.dep == "nsubj":
                place = _place(p, r, c.i)
    ev = Event(
        id="", type=plover, cameo=frame.cameo, trigger=t.text, pattern=f"lexicon noun {t.lemma.lower()}",
        source=source, target=targets,
        participants=participants, reciprocal=reciprocal, place=place, date=d, date_end=d_end,
        date_text=date_text, mode=frame.mode or mode, context=ctx,  # type: ignore[arg-type]
        confidence=round(_confidence(frame, source, targets, ctx, False) - 0.05, 2), evidence=_evidence(p, t.sent),
    )
    ev._joint, ev._assumed_target = joint, assumed
    return ev


