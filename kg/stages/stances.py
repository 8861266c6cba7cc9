"""Stances: who supports or opposes which topic or treaty, with evidence."""

from __future__ import annotations

from kg.kb.topics import topic_by_label
from kg.stages.arguments import _actors, _subject
from kg.stages.resolution import Resolution
from kg.types import Entity, Evidence, Parsed, Stance, slug

SUPPORT_VERBS = {"support", "back", "favor", "favour", "endorse", "champion", "advocate", "welcome", "defend", "commit",
                 "embrace", "want", "seek", "pursue", "push", "promote", "build", "deploy", "develop", "test",
                 "proceed", "begin", "ensure", "sign", "ratify", "uphold", "preserve", "keep"}  # fmt: skip
OPPOSE_VERBS = {"oppose", "reject", "resist", "condemn", "denounce", "criticize", "criticise", "object", "fight",
                "combat", "counter", "defeat", "eliminate", "eradicate", "abandon", "scrap", "violate", "fear",
                "abrogate", "withdraw", "veto", "protest", "block", "undermine"}  # fmt: skip
SUPPORT_NOUNS = {"goal", "plan", "proposal", "program", "programme", "push", "commitment", "support", "readiness",
                 "willingness", "determination", "desire", "vision", "insistence", "backing", "endorsement"}  # fmt: skip
OPPOSE_NOUNS = {"opposition", "objection", "resistance", "rejection", "criticism", "concern", "fear"}
POSITIVE_PRED = {"ensure", "guarantee", "protect", "preserve", "strengthen", "promote", "secure", "maintain",
                 "underpin", "help"}  # fmt: skip
NEGATIVE_PRED = {"threaten", "undermine", "endanger", "destabilize", "violate", "harm", "damage", "jeopardize"}
BELIEF_VERBS = {"believe", "think", "argue", "say", "insist", "maintain", "consider", "contend", "hold"}
REDUCTION_VERBS = {"reduce", "cut", "limit", "curb", "dismantle", "slash", "halve"}
NEGATIVE_TOPICS = {"terrorism", "war in Afghanistan", "military intervention"}
# Talking about a topic takes no side on it: "agreed to keep talking about X", "want to discuss X".
DISCUSSION = {"talk", "discuss", "debate", "negotiate", "speak", "consult", "confer", "discussion", "talks",
              "negotiation", "dialogue", "consultation", "conversation", "differences", "difference",
              "disagreement", "dispute"}  # fmt: skip


def _without_discussion(p: Parsed, idxs: set[int]) -> set[int]:
    """Drop what hangs below a discussion word: its topic is talked about, not supported or opposed."""
    drop: set[int] = set()
    for i in idxs:
        if p.tokens[i].lemma.lower() in DISCUSSION or p.tokens[i].lower in DISCUSSION:
            drop |= set(p.subtree(i)) - {i}
    return idxs - drop


def _topics_in(p: Parsed, r: Resolution, idxs: set[int]) -> list[tuple[str, str]]:
    out = []
    for m in r.mentions:
        if m.label in ("TOPIC", "TREATY") and m.entity and any(i in idxs for i in range(m.tok_start, m.tok_end)):
            ent = r.entities[m.entity]
            if (ent.name, ent.id) not in out:
                out.append((ent.name, ent.id))
    return out


def _neg(p: Parsed, i: int) -> bool:
    return any(c.dep == "neg" for c in p.children(i))


