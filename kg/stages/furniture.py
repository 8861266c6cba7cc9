"""Page furniture: navigation lines, bylines, datelines, headers and footers.

:func:`find_furniture` returns the text with furniture blanked out by spaces, so
every character offset still indexes the original article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAV = re.compile(
    r"^\s*(you are here|home\b|skip to|sign in|sign up|log ?in|subscribe|advertisement|"
    r"share( this)?\b|print\b|e-?mail (this|story)|related (articles|stories|content)|most (popular|read)|"
    r"read more|click here|copyright|©|\(c\) ?\d{4}|all rights reserved|follow us|back to top|"
    r"terms of (use|service)|privacy policy|comments?\b|tags?:|filed under|photo:|image:|getty images)",
    re.IGNORECASE,
)
_FOOTER = re.compile(r"^\s*([A-Z][\w.&'-]*\s+){0,5}(articles|archives|news service)\s*$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*(by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}(\s*(,|and)\s*[A-Z][\w.'-]*(\s+[A-Z][\w.'-]+){0,3})*"
    r"(\s*,\s*[\w .]+)?|([A-Z][\w.'-]+\s+){0,3}(staff|special) (writer|correspondent)s?.*|"
    r"(associated press|reuters|afp|agence france-presse)( writer)?)\s*$",
    re.IGNORECASE,
)
# "CRAWFORD, Texas —", "GENEVA (Reuters) -", "WASHINGTON, Nov. 15 --"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][A-Za-z.'\- ]+?)?)"
    r"(?:,\s*(?:[A-Z][a-z]{2,4}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+))?\s*"
    r"(?:\((?:AP|Reuters|AFP|UPI|dpa|Xinhua|[A-Z][A-Za-z ]{1,30})\)\s*)?"
    r"(?:—|–|--|-)\s*"
)
_SOURCE_ONLY = re.compile(r"^\((?:AP|Reuters|AFP|UPI)\)\s*(?:—|–|--|-)\s*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


@dataclass(slots=True)
class Furniture:
    """Where the article body is, and what was left out of it."""

    masked: str  # the text with furniture replaced by spaces (same length)
    furniture: list[tuple[int, int]] = field(default_factory=list)  # character spans left out
    dateline: tuple[int, int] | None = None  # span of the dateline prefix
    dateline_place: str | None = None
    headline: str | None = None
    body: list[tuple[int, int]] = field(default_factory=list)  # character spans of body paragraphs

    @property
    def condensed(self) -> str:
        """The body paragraphs alone, joined by blank lines: what the parser reads."""
        return "\n\n".join(self.masked[s:e] for s, e in self.body)

    def to_original(self, c: int) -> int:
        """Offset in :attr:`condensed` -> offset in the original text."""
        pos = 0
        for s, e in self.body:
            if c <= pos + (e - s):
                return s + max(0, c - pos)
            pos += (e - s) + 2
        return self.body[-1][1] if self.body else c


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        out.append((pos, end))
        pos += len(line)
    return out


def _is_prose(line: str) -> bool:
    words = _WORD.findall(line)
    stripped = line.rstrip()
    return len(words) >= 6 and stripped[-1:] in '.!?"\'”’:)' or len(words) >= 14


def _is_junk(line: str) -> bool:
    s = line.strip()
    if _NAV.match(s) or _BYLINE.match(s):
        return True
    if _FOOTER.match(s) and len(s.split()) <= 6:
        return True
    # breadcrumbs: "The World & Nation | U.S.-RUSSIA SUMMIT"
    return "|" in s and all(len(p.split()) <= 5 for p in s.split("|"))


def find_furniture(text: str) -> Furniture:
    """Blank out page furniture; keep offsets.

    >>> f = find_furniture("Home | World\\n\\nLONDON — The minister met his French counterpart on Monday.\\n")
    >>> f.dateline_place, f.masked.strip()
    ('LONDON', 'The minister met his French counterpart on Monday.')
    """
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    kinds: list[str] = []
    dateline_idx: int | None = None
    dl_span: tuple[int, int] | None = None
    dl_place: str | None = None
    for k, (s, e) in enumerate(lines):
        line = text[s:e]
        if _is_junk(line):
            kinds.append("junk")
            continue
        lead = len(line) - len(line.lstrip())
        m = _DATELINE.match(line[lead:]) or _SOURCE_ONLY.match(line[lead:])
        if dateline_idx is None and m and _is_prose(line[lead + m.end() :]):
            place = m.groupdict().get("place")
            if place is None or place.split(",")[0].strip().replace(" ", "").replace(".", "").isupper():
                dateline_idx = k
                dl_span = (s + lead, s + lead + m.end())
                dl_place = place.strip() if place else None
                kinds.append("prose")
                continue
        kinds.append("prose" if _is_prose(line) else "short")

    drop: list[tuple[int, int]] = []
    headline: str | None = None
    if "prose" not in kinds:  # a short text ("Chile praised Peru."): all of it is the article, bar junk lines
        kinds = ["junk" if k == "junk" else "prose" for k in kinds]
    first_body = dateline_idx
    if first_body is None:
        first_body = next((k for k, kind in enumerate(kinds) if kind == "prose"), len(lines))
    for k in range(first_body):  # everything above the body: header, deck, navigation
        drop.append(lines[k])
        if headline is None and kinds[k] == "short" and len(text[lines[k][0] : lines[k][1]].split()) >= 3:
            headline = text[lines[k][0] : lines[k][1]].strip()
    last_prose = max((k for k, kind in enumerate(kinds) if kind == "prose"), default=-1)
    for k in range(first_body, len(lines)):
        if kinds[k] == "junk" or (k > last_prose and kinds[k] != "prose"):
            drop.append(lines[k])
    if dl_span:
        drop.append(dl_span)
    drop.sort()
    chars = list(text)
    for s, e in drop:
        for i in range(s, e):
            if chars[i] not in "\r\n":
                chars[i] = " "
    body = [(s, e) for k, (s, e) in enumerate(lines) if k >= first_body and (s, e) not in drop]
    if dl_span:
        body = [(max(s, dl_span[1]) if s <= dl_span[0] < e else s, e) for s, e in body]
    return Furniture(
        masked="".join(chars), furniture=drop, dateline=dl_span, dateline_place=dl_place,
        headline=headline, body=body,
    )  # fmt: skip
