"""Ingesting articles: extract, build the article graph, store it atomically."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from rdflib import Graph

from kg.config import Settings, get_settings
from kg.nlp import load_pipeline, pipeline_label
from kg.ontology import validate
from kg.pipeline import extract_many
from kg.rdf.to_rdf import article_graph
from kg.store import KGStore
from kg.store.oxigraph import Split, ntriples, split_lines
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


def _graph(x: Extraction, pipeline: str, validate_shacl: bool) -> Graph:
    g = article_graph(x, pipeline)
    if validate_shacl:
        ok, report = validate(g)
        if not ok:
            raise InvalidGraph(f"article {x.article.id}: graph does not conform to the shapes:\n{report[:2000]}")
    return g


@dataclass
class Prepared:
    """An extraction ready to be written: its article graph as N-Triples lines, split into the article's own and
    the shared layer's (:func:`kg.store.oxigraph.split_lines`), and its counts.

    Made where the extraction was made (a worker process, a Dask worker), so the process that
    writes the store only writes, and only small strings travel between processes.
    """

    id: str
    lines: Split
    entities: int
    events: int
    stances: int
    relations: int


def prepare(x: Extraction, pipeline: str = "", validate_shacl: bool = False) -> Prepared:
    """Build (and optionally validate) the article graph of an extraction, as lines to write."""
    lines = ntriples(_graph(x, pipeline, validate_shacl))
    return Prepared(x.article.id, Split(*split_lines(x.article.id, lines)), len(x.entities), len(x.events),
                    len(x.stances), len(x.relations))


def _result(p: Prepared, existed: bool, n: int) -> IngestResult:
    return IngestResult(p.id, "replaced" if existed else "added", n, p.entities, p.events, p.stances, p.relations)


def store_extraction(store: KGStore, x: Extraction, pipeline: str = "", validate_shacl: bool = False) -> IngestResult:
    """Write one extraction as its article's named graph (replacing an older one)."""
    return store_prepared(store, [prepare(x, pipeline, validate_shacl)])[0]


def store_prepared(store: KGStore, items: list[Prepared]) -> list[IngestResult]:
    """Write prepared extractions in one batch (:meth:`KGStore.put_articles`); results in the same order."""
    seen: set[str] = set()
    existed = []
    for p in items:
        existed.append(p.id in seen or store.has_article(p.id))
        seen.add(p.id)
    sizes = store.put_articles([(p.id, p.lines) for p in items])
    return [_result(p, e, n) for p, e, n in zip(items, existed, sizes, strict=True)]


def ingest(store: KGStore, article: Article | str, settings: Settings | None = None, **meta: object) -> IngestResult:
    """Extract and store one article (an Article, or text plus metadata keywords)."""
    if isinstance(article, str):
        article = Article(text=article, **meta)  # type: ignore[arg-type]
    return next(ingest_many(store, [article], settings))


def _same(stored: tuple[str | None, ...] | None, new: tuple[str | None, ...]) -> bool:
    """Same text, and every piece of metadata the new article gives equals the stored one."""
    if stored is None or stored[0] != new[0]:
        return False
    return all(n is None or n == s for s, n in zip(stored[1:], new[1:], strict=True))


def ingest_many(store: KGStore, articles: Iterable[Article | InputError], settings: Settings | None = None,
                skip_unchanged: bool = True) -> Iterator[IngestResult]:
    """Ingest a stream of articles; items that are errors are reported, not raised.

    An article whose id and text are already stored, with the title, date and source it
    gives (metadata it leaves out is kept), is skipped ("unchanged"), so a re-run of an
    interrupted batch picks up where it stopped; a corrected title, date or source
    re-extracts it ("replaced"), since the date resolves "on Tuesday".
    """
    settings = settings or get_settings()
    label = pipeline_label(load_pipeline(settings.spacy_model))
    # Streamed: articles are read as extraction asks for them, so memory stays flat on any input size.
    waiting: deque[tuple[str, object]] = deque()

    def todo() -> Iterator[Article]:
        for a in articles:
            if isinstance(a, InputError):
                waiting.append(("error", a))
            elif skip_unchanged and _same(store.article_fingerprint(a.aid), a.fingerprint):
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

    # Results wait in order; graphs are written in batches (one bulk write each), then released.
    out: list[IngestResult | Prepared] = []

    def flush() -> Iterator[IngestResult]:
        ready = [r for r in out if isinstance(r, Prepared)]
        written = iter(store_prepared(store, ready) if ready else [])
        for r in out:
            yield next(written) if isinstance(r, Prepared) else r
        out.clear()

    finish = partial(prepare, pipeline=label, validate_shacl=settings.validate_shacl)
    ready = 0  # Prepared items waiting in ``out``
    for x in extract_many(todo(), settings, finish):
        out.extend(settled())
        _, item = waiting.popleft()
        out.append(IngestResult(item.aid, "error", error=str(x)) if isinstance(x, InputError) else x)  # type: ignore[attr-defined]
        ready += isinstance(x, Prepared)
        if ready >= settings.write_batch:
            yield from flush()
            ready = 0
    out.extend(settled())
    yield from flush()
