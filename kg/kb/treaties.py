"""Treaty names: one key for every spelling of one agreement.

"the 1972 Antiballistic Missile Treaty", "the Anti-Ballistic Missile (ABM) Treaty" and
"the ABM treaty" share the key of the Anti-Ballistic Missile Treaty.
"""

from __future__ import annotations

import re

_PREFIXES = ("anti", "non", "counter", "inter", "trans", "multi", "bi", "post", "pre")
KNOWN: dict[str, str] = {  # acronym -> canonical name
    "ABM": "Anti-Ballistic Missile Treaty", "NPT": "Treaty on the Non-Proliferation of Nuclear Weapons",
    "START": "Strategic Arms Reduction Treaty", "INF": "Intermediate-Range Nuclear Forces Treaty",
    "CTBT": "Comprehensive Nuclear-Test-Ban Treaty", "SALT": "Strategic Arms Limitation Talks agreement",
    "JCPOA": "Joint Comprehensive Plan of Action", "CFE": "Treaty on Conventional Armed Forces in Europe",
    "NAFTA": "North American Free Trade Agreement", "TPP": "Trans-Pacific Partnership",
}  # fmt: skip


def _initials(words: list[str]) -> str:
    out = ""
    for w in words:
        parts = [x for x in re.split(r"[-\s]", w) if x]
        for part in parts:
            low = part.lower()
            pre = next((x for x in _PREFIXES if low.startswith(x) and len(low) > len(x) + 3), None)
            if pre:
                out += part[0].upper() + part[len(pre)].upper()
            elif part[:1].isupper():
                out += part[0].upper()
    return out


def treaty_key(text: str) -> tuple[str, str, int | None, str | None]:
    """(matching key, canonical name, year, acronym) of a treaty mention.

    >>> treaty_key("1972 Antiballistic Missile Treaty")[0] == treaty_key("ABM treaty")[0]
    True
    """
    t = re.sub(r"^the\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    year = None
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", t)
    if m:
        year = int(m.group(1))
        t = (t[: m.start()] + t[m.end() :]).strip()
    acronym = None
    m = re.search(r"\(([A-Z]{2,8})\)", t)
    if m:
        acronym = m.group(1)
        t = (t[: m.start()] + t[m.end() :]).replace("  ", " ").strip()
    words = t.split()
    if words and re.fullmatch(r"[A-Z]{2,8}", words[0]) and len(words) <= 3:
        acronym = acronym or words[0]
    name_words = [w for w in words if not re.fullmatch(r"(?i)treaty|accords?|agreements?|pact|convention", w)]
    if acronym is None and len(name_words) >= 2:
        acronym = _initials(name_words)
    if acronym and acronym in KNOWN:
        canon = KNOWN[acronym]
    else:
        canon = " ".join(w if not w.islower() or w in ("of", "on", "the", "and", "for") else w.capitalize() for w in words)
    key = re.sub(r"[^a-z]", "", canon.lower())
    return key, canon, year, acronym
