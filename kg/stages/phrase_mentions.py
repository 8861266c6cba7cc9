"""Mentions of things other than actors: agreements ("the 1972 Antiballistic Missile Treaty", "a defence
pact" they signed), topics, and possessed venues ("Bush's ranch")."""

from __future__ import annotations

import re

from kg.kb.countries import country_code
from kg.kb.topics import find_topics
from kg.kb.treaties import KNOWN as TREATY_ACRONYMS
from kg.stages.spans import _make
from kg.types import Mention, Parsed, Token

TREATY_HEADS = {"treaty", "accord", "accords", "agreement", "agreements", "convention", "pact", "protocol",
                "charter", "communique", "communiqué", "declaration", "deal", "memorandum", "framework"}  # fmt: skip
# Verbs that make an agreement: their object, even unnamed ("signed a defence pact"), is a treaty of the article.
TREATY_MAKERS = {"sign", "ink", "conclude", "seal", "ratify", "reach", "strike", "finalize", "finalise", "initial"}
VENUE_HEADS = {"ranch", "home", "residence", "estate", "dacha", "farm", "retreat", "palace", "compound",
               "villa", "office", "headquarters"}  # fmt: skip
def treaty_mentions(p: Parsed, taken: set[int]) -> list[Mention]:
    """Named agreements: "the 1972 Antiballistic Missile Treaty", "the ABM treaty"."""
    out: list[Mention] = []
    toks = p.tokens
    for t in toks:
        if t.text in TREATY_ACRONYMS and t.i not in taken and not (
                t.i + 1 < len(toks) and toks[t.i + 1].lower in TREATY_HEADS):  # "the JCPOA"; "the ABM treaty" below
            taken.add(t.i)
            out.append(_make(p, t.i, t.i + 1, "TREATY", head=t.i))
            continue
        action_plan = t.lower == "plan" and t.i + 2 < len(toks) and toks[t.i + 1].lower == "of" \
            and toks[t.i + 2].text == "Action"  # "Joint Comprehensive Plan of Action"
        if not (t.lower in TREATY_HEADS or action_plan) or t.pos not in ("NOUN", "PROPN"):
            continue
        if t.text[:1].islower() and t.dep in ("dobj", "nsubjpass") and toks[t.head].lemma in TREATY_MAKERS \
                and t.i not in taken and _actually_made(p, t.head):
            out.append(_unnamed_treaty(p, t))
            taken.update(range(out[-1].tok_start, out[-1].tok_end))
            continue
        # modifiers immediately left of the head: capitalised words, acronyms, years, hyphens
        s = t.i
        while s > 0 and (
            (toks[s - 1].text[:1].isupper() and toks[s - 1].pos in ("PROPN", "NOUN", "ADJ"))
            or re.fullmatch(r"1[89]\d\d|20\d\d|-|[A-Z]{2,}", toks[s - 1].text)
        ) and toks[s - 1].sent == t.sent:
            s -= 1
        named = [x for x in toks[s : t.i] if x.text[:1].isupper() and not re.fullmatch(r"\d+", x.text)]
        of_name = t.text[:1].isupper() and t.i + 2 < len(toks) and toks[t.i + 1].lower in ("of", "on") \
            and toks[t.i + 2].text[:1].isupper()  # "the Declaration of Principles"
        if not named and not of_name:
            if t.text[:1].islower() and t.i not in taken and any(
                    c.dep == "det" and c.lower in ("the", "this", "that") for c in p.children(t.i)):
                ref = _make(p, t.i, t.i + 1, "TREATY", kind="unnamed", head=t.i)
                ref.reason = "ref"  # "criticized the agreement": the one the article told of, if any
                out.append(ref)
            continue  # "Treaty" alone at the start of a sentence
        if any(country_code(x.text) for x in named) and len(named) == 1 and not t.text[:1].isupper():
            continue  # "the Russian agreement"
        # extend to the right for "Treaty of Versailles", "Treaty on the Non-Proliferation of ..."
        e = t.i + 1
        if e + 1 < len(toks) and toks[e].lower in ("of", "on") and toks[e + 1].text[:1].isupper():
            e += 2
            while e < len(toks) and (toks[e].text[:1].isupper() or toks[e].lower in ("the", "of", "-")):
                e += 1
        for j in range(s, e):
            taken.add(j)
        out.append(_make(p, s, e, "TREATY", head=t.i))
    return out


def _actually_made(p: Parsed, v: int) -> bool:
    """The agreement was made, not hoped for: no modal, negation, condition or "to" infinitive on the verb."""
    for c in p.children(v):
        if c.dep in ("aux", "auxpass") and c.lower in ("could", "would", "might", "may", "should", "will", "shall",
                                                        "to", "'ll", "must", "can") or c.dep == "neg":
            return False
        if c.dep == "mark" and c.lower in ("if", "unless", "until", "whether", "before"):
            return False
    return p.tokens[v].dep != "xcomp"


def _unnamed_treaty(p: Parsed, t: Token) -> Mention:
    """"signed a defence pact", "reached a ceasefire agreement": an agreement the article sees being made."""
    left = [j for c in p.children(t.i) if c.i < t.i and c.dep not in ("det", "predet", "poss", "nummod", "quantmod",
                                                                    "punct", "case") for j in p.subtree(c.i)]
    s = min([t.i, *left])  # "a long-term agreement", "a Franco-German defence pact"
    while s > 0 and p.tokens[s - 1].pos in ("NOUN", "ADJ") and p.tokens[s - 1].head in (t.i, t.head) \
            and p.tokens[s - 1].sent == t.sent:  # a parse that hangs "fisheries" beside "pact" on the verb
        s -= 1
    # "a treaty of friendship and cooperation", "an accord on fisheries"
    right = [j for c in p.children(t.i) if c.dep == "prep" and c.lower in ("of", "on")
             and all(p.tokens[g.i].text[:1].islower() for g in p.children(c.i)) for j in p.subtree(c.i)]
    e = max([t.i, *right]) + 1 if right and all(p.tokens[j].pos not in ("VERB", "PUNCT") for j in right) else t.i + 1
    return _make(p, s, e, "TREATY", kind="unnamed", head=t.i)


def topic_mentions(p: Parsed) -> list[Mention]:
    """Topics named in each sentence ("missile defense", "terrorism")."""
    out: list[Mention] = []
    for sent in p.sents:
        toks = p.tokens[sent.start : sent.end]
        lemmas = [t.lemma.lower() for t in toks]
        spans: list[tuple[int, int]] = []
        for info, s, e in sorted(find_topics(lemmas), key=lambda x: (x[1], -x[2])):
            if any(s < e2 and s2 < e for s2, e2 in spans):
                continue  # "reduce nuclear weapons" is arms reduction, not also "nuclear weapons"
            spans.append((s, e))
            m = _make(p, sent.start + s, sent.start + e, "TOPIC", "phrase")
            m.reason = info.label
            out.append(m)
    return out


def venue_mentions(p: Parsed, taken: set[int]) -> list[Mention]:
    """Possessed venues: "Bush's ranch", "the president's home"."""
    out: list[Mention] = []
    for t in p.tokens:
        if t.lower not in VENUE_HEADS or t.i in taken:
            continue
        poss = [c for c in p.children(t.i) if c.dep == "poss" and c.lower not in ("its", "our", "my", "your")]
        if not poss:
            continue
        s = min(p.subtree(poss[0].i))
        m = _make(p, s, t.i + 1, "VENUE", "phrase", head=t.i)
        m.reason = str(poss[0].i)  # the owner's token
        out.append(m)
    return out


