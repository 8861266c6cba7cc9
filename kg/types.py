"""Typed records passed between extraction stages, and the JSON output contract.

Internal parse records (``Token``, ``Sentence``, ``Parsed``) are plain slotted
dataclasses: spaCy stops at :mod:`kg.stages.parse`, every later stage reads these.
The output records are pydantic models; ``Extraction.to_json()`` is the contract
documented in the README.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

EntityType = Literal["Person", "Country", "Organization", "Place", "Treaty", "Topic"]
Polarity = Literal["support", "oppose"]
Context = Literal["negated", "hypothetical", "future", "reported"]
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


class InputError(ValueError):
    """Input that cannot be turned into an article: the message says why, in one line."""


# --------------------------------------------------------------------------- input


class Article(BaseModel):
    """One article: its text and optional metadata."""

    model_config = ConfigDict(frozen=True)

    text: str
    id: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None  # where it came from, as given: a file name or the page's URL
    author: str | None = None  # from a web page's metadata
    site: str | None = None  # the site that published it (a web page's og:site_name, a feed's title)
    url: str | None = None  # the page's canonical URL (its <link rel="canonical">, og:url or the feed item's link)

    @field_validator("id")
    @classmethod
    def _check_id(cls, v: str | None) -> str | None:
        if v is None:
            return v
        bad = next((c for c in v if unicodedata.category(c) in ("Cc", "Cs")), None)
        if bad is not None:  # such an id could be stored but never named again in a URL or a command line
            raise ValueError(f"article id {v[:60]!r} contains the control character {bad!r}; ids are printable text")
        if not v.strip():
            raise ValueError("article id is blank")
        return v

    @field_validator("published", mode="before")
    @classmethod
    def _parse_published(cls, v: object) -> object:
        if v in (None, ""):
            return None
        if isinstance(v, str):
            try:
                return date.fromisoformat(v.strip()[:10])
            except ValueError as exc:
                raise ValueError(f"published date {v!r} is not YYYY-MM-DD") from exc
        return v

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def fingerprint(self) -> tuple[str | None, ...]:
        """(content hash, title, published, source): an article is unchanged only if all four are."""
        return (self.content_hash, self.title or None, self.published.isoformat() if self.published else None,
                self.source or None)

    @property
    def aid(self) -> str:
        """The article's identifier: its id, or a hash of its text when it has none."""
        return self.id if self.id else "sha256-" + self.content_hash[:16]


# --------------------------------------------------------------------------- parse records


@dataclass(slots=True)
class Token:
    i: int
    text: str
    idx: int  # character offset of the token in the article text
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    ent_type: str = ""
    ent_iob: str = "O"
    ws: str = " "
    morph: str = ""

    @property
    def end(self) -> int:
        return self.idx + len(self.text)

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(slots=True)
class Sentence:
    i: int
    start: int  # first token
    end: int  # one past the last token
    start_char: int
    end_char: int


@dataclass(slots=True)
class EntSpan:
    label: str
    start: int  # token indices, end exclusive
    end: int
    start_char: int
    end_char: int
    text: str


@dataclass(slots=True)
class Parsed:
    """A parsed article: tokens, sentences and named-entity spans, nothing of spaCy."""

    text: str
    tokens: list[Token]
    sents: list[Sentence]
    ents: list[EntSpan]
    noun_chunks: list[tuple[int, int]] = field(default_factory=list)

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens[self._sent_range(i)] if t.head == i and t.i != i]

    def _sent_range(self, i: int) -> slice:
        s = self.sents[self.tokens[i].sent]
        return slice(s.start, s.end)

    def subtree(self, i: int) -> list[int]:
        """Token indices of the subtree under token ``i`` (inclusive), in order."""
        sl = self._sent_range(i)
        out = {i}
        changed = True
        toks = self.tokens[sl]
        while changed:
            changed = False
            for t in toks:
                if t.i not in out and t.head in out and t.head != t.i:
                    out.add(t.i)
                    changed = True
        return sorted(out)

    def span_text(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        return self.text[self.tokens[start].idx : self.tokens[end - 1].end]

    def sentence_of(self, i: int) -> Sentence:
        return self.sents[self.tokens[i].sent]


# --------------------------------------------------------------------------- mentions


MentionKind = Literal["name", "title", "pronoun", "demonym", "group", "acronym", "phrase", "unnamed"]


@dataclass(slots=True)
class Mention:
    """A stretch of text naming (or pointing at) something: spaCy's last word on it."""

    text: str
    start: int  # character offsets
    end: int
    tok_start: int
    tok_end: int
    sent: int
    label: str  # PERSON, GPE, NORP, ORG, FAC, LOC, LAW, TITLE, PRON, TOPIC, ...
    kind: MentionKind = "name"
    head: int = -1  # head token index
    entity: str | None = None  # entity id after resolution
    entities: list[str] = field(default_factory=list)  # group mentions: all members
    reason: str = ""


# --------------------------------------------------------------------------- output records


class Evidence(BaseModel):
    text: str
    start: int
    end: int


class Role(BaseModel):
    title: str
    country: str | None = None
    organization: str | None = None
    sector: str | None = None
    start: date | None = None
    end: date | None = None
    asserted: date | None = None
    evidence: Evidence | None = None


class Entity(BaseModel):
    id: str
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    actor_code: str | None = None
    roles: list[Role] = Field(default_factory=list)
    year: int | None = None
    gender: Literal["m", "f"] | None = None
    resolution: str | None = None
    mentions: list[Evidence] = Field(default_factory=list)


class Event(BaseModel):
    id: str
    type: str
    cameo: str
    trigger: str
    pattern: str | None = None  # the dictionary pattern or lexicon entry that coded the event
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    reciprocal: bool = False
    mirror_of: str | None = None  # "A and B agreed": B's side, coded B -> A, of the event A -> B it names
    place: str | None = None
    date: _dt.date | None = None
    date_end: _dt.date | None = None
    date_text: str | None = None
    mode: str | None = None
    context: list[Context] = Field(default_factory=list)
    topic: str | None = None
    topic_id: str | None = None
    confidence: float = 0.5
    evidence: Evidence
    also_evidence: list[Evidence] = Field(default_factory=list)
    _joint: bool = PrivateAttr(default=False)  # its sides were named together ("A and B agreed")
    _assumed_target: bool = PrivateAttr(default=False)  # the target is a convention's default, not named


class Stance(BaseModel):
    id: str
    holder: str
    topic: str
    topic_id: str | None = None
    polarity: Polarity
    confidence: float = 0.5
    evidence: Evidence


class Relation(BaseModel):
    id: str
    subject: str
    predicate: Literal["spouse", "adviser_of", "member_of", "party_to", "head_of", "located_in", "counterpart_of"]
    object: str
    evidence: Evidence


class Quote(BaseModel):
    id: str
    speaker: str | None
    text: str
    evidence: Evidence
    sentence: Evidence | None = None


class ArticleInfo(BaseModel):
    id: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    dateline: str | None = None
    body: list[tuple[int, int]] = Field(default_factory=list)


class Extraction(BaseModel):
    """What extraction found in one article: the JSON output contract of ``kg extract``."""

    article: ArticleInfo
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    text: str | None = Field(default=None, exclude=True)

    def entity(self, eid: str) -> Entity | None:
        for e in self.entities:
            if e.id == eid:
                return e
        return None

    def to_json(self) -> dict:
        return self.model_dump(mode="json")


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'George W. Bush' -> 'george-w-bush'."""
    import unicodedata

    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG_RE.sub("-", t).strip("-") or "x"
