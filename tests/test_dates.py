from datetime import date

import pytest

from kg.stages.dates import is_duration, resolve_date

PUB = date(2001, 11, 16)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday", date(2001, 11, 15)),
        ("on Tuesday", date(2001, 11, 13)),
        ("yesterday", date(2001, 11, 15)),
        ("Nov. 13, 2001", date(2001, 11, 13)),
        ("13 November 2001", date(2001, 11, 13)),
        ("two days ago", date(2001, 11, 14)),
    ],
)
def test_dates_resolve_against_published(text, expected):
    assert resolve_date(text, PUB).start == expected


def test_dates_ranges_and_seasons():
    wk = resolve_date("this week", PUB)
    assert (wk.start, wk.end, wk.precision) == (date(2001, 11, 12), date(2001, 11, 18), "week")
    spring = resolve_date("next spring", PUB)
    assert spring.start == date(2002, 3, 20) and spring.precision == "season"
    assert resolve_date("1972", PUB).precision == "year"


def test_dates_future_weekday_when_event_is_planned():
    assert resolve_date("Tuesday", PUB, future=True).start == date(2001, 11, 20)


def test_dates_unresolvable_and_durations():
    assert resolve_date("within weeks", PUB) is None
    assert resolve_date("Thursday", None) is None
    assert resolve_date("the 32nd of Smarch", PUB) is None
    assert is_duration("three-day") and is_duration("five months") and not is_duration("Tuesday")
