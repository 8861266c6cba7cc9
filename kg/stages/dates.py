"""Date expressions -> calendar dates, resolved against the article's published date.

``resolve_date("Thursday", date(2001, 11, 16))`` gives 2001-11-15. Ranges ("this week",
"next spring") give a start and an end; what cannot be resolved gives None and the
caller keeps the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}  # fmt: skip
_SEASONS = {"spring": (3, 20, 6, 20), "summer": (6, 21, 9, 22), "autumn": (9, 23, 12, 20),
            "fall": (9, 23, 12, 20), "winter": (12, 21, 3, 19)}  # fmt: skip
_DURATION = re.compile(
    r"^(about |nearly |almost |more than |over |at least |some )?((\d+|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|several|a few|many)[- ](day|week|month|year|decade|hour|minute)s?(-long| long)?|"
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few) (days|weeks|months|years|decades))$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateValue:
    start: date
    end: date | None = None  # inclusive end of a range; None for a single day
    precision: str = "day"  # day, week, month, season, year


def is_duration(text: str) -> bool:
    """'three-day', 'five months', '53 hours' name lengths of time, not dates."""
    return bool(_DURATION.match(text.strip()))


def _weekday(word: str, base: date, future: bool) -> date:
    target = _WEEKDAYS.index(word)
    delta = (base.weekday() - target) % 7
    if future:
        ahead = (target - base.weekday()) % 7
        return base + timedelta(days=ahead or 7)
    return base - timedelta(days=delta)


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: date | None, future: bool = False) -> DateValue | None:
    """Resolve a date expression.

    >>> resolve_date("Thursday", date(2001, 11, 16))
    DateValue(start=datetime.date(2001, 11, 15), end=None, precision='day')
    >>> resolve_date("next spring", date(2001, 11, 16)).start
    datetime.date(2002, 3, 20)
    >>> resolve_date("within weeks", date(2001, 11, 16)) is None
    True
    """
    t = " ".join(text.lower().replace(",", " , ").split()).replace(" ,", ",")
    t = re.sub(r"^(on|in|at|by|from|since|during|until|of)\s+", "", t)
    t = re.sub(r"^the\s+", "", t)
    if not t or is_duration(t):
        return None
    # Absolute dates need no published date.
    m = re.fullmatch(r"(1[0-9]{3}|20[0-9]{2})", t)
    if m:
        y = int(m.group(1))
        return DateValue(date(y, 1, 1), date(y, 12, 31), "year")
    absolute = _absolute(t)
    if absolute:
        return absolute
    if published is None:
        return None
    base = published
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return DateValue(base)
    if t in ("yesterday", "last night"):
        return DateValue(base - timedelta(days=1))
    if t == "tomorrow":
        return DateValue(base + timedelta(days=1))
    m = re.fullmatch(r"(last |next |this |coming )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"( morning| afternoon| evening| night)?", t)
    if m:
        q = (m.group(1) or "").strip()
        d = _weekday(m.group(2), base, future or q in ("next", "coming"))
        if q == "last" and d == base:
            d -= timedelta(days=7)
        return DateValue(d)
    m = re.fullmatch(r"(this|last|next|coming|past) (week|month|year)", t)
    if m:
        q, unit = m.groups()
        step = {"this": 0, "past": -1, "last": -1, "next": 1, "coming": 1}[q]
        if unit == "week":
            start = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
            if q == "this":
                return DateValue(start, start + timedelta(days=6), "week")
            return DateValue(start, start + timedelta(days=6), "week")
        if unit == "month":
            y, mo = base.year, base.month + step
            y, mo = (y - 1, 12) if mo == 0 else (y + 1, 1) if mo == 13 else (y, mo)
            nxt = date(y + (mo == 12), mo % 12 + 1, 1)
            return DateValue(date(y, mo, 1), nxt - timedelta(days=1), "month")
        y = base.year + step
        return DateValue(date(y, 1, 1), date(y, 12, 31), "year")
    m = re.fullmatch(r"(this|last|next|coming|early|late)?\s*(spring|summer|autumn|fall|winter)", t)
    if m:
        q, season = m.group(1) or "this", m.group(2)
        sm, sd, em, ed = _SEASONS[season]
        y = base.year
        start = date(y, sm, sd)
        if q in ("next", "coming") and start <= base:
            y += 1
        elif q == "last" and start >= base:
            y -= 1
        start = date(y, sm, sd)
        end = date(y + (em < sm), em, ed)
        return DateValue(start, end, "season")
    m = re.fullmatch(r"(january|february|march|april|may|june|july|august|september|october|november|december)"
                     r"( \d{1,2})?", t)
    if m:
        mo = _MONTHS[m.group(1)]
        y = base.year if mo <= base.month or future else base.year - 1
        if future and mo < base.month:
            y = base.year + 1
        if m.group(2):
            return DateValue(date(y, mo, int(m.group(2))))
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return DateValue(date(y, mo, 1), nxt - timedelta(days=1), "month")
    m = re.fullmatch(r"(\d+|a|one|two|three|four|five|six|seven|ten) (days?|weeks?|months?|years?) ago", t)
    if m:
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}.get(
            m.group(1)) or int(m.group(1))
        days = {"d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)[0]] * n
        return DateValue(base - timedelta(days=days), None, "day" if m.group(2)[0] in "dw" else "month")
    return _dateparser(t, base, future)


def _absolute(t: str) -> DateValue | None:
    m = re.fullmatch(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (\d{1,2}),? (\d{4})", t)
    if m:
        mo = next(v for k, v in _MONTHS.items() if k.startswith(m.group(1)[:3]))
        try:
            return DateValue(date(int(m.group(3)), mo, int(m.group(2))))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? (\d{4})", t)
    if m:
        mo = next(v for k, v in _MONTHS.items() if k.startswith(m.group(2)[:3]))
        try:
            return DateValue(date(int(m.group(3)), mo, int(m.group(1))))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        try:
            return DateValue(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            return None
    m = re.fullmatch(r"(january|february|march|april|may|june|july|august|september|october|november|december),? (\d{4})", t)
    if m:
        y, mo = int(m.group(2)), _MONTHS[m.group(1)]
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return DateValue(date(y, mo, 1), nxt - timedelta(days=1), "month")
    return None


def _dateparser(t: str, base: date, future: bool) -> DateValue | None:
    if not re.search(r"\d|day|week|month|year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", t):
        return None
    if re.search(r"\b(within|weeks|months|years|decades|coming|soon|recent|later|earlier)\b", t):
        return None
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    try:
        dt = dateparser.parse(t, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except Exception:  # dateparser raises many kinds of errors on odd input
        return None
    return DateValue(dt.date()) if dt else None
