"""Composes the extraction stages; no NLP logic of its own.

``extract(article)`` runs one article; ``extract_many(articles)`` streams many
through ``nlp.pipe`` in batches.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from kg.config import Settings, get_settings
from kg.kb.countries import capital_country, country_code, subdivision_country
from kg.kb.leaders import country_of_place
from kg.nlp import PipelineMissing, load_pipeline, pipe_texts
from kg.stages.furniture import find_furniture
from kg.stages.mentions import find_mentions
from kg.stages.parse import parse_doc
from kg.stages.quotes import find_quotes, quote_spans
from kg.stages.relations import find_relations
from kg.stages.resolve import resolve
from kg.stages.stances import find_stances
from kg.textio import check_text, looks_like_html
from kg.types import Article, ArticleInfo, Entity, Evidence, Extraction, InputError, slug
from kg.webpage import read_page, with_page


def prepare(article: Article | str, settings: Settings | None = None, **meta: object) -> Article:
    """Check and normalise an article (HTML becomes text); raises InputError with the reason."""
    settings = settings or get_settings()
    if isinstance(article, str):
        try:
            article = Article(text=article, **meta)  # type: ignore[arg-type]
        except ValueError as exc:
            raise InputError(str(exc).splitlines()[-1]) from exc
    where = article.id or "article"
    if looks_like_html(article.text) and "\x00" not in article.text:
        # a saved web page: its main text (the stored text evidence offsets point into) and its metadata
        if len(article.text) > 10 * settings.max_chars:
            raise InputError(f"{where}: a page of {len(article.text):,} characters, more than 10x the limit of "
                             f"{settings.max_chars:,} (KG_MAX_CHARS)")
        source = article.source if article.source and article.source.startswith(("http://", "https://")) else None
        article = with_page(article, read_page(article.text, url=source))
    text = check_text(article.text, settings.max_chars, where)
    if text != article.text:
        article = article.model_copy(update={"text": text})
    return article


def _dateline(text: str, span: tuple[int, int] | None, place: str | None) -> tuple[list[Entity], tuple[str, str, Evidence] | None, str | None]:
    """Entities for a dateline 'CRAWFORD, Texas': the town, its region, and that it lies there."""
    if not span or not place:
        return [], None, None
    parts = [x.strip() for x in place.split(",") if x.strip()]
    ev = Evidence(text=text[span[0] : span[1]].strip(" —–-"), start=span[0], end=span[0] + len(text[span[0] : span[1]].rstrip(" —–-")))
    town = parts[0].title() if parts[0].isupper() else parts[0]
    region = parts[1] if len(parts) > 1 else None
    country = country_code(town) or subdivision_country(town) or (
        (country_code(region) or subdivision_country(region.rstrip("."))) if region else None) or (
        capital_country(town) or country_of_place(town))  # "NAIROBI", "GAO": a capital or a listed place
    ents = []
    town_ent = Entity(id=f"place/{slug(town)}", type="Place", name=town, country=country,
                      resolution="dateline", mentions=[ev])
    if country_code(town):
        town_ent = Entity(id=f"country/{country_code(town)}", type="Country", name=town, country=country_code(town),
                          actor_code=country_code(town), mentions=[ev])
    ents.append(town_ent)
    rel = None
    if region:
        rc = country_code(region)
        if rc:
            reg_ent = Entity(id=f"country/{rc}", type="Country", name=region, country=rc, actor_code=rc)
        else:
            reg_ent = Entity(id=f"place/{slug(region.rstrip('.'))}", type="Place", name=region.rstrip("."),
                             country=subdivision_country(region.rstrip(".")), resolution="dateline")
        ents.append(reg_ent)
        rel = (town_ent.id, reg_ent.id, ev)
    return ents, rel, town_ent.id


def _remap(parsed, furn) -> None:  # noqa: ANN001
    """Offsets from the condensed body text back to the article text as given."""
    cond = parsed.text
    for s in parsed.sents:  # sentences start and end at words, not at whitespace
        seg = cond[s.start_char : s.end_char]
        s.start_char = furn.to_original(s.start_char + len(seg) - len(seg.lstrip()))
        s.end_char = furn.to_original(s.end_char - (len(seg) - len(seg.rstrip())))
    for t in parsed.tokens:
        t.idx = furn.to_original(t.idx)
    for e in parsed.ents:
        e.start_char, e.end_char = furn.to_original(e.start_char), furn.to_original(e.end_char)


def analyse(article: Article, doc: object) -> Extraction:
    """Run every stage on one article whose masked text spaCy has parsed into ``doc``."""
    from kg.stages.events import find_events

    text = article.text
    furn = find_furniture(text)
    parsed = parse_doc(doc)  # type: ignore[arg-type]
    if parsed.text != text:  # parsed the body alone: put every offset back into the original text
        _remap(parsed, furn)
    parsed.text = text  # offsets index the original text; furniture was only blanked for parsing
    published: date | None = article.published
    qspans = quote_spans(text)
    mentions = find_mentions(parsed)
    dl_ents, dl_rel, dl_place = _dateline(text, furn.dateline, furn.dateline_place)
    home = next((e.country for e in dl_ents if e.country), None)
    res = resolve(parsed, mentions, published, qspans, home)
    for e in dl_ents:
        have = res.entities.get(e.id)
        if have is None:
            res.entities[e.id] = e
        else:
            have.mentions[:0] = e.mentions
    first_par_end = furn.body[0][1] if furn.body else -1
    events = find_events(parsed, res, published, dl_place, first_par_end)
    stances = find_stances(parsed, res)
    relations = find_relations(parsed, res, dl_rel)
    quotes = find_quotes(parsed, res, qspans)
    used = {i for ev in events for i in (*ev.source, *ev.target, *ev.participants, ev.place) if i}
    used |= {s.holder for s in stances} | {s.topic_id for s in stances if s.topic_id}
    used |= {x for rel in relations for x in (rel.subject, rel.object)} | {q.speaker for q in quotes if q.speaker}
    used |= {r.organization for e in res.entities.values() for r in e.roles if r.organization}
    entities = [e for e in res.entities.values() if e.mentions or e.id in used]
    for e in entities:
        e.mentions.sort(key=lambda m: m.start)
    # role countries and organisations must be entities too
    ids = {e.id for e in entities}
    for e in list(entities):
        for role in e.roles:
            for ref in (f"country/{role.country}" if role.country else None, role.organization):
                if ref and ref not in ids and ref in res.entities:
                    entities.append(res.entities[ref])
                    ids.add(ref)
    for ev in events:
        if ev.place and ev.place not in ids:
            ev.place = None
    info = ArticleInfo(id=article.aid, title=article.title or furn.headline, published=published,
                       source=article.source, author=article.author, site=article.site, url=article.url,
                       dateline=furn.dateline_place, body=furn.body)
    entities.sort(key=lambda e: (e.type, e.id))
    return Extraction(article=info, entities=entities, events=events, stances=stances, relations=relations,
                      quotes=quotes, text=text)


def extract(article: Article | str, settings: Settings | None = None, **meta: object) -> Extraction:
    """Extract one article (or text) without storing it.

    >>> x = extract("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.",
    ...             published="2023-03-21")            # doctest: +SKIP
    """
    settings = settings or get_settings()
    art = prepare(article, settings, **meta)
    nlp = load_pipeline(settings.spacy_model)
    return analyse(art, next(pipe_texts(nlp, [find_furniture(art.text).condensed])))  # type: ignore[arg-type]


def extract_many(articles: Iterable[Article], settings: Settings | None = None,
                 finish: Callable[[Extraction], Any] | None = None) -> Iterator[Any]:
    """Extract many articles in order, through ``nlp.pipe``; bad ones yield an InputError.

    ``finish``, when given, runs on each extraction where it was made (in the worker process or
    on the Dask worker) and its result is yielded instead: ingestion builds the article graph
    there, so the writing process only writes. It must be picklable (a module-level function
    or a ``functools.partial`` of one).
    """
    settings = settings or get_settings()
    nlp = load_pipeline(settings.spacy_model)
    def checked() -> Iterator[tuple[Article | None, InputError | None]]:
        for a in articles:
            if isinstance(a, InputError):
                yield None, a
                continue
            try:
                yield prepare(a, settings), None
            except InputError as exc:
                yield None, exc

    items = list(checked()) if not isinstance(articles, Iterator) else None
    stream = items if items is not None else checked()
    if settings.dask:
        yield from _run_dask(stream, settings, finish)
        return
    if settings.workers > 1:
        yield from _run_parallel(stream, settings, finish)
        return
    yield from _in_order(stream, settings.batch_size, 0, lambda arts: _extract_batch(nlp, arts, finish),
                         lambda done, _: done)


Stream = Iterable[tuple[Article | None, InputError | None]]


def _in_order(stream: Stream, size: int, in_flight: int, launch: Callable[[list[Article]], Any],
              collect: Callable[[Any, list[Article]], list[Any]]) -> Iterator[Any]:
    """Batches of ``size`` articles go to ``launch``; results come back in input order.

    ``launch(articles)`` starts a batch and returns a handle; ``collect(handle, articles)`` waits
    for its results, one per article. Errors from reading the input keep their places. At most
    ``in_flight`` batches wait unfinished, so memory stays bounded on any input size.
    """
    pending: deque = deque()

    def drain(keep: int) -> Iterator[Any]:
        while len(pending) > keep:
            buffer, job = pending.popleft()
            good = [a for a, _ in buffer if a is not None]
            done = iter(collect(job, good) if job is not None else [])
            for a, err in buffer:
                yield err if a is None else next(done)

    def submit(buffer: list[tuple[Article | None, InputError | None]]) -> None:
        good = [a for a, _ in buffer if a is not None]
        pending.append((buffer, launch(good) if good else None))

    buffer: list[tuple[Article | None, InputError | None]] = []
    for item in stream:
        buffer.append(item)
        if len(buffer) >= size:
            submit(buffer)
            buffer = []
            yield from drain(in_flight)
    if buffer:
        submit(buffer)
    yield from drain(0)


_WORKER_NLP = None


def _worker_init(model: str) -> None:
    global _WORKER_NLP
    _WORKER_NLP = load_pipeline(model)


def _worker_batch(arts: list[Article], finish: Callable[[Extraction], Any] | None = None) -> list[Any]:
    return _extract_batch(_WORKER_NLP, arts, finish)


def _extract_batch(nlp: object, arts: list[Article], finish: Callable[[Extraction], Any] | None = None) -> list[Any]:
    docs = pipe_texts(nlp, (find_furniture(a.text).condensed for a in arts))  # type: ignore[arg-type]
    done = [analyse(a, d) for a, d in zip(arts, docs, strict=True)]
    return [finish(x) for x in done] if finish else done


def _run_parallel(stream: Stream, settings: Settings,
                  finish: Callable[[Extraction], Any] | None = None) -> Iterator[Any]:
    """Batches go to ``settings.workers`` processes, each with its own pipeline; results come back in order.

    At most four batches per worker are in flight, so memory stays bounded on any input size.
    """
    import multiprocessing as mp
    import os

    ctx = mp.get_context("spawn")  # a clean interpreter: no forked spaCy or store state
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one BLAS thread per worker: the workers are the parallelism
    size = max(1, min(settings.batch_size, 8))  # small tasks keep every worker busy to the end
    with ctx.Pool(settings.workers, initializer=_worker_init, initargs=(settings.spacy_model,)) as pool:
        yield from _in_order(stream, size, 4 * settings.workers,
                             lambda arts: pool.apply_async(_worker_batch, (arts, finish)),
                             lambda job, _: job.get())


class ClusterError(RuntimeError):
    """The Dask cluster cannot be used: not installed, not reachable, or its workers cannot extract."""


DASK_CONNECT_TIMEOUT = 5  # seconds to reach the scheduler before giving up
DASK_WORKER_WAIT = 30  # seconds to wait for a first worker when the cluster has none


class _PipelineLoader:
    """Loads the spaCy pipeline once on every Dask worker, present and future (see :func:`_plugin_class`)."""

    idempotent = True  # registering again (another run, another client) is a no-op

    def __init__(self, model: str) -> None:
        self.model = model
        self.name = f"kg-pipeline-{model}"

    async def setup(self, worker: object) -> None:
        import asyncio

        try:  # in a thread: the worker keeps answering the scheduler while spaCy loads
            await asyncio.to_thread(load_pipeline, self.model)
        except PipelineMissing as exc:
            raise PipelineMissing(f"on Dask worker {getattr(worker, 'address', '?')}: {exc}") from None


def _plugin_class() -> type:
    """``PipelinePlugin``: the loader as a ``distributed.WorkerPlugin``, built on first use so Dask stays optional."""
    cls = globals().get("PipelinePlugin")
    if cls is None:
        from distributed import WorkerPlugin

        cls = type("PipelinePlugin", (_PipelineLoader, WorkerPlugin), {"__module__": __name__})
        globals()["PipelinePlugin"] = cls
    return cls


def __getattr__(name: str) -> object:  # a worker unpickling kg.pipeline.PipelinePlugin builds the class
    if name == "PipelinePlugin":
        return _plugin_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _dask_batch(model: str, arts: list[Article], finish: Callable[[Extraction], Any] | None = None) -> list[Any]:
    """Runs on a Dask worker. An article whose extraction raises becomes an InputError; the others are kept."""
    nlp = load_pipeline(model)  # a cache hit: PipelinePlugin loaded it when the worker joined
    try:
        return list(_extract_batch(nlp, arts, finish))
    except Exception:  # one bad article must not take its batch with it: retry one by one
        out: list[Extraction | InputError] = []
        for a in arts:
            try:
                out.extend(_extract_batch(nlp, [a], finish))
            except Exception as exc:
                out.append(InputError(f"{a.aid}: extraction failed on a Dask worker: {type(exc).__name__}: {exc}"))
        return out


def _run_dask(stream: Stream, settings: Settings,
              finish: Callable[[Extraction], Any] | None = None) -> Iterator[Any]:
    """Batches go to the Dask cluster at ``settings.dask``; results come back in input order.

    At most four batches per worker thread are in flight, so memory stays bounded on any input
    size. A batch lost with its worker (KilledWorker) yields an InputError for each of its articles.
    """
    from concurrent.futures import CancelledError
    from contextlib import suppress

    try:
        import distributed
        from distributed.comm.registry import get_backend
    except ImportError:
        raise ClusterError("extraction on Dask needs the dask extra: pip install 'diplomatic-kg[dask]'") from None

    address = settings.dask
    try:  # a malformed address fails here, not in a half-made Client that hangs at exit
        scheme, loc = distributed.comm.parse_address(address)
        with suppress(NotImplementedError):  # inproc:// has no port
            get_backend(scheme).get_address_host_port(loc)
    except ValueError as exc:
        raise ClusterError(f"{address!r} is not a Dask scheduler address like tcp://HOST:8786: {exc}") from None
    try:
        client = distributed.Client(address, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        if not client.nthreads():
            try:
                client.wait_for_workers(1, timeout=DASK_WORKER_WAIT)
            except TimeoutError:
                raise ClusterError(f"the Dask cluster at {address} has no workers "
                                   f"(waited {DASK_WORKER_WAIT} s)") from None
        try:
            client.register_plugin(_plugin_class()(settings.spacy_model))
        except PipelineMissing:
            raise
        except Exception as exc:
            raise ClusterError(f"the Dask workers at {address} cannot load the pipeline ({type(exc).__name__}: "
                               f"{exc}); they need diplomatic-kg and the spaCy pipeline installed") from exc
        size = max(1, min(settings.batch_size, 8))  # small tasks keep every worker busy to the end

        def collect(future: Any, good: list[Article]) -> list[Any]:
            try:
                return future.result()
            except distributed.KilledWorker:  # the task killed its workers (allowed-failures times)
                return [InputError(f"{a.aid}: a Dask worker died while extracting its batch of {len(good)} "
                                   "articles; ingest again to retry (stored articles are skipped)") for a in good]
            except (CancelledError, OSError) as exc:
                raise ClusterError(f"lost the Dask cluster at {address}: {type(exc).__name__}: {exc}") from exc

        yield from _in_order(stream, size, 4 * max(1, sum(client.nthreads().values())),
                             lambda arts: client.submit(_dask_batch, settings.spacy_model, arts, finish, pure=False),
                             collect)


