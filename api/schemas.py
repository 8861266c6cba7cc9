"""Pydantic schemas of the REST API: what clients send and receive (never storage objects)."""

from __future__ import annotations

import datetime as _dt
import unicodedata
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, field_validator


class ArticleIn(BaseModel):
    text: str = Field(..., min_length=1, description=(
        "The article text, or a saved web page's HTML: then its main text is kept (no navigation, banners, "
        "comments or footer) and its title, publication date, author, site and canonical URL come from the "
        "page's metadata unless given here. Any language but English is refused, naming it."))
    id: str | None = Field(None, max_length=300, description="Article id (printable text: no newline, tab or "
                           "other control character); default: a hash of the text.")
    title: str | None = Field(None, max_length=1000, description="Title, stored with the article.")
    published: date | None = Field(None, description="Publication date (YYYY-MM-DD); resolves 'Thursday'.")
    source: str | None = Field(None, max_length=2000, description="Source name or URL (stored, never fetched).")

    @field_validator("id")
    @classmethod
    def _printable_id(cls, v: str | None) -> str | None:
        if v is not None and any(unicodedata.category(c) in ("Cc", "Cs") for c in v):
            raise ValueError("the id contains a control character (newline, NUL, tab, ...); use printable text")
        return v


class IngestSummary(BaseModel):
    id: str
    status: Literal["added", "replaced", "unchanged"]
    triples: int
    entities: int
    events: int
    stances: int
    relations: int


class ArticleRow(BaseModel):
    id: str
    title: str | None = None
    published: date | None = None
    ingested: str | None = None
    triples: int


class EntityRef(BaseModel):
    id: str
    name: str
    type: str


class ArticleDetail(ArticleRow):
    source: str | None = Field(None, description="Where the article came from, as given: a file name or a URL")
    url: str | None = Field(None, description="The page's canonical URL (from its metadata), else its source URL")
    author: str | None = Field(None, description="The author a web page or feed item names")
    site: str | None = Field(None, description="The site that published it (og:site_name, a feed's title)")
    text: str
    entities: list[EntityRef]
    events: list[Connection]


class Candidate(BaseModel):
    id: str
    name: str
    type: str
    country: str | None = None


class Ambiguity(BaseModel):
    detail: str
    name: str
    candidates: list[Candidate]


class Connection(BaseModel):
    kind: Literal["event", "stance", "relation"]
    type: str
    direction: Literal["a->b", "b->a", "shared", "both"]
    date: _dt.date | None = None
    evidence: str
    article: str
    start: int | None = None
    end: int | None = None
    cameo: str | None = None
    trigger: str | None = None
    place: str | None = None
    place_label: str | None = None
    topic: str | None = None
    confidence: float | None = None
    id: str | None = None
    reported: _dt.date | None = Field(None, description="Publication date of the article that states it.")
    dated_by: Literal["event", "report"] | None = Field(None, description=(
        "Events: 'event' when it has a date of its own, 'report' when date ranges and orders place it at its "
        "article's publication date."))


class RelationsOut(BaseModel):
    a: str
    b: str
    count: int
    items: list[Connection]


class Office(BaseModel):
    title: str
    country: str | None = None
    asserted: date | None = None
    article: str


class LeaderOut(BaseModel):
    id: str
    name: str
    country: str | None = None
    actor_code: str | None = None
    offices: list[Office]


class TimelineItem(Connection):
    roles: list[str] = Field(default_factory=list)


class StanceOut(BaseModel):
    holder: str
    holder_name: str
    topic: str
    topic_id: str
    polarity: Literal["support", "oppose"]
    confidence: float
    evidence: str
    article: str


class RelationOut(BaseModel):
    predicate: str
    subject: str
    object: str
    subject_name: str | None = None
    object_name: str | None = None
    evidence: str
    article: str


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    country: str | None = None
    actor_codes: list[str]
    aliases: list[str]
    offices: list[Office]
    events: list[TimelineItem]
    stances: list[StanceOut]
    relations: list[RelationOut]
    articles: list[str]


class EventsPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[Connection]


class PathOut(BaseModel):
    a: str
    b: str
    paths: list[dict]


class QuadCounts(BaseModel):
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


class Period(BaseModel):
    period: str = Field(description="2001-W46 (ISO week), 2001-11 or 2001")
    start: date
    end: date
    events: int = Field(description="Event occurrences in the period (an event told both ways counts once)")
    by_type: dict[str, int] = Field(description="Events per PLOVER type")
    by_quad: QuadCounts = Field(description="Events per CAMEO quad class")
    goldstein_mean: float | None = Field(description="Mean Goldstein score (-10 conflict .. +10 cooperation) of "
                                         "the events' CAMEO codes; null when the period has none")
    placed_by_report: int = Field(description="Events without a date of their own, placed at their article's "
                                  "publication date")


class SeriesOut(BaseModel):
    a: str
    b: str | None
    bucket: str
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    events: int = Field(description="Events in all the periods")
    undated: int = Field(description="Events with no date of their own and no article date: in no period")
    periods: list[Period]

    model_config = {"populate_by_name": True}


class GeoCountry(BaseModel):
    country: str = Field(description="ISO 3166-1 alpha-3 code")
    name: str
    numeric: str | None = Field(None, description="ISO 3166-1 numeric code (the ids of Natural Earth's and "
                                "world-atlas's country shapes); null for codes ISO never gave one, such as XKX")
    located: int = Field(description="Events that happened in the country (at it, or at a place in it)")
    actor: int = Field(description="Events with the country as an actor: the country itself, or a person or "
                       "organisation of it")


class GeoOut(BaseModel):
    actor: str | None
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    countries: list[GeoCountry]

    model_config = {"populate_by_name": True}


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    backend: str
    writes: bool
    query_workers: int = Field(description="SPARQL queries that can run at once")
    query_isolation: str | None = Field(None, description="How query workers are kept off the network: 'netns' "
                                        "(an empty network namespace), 'seccomp' (no internet sockets), or null "
                                        "(not known yet, no workers on this backend, or not possible here)")
    triples: int | None = Field(None, description="Every triple in the store, once: the same count as `kg stats`, "
                                "the ingest summary and SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }; null while it "
                                "is being counted after a write (counting reads the whole store), and on a "
                                "remote store")


class Problem(BaseModel):
    detail: str
