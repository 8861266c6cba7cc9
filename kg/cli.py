"""The ``kg`` command line: extract, ingest, query, stats, articles, delete."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kg.version import __version__

app = typer.Typer(
    name="kg",
    help="diplomatic-kg: turn news articles about diplomacy into a knowledge graph of leaders, events, stances "
    "and relations, stored as RDF and queryable with SPARQL. The store is an embedded folder (--data-dir), or a "
    "SPARQL 1.1 server with KG_STORE=remote and KG_REMOTE_URL.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", envvar="KG_DATA_DIR", help="Store folder (default: a per-user data folder; "
                 "unused with KG_STORE=remote).",
                 show_default=False),
]
F = TypeVar("F", bound=Callable[..., Any])


def _fail(msg: str, code: int = 2) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(code)


def friendly(fn: F) -> F:
    """Turn known failures into one line on stderr and a non-zero exit."""

    @wraps(fn)
    def run(*a: Any, **k: Any) -> Any:
        from kg.lookups import Ambiguous, NotFound
        from kg.nlp import PipelineMissing
        from kg.pipeline import ClusterError
        from kg.store import QueryError, RemoteRefused, RemoteUnavailable, StoreBusy
        from kg.store.runner import QueryTimeout
        from kg.types import InputError

        try:
            return fn(*a, **k)
        except Ambiguous as exc:
            lines = [f"  {c['id']}  {c['name']} ({c['type']}{', ' + c['country'] if c.get('country') else ''})"
                     for c in exc.candidates]
            _fail(f"{exc}:\n" + "\n".join(lines), 1)
        except NotFound as exc:
            _fail(str(exc), 1)
        except (InputError, PipelineMissing, ClusterError, StoreBusy, RemoteUnavailable, RemoteRefused,
                QueryTimeout) as exc:
            _fail(str(exc))
        except QueryError as exc:
            _fail(f"malformed query: {exc}")
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            _fail(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}".lstrip(": "))
        except KeyboardInterrupt:
            _fail("interrupted", 130)

    return run  # type: ignore[return-value]


def _settings(data_dir: Path | None):  # noqa: ANN202
    from kg.config import Settings

    return Settings(data_dir=data_dir) if data_dir else Settings()


def _read_store(settings):  # noqa: ANN001, ANN202
    """The store opened for reading: read-only on disk, so it works while another process writes."""
    from kg.store import open_store

    return open_store(settings=settings, read_only=settings.store == "oxigraph")


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from kg.types import InputError

        raise InputError(f"--published {value!r} is not a date in YYYY-MM-DD form") from None


def version_cb(value: bool) -> None:
    if value:
        typer.echo(f"diplomatic-kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_cb, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """diplomatic-kg command line."""


def _read_one(file: str, published: date | None, title: str | None, aid: str | None):  # noqa: ANN202
    from kg.textio import decode, parse_text_file, read_path
    from kg.types import InputError

    if file == "-":
        art = parse_text_file(decode(sys.stdin.buffer.read(), "stdin"), "stdin")
    else:
        items = list(read_path(Path(file)))
        if not items:
            raise InputError(f"{file}: no article")
        if isinstance(items[0], InputError):
            raise items[0]
        if len(items) > 1:
            raise InputError(f"{file}: holds {len(items)} articles; use --jsonl or `kg ingest` for many")
        art = items[0]
    upd = {k: v for k, v in (("published", published), ("title", title), ("id", aid)) if v is not None}
    return art.model_copy(update=upd) if upd else art


@app.command()
@friendly
def extract(
    file: Annotated[str, typer.Argument(help="Article file (.txt/.md/.html/.json), '-' for stdin, or a JSONL file with --jsonl.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (resolves 'Thursday').")] = None,
    title: Annotated[str | None, typer.Option(help="Article title.")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Article id (default: file name, or a hash of the text).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, turtle or trig.")] = "json",
    jsonl: Annotated[bool, typer.Option("--jsonl", help="FILE has one JSON article per line; write one JSON result per line.")] = False,
) -> None:
    """Extract one article (or a JSONL batch) and print the result; nothing is stored."""
    from kg.pipeline import extract as run_extract
    from kg.pipeline import extract_many
    from kg.textio import decode, read_jsonl_text
    from kg.types import InputError

    if fmt not in ("json", "turtle", "trig"):
        raise InputError(f"--format {fmt!r}: use json, turtle or trig")
    if jsonl:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        text = decode(raw, file)
        items = list(read_jsonl_text(text, file))
        ids = []
        for n, line in enumerate(x for x in text.splitlines() if x.strip()):
            try:
                ids.append(str(json.loads(line).get("id") or f"line-{n + 1}"))
            except (json.JSONDecodeError, AttributeError):
                ids.append(f"line-{n + 1}")
        pub = _published(published)
        arts = [a if isinstance(a, InputError) or pub is None or a.published else a.model_copy(update={"published": pub})
                for a in items]
        out = sys.stdout
        for aid, res in zip(ids, extract_many(iter(arts)), strict=True):
            if isinstance(res, InputError):
                typer.echo(f"warning: {res}", err=True)
                out.write(json.dumps({"article": {"id": aid}, "error": str(res), "entities": [], "events": [],
                                      "stances": [], "relations": [], "quotes": []}) + "\n")
            else:
                out.write(_dump(res, fmt) + "\n")
            out.flush()
        return
    art = _read_one(file, _published(published), title, id)
    x = run_extract(art)
    typer.echo(_dump(x, fmt, indent=2))


def _dump(x: Any, fmt: str, indent: int | None = None) -> str:
    if fmt == "json":
        return json.dumps(x.to_json(), ensure_ascii=False, indent=indent)
    from kg.rdf.to_rdf import article_dataset, article_graph

    if fmt == "turtle":
        return article_graph(x).serialize(format="turtle")
    return article_dataset(x).serialize(format="trig")


@app.command()
@friendly
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles: text (.txt, .md), saved web pages (.html), JSON/JSONL, RSS/Atom feeds (.rss, .atom, .xml), WARC archives (.warc); each may be gzipped (.gz).")],
    data_dir: DataDir = None,
    published: Annotated[str | None, typer.Option(help="Publication date for articles that give none.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract articles already stored with the same text.")] = False,
    validate: Annotated[bool, typer.Option("--validate", help="Check every article graph against the SHACL shapes.")] = False,
    workers: Annotated[int | None, typer.Option(min=1, max=64, help="Extraction processes, each with its own spaCy "
                                                "pipeline (default: KG_WORKERS, else 1).")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="Run extraction on the Dask cluster "
                                             "whose scheduler is at ADDRESS (tcp://HOST:PORT), the pipeline loaded "
                                             "once per worker; results are written here (default: KG_DASK).",
                                             show_default=False)] = None,
) -> None:
    """Extract articles and store them, one named graph per article (re-ingesting replaces)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.table import Table

    from kg.ingest import ingest_many
    from kg.pipeline import ClusterError
    from kg.store import StoreBusy, open_store
    from kg.textio import count_articles, read_path
    from kg.types import InputError

    settings = _settings(data_dir)
    if validate:
        settings.validate_shacl = True
    if workers:
        settings.workers = workers
    if dask:
        settings.dask = dask
    pub = _published(published)

    def items():  # noqa: ANN202 - streamed: memory stays flat however large the input
        for p in paths:
            for a in read_path(p):
                if not isinstance(a, InputError) and pub and a.published is None:
                    a = a.model_copy(update={"published": pub})
                yield a

    total = sum(count_articles(p) for p in paths)  # a cheap first pass, for the bar's ETA
    started = time.perf_counter()
    console = Console(stderr=True)
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "error": 0}
    totals = {"entities": 0, "events": 0, "stances": 0, "relations": 0}  # triples: one count, the store's
    try:
        store_cm = open_store(settings=settings)
    except StoreBusy:
        from kg.store.handoff import running_server

        server = running_server(Path(settings.data_dir)) if settings.data_dir else None
        if server is None:
            raise
        _ingest_via_server(server, items(), total, force)
        return
    with store_cm as store:
        with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                      TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=True) as bar:
            task = bar.add_task("ingest", total=total, rate="")
            try:
                for r in ingest_many(store, items(), settings, skip_unchanged=not force):
                    counts[r.status] += 1
                    for k in totals:
                        totals[k] += getattr(r, k)
                    if r.status == "error":
                        console.print(f"[red]error[/red]: {r.error}", highlight=False)
                    speed = bar.tasks[0].speed
                    bar.update(task, advance=1, rate=f"{speed:.1f} articles/s" if speed else "")
            except ClusterError as exc:  # what was stored stays stored: running again resumes
                _fail(str(exc))
        stored = store.stats()
    table = Table(title="ingest summary", show_header=False)
    for k, v in {**counts, **totals}.items():
        table.add_row(k, str(v))
    table.add_row("articles in store", str(stored["articles"]))
    table.add_row("triples in store", str(stored["triples"]))
    seconds = time.perf_counter() - started
    table.add_row("seconds", f"{seconds:.1f}")
    done = counts["added"] + counts["replaced"]
    table.add_row("articles/s", f"{done / seconds:.1f}" if done and seconds else "-")
    Console().print(table)
    if counts["error"] and not (counts["added"] or counts["replaced"] or counts["unchanged"]):
        raise typer.Exit(1)


