"""Ingesting articles: extract, build the article graph, store it atomically."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.config import Settings, get_settings
from kg.nlp import load_pipeline, pipeline_label
from kg.ontology import validate
from kg.pipeline import extract_many
from kg.rdf.to_rdf import article_graph
from kg.store import KGStore
from kg.types import Article, Extraction, InputError


class InvalidGraph(RuntimeError):
    """The article graph broke the SHACL shapes (only with KG_VALIDATE_SHACL=true)."""


@dataclass
class IngestResult:
    id: str
    status: str  # "added", "replaced", "unchanged", "error"
    triples: int = 0
    entities: int = 0
    events: int = 0
    stances: int = 0
    relations: int = 0
    error: str | None = None


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def triples(self) -> int:
        return sum(r.triples for r in self.results)


def store_extraction(store: KGStore, x: Extraction, pipeline: str = "", validate_shacl: bool = False) -> IngestResult:
    """Write one extraction as its article's named graph (replacing an older one)."""
    existed = store.has_article(x.article.id)
    g = article_graph(x, pipeline)
    if validate_shacl:
        ok, report = validate(g)
        if not ok:
            raise InvalidGraph(f"article {x.article.id}: graph does not conform to the shapes:\n{report[:2000]}")
    n = store.put_article(x.article.id, g)
    return IngestResult(x.article.id, "replaced" if existed else "added", n, len(x.entities), len(x.events),
                        len(x.stances), len(x.relations))


def ingest(store: KGStore, article: Article | str, settings: Settings | None = None, **meta: object) -> IngestResult:
    """Extract and store one article (an Article, or text plus metadata keywords)."""
    if isinstance(article, str):
        article = Article(text=article, **meta)  # type: ignore[arg-type]
    return next(ingest_many(store, [article], settings))


def ingest_many(store: KGStore, articles: Iterable[Article | InputError], settings: Settings | None = None,
                skip_unchanged: bool = True) -> Iterator[IngestResult]:
    """Ingest a stream of articles; items that are errors are reported, not raised.

    An article whose id and text are already stored is skipped ("unchanged"), so a
    re-run of an interrupted batch picks up where it stopped.
    """
    settings = settings or get_settings()
    label = pipeline_label(load_pipeline(settings.spacy_model))
    # Streamed: articles are read as extraction asks for them, so memory stays flat on any input size.
    waiting: deque[tuple[str, object]] = deque()

    def todo() -> Iterator[Article]:
        for a in articles:
            if isinstance(a, InputError):
                waiting.append(("error", a))
            elif skip_unchanged and store.article_hash(a.aid) == a.content_hash:
                waiting.append(("unchanged", a))
            else:
                waiting.append(("todo", a))
                yield a

    def settled() -> Iterator[IngestResult]:
        while waiting and waiting[0][0] != "todo":
            kind, item = waiting.popleft()
            if kind == "error":
                yield IngestResult("?", "error", error=str(item))
            else:
                yield IngestResult(item.aid, "unchanged")  # type: ignore[attr-defined]

    for x in extract_many(todo(), settings):
        yield from settled()
        _, item = waiting.popleft()
        if isinstance(x, InputError):
            yield IngestResult(item.aid, "error", error=str(x))  # type: ignore[attr-defined]
        else:
            yield store_extraction(store, x, label, settings.validate_shacl)
    yield from settled()
