"""How an event is told: negation, modality, conditions, reported speech, the date words of its clause, and
whether its sentence is about sport or entertainment (no event there)."""

from __future__ import annotations

from datetime import date

from kg.stages.dates import is_duration, resolve_date
from kg.stages.lexicon import FAILURE_GOVERNORS, FUTURE_AUX, FUTURE_GOVERNORS, HYPOTHETICAL_AUX, SPEECH_VERBS
from kg.types import Parsed, Token

READY_ADJECTIVES = {"willing", "ready", "prepared", "determined", "committed", "eager", "keen", "set", "poised"}


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



def _conditioned(p: Parsed, v: int) -> bool:
    """'... will withdraw its troops unless ...': an action made to depend on the other side."""
    for c in p.children(v):
        if c.dep == "advcl" and any(g.dep == "mark" and g.lower in ("unless",) for g in p.children(c.i)):
            return True
    return False



DEMAND_WORDS = {"demand", "urge", "ask", "call", "request", "insist", "appeal", "press", "plead"}



def _in_condition_or_demand(p: Parsed, t: Token) -> bool:
    """Clauses that state a condition ("unless X arranged a ceasefire", "until the government resigns") or what
    is demanded ("demanded that Y refuse ...", "its demand that Israel ease ...") are not events themselves."""
    cur = t
    for _ in range(4):
        if any(c.dep == "mark" and c.lower in ("if", "unless", "whether", "until") for c in p.children(cur.i)):
            return True
        if cur.dep in ("ccomp", "acl", "relcl") and p.tokens[cur.head].lemma.lower() in DEMAND_WORDS:
            return True
        if cur.dep not in ("conj", "xcomp", "ccomp", "advcl", "acl") or cur.head == cur.i:
            return False
        cur = p.tokens[cur.head]
    return False


def discarded_sentences(p: Parsed) -> set[int]:
    """Sentences about sport and entertainment ("the World Cup final", "the Australian Open"), by
    PETRARCH2's discard list: no event is coded in them, as PETRARCH2 does. Its chronology entries
    (years such as "1967", "years ago", "months later", "World War Two") and "round"/"champion" are not
    used: a graph of events keeps dated history, and talks have rounds and causes their champions."""
    from kg.kb.orgs import actor_dictionary

    out: set[int] = set()
    for s, _e, phrase in actor_dictionary().discard_index.scan([t.lower for t in p.tokens]):
        words = phrase.split()
        if phrase.replace(" ", "").isdigit() or words[-1] in ("ago", "later") or "round" in words \
                or "war" in words or words[0] in ("champion", "champions"):
            continue
        out.add(p.tokens[s].sent)
    return out
