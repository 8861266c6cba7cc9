"""Events: who did what to whom, typed with CAMEO and PLOVER, from verb and noun triggers.

Triggers come from the project's lexicon (``kg.stages.lexicon``) and PETRARCH2's verb dictionary
(``kg.stages.patterns``); their arguments from ``kg.stages.arguments``; how they are told (negation,
modality, reported speech, dates) from ``kg.stages.context``. This module decides which trigger
is an event, codes it, and merges what one article tells twice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kg.stages.arguments import (
    _actors,
    _both_ways,
    _earlier_event_targets,
    _fallback_targets,
    _inviter,
    _noun_targets,
    _reacts_to_earlier,
    _subject,
    _targets,
)
from kg.stages.coding import _confidence, _evidence, _intransitive
from kg.stages.context import _conditioned, _context, _date, _in_condition_or_demand, discarded_sentences
from kg.stages.lexicon import (
    CONTENT_GOVERNORS,
    FUTURE_GOVERNORS,
    INTENT_VERBS,
    LIGHT_VERBS,
    NOUNS,
    SPEECH_VERBS,
    VERBS,
    Frame,
    intent_code,
    plover_of,
)  # fmt: skip
from kg.stages.merging import _merge, _plausible, _set_topic
from kg.stages.noun_events import _noun_event, _obligation_event
from kg.stages.patterns import dictionary_frame
from kg.stages.places import (
    _domestic_target,
    _home,
    _location_country,
    _mission_target,
    _nonstate_home,
    _place,
    _place_target,
)
from kg.stages.resolution import Resolution, _country_entity
from kg.types import Event, Parsed, Token

INTENT_NOUNS = {"plan", "intention", "readiness", "willingness", "commitment", "pledge", "promise", "offer",
                "desire", "determination", "goal", "bid", "effort", "attempt", "decision", "proposal"}


def _frame(p: Parsed, r: Resolution, t: Token) -> Frame | None:
    """The verb's frame: this lexicon's, or the verb dictionary's (first for particle verbs: "called off")."""
    frames = VERBS.get(t.lemma)
    if any(c.dep == "prt" for c in p.children(t.i)):  # a multi-word verb of the dictionary ("call off") first
        found = dictionary_frame(p, t, multiword_only=True)
        if found is not None:
            return found
    if not frames:
        return None
    objs = [c for c in p.children(t.i) if c.dep in ("dobj", "nsubjpass")]
    prts = {c.lower for c in p.children(t.i) if c.dep == "prt"}
    for f in frames:
        if f.particle and f.particle not in prts:
            continue
        if f.objects:
            if "__none__" in f.objects:
                if objs:
                    continue
            elif "__actor__" in f.objects:
                if not objs or not _actors(p, r, objs[0].i):
                    continue
            elif not objs or objs[0].lemma.lower() not in f.objects:
                continue
        return f if f.origin else replace(f, origin=f"lexicon {t.lemma}")
    return None


def find_events(p: Parsed, r: Resolution, published: date | None, dateline_place: str | None = None,
                first_paragraph_end: int = -1) -> list[Event]:
    """All events of an article, merged so each real-world event appears once."""
    events: list[Event] = []
    used_nouns: set[int] = set()
    off = discarded_sentences(p)
    for t in p.tokens:
        if t.sent in off:
            continue
        ev = None
        # a participle before a noun ("met visiting Foreign Minister X") says who X is: not a second event
        if t.pos in ("VERB", "AUX") and t.dep != "amod" or (t.pos == "NOUN" and t.lemma in VERBS and t.dep == "ROOT"):
            ev = _verb_event(p, r, t, published, used_nouns, events)
        if ev is None and t.pos in ("NOUN", "PROPN") and t.lemma.lower() in NOUNS and t.i not in used_nouns:
            ev = _noun_event(p, r, t, published)
        if ev is None:
            ev = _obligation_event(p, r, t, published)
        if ev is None or not _plausible(r, ev):
            continue
        if ev.place is None and dateline_place and ev.type == "CONSULT" and p.tokens[t.i].idx < first_paragraph_end:
            ev.place = dateline_place
        _set_topic(p, r, t.i, ev)
        events.append(ev)
    return _merge(events)