def _ingest_via_server(server: dict, articles: Iterable, total: int, force: bool) -> None:
    """`kg ingest` while `kg serve` holds the store: each article goes to the server's POST /articles, which
    stores it (one transaction) before it answers, so it is queryable when this command returns."""
    from rich.console import Console
    from rich.table import Table

    from kg.store.handoff import post_article
    from kg.types import InputError

    console = Console(stderr=True)
    console.print(f"the store is held by the server at {server['url']}: handing the articles to it", highlight=False)
    if force:
        console.print("--force does not reach the server: articles stored with the same text stay as they are")
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "error": 0}
    events = 0
    for a in articles:
        if isinstance(a, InputError):
            counts["error"] += 1
            console.print(f"[red]error[/red]: {a}", highlight=False)
            continue
        body = {k: v for k, v in {"text": a.text, "id": a.id, "title": a.title, "source": a.source,
                                  "published": a.published.isoformat() if a.published else None}.items() if v}
        try:
            status, out = post_article(server, body)
        except OSError as exc:  # announced but not answering (a stale file whose pid was reused, a hung server)
            raise InputError(f"the server announced in the data folder ({server['url']}) holds the store but does "
                             f"not answer ({exc}); stop it, or remove its .kg-server.json if it is gone") from None
        if status in (200, 201) and out.get("status") in counts:
            counts[out["status"]] += 1
            events += int(out.get("events") or 0)
        else:
            counts["error"] += 1
            console.print(f"[red]error[/red]: {a.aid}: {out.get('detail', status)}", highlight=False)
    table = Table(title=f"ingest summary (via {server['url']})", show_header=False)
    for k, v in {**counts, "events": events, "articles read": total}.items():
        table.add_row(k, str(v))
    Console().print(table)
    if counts["error"] and not (counts["added"] or counts["replaced"] or counts["unchanged"]):
        raise typer.Exit(1)


