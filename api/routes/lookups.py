"""REST lookups: thin routes over kg.lookups."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from api.schemas import (
    Ambiguity,
    EntityOut,
    EntityRef,
    EventsPage,
    LeaderOut,
    PathOut,
    Problem,
    RelationsOut,
    StanceOut,
    TimelineItem,
)
from kg import lookups
from kg.kb import countries
from kg.kb.countries import country_name
from kg.types import PLOVER_TYPES

Plover = Enum("Plover", {t: t for t in PLOVER_TYPES}, type=str)  # type: ignore[misc]

router = APIRouter(tags=["lookups"])
DATE = r"^\d{4}-\d{2}-\d{2}$"
NAME = Annotated[str, Query(min_length=1, max_length=300, description="A name, alias or entity id")]
AMBIGUOUS = {300: {"model": Ambiguity, "description": "The name fits several entities: choose one by id"},
             404: {"model": Problem, "description": "No entity has that name"}}


def date_range(date_from: str | None, date_to: str | None) -> tuple[date | None, date | None]:
    """The from/to query values as dates; 422 when one is shaped like a date but is not one (2021-02-30)."""
    try:
        return (date.fromisoformat(date_from) if date_from else None, date.fromisoformat(date_to) if date_to else None)
    except ValueError:
        raise HTTPException(422, "from/to must be real dates (YYYY-MM-DD)") from None


LIMIT = "How many items to return (a page)"
OFFSET = "How many items to skip before the page starts"
COUNTRY = Annotated[str | None, Query(max_length=100, description=(
    "A country by ISO 3166-1 alpha-3 code (RUS), name (Russia) or demonym (Russian); 422 when it names none"))]


def country_code(value: str | None) -> str | None:
    """The ISO code a country parameter names; 422 when it names no country."""
    if value is None:
        return None
    upper = value.upper()  # a code the project names (ISO, or SUN/XKX/YUG/DDR), else a name or demonym
    code = upper if len(value) == 3 and country_name(upper) != upper else countries.country_code(value)
    if code is None:
        raise HTTPException(422, f"{value!r} is not a country this service knows (give an ISO code or a name)")
    return code


def ambiguous(exc: lookups.Ambiguous) -> JSONResponse:
    return JSONResponse(status_code=300, content={"detail": str(exc), "name": exc.name, "candidates": exc.candidates})


@router.get("/relations", response_model=RelationsOut, responses=AMBIGUOUS,
            summary="Everything that connects two actors: events either way, shared events, stances, relations")
def relations(store: StoreDep, a: NAME, b: NAME):
    try:
        if lookups.resolve_one(store, a) == lookups.resolve_one(store, b):
            raise HTTPException(422, f"a and b name the same actor ({a!r}, {b!r}); for one actor's events use "
                                     "/leaders/{id}/timeline or /events?actor=")
        return lookups.relations(store, a, b)
    except lookups.Ambiguous as exc:
        return ambiguous(exc)


@router.get("/search", response_model=list[EntityRef], summary="Actors whose name or alias contains q")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200, description=(
               "Part of a name or alias, any case: 'putin' finds Vladimir Putin"))],
           limit: Annotated[int, Query(ge=1, le=100, description=LIMIT)] = 20):
    return lookups.search(store, q, limit)


@router.get("/leaders", response_model=list[LeaderOut], summary="Search people by name or alias, with their offices")
def leaders(store: StoreDep, q: Annotated[str, Query(max_length=300, description=(
                "Part of a name or alias, any case; empty: everyone"))] = "",
            country: COUNTRY = None,
            limit: Annotated[int, Query(ge=1, le=500, description=LIMIT)] = 50,
            offset: Annotated[int, Query(ge=0, le=100_000, description=OFFSET)] = 0):
    return lookups.leaders(store, q, country_code(country), limit, offset)


@router.get("/leaders/{entity_id:path}/timeline", response_model=list[TimelineItem], responses=AMBIGUOUS,
            summary="A person's events in date order, a page at a time (X-Total-Count: all of them)")
def timeline(store: StoreDep, entity_id: Annotated[str, Path(description="An entity id (person/vladimir-putin), "
                                                                         "a name or an alias")],
             response: Response,
             limit: Annotated[int, Query(ge=1, le=1000, description="Events per page")] = 50,
             offset: Annotated[int, Query(ge=0, le=1_000_000, description=OFFSET)] = 0):
    try:
        eid = lookups.resolve_one(store, entity_id)
    except lookups.Ambiguous as exc:
        return ambiguous(exc)
    items, total = lookups.timeline_page(store, eid, limit, offset)
    response.headers["X-Total-Count"] = str(total)
    return items


@router.get("/entities/{entity_id:path}", response_model=EntityOut, responses={404: {"model": Problem}},
            summary="One entity with all its facts")
def entity(store: StoreDep, entity_id: Annotated[str, Path(description="An entity id, such as country/RUS or "
                                                                       "person/vladimir-putin")]):
    return lookups.entity(store, entity_id)


@router.get("/events", response_model=EventsPage, responses=AMBIGUOUS, summary="Events, filtered and paginated")
def events(store: StoreDep,
           type: Annotated[Plover | None, Query(description="PLOVER type")] = None,  # noqa: A002
           actor: Annotated[str | None, Query(max_length=300, description=(
               "Events this actor took part in, on either side: a name, alias or entity id"))] = None,
           country: COUNTRY = None,
           place: Annotated[str | None, Query(max_length=300, description=(
               "Events that happened at this place: a name, alias or entity id"))] = None,
           date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY-MM-DD")] = None,
           date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY-MM-DD")] = None,
           limit: Annotated[int, Query(ge=1, le=500, description=LIMIT)] = 50,
           offset: Annotated[int, Query(ge=0, le=100_000, description=OFFSET)] = 0):
    d0, d1 = date_range(date_from, date_to)
    try:
        return lookups.events(store, type.value if type else None, actor, country_code(country), place, d0, d1,
                              limit, offset)
    except lookups.Ambiguous as exc:
        return ambiguous(exc)


@router.get("/stances", response_model=list[StanceOut], responses=AMBIGUOUS, summary="Who stands where on a topic")
def stances(store: StoreDep, topic: Annotated[str | None, Query(max_length=300, description=(
                "Part of a topic's name or alias, any case: 'nuclear' finds nuclear weapons and nuclear arms "
                "reduction"))] = None,
            holder: Annotated[str | None, Query(max_length=300, description=(
                "Who holds the stance: a name, alias or entity id"))] = None):
    try:
        return lookups.stances(store, topic, holder)
    except lookups.Ambiguous as exc:
        return ambiguous(exc)


@router.get("/path", response_model=PathOut, responses=AMBIGUOUS,
            summary="The shortest chains of events and relations linking two actors")
def path(store: StoreDep, a: NAME, b: NAME,
         max_paths: Annotated[int, Query(ge=1, le=20, description="How many shortest paths to return")] = 5):
    try:
        return lookups.path(store, a, b, max_paths)
    except lookups.Ambiguous as exc:
        return ambiguous(exc)