def _verb_event(p: Parsed, r: Resolution, t: Token, published: date | None, used_nouns: set[int],
                so_far: list[Event]) -> Event | None:
    first = t
    for _ in range(3):  # "agreed to keep talking": up the chain of complements
        while first.dep == "conj" and first.head != first.i:
            first = p.tokens[first.head]
        infinitive = first.dep == "advcl" and any(c.dep == "aux" and c.lower == "to" for c in p.children(first.i))
        if not ((first.dep in ("xcomp", "acl") or infinitive) and first.head != first.i):
            break
        gov = p.tokens[first.head]
        if gov.lemma in CONTENT_GOVERNORS or gov.lemma in INTENT_NOUNS:
            return None  # "invited Bush to visit", "readiness to reduce": the governing event says it
        first = gov
    if any(c.dep == "aux" and c.lower in ("must", "should", "ought") for c in p.children(t.i)) and t.dep == "ccomp":
        return None  # "X said Y must agree": the demand is the event (see _obligation_event), not an agreement
    if _in_condition_or_demand(p, t):
        return None
    frame = _frame(p, r, t)
    light_noun = None
    if frame is None and t.lemma in INTENT_VERBS:
        frame = _intent_frame(p, r, t)
    objs = [c for c in p.children(t.i) if c.dep in ("dobj", "nsubjpass") and c.lemma.lower() in NOUNS]
    if frame is None and not (t.lemma in LIGHT_VERBS and objs):
        # the field's verb dictionary: a matching pattern, or the verb's own code where this lexicon has no entry
        # governors of intention, speech and content mean what their complement says: only a pattern of theirs
        frame = dictionary_frame(p, t, need_pattern=t.lemma in LIGHT_VERBS or t.lemma in (
            INTENT_VERBS | CONTENT_GOVERNORS | FUTURE_GOVERNORS | SPEECH_VERBS) or (t.lemma in VERBS and not all(
                f.objects for f in VERBS[t.lemma])))
        if frame is None:
            return None
    if frame is None:
        light_noun = objs[0]
        frame = NOUNS[light_noun.lemma.lower()]
        if t.lemma == "host" and frame.cameo == "040":
            frame = Frame("043", ("dobj",), mode="host")
        if t.lemma in ("lodge", "file", "register", "make", "issue") and light_noun.lemma.lower() == "protest":
            frame = Frame("114", ("with", "to", "against"))
        frame = replace(frame, origin=f"lexicon {t.lemma} + noun {light_noun.lemma.lower()}")
    source, passive = _subject(p, r, t.i)
    ctx = _context(p, t.i)
    cameo = frame.cameo
    # intention: "announced plans to reduce", "pledged to cut" -> intent code of the complement
    for c in p.children(t.i):
        if c.dep == "xcomp" and t.lemma in INTENT_VERBS | {"plan"}:
            sub = _frame(p, r, p.tokens[c.i])
            if sub:
                cameo = intent_code(sub.cameo) if cameo[:2] == "03" else cameo
    for c in p.children(t.i):
        if c.dep == "dobj" and c.lemma in ("plan", "intention", "readiness", "willingness", "commitment"):
            for g in p.children(c.i):
                if g.dep in ("acl", "relcl") and _frame(p, r, p.tokens[g.i]):
                    cameo = intent_code(_frame(p, r, p.tokens[g.i]).cameo)  # type: ignore[union-attr]
                    frame = Frame(cameo, ("to",), weight=0.7)
    if light_noun is not None:
        used_nouns.add(light_noun.i)
        targets = _noun_targets(p, r, light_noun.i, frame)
        more = _targets(p, r, t.i, Frame(cameo, (*frame.targets, "with", "between", "to")), passive)
        targets += [a for a in more if a not in targets]
    else:
        for c in p.children(t.i):  # a bare dictionary code leaves a noun trigger its own event
            if c.dep == "dobj" and c.lemma.lower() in NOUNS and not frame.origin.startswith("verb dictionary"):
                used_nouns.add(c.i)
        targets = _targets(p, r, t.i, frame, passive)
    if not targets and _reacts_to_earlier(p, t):  # "rejected the criticism": the critic, before any guess
        targets = _earlier_event_targets(p, r, t, so_far, source)
    if not targets:
        targets = _fallback_targets(p, r, t.i, source)
    if not targets:
        targets = _earlier_event_targets(p, r, t, so_far, source)
    if not targets and cameo[:2] in ("02", "07", "08", "12", "13", "15", "16", "17", "18", "19") and not _intransitive(
            cameo, frame):
        # requests, restrictions, deployments and force about a place ("called for a ceasefire in Burundi",
        # "lifted the curfew in Montenegro",
        # "deploy peacekeepers in Iraq"): the place's country is on the receiving end
        targets = [x for x in _place_target(p, r, t) if x not in source]
    if not targets and cameo[:2] == "15":  # "deployed troops in eastern Lebanon": another country's territory
        homes = {_home(r, s) or s.split("/", 1)[1] for s in source}
        there = r.entities.get(_place(p, r, t.i) or "")  # the verb's own "in X", not an "after clashes along X"
        if there is not None and there.country and there.country not in homes:
            targets = [r.add(_country_entity(there.country)).id]
    if cameo[:2] in ("02", "10") or t.lemma in ("demand", "insist", "urge", "ask"):
        for c in p.children(t.i):
            if c.dep == "ccomp":  # "demanded that the US cancel ...": the demand is addressed to the US
                targets += [a for a in _subject(p, r, c.i)[0] if a not in targets]
    if cameo[:2] == "08" and not targets:
        for c in p.children(t.i):
            if c.dep == "ccomp":  # "would not allow inspectors from the IAEA to visit": allowed to the inspectors
                targets += [a for a in _subject(p, r, c.i)[0] if a not in targets and a not in source]
    if t.lemma == "welcome" and not targets:
        cameo = "051"
    if t.lemma == "accept" and not targets:
        targets = _inviter(r, source, so_far, p.tokens[t.i].sent)
    if "negated" in ctx and (cameo[:2] == "03" or cameo == "057") and (t.lemma in ("agree", "accept", "sign", "reach")
                                                                       or light_noun is not None):
        cameo = "120"  # "failed to reach agreement", "won't agree": a rejection (CAMEO 12)
        ctx = [c for c in ctx if c != "negated"]
    elif "negated" in ctx and cameo[:2] == "08":
        cameo = REFUSAL_FOR_YIELD.get(cameo[:3], "124")  # "would not allow inspectors": a refusal to yield (124x)
        ctx = [c for c in ctx if c != "negated"]
    if ("future" in ctx or _conditioned(p, t.i)) and "negated" not in ctx and (
            cameo[:2] in ("16", "17", "18", "19", "20") or cameo in ("125",) or _conditioned(p, t.i) and cameo[:2] in (
            "08", "16")):
        cameo = THREAT_FOR_ROOT.get(cameo[:3], THREAT_FOR_ROOT.get(cameo[:2], "130"))  # a stated future harm: a threat
        ctx = [c for c in ctx if c != "future"]
    if "future" in ctx and "negated" not in ctx and cameo[:2] in ("04", "05", "06", "07", "08"):
        cameo = intent_code(cameo)  # "will give aid", "will release": a commitment, coded as intent (CAMEO 03)
    plover, mode = plover_of(cameo)
    if plover is None:
        return None
    if not source and not targets:
        return None
    if not source and _doer_unnamed(p, r, t, cameo):
        # violence with no named perpetrator ("were killed by a roadside bomb near Basra", "a car bomb killed"),
        # and arrests or expulsions with none ("was detained in X", "were expelled from X"): coded, as event
        # data conventionally does, to the country where it happened; a lower confidence says so
        source = [x for x in _location_country(p, r, t) if x not in targets]
        frame = Frame(frame.cameo, frame.targets, frame.reciprocal, frame.mode, weight=min(frame.weight, 0.4))
    if not source:
        return None  # an agent-less passive ("were killed") names no "who"
    assumed = False
    if cameo[:2] == "14" and not targets:
        targets = _mission_target(p, r, t) or _purpose_of(p, r, t)
        if not targets:
            targets, assumed = _domestic_target(r, source), True
    if cameo[:2] == "08" and not targets:
        targets, assumed = _nonstate_home(r, source), True
    # "A and B forces exchanged fire", "clashed": sides named together, fighting with no one else, fight each other
    mutual = frame.reciprocal or cameo[:2] == "19"
    if not targets and not (_intransitive(cameo, frame) and cameo == frame.cameo or _intransitive(frame.cameo, frame)) \
            and not (mutual and len(source) > 1):
        return None  # who did what *to whom*: without a receiving side there is no dyad to code
    participants = list(dict.fromkeys(source + targets))
    reciprocal = False
    joint = False
    if mutual and len(source) >= 2 and not targets:
        reciprocal = joint = True
        source, targets = _both_ways(source)
    elif frame.reciprocal and targets and cameo[:2] in ("04", "03", "05", "06", "12") and t.lemma in (
            "meet", "agree", "talk", "negotiate", "sign", "disagree", "clash", "cooperate", "confer", "consult"):
        reciprocal = True
        source, targets = _both_ways(participants)
    else:
        source = [s for s in source if s not in targets] or source
    date_text, d, d_end = _date(p, t.i, published, "future" in ctx)
    trig_end = light_noun.i if light_noun is not None else t.i
    trigger = p.span_text(min(t.i, trig_end), max(t.i, trig_end) + 1) if light_noun is not None else t.text
    via_pron = any(m.kind == "pronoun" for m in r.mentions if m.entity in source and m.sent == t.sent)
    ev = Event(
        id="", type=plover, cameo=cameo, trigger=trigger, pattern=frame.origin or f"lexicon {t.lemma}",
        source=source, target=targets, participants=participants, reciprocal=reciprocal, place=_place(p, r, t.i) or (
            _place(p, r, light_noun.i) if light_noun is not None else None),
        date=d, date_end=d_end, date_text=date_text, mode=frame.mode or mode, context=ctx,  # type: ignore[arg-type]
        confidence=_confidence(frame, source, targets, ctx, via_pron), evidence=_evidence(p, t.sent),
    )
    ev._joint, ev._assumed_target = joint, assumed
    used_nouns.update(frame.claimed)  # "called off a strike": the pattern's noun is part of this event
    return ev