@app.command()
@friendly
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL 1.1 query (prefixes dkg:, id:, plover:, ... are predefined).")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from this file.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv or tsv (CONSTRUCT: turtle).")] = "table",
    data_dir: DataDir = None,
) -> None:
    """Run a SPARQL query over the union of all article graphs."""
    from kg.types import InputError

    if file is not None:
        sparql = file.read_text(encoding="utf-8")
    if not sparql or not sparql.strip():
        raise InputError("no query given")
    if fmt not in ("table", "json", "csv", "tsv", "turtle"):
        raise InputError(f"--format {fmt!r}: use table, json, csv or tsv")
    settings = _settings(data_dir)
    with _read_store(settings) as store:
        res = store.query(sparql)
    if res.kind == "ask":
        typer.echo(json.dumps({"boolean": res.boolean}) if fmt == "json" else str(res.boolean).lower())
        return
    if res.kind == "graph":
        typer.echo(res.graph.serialize(format="turtle"))  # type: ignore[union-attr]
        return
    records = [{k: _plain(v) for k, v in r.items()} for r in res]
    if fmt == "json":
        typer.echo(json.dumps({"vars": res.vars, "rows": records}, ensure_ascii=False, indent=2))
    elif fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=res.vars, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writeheader()
        w.writerows(records)
        typer.echo(buf.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table(*res.vars, caption=f"{len(records)} rows")
        for r in records:
            t.add_row(*("" if r[v] is None else _short(str(r[v])) for v in res.vars))
        Console(width=max(100, Console().width)).print(t)


def _short(s: str) -> str:
    from kg.rdf.namespaces import PREFIXES

    for k, v in PREFIXES.items():
        if s.startswith(str(v)):
            return f"{k}:{s[len(str(v)):]}"
    return s


def _plain(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


@app.command()
@friendly
def stats(data_dir: DataDir = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of articles, triples, entities and events in the store."""

    settings = _settings(data_dir)
    with _read_store(settings) as store:
        s = store.stats()
    if as_json:
        typer.echo(json.dumps(s, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table("what", "count", title=f"store {s['path'] or '(memory)'}")
    t.add_row("articles", str(s["articles"]))
    t.add_row("triples", str(s["triples"]))
    for k, v in s["entities"].items():
        t.add_row(f"entities: {k}", str(v))
    for k, v in s["facts"].items():
        t.add_row(f"facts: {k}", str(v))
    for k, v in s["events_by_type"].items():
        t.add_row(f"events: {k}", str(v))
    Console().print(t)


@app.command()
@friendly
def articles(data_dir: DataDir = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List stored articles."""

    settings = _settings(data_dir)
    with _read_store(settings) as store:
        rows = store.articles()
    if as_json:
        typer.echo(json.dumps([{k: _plain(v) for k, v in r.items()} for r in rows], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table("id", "published", "title", "triples", "ingested", caption=f"{len(rows)} articles")
    for r in rows:
        t.add_row(r["id"], str(r["published"] or ""), r["title"] or "", str(r["triples"]), _plain(r["ingested"]))
    Console(width=max(120, Console().width)).print(t)


@app.command()
@friendly
def delete(
    ids: Annotated[list[str], typer.Argument(help="Article ids to remove.")],
    data_dir: DataDir = None,
) -> None:
    """Remove articles (their named graphs) from the store."""
    from kg.store import open_store

    missing = []
    with open_store(settings=_settings(data_dir)) as store:
        for aid in ids:
            if store.delete_article(aid):
                typer.echo(f"deleted {aid}")
            else:
                missing.append(aid)
    if missing:
        _fail(f"no such article: {', '.join(missing)}", 1)


@app.command()
@friendly
def relations(
    a: Annotated[str, typer.Argument(help="An actor: name, alias or id (person/..., country/USA).")],
    b: Annotated[str, typer.Argument(help="Another actor.")],
    data_dir: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Everything that connects two actors: events either way, shared events, stances, relations."""
    from kg import lookups

    settings = _settings(data_dir)
    with _read_store(settings) as store:
        res = lookups.relations(store, a, b)
    if as_json:
        typer.echo(json.dumps(res, default=str, indent=2))
        return
    _print_items(f"{res['a']} and {res['b']}: {res['count']} connections", res["items"])


def _print_items(title: str, items: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table("date", "kind", "type", "direction", "trigger/topic", "evidence", "article", title=title)
    for i in items:
        t.add_row(str(i.get("date") or ""), i["kind"], i["type"], i.get("direction", ""),
                  i.get("trigger") or i.get("topic") or "", i["evidence"][:160], i["article"])
    Console(width=max(140, Console().width)).print(t)


@app.command()
@friendly
def timeline(
    actor: Annotated[str, typer.Argument(help="A person (or any actor): name, alias or id.")],
    data_dir: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Events to show.")] = 500,
    offset: Annotated[int, typer.Option(min=0, help="Events to skip first.")] = 0,
) -> None:
    """An actor's events in date order."""
    from kg import lookups

    settings = _settings(data_dir)
    with _read_store(settings) as store:
        eid = lookups.resolve_one(store, actor)
        items, total = lookups.timeline_page(store, eid, limit, offset)
    if as_json:
        typer.echo(json.dumps(items, default=str, indent=2))
        return
    shown = f"{len(items)} events" if len(items) == total else f"events {offset + 1}-{offset + len(items)} of {total}"
    _print_items(f"timeline of {eid}: {shown}", items)


@app.command()
@friendly
def evaluate(
    data: Annotated[Path, typer.Argument(help="Gold records, JSON lines: {id, text, published?, gold: [{type, source, target}]}")],
    report: Annotated[Path | None, typer.Option("--report", help="Write one JSON line per record: gold, predicted, missed, spurious.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against your own gold who-did-what-to-whom records (event and dyad P/R/F1)."""
    from dataclasses import asdict

    from kg.evaluate import evaluate as run_eval
    from kg.evaluate import read_gold

    s = run_eval(read_gold(data))
    if report is not None:
        with report.open("w", encoding="utf-8") as f:
            for row in s.report:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    if as_json:
        out = asdict(s)
        out.pop("report")
        typer.echo(json.dumps(out, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    con = Console(width=max(100, Console().width))
    con.print(s.summary())
    t = Table("PLOVER type", "P", "R", "F1", "tp", "fp", "fn", title="events by PLOVER category")
    for k, v in s.by_type.items():
        t.add_row(k, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}", str(v["tp"]), str(v["fp"]),
                  str(v["fn"]))
    con.print(t)
    e = Table("cause", "dyads", title="errors by cause")
    for k, v in s.causes.items():
        e.add_row(k, str(v))
    con.print(e)
    c = Table("confidence", "predicted dyads", "precision", title="precision by confidence band")
    for b in s.by_confidence:
        c.add_row(b["band"], str(b["dyads"]), "" if b["precision"] is None else f"{b['precision']:.2f}")
    con.print(c)


@app.command()
@friendly
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads, jsonld (RDF); graphml, gexf, cytoscape, csv (networkx projections); svg, png (a picture: see --picture).")],
    out: Annotated[Path | None, typer.Option("--out", help="Output file (csv: a prefix for PREFIX.nodes.csv and PREFIX.edges.csv). Default: standard output.")] = None,
    graph: Annotated[str, typer.Option("--graph", help="Projection for graph formats: actors (actor network) or events (entity-event graph).")] = "actors",
    article: Annotated[list[str] | None, typer.Option("--article", help="Only these articles (repeatable).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Events (dated, else by their article's date; RDF: articles) on or after YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Events (dated, else by their article's date; RDF: articles) on or before YYYY-MM-DD.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor's neighbourhood (name, alias or id).")] = None,
    depth: Annotated[int, typer.Option("--depth", help="Neighbourhood depth around --actor.")] = 1,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Only these PLOVER event types (repeatable).")] = None,
    picture: Annotated[str, typer.Option("--picture", help="With svg/png: network (the actor network), series (the time chart of --actor, or of --actor and --partner: events per period by quad class, mean Goldstein score) or map (events by country, of --actor if given).")] = "network",
    partner: Annotated[str | None, typer.Option("--partner", help="With --picture series: only events between --actor and this actor.")] = None,
    bucket: Annotated[str, typer.Option("--bucket", help="With --picture series: week, month or year.")] = "month",
    data_dir: DataDir = None,
) -> None:
    """Export the graph: RDF with its named graphs, an actor/event network for Gephi and Cytoscape, or a picture
    (network, time chart or world map) for a report."""
    from kg import export as X
    from kg import lookups
    from kg.types import InputError

    if fmt not in X.FORMATS:
        raise InputError(f"--format {fmt!r}: use one of {', '.join(X.FORMATS)}")
    if graph not in ("actors", "events"):
        raise InputError("--graph: use actors or events")
    settings = _settings(data_dir)
    with _read_store(settings) as store:
        f = X.Filters(articles=article or None, date_from=_published(date_from), date_to=_published(date_to),
                      actor=lookups.resolve_one(store, actor) if actor else None, depth=depth,
                      types=[t.upper() for t in type_] if type_ else None)
        if fmt in X.RDF_FORMATS:
            chunks = X.rdf_chunks(store, fmt, f)
        elif fmt in X.PICTURE_FORMATS:
            if picture not in X.PICTURES:
                raise InputError(f"--picture {picture!r}: use one of {', '.join(X.PICTURES)}")
            try:
                chunks = iter([X.picture(store, fmt, f, picture, lookups.resolve_one(store, partner) if partner
                                         else None, bucket)])
            except ValueError as exc:
                raise InputError(f"--picture {picture}: {exc}") from None
        else:
            g = X.actor_network(store, f) if graph == "actors" else X.entity_event_graph(store, f)
            if fmt == "csv":
                if out is None:
                    raise InputError("csv writes two files: give --out PREFIX (PREFIX.nodes.csv, PREFIX.edges.csv)")
                nodes, edges = X.csv_tables(g)
                Path(f"{out}.nodes.csv").write_text(nodes, encoding="utf-8")
                Path(f"{out}.edges.csv").write_text(edges, encoding="utf-8")
                typer.echo(f"wrote {out}.nodes.csv ({g.number_of_nodes()} nodes) and {out}.edges.csv "
                           f"({g.number_of_edges()} edges)", err=True)
                return
            chunks = X.graph_chunks(g, fmt)
        if out is None:
            for c in chunks:
                sys.stdout.buffer.write(c)
            sys.stdout.buffer.flush()
        else:
            with out.open("wb") as fh:
                for c in chunks:
                    fh.write(c)
            typer.echo(f"wrote {out}", err=True)


@app.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    data_dir: DataDir = None,
) -> None:
    """Serve the graph: SPARQL at /sparql, REST lookups, OpenAPI docs at /docs (KG_API_TOKEN enables writes)."""
    import secrets

    import uvicorn
    from pydantic import SecretStr

    from api import create_app
    from api.settings import APISettings

    settings = APISettings(data_dir=data_dir) if data_dir else APISettings()
    if settings.store == "oxigraph" and settings.data_dir is not None:  # `kg ingest` will hand articles to us
        settings.local_token = SecretStr(secrets.token_urlsafe(32))
        settings.announce_url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}"  # noqa: S104
    typer.echo(f"serving {settings.data_dir} at http://{host}:{port} (docs at /docs)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
