"""GET /export: the graph as RDF or as a network file, streamed."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import StreamingResponse

from api.deps import StoreDep
from api.routes.lookups import DATE, ambiguous, date_range
from kg import export as X
from kg import lookups
from kg.types import PLOVER_TYPES

router = APIRouter(tags=["export"])
Format = Enum("Format", {f: f for f in X.FORMATS}, type=str)  # type: ignore[misc]
Graph = Enum("Graph", {"actors": "actors", "events": "events"}, type=str)  # type: ignore[misc]
ACTORS = Graph("actors")
Plover = Enum("PloverType", {t: t for t in PLOVER_TYPES}, type=str)  # type: ignore[misc]
Picture = Enum("Picture", {p: p for p in X.PICTURES}, type=str)  # type: ignore[misc]
Bucket = Enum("ExportBucket", {b: b for b in ("week", "month", "year")}, type=str)  # type: ignore[misc]
NETWORK, MONTH = Picture("network"), Bucket("month")
_TYPES = {**{k: v[1] for k, v in X.RDF_FORMATS.items()}, **{k: v[0] for k, v in X.GRAPH_FORMATS.items()},
          **{k: v[0] for k, v in X.PICTURE_FORMATS.items()}}
_EXT = {**{k: v[2] for k, v in X.RDF_FORMATS.items()}, **{k: v[1] for k, v in X.GRAPH_FORMATS.items()},
        **{k: v[1] for k, v in X.PICTURE_FORMATS.items()}}


@router.get("/export", response_class=StreamingResponse, summary="Export RDF (with named graphs) or a network file",
            responses={200: {"content": {t: {"schema": {}} for t in set(_TYPES.values())}},
                       300: {"description": "--actor fits several entities"}, 404: {"description": "unknown actor"}})
def export(store: StoreDep,
           format: Annotated[Format, Query(description=(  # noqa: A002
               "turtle, trig, nquads or jsonld (RDF; trig and nquads keep the named graphs); graphml, gexf, "
               "cytoscape or csv (a network); svg or png (a picture: see `picture`)"))],
           graph: Annotated[Graph, Query(description="Projection for graph formats")] = ACTORS,
           article: Annotated[list[str] | None, Query(max_length=300, description=(
               "Only these articles, by id (repeatable)"))] = None,
           date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description=(
               "Events on or after this day (YYYY-MM-DD): the event's date, else its article's publication date"))] = None,
           date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description=(
               "Events on or before this day (YYYY-MM-DD), by the same rule"))] = None,
           actor: Annotated[str | None, Query(max_length=300, description=(
               "Only the network around this actor: a name, alias or entity id"))] = None,
           depth: Annotated[int, Query(ge=0, le=4, description="How many steps from the actor to include")] = 1,
           type: Annotated[list[Plover] | None, Query(description="Only these PLOVER types (repeatable)")] = None,  # noqa: A002
           picture: Annotated[Picture, Query(description=(
               "With svg/png: network (the actor network), series (the time chart of `actor`, or of `actor` and "
               "`partner`, as /series gives it) or map (events by country, as /geo gives it)"))] = NETWORK,
           partner: Annotated[str | None, Query(max_length=300, description=(
               "With picture=series: only the events between `actor` and this actor"))] = None,
           bucket: Annotated[Bucket, Query(description="With picture=series: the length of a period")] = MONTH):
    d0, d1 = date_range(date_from, date_to)
    try:
        who = lookups.resolve_one(store, actor) if actor else None
        other = lookups.resolve_one(store, partner) if partner else None
    except lookups.Ambiguous as exc:
        return ambiguous(exc)
    f = X.Filters(articles=article or None, date_from=d0, date_to=d1, actor=who, depth=depth,
                  types=[t.value for t in type] if type else None)
    fmt = format.value
    if fmt in X.RDF_FORMATS:
        chunks = X.rdf_chunks(store, fmt, f)
    elif fmt in X.PICTURE_FORMATS:
        try:
            chunks = iter([X.picture(store, fmt, f, picture.value, other, bucket.value)])
        except ValueError as exc:  # a time chart without an actor, too many periods
            raise HTTPException(422, str(exc)) from None
    else:
        g = X.actor_network(store, f) if graph.value == "actors" else X.entity_event_graph(store, f)
        chunks = X.graph_chunks(g, fmt)
    return StreamingResponse(chunks, media_type=_TYPES[fmt],
                             headers={"Content-Disposition": f'attachment; filename="diplomatic-kg.{_EXT[fmt]}"'})
