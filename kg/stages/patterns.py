"""Apply the field's verb dictionary (PETRARCH2's CAMEO verb patterns, kept as data) over the parse.

A verb token finds its dictionary entries by lemma (multi-word verbs by their particle: "called off",
"blew up", "asked for"); the entry's block holds patterns over the verb's direct object, its
prepositional phrases and the noun before it. Every element of a pattern must be found; of the
patterns that match, the most specific wins (ties: the first in the file, so a user's own patterns,
read first, win). With none, the verb's own code applies. The result is a :class:`Frame` whose
``origin`` names the pattern, so an event can say why it exists.

Which phrase holds the target is role assignment, not vocabulary: it follows the CAMEO root
(``ROLE_PREPS``), widened by the prepositions the matched pattern names.
"""

from __future__ import annotations

from functools import lru_cache

from kg.dicts.verbs import Pattern, Verb, VerbDictionary, load_verbs, variants
from kg.stages.lexicon import Frame
from kg.types import Parsed, Token

# Where the receiving side of an event sits, by CAMEO root (the first two digits).
ROLE_PREPS: dict[str, tuple[str, ...]] = {
    "01": ("dobj", "to"), "02": ("dobj", "to", "on", "from"), "03": ("dative", "to", "with"),
    "04": ("dobj", "with"), "05": ("dobj", "to"), "06": ("dobj", "with", "to", "dative"), "07": ("dative", "to", "dobj"),
    "08": ("dobj", "to", "on"), "09": ("dobj", "into"), "10": ("dobj", "from", "of", "on"),
    "11": ("dobj", "of", "against"), "12": ("dobj",), "13": ("dobj", "with", "against"),
    "14": ("against", "dobj"), "15": ("against", "along", "on"), "16": ("dobj", "on", "against", "with"),
    "17": ("dobj", "on", "against"), "18": ("dobj", "against", "on"), "19": ("dobj", "against", "on", "into", "from"),
    "20": ("dobj", "against"),
}
RECIPROCAL_ROOTS = ("04", "06")
OBJECT_DEPS = ("dobj", "obj")
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "nummod")
DICTIONARY_WEIGHT = 0.6


@lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    """The shipped dictionary with the user's own files (``KG_VERB_DICTIONARIES``) read over it."""
    from kg.config import get_settings

    return load_verbs(list(get_settings().verb_dictionaries))


class _Scene:
    """What the verb's patterns are matched against, computed once per verb: its subject, objects and
    prepositions, and the word forms (singular, plural, compound) of every noun involved."""

    def __init__(self, vd: VerbDictionary, p: Parsed, t: Token, objects: list[Token]):
        self.vd, self.p = vd, p
        self.subj = [c for c in p.children(t.i) if c.dep in ("nsubj", "nsubjpass", "csubj")]
        self.objects = objects
        self.preps = [c for h in [t.i, *(o.i for o in objects)] for c in p.children(h)
                      if c.dep in ("prep", "agent", "dative", "prt")]
        self._forms: dict[int, tuple[set[str], list[set[str]]]] = {}

    def forms(self, head: Token) -> tuple[set[str], list[set[str]]]:
        """(forms of the head, forms of each left modifier)."""
        got = self._forms.get(head.i)
        if got is None:
            left = [c for c in self.p.children(head.i) if c.dep in MODIFIER_DEPS and c.i < head.i]
            joined = " ".join([c.lower for c in left if c.dep == "compound"] + [head.lower])
            first = min([c.i for c in left if c.dep == "compound"] + [head.i])
            surface = self.p.span_text(first, head.i + 1).lower()  # "sit-in", "cease-fire": one word in the file
            got = (variants(head.lower) | variants(head.lemma.lower()) | variants(joined) | (
                   variants(surface) if "-" in surface and " " not in surface else set()),
                   [variants(c.lower) | variants(c.lemma.lower()) for c in left])
            self._forms[head.i] = got
        return got

    def spec_in(self, spec: str, forms: set[str]) -> bool:
        spec = spec.lower()
        if spec.startswith("&"):
            return not forms.isdisjoint(self.vd.synsets.get(spec.rstrip("_"), ()))
        return not forms.isdisjoint(spec.split("/"))  # "by/with" is either

    def noun(self, head: Token, phrase: tuple[str, ...]) -> bool:
        """``phrase`` is head first, then modifiers: the head must be ``head`` (or its compound read whole),
        each modifier one of its left modifiers."""
        if not phrase:
            return True
        own, mods = self.forms(head)
        if not self.spec_in(phrase[0], own):
            return False
        return all(any(self.spec_in(m, f) for f in mods) for m in phrase[1:])


def _pobj(p: Parsed, prep: Token) -> Token | None:
    return next((g for g in p.children(prep.i) if g.dep in ("pobj", "pcomp")), None)


