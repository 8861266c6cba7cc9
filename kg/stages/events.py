"""Events: who did what to whom, typed with CAMEO and PLOVER, from verb and noun triggers.

Arguments come from the dependency parse: subjects (also through coordination,
control and relative clauses), passive agents, objects and the prepositions a
trigger's frame names. Context flags come from negation, modals, conditionals,
governing verbs and reported speech.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kg.stages.dates import is_duration, resolve_date
from kg.stages.lexicon import (
    CONTENT_GOVERNORS,
    FAILURE_GOVERNORS,
    FUTURE_AUX,
    FUTURE_GOVERNORS,
    HYPOTHETICAL_AUX,
    INTENT_VERBS,
    LIGHT_VERBS,
    NOUNS,
    SPEECH_VERBS,
    VERBS,
    Frame,
    intent_code,
    plover_of,
)  # fmt: skip
from kg.stages.mentions import PEOPLE_NOUNS
from kg.stages.patterns import dictionary_frame
from kg.stages.resolve import Resolution, is_locative
from kg.types import Event, Evidence, Parsed, Token

ACTOR_PREFIXES = ("person/", "country/", "org/")
QUANTITY_NOUNS = {"score", "hundred", "thousand", "dozen", "million", "number", "group", "member", "some", "many",
                  "most", "all", "position", "unit", "part", "majority", "rest", "none", "each", "both", "delegation"}
INTENT_NOUNS = {"plan", "intention", "readiness", "willingness", "commitment", "pledge", "promise", "offer",
                "desire", "determination", "goal", "bid", "effort", "attempt", "decision", "proposal"}
READY_ADJECTIVES = {"willing", "ready", "prepared", "determined", "committed", "eager", "keen", "set", "poised"}
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


def _place(p: Parsed, r: Resolution, v: int) -> str | None:
    sub = set(p.subtree(v))
    for c in p.children(v):
        if c.dep == "prep" and c.lower in ("in", "at", "to") or c.dep in ("pobj", "npadvmod"):
            for g in [c, *p.children(c.i)]:
                m = r.mention_at(g.i)
                if m and m.entity and (m.entity.startswith("place/") or m.label in ("GPE", "FAC", "LOC", "SEAT")) \
                        and g.i in sub and is_locative(p, g.i):
                    return m.entity
    return None


def _date(p: Parsed, v: int, published: date | None, future: bool) -> tuple[str | None, date | None, date | None]:
    """Date words attached to the trigger's clause, and their resolution."""
    sub = set(p.subtree(v))
    # do not take dates from clauses nested under the trigger
    for c in p.children(v):
        if c.dep in ("ccomp", "advcl", "relcl", "conj", "xcomp") and p.tokens[c.i].pos in ("VERB", "AUX"):
            sub -= set(p.subtree(c.i))
    for ent in p.ents:
        if ent.label != "DATE" or not any(i in sub for i in range(ent.start, ent.end)):
            continue
        if is_duration(ent.text):
            continue
        text = ent.text
        prev = p.tokens[ent.start - 1] if ent.start else None
        if prev is not None and prev.lower in ("on", "in", "last", "next", "this"):
            text = f"{prev.text} {text}" if prev.lower in ("last", "next", "this") else text
        val = resolve_date(text, published, future)
        if val is None:
            return text, None, None
        return text, val.start, val.end
    return None, None, None


