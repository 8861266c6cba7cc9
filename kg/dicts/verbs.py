"""PETRARCH2 CAMEO verb dictionaries: synsets, verbs and their noun/preposition patterns.

:func:`parse_verbs` reads the text format of PETRARCH2's ``dictionaries.rst`` ("Verb Dictionary");
:func:`load_verbs` loads ``kg/data/cameo_verbs.json.gz`` (``scripts/build_verbs.py``, from CAMEO.2.0.txt,
MIT, see kg/data/NOTICE.md) and lays users' files over it. Noun phrases are stored head first
(``{FINANCIAL AID}`` -> ("aid", "financial")); several nouns on one side of ``*`` outside parentheses
form one phrase headed by the last (``OUT VIEWS`` -> ("views", "out")); ``A_B`` is ``{A B}``; a pre-verb
prepositional phrase is folded into ``pre``. TABARI markers ``$ + % ^`` are kept out of the words, in
``Pattern.markers`` as (marker, "pre" | "obj" | the preposition). ``~`` transformations are only counted.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence as Seq
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

MARKERS = "$+%^"
_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
_CODE_AT_END = re.compile(r"^(.*)\[([^\[\]]*)\]\s*$")
_BRACED = re.compile(r"\{([^{}]*)\}|\[([^\[\]]*)\]")


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str  # CAMEO code as written without brackets, e.g. "0231", "042:043"; "---" = no event
    block: str  # the verb block's name, e.g. "ASK"
    pre: tuple[str, ...] = ()  # pre-verb noun phrase, head first (synsets as "&name")
    obj: tuple[str, ...] = ()  # post-verb noun phrase, head first then modifiers in text order
    preps: tuple[tuple[str, tuple[str, ...]], ...] = ()  # post-verb (preposition, phrase head first or ())
    source: str = ""  # "file.txt:LINE"
    markers: tuple[tuple[str, str], ...] = ()  # TABARI ($ source, + target, % both, ^ skip), where


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str  # the verb's base form, lowercase ("ask" for +ASK_FOR)
    block: str
    code: str  # own code if given, else the block's code, else "---"
    after: tuple[str, ...] = ()  # words after the verb in a multi-word verb ("for" in +ASK_FOR)
    before: tuple[str, ...] = ()  # words before it ("wire" in WIRE_+TAP)
    source: str = ""


def plural(word: str) -> str | None:
    """Regular plural of a (last) word: +S, consonant-Y -> IES, SS/SH/CH/X/Z -> +ES; none if it ends in S."""
    if not word or not word[-1].isalnum():
        return None
    if word.endswith(("ss", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("s"):
        return None
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def variants(phrase: str) -> set[str]:
    """The phrase, with its last word singularised and pluralised."""
    head, _, last = phrase.rpartition(" ")
    forms = {last, plural(last) or last}
    if last.endswith("ies"):
        forms.add(last[:-3] + "y")
    if last.endswith("es"):
        forms.add(last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        forms.add(last[:-1])
    return {f"{head} {f}" if head else f for f in forms if f}


@dataclass
class VerbDictionary:
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)  # "&ceasefire" -> {"truce", ...}
    verbs: dict[str, list[Verb]] = field(default_factory=dict)  # lemma -> entries in file order
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)  # block -> patterns in file order
    forms: dict[str, str] = field(default_factory=dict)  # irregular form -> lemma
    blocks: dict[str, str] = field(default_factory=dict)  # block name -> block code
    skipped: list[str] = field(default_factory=list)  # "file:line: text" of odd lines left unread
    transformations: int = 0  # "~" lines seen (not read)

    def matches_word(self, spec: str, word: str) -> bool:
        """Does ``word`` (any case, singular or plural) match a pattern word or "&synset"?"""
        spec = spec.lower()
        candidates = variants(" ".join(word.lower().split()))
        if spec.startswith("&"):
            return not candidates.isdisjoint(self.synsets.get(spec.rstrip("_"), ()))
        return not candidates.isdisjoint(spec.split("/"))  # "by/with" is either

    def verb_entries(self, lemma: str) -> list[Verb]:
        """Entries for a lemma, then those of the lemma an irregular form belongs to."""
        lemma = lemma.lower()
        out = list(self.verbs.get(lemma, ()))
        base = self.forms.get(lemma)
        if base and base != lemma:
            out += self.verbs.get(base, ())
        return out

    def inflected_entries(self, word: str) -> list[Verb]:
        """Entries for a regularly inflected form ("staged", "massing", "shells"), for when the tagger's lemma
        is not in the dictionary (the small English model reads "staged" as "stag")."""
        w = word.lower()
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""),
                             ("es", ""), ("s", "")):
            if w.endswith(suffix) and len(w) > len(suffix) + 2:
                stem = w[: -len(suffix)] + repl
                for cand in (stem, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None):
                    if cand and (found := self.verb_entries(cand)):
                        return found
        return []

    def merged(self, other: VerbDictionary) -> VerbDictionary:
        """``other`` laid over this one: its lemmas replace ours, its patterns come first, synsets union."""
        synsets = dict(self.synsets)
        for name, words in other.synsets.items():
            synsets[name] = synsets.get(name, frozenset()) | words
        patterns = {b: list(p) for b, p in self.patterns.items()}
        for block, pats in other.patterns.items():
            patterns[block] = list(pats) + patterns.get(block, [])
        return VerbDictionary(synsets, {**{k: list(v) for k, v in self.verbs.items()},
                                        **{k: list(v) for k, v in other.verbs.items()}},
                              patterns, {**self.forms, **other.forms}, {**self.blocks, **other.blocks},
                              self.skipped + other.skipped, self.transformations + other.transformations)

    def to_json(self) -> dict:
        return {"synsets": {k: sorted(v) for k, v in self.synsets.items()},
                "verbs": {k: [_trim([v.block, v.code, v.source, list(v.after), list(v.before)]) for v in vs]
                          for k, vs in self.verbs.items()},
                "patterns": {b: [_trim([p.code, p.source, list(p.pre), list(p.obj),
                                        [[pr, list(np)] for pr, np in p.preps], [list(m) for m in p.markers]])
                                 for p in ps] for b, ps in self.patterns.items()},
                "forms": dict(self.forms), "blocks": dict(self.blocks), "skipped": list(self.skipped),
                "transformations": self.transformations}

    @classmethod
    def from_json(cls, d: dict) -> VerbDictionary:
        def verb(lemma: str, block: str, code: str, source: str = "", after: Seq = (), before: Seq = ()) -> Verb:
            return Verb(lemma, block, code, tuple(after), tuple(before), source)

        def pat(block: str, code: str, source: str = "", pre: Seq = (), obj: Seq = (), preps: Seq = (),
                markers: Seq = ()) -> Pattern:
            return Pattern(code, block, tuple(pre), tuple(obj), tuple((p, tuple(n)) for p, n in preps), source,
                           tuple((m, w) for m, w in markers))

        return cls({k: frozenset(v) for k, v in d.get("synsets", {}).items()},
                   {k: [verb(k, *v) for v in vs] for k, vs in d.get("verbs", {}).items()},
                   {b: [pat(b, *p) for p in ps] for b, ps in d.get("patterns", {}).items()},
                   dict(d.get("forms", {})), dict(d.get("blocks", {})), list(d.get("skipped", [])),
                   int(d.get("transformations", 0)))


def _trim(row: list) -> list:
    """Drop trailing empty fields (they come back as defaults)."""
    return row[: max((i + 1 for i, v in enumerate(row) if v), default=0)]


def _head_first(elements: list[list[str]]) -> tuple[str, ...]:
    """Noun elements in text order -> head of the last one, then every other word in text order."""
    words = [w for e in elements for w in e]
    return (words[-1], *words[:-1]) if words else ()


def _words(token: str, where: str, markers: list[tuple[str, str]]) -> list[str]:
    """A pattern token's lowercase words (``A_B`` -> a, b); markers are moved to ``markers``."""
    out = []
    for part in token.split("_"):
        core = part.strip(MARKERS)
        markers.extend((c, where) for c in part if c in MARKERS and c not in core)
        if core:
            out.append(core.lower())
    return out


