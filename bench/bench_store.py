"""Store load rate against a raw bulk load, and lookup latency on a graph of 1M+ triples.

    python bench/bench_store.py [--articles 5500] [--repeats 3] [--requests 200]

The corpus is synthetic (bench/synthetic.py): 300 leaders of 30 countries, each article
with 4 leaders, their roles, 5 events typed with real PLOVER/CAMEO pairs between them,
a stance and a relation, dated over twenty years; ~200 triples per article graph.

Load: the same article graphs are written (a) by ``KGStore.put_articles`` in batches of
``KG_WRITE_BATCH``, as ingestion does: given each graph as N-Triples lines split into the article's
own and the shared layer's, which extraction workers make (``kg.ingest.prepare``; that work is timed
and printed on its own), each
article's own triples into its named graph and the descriptions of its entities into the shared
layer (the default graph, each triple once), and (b) by pyoxigraph's bulk loader on the very
quads that (a) ends up storing, into a fresh store on disk, the faster of ``bulk_extend``
(quads already converted) and ``bulk_load`` (N-Quads bytes already serialised): the engine's
own fastest path. Rates count the triples stored.

Query: the store from (a) is served by ``kg serve``'s app in its own process; one client
sends requests one after another (latency, not throughput) for /relations between two
leaders, a leader's timeline (its default first page of 50 events; a synthetic leader
has ~180), and /events by type and a half-year range (first page of 50), each with
varying parameters. Beside each, the same lookup's core SPARQL runs in-process on pyoxigraph:
the engine's time, without HTTP, JSON and the lookup's follow-up queries.
Each round is repeated; figures are min / median / max over rounds.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import free_port, wait  # noqa: E402
from synthetic import synthetic_extraction  # noqa: E402


def spread(xs: list[float]) -> str:
    return f"{min(xs):8.2f} {statistics.median(xs):8.2f} {max(xs):8.2f}"


def build_graphs(n: int):  # noqa: ANN201
    from kg.rdf.to_rdf import article_graph

    rng = random.Random(7)
    return [(f"synthetic-{k}", article_graph(synthetic_extraction(k, rng))) for k in range(n)]


def load_project(path: Path, graphs) -> float:  # noqa: ANN001
    """``put_articles`` in batches of KG_WRITE_BATCH, given each article's N-Triples lines, as ingestion does."""
    from kg.config import Settings
    from kg.store import open_store

    batch = Settings().write_batch
    t = time.perf_counter()
    with open_store(path) as store:
        for k in range(0, len(graphs), batch):  # as ingestion writes: put_articles per batch
            store.put_articles(graphs[k:k + batch])
        store.flush()
    return time.perf_counter() - t


def load_raw(path: Path, quads, data: bytes) -> float:  # noqa: ANN001
    """The faster of the engine's two bulk paths: bulk_extend of ready quads, bulk_load of N-Quads bytes."""
    import pyoxigraph as ox

    best = float("inf")
    for k, run in enumerate((lambda s: s.bulk_extend(quads), lambda s: s.bulk_load(data, format=ox.RdfFormat.N_QUADS))):
        t = time.perf_counter()
        (path / str(k)).mkdir(parents=True)
        store = ox.Store(str(path / str(k)))
        run(store)
        store.flush()
        best = min(best, time.perf_counter() - t)
        del store
    return best


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def timed_get(conn, path: str) -> float:  # noqa: ANN001
    t = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise RuntimeError(f"{path} answered {r.status}")
    return 1000 * (time.perf_counter() - t)