def _context(p: Parsed, v: int) -> list[str]:
    toks = p.tokens
    ctx: list[str] = []
    kids = p.children(v)
    if any(c.dep == "neg" for c in kids) or any(c.lower in ("never", "no") and c.dep in ("advmod", "det") for c in kids):
        ctx.append("negated")
    aux = {c.lower for c in kids if c.dep in ("aux", "auxpass")}
    conditional = any(c.dep == "mark" and c.lower in ("if", "unless", "whether") for c in kids)
    t0 = toks[v]
    reported_would = ("would" in aux or "'d" in aux) and not conditional and t0.dep == "ccomp" and \
        toks[t0.head].lemma in SPEECH_VERBS
    if reported_would:
        ctx.append("future")  # "said X would send": the future seen from the past, not a hypothesis
    elif aux & HYPOTHETICAL_AUX or conditional:
        ctx.append("hypothetical")
    if aux & FUTURE_AUX:
        ctx.append("future")
    # walk up: governing verbs of intention, failure, speech
    t = toks[v]
    steps = 0
    while t.head != t.i and steps < 4:
        h = toks[t.head]
        if t.dep in ("xcomp", "ccomp", "advcl", "conj") and h.pos in ("VERB", "AUX", "ADJ", "NOUN"):
            if t.dep == "xcomp" and (h.lemma in FUTURE_GOVERNORS or h.lemma in READY_ADJECTIVES) and "future" not in ctx:
                ctx.append("future")
            if t.dep == "xcomp" and h.lemma in FAILURE_GOVERNORS and "negated" not in ctx:
                ctx.append("negated")
            if t.dep == "ccomp" and h.lemma in SPEECH_VERBS and "reported" not in ctx:
                ctx.append("reported")
            hk = p.children(h.i)
            if t.dep == "xcomp" and any(c.dep == "neg" for c in hk) and "negated" not in ctx:
                ctx.append("negated")
            if t.dep != "conj":
                haux = {c.lower for c in hk if c.dep == "aux"}
                if haux & FUTURE_AUX and "future" not in ctx:
                    ctx.append("future")
        if t.dep == "pcomp" and h.lower == "without":
            ctx.append("negated")
        t = h
        steps += 1
    return ctx


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


def _evidence(p: Parsed, sent: int) -> Evidence:
    s = p.sents[sent]
    return Evidence(text=p.text[s.start_char : s.end_char], start=s.start_char, end=s.end_char)


def _confidence(frame: Frame, source: list[str], target: list[str], ctx: list[str], via_pronoun: bool) -> float:
    c = 0.35 + 0.35 * frame.weight
    c += 0.15 if source else -0.2
    c += 0.1 if target else 0.0
    c -= 0.1 if via_pronoun else 0.0
    c -= 0.15 if "hypothetical" in ctx else 0.0
    c -= 0.05 if "reported" in ctx else 0.0
    return round(max(0.05, min(0.99, c)), 2)


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