Prep = tuple[str, tuple[str, ...]]


def _segment(text: str, side: str, err: str) -> tuple[list[list[str]], list[Prep], list[tuple[str, str]]]:
    """One side of ``*``: noun elements, (prep, phrase) pairs and markers."""
    nouns: list[list[str]] = []
    preps: list[Prep] = []
    markers: list[tuple[str, str]] = []
    prep: str | None = None
    in_paren = False
    group: list[str] | None = None
    inner: list[list[str]] = []
    for tok in _TOKEN.findall(text):
        if tok == "(":
            if in_paren or group is not None:
                raise ValueError(f"{err}: nested '(' in pattern")
            in_paren, prep, inner = True, None, []
        elif tok == ")":
            if not in_paren or group is not None:
                raise ValueError(f"{err}: unbalanced ')' in pattern")
            if prep is None:
                raise ValueError(f"{err}: empty prepositional phrase '()'")
            preps.append((prep, _head_first(inner)))
            in_paren = False
        elif tok == "{":
            if group is not None:
                raise ValueError(f"{err}: nested '{{' in pattern")
            group = []
        elif tok == "}":
            if group is None:
                raise ValueError(f"{err}: unbalanced '}}' in pattern")
            if group:
                (inner if in_paren else nouns).append(group)
            group = None
        else:
            if "[" in tok or "]" in tok:
                raise ValueError(f"{err}: stray bracket in pattern: {tok!r}")
            words = _words(tok, (prep or side) if in_paren else side, markers)
            if in_paren and prep is None and words:
                prep, words = words[0], words[1:]
            if group is not None:
                group.extend(words)
            elif words:
                (inner if in_paren else nouns).append(words)
    if in_paren or group is not None:
        raise ValueError(f"{err}: unclosed '(' or '{{' in pattern")
    return nouns, preps, markers