def measure_load(args: argparse.Namespace, tmp: Path) -> tuple[list[float], list[float], list[float]]:
    import pyoxigraph as ox

    from kg.store.oxigraph import Split, ntriples, split_lines

    t = time.perf_counter()
    graphs = build_graphs(args.articles)
    print(f"{args.articles:,} synthetic articles built in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    # what extraction hands the store (kg.ingest.prepare): each graph's N-Triples lines, split into the
    # article's own and the shared layer's
    prepared = [(aid, Split(*split_lines(aid, ntriples(g)))) for aid, g in graphs]
    lines = sum(len(x.own) + len(x.shared) for _, x in prepared)
    print(f"serialising the graphs to N-Triples lines and splitting them (done by extraction workers): "
          f"{lines / (time.perf_counter() - t):,.0f} triples/s")
    stored: dict[str, None] = {}  # the quads put_articles ends up storing: each article's own, the shared layer once
    for aid, (own, shared) in prepared:
        g = f"https://w3id.org/diplomatic-kg/id/graph/{aid}"
        stored.update((f"{line[:-3]} <{g}> .\n", None) for line in own)
        stored.update((line, None) for line in shared)
    data = "".join(stored).encode()
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    print(f"{lines:,} triples handed over (the articles' own, with a schema:mentions per entity, and the shared "
          f"layer's), {len(quads):,} stored")
    project, raw = [], []
    for r in range(args.load_repeats or args.repeats):
        project.append(len(quads) / load_project(tmp / f"project-{r}", prepared))
        raw.append(len(quads) / load_raw(tmp / f"raw-{r}", quads, data))
        print(f"  round {r + 1}: put_articles {project[-1]:,.0f} triples/s, raw bulk load {raw[-1]:,.0f} triples/s")
        if r:
            shutil.rmtree(tmp / f"project-{r}", ignore_errors=True)
        shutil.rmtree(tmp / f"raw-{r}", ignore_errors=True)
    ratios = [p / q for p, q in zip(project, raw, strict=True)]
    print("\nload (triples/s)                        min      median   max")
    print(f"  put_articles (project)       {spread([x / 1000 for x in project])}  (thousands)")
    print(f"  bulk load (engine limit)    {spread([x / 1000 for x in raw])}  (thousands)")
    print(f"  ratio                       {spread(ratios)}")
    del graphs, quads, data, prepared
    return project, raw, ratios


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5500, help="synthetic articles (5,500 give ~1.1M triples)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint per round")
    ap.add_argument("--load-repeats", type=int, default=None, help="load rounds (default: --repeats)")
    ap.add_argument("--store", type=Path, default=None,
                    help="measure queries on this existing store folder (it is copied), skipping the load rounds")
    args = ap.parse_args()
    import http.client

    import pyoxigraph as ox


    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    proc = None
    try:
        project, raw, ratios = [], [], []
        if args.store:
            shutil.copytree(args.store, tmp / "project-0")
        else:
            project, raw, ratios = measure_load(args, tmp)
        store_dir = tmp / "project-0"
        shutil.copytree(store_dir, tmp / "engine-copy")  # the server may compact its files under a reader
        engine = ox.Store.read_only(str(tmp / "engine-copy"))
        total = len(engine)
        print(f"\nquery store: {total:,} triples")

        port = free_port()
        proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "serve_store.py"), str(store_dir), str(port)],
                                cwd=ROOT)
        wait(port)
        rng = random.Random(3)
        pairs = []
        from kg.rdf.namespaces import PREFIXES

        pre = {k: str(v) for k, v in PREFIXES.items()}
        rows = list(engine.query("SELECT DISTINCT ?a ?b WHERE { ?e dkg:source ?a ; dkg:target ?b } LIMIT 5000",
                                 prefixes=pre, use_default_graph_as_union=True))
        for sol in rng.sample(rows, min(len(rows), 100)):
            pairs.append((sol["a"].value.rsplit("/", 1)[-1], sol["b"].value.rsplit("/", 1)[-1]))
        years = list(range(2001, 2019))
        types = ["CONSULT", "AGREE", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "AID"]

        def relations(i: int) -> str:
            a, b = pairs[i % len(pairs)]
            return f"/relations?a=person/{a}&b=person/{b}"

        def timeline(i: int) -> str:
            return f"/leaders/person/{pairs[i % len(pairs)][0]}/timeline"

        def events(i: int) -> str:
            y = years[i % len(years)]
            return f"/events?type={types[i % len(types)]}&from={y}-01-01&to={y}-06-30&limit=50"

        core = {
            "/relations": ("SELECT DISTINCT ?e ?a1 ?b1 WHERE { GRAPH ?g { ?e dkg:participant ?a1 , ?b1 "
                           "FILTER NOT EXISTS { ?e dkg:mirrorOf ?first } } }",  # kg.lookups._events_between's
                           lambda i: {"a1": f"person/{pairs[i % len(pairs)][0]}", "b1": f"person/{pairs[i % len(pairs)][1]}"}),
            "timeline": ("SELECT DISTINCT ?e ?a1 WHERE { GRAPH ?g { ?e dkg:participant ?a1 } }",
                         lambda i: {"a1": f"person/{pairs[i % len(pairs)][0]}"}),
        }
        cases = [("/relations (two leaders)", relations, "/relations"), ("leader timeline", timeline, "timeline"),
                 ("/events by type and date", events, None)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _, make, _ in cases:  # warm up
            for i in range(10):
                timed_get(conn, make(i))
        summary = {}
        print("\nlatency (ms), one client       p50: min   median   max   |  p99: min   median   max  | engine p50")
        for label, make, key in cases:
            p50s, p99s, eng = [], [], []
            for r in range(args.repeats):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)  # the last one idled past keep-alive
                lat = [timed_get(conn, make(r * args.requests + i)) for i in range(args.requests)]
                p50s.append(percentile(lat, 0.5))
                p99s.append(percentile(lat, 0.99))
                if key:
                    q, binds = core[key]
                    el = []
                    for i in range(args.requests):
                        b = {ox.Variable(k): ox.NamedNode(f"https://w3id.org/diplomatic-kg/id/{v}")
                             for k, v in binds(r * args.requests + i).items()}
                        t = time.perf_counter()
                        list(engine.query(q, prefixes=pre, substitutions=b))  # as lookups ask: GRAPH ?g
                        el.append(1000 * (time.perf_counter() - t))
                    eng.append(percentile(el, 0.5))
            summary[label] = {"p50": p50s, "p99": p99s, "engine_p50": eng}
            e = f"{statistics.median(eng):8.2f}" if eng else "       -"
            print(f"  {label:28} {spread(p50s)}   | {spread(p99s)} | {e}")
        out = {"articles": args.articles, "triples": total,
               "load": {"project": project, "raw": raw, "ratio": ratios}, "latency_ms": summary}
        (ROOT / "bench" / "last_store_run.json").write_text(json.dumps(out, indent=1))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