def find_events(p: Parsed, r: Resolution, published: date | None, dateline_place: str | None = None,
                first_paragraph_end: int = -1) -> list[Event]:
    """All events of an article, merged so each real-world event appears once."""
    events: list[Event] = []
    used_nouns: set[int] = set()
    for t in p.tokens:
        ev = None
        if t.pos in ("VERB", "AUX") or (t.pos == "NOUN" and t.lemma in VERBS and t.dep == "ROOT"):
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
        frame = dictionary_frame(p, t, need_pattern=t.lemma in VERBS or t.lemma in LIGHT_VERBS or t.lemma in (
            INTENT_VERBS | CONTENT_GOVERNORS | FUTURE_GOVERNORS | SPEECH_VERBS))
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
    if not targets:
        targets = _fallback_targets(p, r, t.i, source)
    if not targets and cameo[:2] in ("07", "08", "12", "13", "15", "16", "17", "18", "19") and not _intransitive(
            cameo, frame):
        # restrictions, deployments and force applied to a place ("lifted the curfew in Montenegro",
        # "deploy peacekeepers in Iraq"): the place's country is on the receiving end
        targets = [x for x in _place_target(p, r, t) if x not in source]
    if cameo[:2] in ("02", "10") or t.lemma in ("demand", "insist", "urge", "ask"):
        for c in p.children(t.i):
            if c.dep == "ccomp":  # "demanded that the US cancel ...": the demand is addressed to the US
                targets += [a for a in _subject(p, r, c.i)[0] if a not in targets]
    if t.lemma == "welcome" and not targets:
        cameo = "051"
    if t.lemma == "accept" and not targets:
        targets = _inviter(r, source, so_far, p.tokens[t.i].sent)
    if "negated" in ctx and (cameo[:2] == "03" or cameo == "057") and (t.lemma in ("agree", "accept", "sign", "reach")
                                                                       or light_noun is not None):
        cameo = "120"  # "failed to reach agreement", "won't agree": a rejection (CAMEO 12)
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
    if not source and cameo[:2] in ("18", "19", "20") and any(c.dep in ("nsubjpass", "agent") for c in p.children(t.i)):
        # violence with no named perpetrator ("were killed by a roadside bomb near Basra"): coded, as event
        # data conventionally does, to the country where it happened; a lower confidence says so
        source = _location_country(p, r, t)
        frame = Frame(frame.cameo, frame.targets, frame.reciprocal, frame.mode, weight=min(frame.weight, 0.4))
    if not source:
        return None  # an agent-less passive ("were killed") names no "who"
    if cameo[:2] == "14" and not targets:
        targets = _domestic_target(r, source)
    if not targets and not (_intransitive(cameo, frame) and cameo == frame.cameo or _intransitive(frame.cameo, frame)) \
            and not (frame.reciprocal and len(source) > 1):
        return None  # who did what *to whom*: without a receiving side there is no dyad to code
    participants = list(dict.fromkeys(source + targets))
    reciprocal = False
    if frame.reciprocal and len(source) >= 2 and not targets:
        reciprocal = True
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
    return Event(
        id="", type=plover, cameo=cameo, trigger=trigger, pattern=frame.origin or f"lexicon {t.lemma}",
        source=source, target=targets, participants=participants, reciprocal=reciprocal, place=_place(p, r, t.i) or (
            _place(p, r, light_noun.i) if light_noun is not None else None),
        date=d, date_end=d_end, date_text=date_text, mode=frame.mode or mode, context=ctx,  # type: ignore[arg-type]
        confidence=_confidence(frame, source, targets, ctx, via_pron), evidence=_evidence(p, t.sent),
    )


THREAT_FOR_ROOT = {"125": "1312", "16": "131", "166": "136", "17": "132", "163": "1312", "18": "138", "19": "138",
                   "20": "138", "08": "130", "087": "130"}


def _conditioned(p: Parsed, v: int) -> bool:
    """'... will withdraw its troops unless ...': an action made to depend on the other side."""
    for c in p.children(v):
        if c.dep == "advcl" and any(g.dep == "mark" and g.lower in ("unless",) for g in p.children(c.i)):
            return True
    return False


def _home(r: Resolution, eid: str) -> str | None:
    e = r.entities.get(eid)
    return e.country if e is not None and e.type != "Country" else None


def _plausible(r: Resolution, ev: Event) -> bool:
    """Drop what is not diplomacy between sides: a leader 'visiting' their own country; and in
    reciprocal events, a country listed beside its own leader (the leader acts for it)."""
    if ev.mode == "visit" and ev.target and all(
            t.startswith("country/") and any(_home(r, s) == t.split("/", 1)[1] for s in ev.source) for t in ev.target):
        return False
    if ev.reciprocal:
        homes = {_home(r, x) for x in ev.participants if x.startswith("person/")}
        keep = [x for x in ev.participants if not (x.startswith("country/") and x.split("/", 1)[1] in homes)]
        if len(keep) < 2:
            return False
        ev.participants = keep
        ev.source = [x for x in ev.source if x in keep]
        ev.target = [x for x in ev.target if x in keep]
    return True


def _set_topic(p: Parsed, r: Resolution, i: int, ev: Event) -> None:
    """What the event is about: a topic or treaty named in the trigger's phrase ("disagreement on missile
    defenses", "signed the treaty")."""
    t = p.tokens[i]
    if t.pos in ("VERB", "AUX"):  # its objects and "on/over/about" phrases, not nested clauses
        scope = {j for c in p.children(i) if c.dep in ("dobj", "dative", "attr") or (
                 c.dep == "prep" and c.lower in ("on", "over", "about", "to", "with", "for", "against"))
                 for j in p.subtree(c.i)}
    else:
        scope = {j for c in p.children(i) if c.dep in ("prep", "compound", "amod", "acl") and c.lower not in (
                 "without", "despite", "after", "before") for j in p.subtree(c.i)}
    for m in r.mentions:
        if m.label in ("TOPIC", "TREATY") and m.entity and m.tok_start in scope:
            ent = r.entities[m.entity]
            ev.topic, ev.topic_id = ent.name, ent.id
            return