def _pattern(line: str, block: str, err: str) -> Pattern:
    m = _CODE_AT_END.match(line)
    if not m:
        raise ValueError(f"{err}: pattern has no [CODE] at its end: {line.strip()!r}")
    body, code = m.group(1), "".join(m.group(2).split())
    if not code or body.count("*") != 1:
        raise ValueError(f"{err}: a pattern needs exactly one '*' and a code: {line.strip()!r}")
    left, right = body.split("*")
    pre_nouns, pre_preps, pre_marks = _segment(left, "pre", err)
    obj_nouns, preps, obj_marks = _segment(right, "obj", err)
    pre = _head_first(pre_nouns) + tuple(w for p, np in pre_preps for w in (p, *np))
    return Pattern(code, block, pre, _head_first(obj_nouns), tuple(preps), err,
                   tuple(pre_marks + obj_marks))


def _verb_parts(spec: str, err: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """'+ASK_FOR' -> ((), 'ask', ('for',)); 'WIRE_+TAP' -> (('wire',), 'tap', ()); no '+': first word."""
    parts = [p for p in spec.lower().split("_") if p]
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    i = marked[0] if marked else 0
    if len(marked) > 1 or any("+" in p.lstrip("+") for p in parts) or not parts or not parts[i].lstrip("+"):
        raise ValueError(f"{err}: a multi-word verb needs one '+' before its verb word: {spec!r}")
    return tuple(parts[:i]), parts[i].lstrip("+"), tuple(parts[i + 1:])


def parse_verbs(text: str, source: str = "", *, strict: bool = True) -> VerbDictionary:
    """Read a PETRARCH verb dictionary.

    A clearly malformed line raises ValueError("file:line: why"), or with ``strict=False`` is left out and
    its message kept in ``skipped``; odd but harmless lines are always skipped and kept there.
    """
    d = VerbDictionary()
    name = source or "<verbs>"
    st = _State()
    for n, raw in enumerate(text.splitlines(), 1):
        err = f"{name}:{n}"
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("~"):
            d.transformations += 1
            continue
        line = re.split(r"#|;", line, maxsplit=1)[0].strip()
        try:
            if line and not _read_line(d, st, line, err):
                d.skipped.append(f"{err}: {raw.strip()}")
        except ValueError as e:
            if strict:
                raise
            d.skipped.append(f"{e} -- {raw.strip()}")
    d.synsets = {k: frozenset(v) for k, v in st.members.items()}
    return d


@dataclass
class _State:
    synset: str | None = None  # label of the synset being read, or None inside a verb block
    plurals: bool = True
    block: str | None = None
    members: dict[str, set[str]] = field(default_factory=dict)


def _read_line(d: VerbDictionary, st: _State, line: str, err: str) -> bool:
    """Add one comment-free line to ``d``; False if it is odd and was not read."""
    if line.startswith("<"):  # XML-style comments: PETRARCH stops reading patterns there, we skip the line
        return False
    if line.startswith("&"):
        label = line.split()[0]
        if len(label) < 2 or len(line.split()) > 1:
            raise ValueError(f"{err}: a synset label is one '&NAME' word: {line!r}")
        st.plurals = not label.endswith("_")
        st.synset, st.block = label.rstrip("_").lower(), None
        st.members.setdefault(st.synset, set())
    elif line.startswith("---"):
        head = line.rstrip("- ")[3:].strip()
        if not head:
            return False
        m = re.fullmatch(r"([^\s\[\]{}]+)\s*(?:\[([^\[\]]*)\])?", head)
        if not m:
            raise ValueError(f"{err}: a block header is '--- NAME [CODE] ---': {line!r}")
        st.block, st.synset = m.group(1), None
        d.blocks[st.block] = "".join((m.group(2) or "").split()) or "---"
    elif line.startswith("-"):
        if st.block is None:
            raise ValueError(f"{err}: pattern outside a verb block")
        d.patterns.setdefault(st.block, []).append(_pattern(line[1:], st.block, err))
    elif st.synset is not None:
        phrase = line[1:].strip()
        if not line.startswith("+") or not phrase or any(c in phrase for c in MARKERS + "&{}[]()"):
            return False
        words = " ".join(phrase.replace("_", " ").split()).lower()
        st.members[st.synset].add(words)
        last = words.rsplit(" ", 1)[-1]
        if st.plurals and not phrase.endswith("_") and (pl := plural(last)):
            st.members[st.synset].add(words[: len(words) - len(last)] + pl)
    elif st.block is None:
        return False
    else:
        found = _BRACED.findall(line)
        rest = _BRACED.sub(" ", line).split()
        forms = [f for f, c in found if not c and f.strip()]
        codes = ["".join(c.split()) for f, c in found if c]
        if any(c in " ".join(rest) for c in "{}[]()") or len(codes) > 1 or len(forms) > 1:
            raise ValueError(f"{err}: unbalanced or repeated {{...}}/[...] in verb line: {line!r}")
        if len(rest) != 1:
            return False
        before, verb, after = _verb_parts(rest[0], err)
        d.verbs.setdefault(verb, []).append(
            Verb(verb, st.block, (codes[0] if codes else "") or d.blocks[st.block], after, before, err))
        for form in forms[0].split() if forms else ():
            f = _verb_parts(form, err)[1]
            if f != verb:
                d.forms.setdefault(f, verb)
    return True


@lru_cache(maxsize=1)
def _shipped() -> VerbDictionary:
    with resources.files("kg.data").joinpath("cameo_verbs.json.gz").open("rb") as raw, gzip.open(raw, "rt") as f:
        return VerbDictionary.from_json(json.load(f))


@lru_cache(maxsize=16)
def _load(extra: tuple[Path, ...]) -> VerbDictionary:
    d = _shipped()
    for path in extra:
        d = d.merged(parse_verbs(path.read_text(encoding="utf-8"), str(path)))
    return d


def load_verbs(extra: list[Path] | None = None) -> VerbDictionary:
    """The shipped CAMEO verb dictionary with each of ``extra`` laid over it (cached, shared: do not modify)."""
    return _load(tuple(Path(p) for p in extra or ()))
