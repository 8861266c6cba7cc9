"""GET /series and /geo: events over time and by country, for charts and maps."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import StoreDep
from api.routes.lookups import AMBIGUOUS, DATE, ambiguous, date_range
from api.schemas import GeoOut, SeriesOut
from kg import lookups, summaries

router = APIRouter(tags=["summaries"])
Bucket = Enum("Bucket", {b: b for b in summaries.BUCKETS}, type=str)  # type: ignore[misc]
MONTH = Bucket("month")
FROM = Annotated[str | None, Query(alias="from", pattern=DATE, description=(
    "Events on or after this day (YYYY-MM-DD): the event's date, else its article's publication date"))]
TO = Annotated[str | None, Query(alias="to", pattern=DATE, description="Events on or before this day, by the same rule")]


@router.get("/series", response_model=SeriesOut, responses=AMBIGUOUS,
            summary="Events of one actor, or between two, per week, month or year: counts by PLOVER type and "
                    "quad class, mean Goldstein score")
def series(store: StoreDep,
           a: Annotated[str, Query(min_length=1, max_length=300, description="An actor: name, alias or entity id")],
           b: Annotated[str | None, Query(min_length=1, max_length=300, description=(
               "A second actor: only the events both took part in (omit for all of a's events)"))] = None,
           bucket: Annotated[Bucket, Query(description="The length of a period")] = MONTH,
           date_from: FROM = None, date_to: TO = None):
    """Periods run without gaps from the first to the last period holding an event, or over from..to when
    given. An event without a date of its own counts at its article's publication date (`placed_by_report`);
    an event told both ways ("A and B agreed") counts once. 422 when a and b name the same actor or the
    range holds more than 5,000 periods."""
    d0, d1 = date_range(date_from, date_to)
    if d0 and d1 and d0 > d1:
        raise HTTPException(422, "from is after to")
    try:
        return summaries.series(store, a, b, bucket.value, d0, d1)
    except lookups.Ambiguous as exc:
        return ambiguous(exc)
    except ValueError as exc:  # the same actor twice, too many periods
        raise HTTPException(422, str(exc)) from None


@router.get("/geo", response_model=GeoOut, responses=AMBIGUOUS,
            summary="Per country: events located there and events with the country as an actor")
def geo(store: StoreDep,
        actor: Annotated[str | None, Query(max_length=300, description=(
            "Only events this actor took part in: a name, alias or entity id"))] = None,
        date_from: FROM = None, date_to: TO = None):
    """Countries by ISO 3166-1 alpha-3 code, most events first. An event at a place counts for the place's
    country; an event counts as the country's when the country, or a person or organisation of it, is an
    actor. Each event counts once per country and measure."""
    d0, d1 = date_range(date_from, date_to)
    if d0 and d1 and d0 > d1:
        raise HTTPException(422, "from is after to")
    try:
        return summaries.geo(store, actor, d0, d1)
    except lookups.Ambiguous as exc:
        return ambiguous(exc)
