"""PETRARCH2 actor, agent and discard dictionaries, and a longest-match phrase finder.

Readers for the text formats of openeventdata/petrarch2 (``dictionaries.rst``); the shipped data,
``kg/data/phoenix_dicts.json.gz`` (MIT, Open Event Data Alliance; see kg/data/NOTICE.md), is built by
``scripts/build_actor_dicts.py``. Unreadable lines are skipped and listed in ``.problems``; read with
``strict=True`` (users' own files), the first one raises ValueError naming file:line instead.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

_T = TypeVar("_T")
P = TypeVar("P")
NULL_CODE = "---"  # PETRARCH's explicit "no code"
_END = None  # trie key marking the end of a phrase (words are always str)
_Files = tuple[tuple[str, int], ...]  # (path, mtime_ns) of users' files: the cache key


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # readable primary phrase: "United Nations", "NATO"
    codes: tuple[tuple[str, str | None, str | None], ...]  # (code, from, to); default: (code, None, None)
    aliases: tuple[str, ...]  # lowercase phrases, primary first
    source: str = ""  # "file:line"

    def code_on(self, day: datetime.date | None) -> str | None:
        """The code valid on ``day``: a date-bounded one first (bounds inclusive), then the default."""
        iso = (day.date() if isinstance(day, datetime.datetime) else day).isoformat() if day else ""
        dated = [c for c, lo, hi in self.codes if iso and (lo or hi) and (lo or iso) <= iso <= (hi or iso)]
        code = (dated or [c for c, lo, hi in self.codes if lo is None and hi is None] or [None])[0]
        return None if code == NULL_CODE else code


@dataclass(frozen=True, slots=True)
class Agent:
    phrase: str  # lowercase, spaces
    code: str  # "GOV", "MIL", ... without the ~
    prefix: bool  # True for CODE~ (goes before the actor code), False for ~CODE
    source: str = ""


class Parsed(list[_T]):
    """Entries read from one file; ``problems`` lists the lines skipped, as "file:line: why"."""

    def __init__(self, source: str = "", strict: bool = False) -> None:
        super().__init__()
        self.source, self.strict, self.problems = source, strict, []  # type: str, bool, list[str]

    def problem(self, lineno: int, why: str) -> None:
        """Record a skipped line; when reading strictly (users' files) raise ValueError naming file:line."""
        if self.strict:
            raise ValueError(f"{self.source}:{lineno}: {why}")
        self.problems.append(f"{self.source}:{lineno}: {why}")


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """(line number, content) with '#' comments, ' ;' comments and '<!-- -->' lines removed."""
    for n, raw in enumerate(text.splitlines(), 1):
        line = re.sub(r"\s;.*", "", raw.split("#", 1)[0])
        if line.strip() and not line.lstrip().startswith("<!"):
            yield n, line


def _phrase(s: str) -> str:
    """'UNITED_NATIONS_ ' -> 'united nations' (underscores and blanks both separate words)."""
    return " ".join(s.replace("_", " ").lower().split())


_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_DATE_FORM = re.compile(r"^(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))$")
_SMALL = {"of", "the", "and", "for", "on", "in", "to", "at", "by", "a", "an", "de", "du", "des", "da", "di",
          "del", "la", "le", "et", "y", "or", "with", "against", "from"}  # fmt: skip
_ACRONYMS = {"un", "eu", "au", "uk", "us", "usa", "ngo", "igo", "nato", "opec", "asean"}


def _date(s: str) -> str:
    """'YYYYMMDD' or 'YYMMDD' (YY 00-30 -> 20YY, else 19YY, as PETRARCH reads them) -> 'YYYY-MM-DD'."""
    if len(s) == 8:
        y, rest = int(s[:4]), s[4:]
    elif len(s) == 6:
        y, rest = int(s[:2]), s[2:]
        y += 2000 if y <= 30 else 1900
    else:
        raise ValueError(f"date {s!r} is neither YYYYMMDD nor YYMMDD")
    return datetime.date(y, int(rest[:2]), int(rest[2:])).isoformat()  # ValueError on 20100931


def _restriction(body: str) -> tuple[str, str | None, str | None]:
    """'IGOUNO' / 'IGOUNO >070201' / 'IGOUNO <19990101' / 'IGOUNO 920101-961231' -> (code, from, to)."""
    parts = body.split(None, 1)
    if not parts or not re.fullmatch(r"[A-Za-z0-9-]+", parts[0]):
        raise ValueError(f"no code in [{body}]")
    if len(parts) == 1:
        return parts[0], None, None
    m = _DATE_FORM.match(parts[1].strip())
    if not m:
        raise ValueError(f"date restriction {parts[1]!r} is not <date, >date or date-date")
    if m[1]:
        d = _date(m[2])
        return (parts[0], None, d) if m[1] == "<" else (parts[0], d, None)
    lo, hi = _date(m[3]), _date(m[4])
    if lo > hi:
        raise ValueError(f"date range {parts[1]!r} ends before it starts")
    return parts[0], lo, hi


def _display_name(primary: str, aliases: Sequence[str]) -> str:
    """'THE_UNITED_NATIONS_' -> 'United Nations'; acronyms (initials of another alias, 'U.N.') stay upper."""
    words = primary.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    initials = {"".join(w[0] for w in a.split() if w[0].isalnum()) for a in aliases}
    initials |= {"".join(w[0] for w in a.split() if w not in _SMALL) for a in aliases}
    out = []
    for i, w in enumerate(words):
        core = w.strip("()\"',:")
        alone = len(words) == 1 and (len(core) <= 4 or len(core) <= 7 and re.search("[^aeiouy]{3}", core))
        if (re.fullmatch(r"(?:[a-z]\.)+[a-z]?\.?", core) or core in _ACRONYMS or w.startswith("(")
                or len(core) > 1 and core.isalpha()
                and (alone or core in initials or not re.search("[aeiouy]", core))):
            out.append(w.upper())
        elif i and w in _SMALL:
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    return " ".join(out)


def parse_actors(text: str, source: str = "", strict: bool = False) -> Parsed[Actor]:
    """Read an actor dictionary: ``PHRASE [CODE]``, ``+SYNONYM`` lines, ``\\t[CODE dates]`` lines."""
    out = Parsed[Actor](source, strict)
    cur: dict[str, Any] | None = None

    def flush() -> None:
        if cur is not None:
            aliases = tuple(dict.fromkeys(cur["aliases"]))
            out.append(Actor(_display_name(aliases[0], aliases), tuple(cur["codes"]), aliases, cur["src"]))

    def brackets(n: int, s: str) -> list[tuple[str, str | None, str | None]]:
        codes = []
        for body in _BRACKET.findall(s):
            try:
                codes.append(_restriction(body.strip()))
            except ValueError as e:
                out.problem(n, f"{e}; restriction skipped")
        return codes

    for n, line in _lines(text):
        s = line.strip()
        if s.count("[") != s.count("]"):  # (text after the last ']' is an annotation, as '#' comments are)
            out.problem(n, f"unbalanced brackets in {s!r}; line skipped")
        elif s.startswith("["):  # date restriction (tab-indented in the files; PETRARCH strips the line)
            if cur is None:
                out.problem(n, "date restriction before any actor; line skipped")
            else:
                cur["codes"] += brackets(n, s)
        elif s.startswith("+"):  # synonym(s); '+A_ +B_' and 'A+_B' are two synonyms run together
            if cur is None:
                out.problem(n, "synonym before any actor; line skipped")
                continue
            phrase, _, rest = s[1:].partition("[")
            cur["aliases"] += [p for p in (_phrase(x) for x in re.split(r"\s\+|\+_", phrase)) if p]
            cur["codes"] += brackets(n, "[" + rest) if rest else []
        else:  # primary phrase with optional [code] [code dates] ...
            phrase, _, rest = s.partition("[")
            if not _phrase(phrase):
                out.problem(n, "actor line without a phrase; line skipped")
                continue
            flush()
            cur = {"aliases": [_phrase(phrase)], "codes": [], "src": f"{source}:{n}"}
            cur["codes"] += brackets(n, "[" + rest) if rest else []
    flush()
    return out


def _plural(phrase: str) -> str:
    """Regular plural of the last word: +S, consonant+Y -> IES, S/SS/X/Z/CH/SH -> +ES."""
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + ("es" if re.search(r"(s|x|z|ch|sh)$", phrase) else "s")


def parse_agents(text: str, source: str = "", strict: bool = False) -> Parsed[Agent]:
    """Read an agent dictionary: ``PHRASE {plurals} [~CODE]`` / ``[CODE~]`` and ``!MARKER! = A, B`` sets."""
    out, markers = Parsed[Agent](source, strict), {}  # type: Parsed[Agent], dict[str, list[str]]
    for n, line in _lines(text):
        m = re.fullmatch(r"\s*!([^!\s]+)!\s*=(.*)", line)
        if m:
            markers[m[1]] = [x.strip() for x in m[2].split(",") if x.strip()]
            continue
        m = re.fullmatch(r"([^\[\]{}]*?)\s*(?:\{([^{}\[\]]*)\})?\s*\[\s*(~?)([A-Za-z0-9]+)(~?)\s*\]\s*", line)
        if not m or bool(m[3]) == bool(m[5]):
            out.problem(n, f"not 'PHRASE {{plural}} [~CODE]' or '[CODE~]': {line.strip()!r}; line skipped")
            continue
        head, plurals = m[1].strip(), m[2]
        undefined = [k for k in re.findall(r"!([^!\s]*)!", head) if k not in markers]
        if undefined or head.count("!") % 2 or not _phrase(head):
            out.problem(n, f"empty phrase or undefined/unclosed !MARKER! in {head!r}; line skipped")
            continue
        if "!" in head:  # every substitution, no plurals generated; {..} forms substituted too
            forms = _expand(head, markers) + [f for p in (plurals or "").split() for f in _expand(p, markers)]
        else:
            forms = [head] + (plurals.split() if plurals is not None else [_plural(_phrase(head))])
        for f in dict.fromkeys(_phrase(x) for x in forms):
            if f:
                out.append(Agent(f, m[4].upper(), bool(m[5]), f"{source}:{n}"))
    return out


def _expand(s: str, markers: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!([^!\s]+)!", s)
    if not m:
        return [s]
    return [x for sub in markers[m[1]] for x in _expand(s[: m.start()] + sub + s[m.end():], markers)]


def parse_discards(text: str, source: str = "", strict: bool = False) -> Parsed[str]:
    """Read a discard list: lowercase phrases ('+' story-level marks and final '_' dropped)."""
    out = Parsed[str](source, strict)
    for n, line in _lines(text):
        p = _phrase(line.strip().lstrip("+"))
        if not p or re.search(r"[\[\]{}~]", p):
            out.problem(n, f"not a discard phrase: {line.strip()!r}; line skipped")
        else:
            out.append(p)
    return out


_SPLIT = re.compile(r"'s$|[(),\";:]|[^\s(),\";:]+?(?='s$)|[^\s(),\";:]+")


def _norm(word: str) -> str:
    return word.lower().replace("\u2019", "'")


class PhraseIndex(Generic[P]):
    """Longest-match lookup of word sequences (a dict-of-dicts trie); a later phrase replaces an equal one."""

    def __init__(self, pairs: Iterable[tuple[str, P]] = ()) -> None:
        self._root: dict[Any, Any] = {}
        self._exact: dict[str, P] = {}
        for phrase, payload in pairs:
            self.add(phrase, payload)

    def add(self, phrase: str, payload: P) -> None:
        """Index ``phrase`` as written (split on blanks) and with punctuation split off as tokenizers do."""
        words = _norm(phrase).split()
        self._exact[key := " ".join(words)] = payload
        split = [t for w in words for t in _SPLIT.findall(w)] if re.search(r"[(),\";:]|'s\b", key) else words
        for seq in {tuple(words), tuple(split)}:
            node = self._root
            for w in seq:
                node = node.setdefault(w, {})
            node[_END] = payload

    def __len__(self) -> int:
        return len(self._exact)

    def get(self, phrase: str) -> P | None:
        """The payload of exactly ``phrase`` (case and spacing ignored)."""
        return self._exact.get(" ".join(_norm(phrase).split()))

    def _find(self, words: Sequence[str], start: int, normed: bool) -> tuple[int, P] | None:
        node, best, i, n = self._root, None, start, len(words)
        while i < n:
            w = words[i] if normed else _norm(words[i])
            if w.endswith("'s"):  # possessive: the phrase may end at this word without its 's
                sub = node.get(w[:-2])
                if sub is not None and _END in sub:
                    best = (i + 1, sub[_END])
            node = node.get(w)
            if node is None:
                break
            i += 1
            if _END in node:
                best = (i, node[_END])
        return best

    def find(self, words: Sequence[str], start: int = 0) -> tuple[int, P] | None:
        """(end, payload) of the longest phrase at ``words[start:]``; ``end`` is exclusive; None if none."""
        return self._find(words, start, False)

    def scan(self, words: Sequence[str]) -> list[tuple[int, int, P]]:
        """Non-overlapping longest matches, left to right: (start, end, payload)."""
        lw, out, i, root = [_norm(w) for w in words], [], 0, self._root
        while i < len(lw):
            r = self._find(lw, i, True) if (lw[i] in root or lw[i].endswith("'s")) else None
            if r is None:
                i += 1
            else:
                out.append((i, r[0], r[1]))
                i = r[0]
        return out


def _is_country_entry(a: Actor) -> bool:
    """A country's own entry in the Phoenix.Countries format: one code, an ISO 3166 alpha-3 one."""
    import pycountry

    code = a.codes[0][0] if len(a.codes) == 1 else ""
    return len(code) == 3 and code.isalpha() and pycountry.countries.get(alpha_3=code) is not None


def country_places(actors: Iterable[Actor]) -> dict[str, str]:
    """Cities, provinces and regions that country entries list among their synonyms ("+ALEPPO_" under
    SYRIA_ [SYR]), as lowercase name -> country code. The country's own names and demonyms come along;
    what reads them looks country names up first."""
    return {alias: a.codes[0][0] for a in actors if _is_country_entry(a) for alias in a.aliases[1:]
            if len(alias) > 3}


class ActorDictionary:
    """Actors, agents and discards with a PhraseIndex each. A later entry replaces an earlier one's alias
    (actors left without aliases are dropped), so every phrase belongs to one entry."""

    def __init__(self, actors: Iterable[Actor] = (), agents: Iterable[Agent] = (),
                 discards: Iterable[str] = (), problems: Iterable[str] = (),
                 places: dict[str, str] | None = None) -> None:
        actors = list(actors)
        self.places: dict[str, str] = dict(places or {})  # lowercase place name -> ISO 3166 alpha-3
        owner = {alias: i for i, a in enumerate(actors) for alias in a.aliases}
        self.actors: list[Actor] = []
        for i, a in enumerate(actors):
            if mine := tuple(x for x in a.aliases if owner[x] == i):
                self.actors.append(a if len(mine) == len(a.aliases) else replace(a, aliases=mine))
        self.agents: list[Agent] = list({g.phrase: g for g in agents}.values())
        self.discards: list[str] = list(dict.fromkeys(discards))
        self.problems: list[str] = list(problems)
        self.actor_index = PhraseIndex((alias, a) for a in self.actors for alias in a.aliases)
        self.agent_index = PhraseIndex((g.phrase, g) for g in self.agents)
        self.discard_index = PhraseIndex((d, d) for d in self.discards)

    def merged(self, other: ActorDictionary) -> ActorDictionary:
        """``other``'s entries added over ours: an alias (agent phrase) in ``other`` replaces ours."""
        return ActorDictionary(self.actors + other.actors, self.agents + other.agents,
                               self.discards + other.discards, self.problems + other.problems,
                               {**self.places, **other.places})

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; a default-only code list is written as the bare code."""

        def codes(a: Actor) -> Any:
            return a.codes[0][0] if len(a.codes) == 1 and a.codes[0][1:] == (None, None) else a.codes

        return {"actors": [[a.name, codes(a), list(a.aliases), a.source] for a in self.actors],
                "agents": [[g.phrase, g.code, int(g.prefix), g.source] for g in self.agents],
                "discards": self.discards, "places": self.places}

    @classmethod
    def from_json(cls, data: dict[str, Any] | str) -> ActorDictionary:
        d = json.loads(data) if isinstance(data, str) else data
        actors = [Actor(name, ((codes, None, None),) if isinstance(codes, str) else tuple(map(tuple, codes)),
                        tuple(aliases), src) for name, codes, aliases, src in d["actors"]]
        agents = [Agent(p, c, bool(pre), src) for p, c, pre, src in d["agents"]]
        return cls(actors, agents, d["discards"], places=d.get("places", {}))


@lru_cache(maxsize=1)
def _shipped() -> ActorDictionary:
    data = resources.files("kg.data").joinpath("phoenix_dicts.json.gz")
    with data.open("rb") as raw, gzip.open(raw, "rt") as f:
        return ActorDictionary.from_json(json.load(f))


@lru_cache(maxsize=8)
def _load(actor_files: _Files, agent_files: _Files) -> ActorDictionary:
    if not actor_files and not agent_files:
        return _shipped()
    text = {p: Path(p).read_text(encoding="utf-8", errors="replace") for p, _ in actor_files + agent_files}
    actors = [a for p, _ in actor_files for a in parse_actors(text[p], p, strict=True)]
    agents = [g for p, _ in agent_files for g in parse_agents(text[p], p, strict=True)]
    places = country_places(actors)
    return _shipped().merged(ActorDictionary([a for a in actors if not _is_country_entry(a)], agents,
                                             places=places))


def load_actor_dictionary(extra_actors: Sequence[Path] = (),
                          extra_agents: Sequence[Path] = ()) -> ActorDictionary:
    """The shipped Phoenix dictionaries with users' actor/agent files (same text formats) merged over them.

    Cached (per file list and modification times): treat the result as read-only. A malformed user line
    raises ValueError naming file:line.
    """

    def key(paths: Sequence[Path]) -> _Files:
        return tuple((str(p), Path(p).stat().st_mtime_ns) for p in paths)

    return _load(key(extra_actors), key(extra_agents))
