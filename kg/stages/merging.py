"""After the events of an article are found: drop the implausible, attach topics, merge what is told twice."""

from __future__ import annotations

from kg.stages.places import _home
from kg.stages.resolution import Resolution
from kg.types import Event, Parsed


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
    out = [ev for ev in out if not _told_better(ev, out)]
    out = [ev for ev in out if ev.target or not any(
        o is not ev and o.type == ev.type and o.target and set(ev.source) <= set(o.source)
        and o.evidence.start == ev.evidence.start for o in out)]
    for k, ev in enumerate(out, start=1):
        ev.id = f"event/{k}"
    return out + _mirrors(out)


def _told_better(ev: Event, events: list[Event]) -> bool:
    """Is ``ev``'s target only a convention's default ("a protest is aimed at the protesters' own government")
    while its sentence names the target of the same act by the same side ("began a hunger strike to protest
    against Sweden's decision": aimed at Sweden)?"""
    if not ev._assumed_target:  # noqa: SLF001 - set by the event stages
        return False
    return any(o is not ev and o.type == ev.type and o.evidence.start == ev.evidence.start
               and set(o.source) == set(ev.source) and not o._assumed_target for o in events)  # noqa: SLF001


def _mirrors(events: list[Event]) -> list[Event]:
    """Event data codes "A and B agreed" as two directed events, A -> B and B -> A: the second is added here,
    pointing at the first (``mirror_of``), so a graph can count the occurrence once. Events whose sides are
    named apart ("A met B") stay one event, as the field codes them."""
    out: list[Event] = []
    for ev in events:
        if ev.reciprocal and ev._joint and ev.source and ev.target:  # noqa: SLF001 - set by the event stage
            out.append(ev.model_copy(update={"id": f"event/{len(events) + len(out) + 1}", "source": list(ev.target),
                                             "target": list(ev.source), "mirror_of": ev.id}, deep=True))
    return out

