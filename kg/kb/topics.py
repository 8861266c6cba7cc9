"""Topics that events and stances are about, found by their key words.

Each topic has a canonical label and patterns: tuples of lemmas that must appear
in order (gaps of up to two words allowed) inside one noun phrase or clause.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TopicInfo:
    label: str
    patterns: tuple[tuple[str, ...], ...]
    opposes: str | None = None  # the topic that supporting this one opposes: denuclearization -> nuclear weapons


TOPICS: tuple[TopicInfo, ...] = (
    TopicInfo("missile defense", (("missile", "defense"), ("missile", "defence"), ("defense", "system"),
              ("defensive", "system"), ("missile", "shield"), ("anti", "missile"), ("antimissile",),
              ("interceptor",), ("missile", "defenses"), ("star", "wars"))),
    TopicInfo("nuclear arms reduction", (("reduce", "nuclear"), ("reduction", "nuclear"), ("cut", "nuclear"),
              ("nuclear", "arms", "cut"), ("arms", "reduction"), ("arms", "control"), ("disarmament",),
              ("reduce", "arsenal"), ("cut", "arsenal"), ("nuclear", "cut"), ("warhead", "cut"),
              ("reduce", "warhead"))),
    TopicInfo("terrorism", (("terrorism",), ("counterterrorism",), ("terror",), ("terrorist",))),
    TopicInfo("nuclear program", (("nuclear", "program"), ("nuclear", "programme"), ("enrichment",),
              ("enrich", "uranium"), ("nuclear", "activity"), ("nuclear", "ambition"))),
    TopicInfo("nuclear weapons", (("nuclear", "weapon"), ("nuclear", "arm"), ("atomic", "weapon"),
              ("nuclear", "arsenal"), ("nuclear", "warhead"))),
    TopicInfo("denuclearization", (("denuclearization",), ("denuclearisation",), ("denuclearize",),
              ("denuclearise",), ("nuclear", "free"), ("nuclear", "-", "free")), opposes="nuclear weapons"),
    TopicInfo("human rights", (("human", "right"),)),
    TopicInfo("climate change", (("climate", "change"), ("global", "warming"), ("emission",),
              ("greenhouse", "gas"))),
    TopicInfo("trade", (("trade",), ("tariff",), ("free", "trade"), ("import",), ("export",))),
    TopicInfo("economic sanctions", (("sanction",), ("embargo",))),
    TopicInfo("peace process", (("peace", "process"), ("peace", "talk"), ("peace", "plan"),
              ("peace", "accord"), ("peace", "agreement"), ("peace", "deal"), ("peace", "treaty"),
              ("peace", "settlement"), ("comprehensive", "settlement"), ("political", "settlement"),
              ("negotiated", "settlement"), ("final", "settlement"))),
    TopicInfo("ceasefire", (("ceasefire",), ("cease", "fire"), ("cease", "-", "fire"), ("truce",),
              ("armistice",))),
    TopicInfo("war in Afghanistan", (("war", "afghanistan"), ("campaign", "afghanistan"))),
    TopicInfo("NATO enlargement", (("nato", "expansion"), ("nato", "enlargement"), ("expand", "nato"))),
    TopicInfo("independence", (("independence",), ("self", "determination"), ("statehood",))),
    TopicInfo("refugees", (("refugee",),)),
    TopicInfo("economic aid", (("economic", "aid"), ("economic", "assistance"), ("financial", "aid"),
              ("humanitarian", "aid"), ("food", "aid"))),
    TopicInfo("military intervention", (("military", "action"), ("military", "intervention"),
              ("air", "strike"), ("airstrike",), ("invasion",))),
    TopicInfo("territorial dispute", (("territorial", "dispute"), ("border", "dispute"),
              ("disputed", "territory"), ("occupied", "territory"))),
    # "settlement" alone is as often a peace settlement as a colony: only the colony's own phrases
    TopicInfo("settlements", (("settlement", "activity"), ("settlement", "construction"),
              ("settlement", "expansion"), ("settlement", "building"), ("jewish", "settlement"),
              ("israeli", "settlement"), ("settlement", "bloc"))),
)  # fmt: skip


def topic_by_label(label: str) -> TopicInfo | None:
    return next((t for t in TOPICS if t.label == label), None)


def _matches(pattern: tuple[str, ...], lemmas: list[str]) -> tuple[int, int] | None:
    for s in range(len(lemmas)):
        if lemmas[s] != pattern[0]:
            continue
        pos, ok = s, True
        for p in pattern[1:]:
            nxt = next((j for j in range(pos + 1, min(pos + 5, len(lemmas))) if lemmas[j] == p), None)
            if nxt is None:
                ok = False
                break
            pos = nxt
        if ok:
            return s, pos + 1
    return None


def find_topics(lemmas: list[str]) -> list[tuple[TopicInfo, int, int]]:
    """Topics whose pattern occurs in ``lemmas`` (lower-cased), with the matched range.

    >>> [t.label for t, _, _ in find_topics("stress readiness to reduce nuclear weapon".split())]
    ['nuclear arms reduction', 'nuclear weapons']
    """
    out = []
    for t in TOPICS:
        best = None
        for p in t.patterns:
            m = _matches(p, lemmas)
            if m and (best is None or m[1] - m[0] > best[1] - best[0]):
                best = m
        if best:
            out.append((t, best[0], best[1]))
    return out