def _purpose_of(p: Parsed, r: Resolution, t: Token) -> list[str]:
    """'summoned the Afghan envoy to protest against the shelling': the protest is made to whom the act that
    carries it is done."""
    to = any(c.dep == "aux" and c.lower == "to" for c in p.children(t.i))
    if not (to and t.dep in ("advcl", "xcomp") and t.head != t.i):
        return []
    return [a for c in p.children(t.head) if c.dep in ("dobj", "dative") for a in _actors(p, r, c.i)]


def _doer_unnamed(p: Parsed, r: Resolution, t: Token, cameo: str) -> bool:
    """Does the clause of ``t`` leave out who did it: an agent-less passive of coercion or violence ("were
    expelled from X", "was detained"), or for violence a thing as subject ("a roadside bomb killed")?"""
    if cameo[:2] not in ("16", "17", "18", "19", "20"):
        return False
    for v in (t, p.tokens[t.head]) if t.dep in ("advcl", "conj") and t.head != t.i else (t,):
        kids = p.children(v.i)
        if any(c.dep == "nsubjpass" for c in kids):
            return True
        subj = [c for c in kids if c.dep == "nsubj"]
        if cameo[:2] not in ("16", "17") and subj and subj[0].pos == "NOUN" and not _actors(p, r, subj[0].i):
            return True
        if subj:
            return False
    return False


# CAMEO 124x, "refuse to yield", mirrors 08x, "yield": ease sanctions, release, allow involvement, de-escalate
REFUSAL_FOR_YIELD = {"081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245", "087": "1246"}
THREAT_FOR_ROOT = {"125": "1312", "16": "131", "166": "136", "17": "132", "163": "1312", "18": "138", "19": "138",
                   "20": "138", "08": "130", "087": "130"}


def _intent_frame(p: Parsed, r: Resolution, t: Token) -> Frame | None:
    """'announced plans to reduce X', 'signaled a willingness to work with Y': the intention as an AGREE event."""
    for c in p.children(t.i):
        cands = []
        if c.dep == "xcomp":
            cands.append(c.i)
        if c.dep == "dobj" and c.lemma in ("plan", "intention", "readiness", "willingness", "commitment", "pledge",
                                            "promise", "offer", "desire", "determination"):
            cands += [g.i for g in p.children(c.i) if g.dep in ("acl", "relcl", "xcomp")]
        for i in cands:
            sub = _frame(p, r, p.tokens[i])
            if sub:
                return Frame(intent_code(sub.cameo), sub.targets, weight=0.7)
    return None


