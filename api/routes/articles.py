"""Articles: list, read, ingest (POST) and delete; writes need the bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep, WriteLock, Writer
from api.schemas import ArticleDetail, ArticleIn, ArticleRow, IngestSummary, Problem
from kg import lookups
from kg.types import Article

router = APIRouter(tags=["articles"])
AUTH = {401: {"model": Problem}, 403: {"model": Problem}, 413: {"model": Problem}}


@router.get("/articles", response_model=list[ArticleRow], summary="Stored articles, newest first")
def list_articles(store: StoreDep):
    return [{**r, "ingested": str(r["ingested"]), "triples": int(r["triples"])} for r in store.articles()]


@router.get("/articles/{article_id:path}", response_model=ArticleDetail, responses={404: {"model": Problem}},
            summary="One article: text, entities and events")
def get_article(store: StoreDep, article_id: Annotated[str, Path(description="The article's id")]):
    return lookups.article(store, article_id)


@router.post("/articles", response_model=IngestSummary, status_code=201, dependencies=[Writer],
             responses={**AUTH, 400: {"model": Problem}, 422: {"model": Problem}},
             summary="Extract an article and store it")
async def post_article(body: ArticleIn, store: StoreDep, settings: SettingsDep, lock: WriteLock):
    from kg.ingest import ingest_many

    art = Article(text=body.text, id=body.id or None, title=body.title, published=body.published, source=body.source)

    def work():  # noqa: ANN202 - extraction and the write run off the event loop, one writer at a time
        with lock:
            # no flush: read-only handles replay the write-ahead log, and fewer flushes mean fewer
            # compactions moving files under the query workers
            # one article is extracted here: never start worker processes or a Dask client per request
            here = settings.model_copy(update={"workers": 1, "dask": None})
            return list(ingest_many(store, [art], here, skip_unchanged=True))[0]

    r = await run_in_threadpool(work)
    if r.status == "error":
        raise HTTPException(422, r.error or "the article could not be read")
    return IngestSummary(id=r.id, status=r.status, triples=r.triples, entities=r.entities, events=r.events,
                         stances=r.stances, relations=r.relations)


@router.delete("/articles/{article_id:path}", status_code=204, dependencies=[Writer],
               responses={**AUTH, 404: {"model": Problem}}, summary="Remove an article's graph")
def delete_article(article_id: Annotated[str, Path(description="The article's id")], store: StoreDep,
                   lock: WriteLock):
    with lock:
        gone = store.delete_article(article_id)
    if not gone:
        raise HTTPException(404, f"no article '{article_id}'")