def _entry_holds(p: Parsed, t: Token, v: Verb) -> bool:
    kids = {c.lower for c in p.children(t.i) if c.dep in ("prt", "prep", "advmod")}
    nxt = p.tokens[t.i + 1].lower if t.i + 1 < len(p.tokens) else ""
    if any(w not in kids and w != nxt for w in v.after):
        return False
    prev = p.tokens[t.i - 1].lower if t.i > 0 else ""
    return all(w == prev for w in v.before[-1:])


def _score(sc: _Scene, pat: Pattern) -> int | None:
    """How much of the parse the pattern matches (None: some element is missing)."""
    score = 0
    if pat.pre:
        if not sc.subj or not sc.noun(sc.subj[0], pat.pre):
            return None
        score += len(pat.pre)
    if pat.obj:
        if not any(sc.noun(o, pat.obj) for o in sc.objects):
            return None
        score += 1 + len(pat.obj)
    for word, phrase in pat.preps:
        found = [c for c in sc.preps if c.lower == word]
        if phrase:
            found = [c for c in found if (g := _pobj(sc.p, c)) is not None and sc.noun(g, phrase)]
        if not found:
            return None
        score += 1 + len(phrase)
    return score


def _objects(p: Parsed, t: Token, v: Verb) -> list[Token]:
    out = [c for c in p.children(t.i) if c.dep in OBJECT_DEPS or c.dep == "nsubjpass"]
    for c in p.children(t.i):  # "asked for aid": the object of the verb's own preposition
        if c.dep == "prep" and c.lower in v.after and (g := _pobj(p, c)) is not None:
            out.append(g)
    for c in p.children(t.i):  # "called for an end to X" reads like "called X"
        if c.dep == "xcomp" or c.dep == "attr":
            out.append(c)
    return out


def _role_preps(code: str, pat: Pattern | None) -> tuple[str, ...]:
    preps = ROLE_PREPS.get(code[:2], ("dobj",))
    if pat is not None:  # "(AGAINST)", "(ON)": the pattern says where the other side is
        preps = (*preps, *(w for w, phrase in pat.preps if not phrase and w not in preps))
    return preps


def dictionary_frame(p: Parsed, t: Token, vd: VerbDictionary | None = None, need_pattern: bool = False,
                     multiword_only: bool = False) -> Frame | None:
    """The frame the verb dictionary gives verb token ``t`` (None: not in it, or no event).

    ``need_pattern``: only when a pattern matched, not on the verb's own code alone;
    ``multiword_only``: only an entry with its particle or words ("call off", "blow up").
    """
    vd = vd or verb_dictionary()
    found = vd.verb_entries(t.lemma.lower()) or vd.verb_entries(t.lower) or vd.inflected_entries(t.lower)
    entries = [v for v in found if _entry_holds(p, t, v)]
    if multiword_only:
        entries = [v for v in entries if v.after or v.before]
    if not entries:
        return None
    entries.sort(key=lambda v: -(len(v.after) + len(v.before)))  # "call off" before "call"
    v = entries[0]
    scene = _Scene(vd, p, t, _objects(p, t, v))
    best: tuple[int, Pattern] | None = None
    for pat in vd.patterns.get(v.block, ()):
        s = _score(scene, pat)
        if s is not None and (best is None or s > best[0]):
            best = (s, pat)
    code, origin, pat, claimed = v.code, v.source, None, ()
    if best is not None and best[1].code != "---":
        pat = best[1]
        code, origin = pat.code, pat.source
        claimed = _claimed(scene, pat)
    elif best is not None:
        return None  # the most specific pattern says: no event here
    elif need_pattern:
        return None
    code = code.split(":")[0]  # "042:043": PETRARCH's paired codes; the first is the act itself
    if not code or code == "---" or not code[:2].isdigit():
        return None
    recip = code[:2] in RECIPROCAL_ROOTS and code[:3] not in ("042", "043")
    mode = "visit" if code[:3] == "042" else "host" if code[:3] == "043" else None
    return Frame(code, _role_preps(code, pat), reciprocal=recip, mode=mode, weight=DICTIONARY_WEIGHT,
                 origin=f"verb dictionary {origin} ({v.block})", claimed=claimed)


def _claimed(sc: _Scene, pat: Pattern) -> tuple[int, ...]:
    """The nouns a matched pattern named: its object's head, and the heads of its phrases with a noun."""
    out = [o.i for o in sc.objects if pat.obj and sc.noun(o, pat.obj)]
    for word, phrase in pat.preps:
        if phrase:
            out += [g.i for c in sc.preps if c.lower == word and (g := _pobj(sc.p, c)) is not None
                    and sc.noun(g, phrase)]
    return tuple(out)