def find_stances(p: Parsed, r: Resolution) -> list[Stance]:
    """Stances from verbs ('Russia opposes X'), nouns ('Bush's goal of X') and beliefs ('A believes X ensures Y')."""
    found: dict[tuple[str, str, str], Stance] = {}

    def put(h: str, label: str, tid: str, polarity: str, conf: float, ev: Evidence) -> None:
        key = (h, tid, polarity)
        if key not in found or found[key].confidence < conf:
            found[key] = Stance(id="", holder=h, topic=label, topic_id=tid, polarity=polarity,  # type: ignore[arg-type]
                                confidence=round(conf, 2), evidence=ev)

    def add(holders: list[str], topics: list[tuple[str, str]], pol: str, sent: int, conf: float) -> None:
        s = p.sents[sent]
        ev = Evidence(text=p.text[s.start_char : s.end_char], start=s.start_char, end=s.end_char)
        sent_lemmas = {t.lemma.lower() for t in p.tokens[s.start : s.end]}
        if sent_lemmas & REDUCTION_VERBS and pol == "support":
            topics = [("nuclear arms reduction", "topic/nuclear-arms-reduction") if lbl == "nuclear weapons" else (lbl, tid)
                      for lbl, tid in topics]
            if "topic/nuclear-arms-reduction" not in r.entities and any(
                    tid == "topic/nuclear-arms-reduction" for _, tid in topics):
                r.add(Entity(id="topic/nuclear-arms-reduction", type="Topic", name="nuclear arms reduction"))
        for label, tid in list(topics):  # supporting denuclearization opposes nuclear weapons, and the reverse
            info = topic_by_label(label)
            if info is not None and info.opposes and tid.startswith("topic/"):
                other = r.add(Entity(id=f"topic/{slug(info.opposes)}", type="Topic", name=info.opposes))
                for h in holders:
                    put(h, other.name, other.id, "oppose" if pol == "support" else "support", conf - 0.1, ev)
        for h in holders:
            for label, tid in topics:
                if label in NEGATIVE_TOPICS and pol == "support" and tid.startswith("topic/"):
                    continue  # "reduce terrorism" style phrasing is handled by the oppose verbs
                put(h, label, tid, pol, conf, ev)

    arms = r.entities.get("topic/nuclear-arms-reduction")
    for t in p.tokens:
        lem = t.lemma.lower()
        if t.pos in ("VERB",) and lem in REDUCTION_VERBS:
            holders, passive = _subject(p, r, t.i)
            objs = {j for c in p.children(t.i) if c.dep in ("dobj", "prep") for j in p.subtree(c.i)}
            if holders and not passive and any(lbl == "nuclear weapons" for lbl, _ in _topics_in(p, r, objs)):
                if arms is None:
                    arms = r.add(Entity(id="topic/nuclear-arms-reduction", type="Topic", name="nuclear arms reduction"))
                add(holders, [(arms.name, arms.id)], "oppose" if _neg(p, t.i) else "support", t.sent, 0.6)
            continue
        calls_for = lem == "call" and any(c.dep == "prep" and c.lower == "for" for c in p.children(t.i))
        if t.pos in ("VERB", "AUX") and (lem in SUPPORT_VERBS or lem in OPPOSE_VERBS or calls_for):
            holders, passive = _subject(p, r, t.i)
            if not holders and t.dep == "acomp":  # "it was committed to ...": the copula's subject
                holders, passive = _subject(p, r, t.head)
            if passive and lem == "commit":
                passive = False  # "is committed to X": a stance, not something done to it
            if passive or not holders:
                continue
            deps = ("dobj", "prep", "xcomp", "ccomp", "attr", "advcl") if lem == "commit" else (
                "dobj", "prep", "xcomp", "ccomp", "attr")
            objs = {j for c in p.children(t.i) if c.dep in deps and (not calls_for or c.lower == "for")
                    for j in p.subtree(c.i)}
            topics = _topics_in(p, r, _without_discussion(p, objs))
            if not topics:
                continue
            pol = "support" if lem in SUPPORT_VERBS or calls_for else "oppose"
            if lem == "violate":  # "X would violate the treaty": about the treaty, X's plan opposes it
                continue
            if _neg(p, t.i):
                pol = "oppose" if pol == "support" else "support"
            weak = lem in ("build", "deploy", "develop", "test", "proceed", "begin", "reduce", "cut", "keep", "ensure")
            add(holders, topics, pol, t.sent, 0.55 if weak else 0.75)
        elif t.pos in ("NOUN",) and (lem in SUPPORT_NOUNS or lem in OPPOSE_NOUNS):
            holders = [a for c in p.children(t.i) if c.dep == "poss" for a in _actors(p, r, c.i)]
            if not holders and t.dep in ("dobj", "pobj"):
                gov = p.tokens[t.head] if p.tokens[t.head].pos != "ADP" else p.tokens[p.tokens[t.head].head]
                if gov.pos in ("VERB", "AUX"):
                    holders, _ = _subject(p, r, gov.i)
            if not holders:
                continue
            sub = set(p.subtree(t.i)) - {t.i}
            topics = _topics_in(p, r, sub)
            if not topics:
                continue
            pol = "support" if lem in SUPPORT_NOUNS else "oppose"
            add(holders, topics, pol, t.sent, 0.65)
        elif t.pos in ("VERB",) and lem in BELIEF_VERBS:
            holders, _ = _subject(p, r, t.i)
            if not holders:
                continue
            for c in p.children(t.i):
                if c.dep != "ccomp":
                    continue
                pred = p.tokens[c.i]
                subj = [g for g in p.children(c.i) if g.dep in ("nsubj", "nsubjpass")]
                if not subj:
                    continue
                topics = _topics_in(p, r, set(p.subtree(subj[0].i)))
                if not topics:
                    continue
                pl = pred.lemma.lower()
                if pl in POSITIVE_PRED or pl in NEGATIVE_PRED:
                    pol = "support" if pl in POSITIVE_PRED else "oppose"
                    if _neg(p, c.i):
                        pol = "oppose" if pol == "support" else "support"
                    add(holders, topics, pol, t.sent, 0.7)
        elif t.lower == "proposed" and t.dep == "amod":
            noun = p.tokens[t.head]
            holders = [a for c in p.children(noun.i) if c.dep == "poss" for a in _actors(p, r, c.i)]
            topics = _topics_in(p, r, set(p.subtree(noun.i)))
            if holders and topics:
                add(holders, topics, "support", t.sent, 0.65)
    out = sorted(found.values(), key=lambda s: s.evidence.start)
    for k, s in enumerate(out, start=1):
        s.id = f"stance/{k}"
    return out