DEMAND_WORDS = {"demand", "urge", "ask", "call", "request", "insist", "appeal", "press", "plead"}


def _in_condition_or_demand(p: Parsed, t: Token) -> bool:
    """Clauses that state a condition ("unless X arranged a ceasefire") or what is demanded ("demanded that
    Y refuse ...", "its demand that Israel ease ...") are not events themselves."""
    cur = t
    for _ in range(4):
        if any(c.dep == "mark" and c.lower in ("if", "unless", "whether") for c in p.children(cur.i)):
            return True
        if cur.dep in ("ccomp", "acl", "relcl") and p.tokens[cur.head].lemma.lower() in DEMAND_WORDS:
            return True
        if cur.dep not in ("conj", "xcomp", "ccomp", "advcl", "acl") or cur.head == cur.i:
            return False
        cur = p.tokens[cur.head]
    return False


def _place_target(p: Parsed, r: Resolution, t: Token) -> list[str]:
    place = _place(p, r, t.i)
    if place is None:  # "evacuated the wounded from the besieged town of Gorazde", "the Bosnian town"
        scope = set(p.subtree(t.i))
        for m in r.mentions:
            if m.tok_start in scope and m.entity and m.entity.startswith(("place/", "country/")) and (
                    p.tokens[m.head].dep == "pobj" and p.tokens[p.tokens[m.head].head].lower in (
                        "in", "at", "from", "into", "to", "across", "near", "of", "inside", "outside")
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
    from kg.stages.resolve import _country_entity

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
            from kg.stages.resolve import _country_entity

            return [r.add(_country_entity(e.country)).id]
    return []


def _domestic_target(r: Resolution, source: list[str]) -> list[str]:
    """A protest or strike with no named target is aimed at the protesters' own government."""
    homes = [(_home(r, s) or (s.split("/", 1)[1] if s.startswith("country/") else None)) for s in source]
    code = next((h for h in homes if h), None)
    if not code:
        return []
    from kg.stages.resolve import _country_entity

    return [r.add(_country_entity(code)).id]


def _both_ways(participants: list[str]) -> tuple[list[str], list[str]]:
    """A reciprocal event ("A and B agreed"): the first-named side is the source, the others the
    targets, and ``reciprocal`` says it runs both ways (no actor is listed acting on itself)."""
    return list(participants[:1]), list(participants[1:])


def _intransitive(cameo: str, frame: Frame) -> bool:
    """Events that need no target: intentions and pledges, protests, mobilisation, ceasefires. A verb the
    dictionary alone codes needs a receiving side unless it protests or mobilises: the dictionary files many
    verbs under "intent to ..." (CAMEO 03) that say no more than that something was done."""
    if frame.origin.startswith("verb dictionary"):
        return cameo[:2] in ("14", "15")
    return cameo[:2] in ("03", "14", "15") or cameo in ("0871", "0873") or not frame.targets


def _fallback_targets(p: Parsed, r: Resolution, v: int, source: list[str]) -> list[str]:
    """Targets the frame did not name: the owner of the object ("rejected a Senegalese plan",
    "dismissed an appeal from X"), the complement's own targets ("offered to hand over to Britain"),
    and actors after to/with/against anywhere in the clause."""
    out: list[str] = []
    for c in p.children(v):
        if c.dep in ("dobj", "nsubjpass") and p.tokens[c.i].pos == "NOUN":
            for g in p.children(c.i):
                if g.dep in ("poss", "amod", "compound"):
                    out += _actors(p, r, g.i)
                elif g.dep == "prep" and g.lower in ("from", "by", "of", "to", "with", "against", "for"):
                    out += [a for x in _child(p, g.i, "pobj") for a in _actors(p, r, x.i)]
        purpose = c.dep == "advcl" and any(g.dep == "aux" and g.lower == "to" for g in p.children(c.i))
        if c.dep in ("xcomp",) or purpose or (c.dep == "dobj" and p.tokens[c.i].pos == "NOUN"):
            for g in p.children(c.i):
                if g.dep in ("dobj", "dative") and p.tokens[g.i].pos in ("PROPN", "NOUN", "PRON"):
                    out += _actors(p, r, g.i)
                if g.dep == "prep" and g.lower in ("to", "with", "against", "on", "into"):
                    out += [a for x in _child(p, g.i, "pobj") for a in _actors(p, r, x.i)]
                if g.dep == "dobj":
                    for h in p.children(g.i):
                        if h.dep == "prep" and h.lower in ("to", "with", "against"):
                            out += [a for x in _child(p, h.i, "pobj") for a in _actors(p, r, x.i)]
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
    gov = p.tokens[t.head]
    if t.dep == "dobj" and gov.dep == "xcomp" and p.tokens[gov.head].lemma in CONTENT_GOVERNORS:
        return None  # "promised to continue military aid": the promise is the event
    if gov.pos in ("VERB", "AUX") and _in_condition_or_demand(p, gov):
        return None
    if not source and t.dep in ("dobj", "attr") and head.pos in ("VERB", "AUX"):
        source, _ = _subject(p, r, head.i)
    if not source and t.dep == "pobj" and frame.cameo[:2] == "04" and head.lower in ("for", "to", "at", "in", "during"):
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
    if frame.cameo[:2] == "14" and not targets:
        targets = _domestic_target(r, source)
    participants = list(dict.fromkeys(source + targets))
    reciprocal = False
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
    return Event(
        id="", type=plover, cameo=frame.cameo, trigger=t.text, pattern=f"lexicon noun {t.lemma.lower()}",
        source=source, target=targets,
        participants=participants, reciprocal=reciprocal, place=place, date=d, date_end=d_end,
        date_text=date_text, mode=frame.mode or mode, context=ctx,  # type: ignore[arg-type]
        confidence=round(_confidence(frame, source, targets, ctx, False) - 0.05, 2), evidence=_evidence(p, t.sent),
    )


def _merge(events: list[Event]) -> list[Event]:
    """One event per real-world event: same type and participants, compatible dates."""
    out: list[Event] = []
    for ev in events:
        key = (ev.type, frozenset(ev.participants))
        same = None
        for o in out:
            if (o.type, frozenset(o.participants)) != key or set(o.context) ^ set(ev.context) & {"negated"}:
                continue
            compatible = o.date is None or ev.date is None or o.date == ev.date
            if (o.evidence.start == ev.evidence.start and o.cameo == ev.cameo and o.source == ev.source) or (
                    ev.type == "CONSULT" and compatible and o.mode == ev.mode) or (
                    ev.cameo[:2] == "03" and ev.cameo != "036" and o.cameo == ev.cameo and o.source == ev.source
                    and compatible):  # a pledge told twice; invitations and acceptances are separate acts
                same = o
                break
        if same is None:
            out.append(ev)
            continue
        same.topic, same.topic_id = same.topic or ev.topic, same.topic_id or ev.topic_id
        same.date = same.date or ev.date
        same.date_end = same.date_end or ev.date_end
        same.date_text = same.date_text or ev.date_text
        same.place = same.place or ev.place
        same.confidence = round(min(0.99, max(same.confidence, ev.confidence) + 0.05), 2)
        if ev.evidence.start != same.evidence.start:
            same.also_evidence.append(ev.evidence)  # type: ignore[attr-defined]
    out = [ev for ev in out if ev.target or not any(
        o is not ev and o.type == ev.type and o.target and set(ev.source) <= set(o.source)
        and o.evidence.start == ev.evidence.start for o in out)]
    for k, ev in enumerate(out, start=1):
        ev.id = f"event/{k}"
    return out
