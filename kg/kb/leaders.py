"""The dated leader dictionary: who a name meant on a given day.

Derived from PETRARCH's Phoenix actor dictionary (MIT, see kg/data/NOTICE.md).
Candidates come from full names, aliases and surnames; :func:`resolve_leader`
chooses among them by the article's date and says why.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class LeaderRole:
    code: str
    start: date | None
    end: date | None

    @property
    def country(self) -> str:
        return self.code[:3]

    @property
    def sector(self) -> str:
        return self.code[3:6]

    def active(self, on: date) -> bool:
        return self.start is not None and self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Leader:
    key: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[LeaderRole, ...]

    def role_on(self, on: date | None) -> LeaderRole | None:
        """The role held on ``on`` (government roles first); undated: the most recent."""
        if on is not None:
            active = [r for r in self.roles if r.active(on)]
            active.sort(key=lambda r: (r.sector != "GOV", -(r.start.toordinal() if r.start else 0)))
            return active[0] if active else None
        dated = sorted((r for r in self.roles if r.start), key=lambda r: r.start, reverse=True)  # type: ignore[arg-type,return-value]
        return dated[0] if dated else (self.roles[0] if self.roles else None)

    @property
    def countries(self) -> set[str]:
        return {r.country for r in self.roles}


@dataclass(frozen=True, slots=True)
class LeaderMatch:
    leader: Leader
    role: LeaderRole | None
    reason: str


_PUNCT = re.compile(r"[^\w\s'-]")
_TITLE_WORDS = {"PRESIDENT", "PRIME", "MINISTER", "MR", "MRS", "MS", "DR", "GENERAL", "GEN", "SECRETARY", "KING",
                "QUEEN", "CHANCELLOR", "PREMIER", "SENATOR", "SEN", "GOV", "GOVERNOR", "AMBASSADOR", "THE",
                "FOREIGN", "STATE", "OF", "US", "U", "S", "AMERICAN", "RUSSIAN", "VICE", "DEPUTY", "LEADER",
                "SHEIKH", "EMIR", "PRINCE", "CROWN", "AYATOLLAH", "COLONEL", "COL"}  # fmt: skip


def norm_name(name: str) -> str:
    """'Vladimir V. Putin' -> 'VLADIMIR V PUTIN'."""
    return " ".join(_PUNCT.sub(" ", name.replace("’", "'")).upper().split())


def _strip_titles(n: str) -> str:
    words = n.split()
    while len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


class LeaderIndex:
    """Full-name, alias and surname indexes over the leader dictionary."""

    def __init__(self, leaders: list[Leader]):
        self.leaders = leaders
        self.full: dict[str, list[Leader]] = {}
        self.surname: dict[str, list[Leader]] = {}
        self.first_last: dict[str, list[Leader]] = {}
        for ld in leaders:
            names = {norm_name(ld.name), *(norm_name(a) for a in ld.aliases)}
            for n in names:
                self.full.setdefault(n, []).append(ld)
                core = _strip_titles(n)
                if core != n:
                    self.full.setdefault(core, []).append(ld)
            words = norm_name(ld.name).split()
            if words:
                self.surname.setdefault(words[-1], []).append(ld)
                if len(words) > 2:
                    self.first_last.setdefault(f"{words[0]} {words[-1]}", []).append(ld)
            for a in ld.aliases:  # single-word aliases are surnames too ('PUTIN')
                aw = _strip_titles(norm_name(a)).split()
                if len(aw) == 1 and aw[0] != (words[-1] if words else ""):
                    self.surname.setdefault(aw[0], []).append(ld)

    def candidates(self, name: str) -> tuple[list[Leader], str]:
        """Leaders a name may mean, and how they were found."""
        n = _strip_titles(norm_name(name))
        if not n:
            return [], ""
        if n in self.full:
            return _unique(self.full[n]), "full name"
        words = n.split()
        if len(words) > 2 and any(len(w) > 1 for w in words[1:-1]):
            return [], ""  # "Kim Yong Chol" is not "Kim Pong Chol": middle names must match exactly
        if len(words) >= 2:
            fl = f"{words[0]} {words[-1]}"
            if fl in self.full:
                return _unique(self.full[fl]), "first and last name"
            if fl in self.first_last:
                return _unique(self.first_last[fl]), "first and last name"
            return [], ""
        return _unique(self.surname.get(n, [])), "surname"


def _unique(xs: list[Leader]) -> list[Leader]:
    seen, out = set(), []
    for x in xs:
        if x.key not in seen:
            seen.add(x.key)
            out.append(x)
    return out


@lru_cache(maxsize=1)
def leader_index() -> LeaderIndex:
    """Load the shipped dictionary once."""
    with resources.files("kg.data").joinpath("leaders.json.gz").open("rb") as raw, gzip.open(raw, "rt") as f:
        data = json.load(f)
    leaders = [
        Leader(key, name, tuple(aliases), tuple(LeaderRole(c, _d(s), _d(e)) for c, s, e in roles))
        for key, name, aliases, roles in data["leaders"]
    ]
    return LeaderIndex(leaders)


def _is_country(name: str) -> bool:
    from kg.kb.countries import exact_country_code

    return exact_country_code(name) is not None


def country_of_place(name: str) -> str | None:
    """The country whose record lists ``name`` among its places ("Luhansk" -> UKR, "Aleppo" -> SYR): the
    dated leader dictionary's country records, then the places of Phoenix's country entries."""
    from kg.kb.countries import exact_country_code
    from kg.kb.orgs import actor_dictionary

    cands, _ = leader_index().candidates(name)
    codes = {exact_country_code(c.name) for c in cands} - {None}
    if len(codes) == 1:
        return codes.pop()
    return None if codes else actor_dictionary().places.get(" ".join(name.lower().split()))


def resolve_leader(name: str, on: date | None, country_hint: str | None = None) -> LeaderMatch | None:
    """Choose the leader ``name`` means on ``on``, or None when the dictionary cannot tell.

    A surname alone needs a date: among its candidates exactly one must hold a dated
    role that day (a country hint from the text breaks ties).
    """
    cands, how = leader_index().candidates(name)
    # the source dictionary also lists countries with their cities as aliases ("Kyiv" -> Ukraine): not people
    cands = [c for c in cands if not _is_country(c.name)]
    if not cands:
        return None
    if country_hint:
        hinted = [c for c in cands if country_hint in c.countries]
        if hinted:
            cands = hinted
        elif how == "surname":
            return None
    if on is not None:
        active = [(c, c.role_on(on)) for c in cands]
        active = [(c, r) for c, r in active if r is not None]
        if len(active) > 1:
            gov = [(c, r) for c, r in active if r.sector == "GOV"]
            active = gov or active
        if len(active) == 1:
            c, r = active[0]
            span = f"{r.start}..{r.end or 'open'}"
            return LeaderMatch(c, r, f"leader dictionary ({how}): {c.name}, {r.code} {span} covers {on}")
        if how == "surname":
            return None
    if len(cands) == 1 and how != "surname":
        c = cands[0]
        r = c.role_on(on)
        return LeaderMatch(c, r, f"leader dictionary ({how}): {c.name}" + (f", {r.code}" if r else ""))
    return None


def countries_for(name: str) -> set[str]:
    """Countries every candidate of ``name`` shares (empty when they disagree)."""
    cands, _ = leader_index().candidates(name)
    if not cands:
        return set()
    common = set.intersection(*(c.countries for c in cands))
    return common
