"""The service on a large store: lookup latency and throughput beside a trivial FastAPI endpoint,
lookups while runaway SPARQL queries run, and the server's memory over 10,000 lookups.

    python bench/bench_service.py --articles 5500            # a synthetic store of ~1.1M triples
    python bench/bench_service.py --store DIR                # an existing store folder (copied first)
    python bench/bench_service.py --articles 50000 --keep DIR  # build once, keep it for later runs

The store is served by ``kg serve``'s app (bench/serve_store.py) and the trivial endpoint by
bench/trivial_app.py, each by uvicorn in its own process with the same settings; clients run in
this process over loopback with keep-alive connections.

- Latency, one client: each request asks something not asked before in the run (a new pair of
  leaders, a new leader, a new type and half-year), so nothing comes from the answer memo;
  then the same requests again ("repeat"), answered from the memo until the next write. The
  cases: /relations, a leader's timeline, /events, /series (a leader by month, two leaders by
  year) and /geo (a leader, the whole store for a half-year, the whole store).
- Throughput: ``--clients`` clients for ``--seconds`` on /relations (one pair, and a new pair
  each request), beside the trivial endpoint measured the same way in the same run.
- Runaway queries: two SPARQL queries that would run for hours are sent, and while they run
  (until the deadline stops them) fresh /relations lookups are timed.
- Memory: the server's resident set after 100 lookups and after 10,000 (VmRSS, /proc).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import free_port, load, wait  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TYPES = ["CONSULT", "AGREE", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "AID", "REQUEST", "COERCE", "ASSAULT"]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    t = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    return r.status, 1000 * (time.perf_counter() - t)


def rss_kib(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[k] = int(v.split()[0])
    return out


def build(path: Path, articles: int) -> None:
    """The synthetic corpus of bench_store.py (same seed, same articles), streamed into a store: graphs are made
    and written 1,000 at a time, so that 50,000 articles (10M triples) fit in memory."""
    from synthetic import synthetic_extraction

    from kg.config import Settings
    from kg.rdf.to_rdf import article_graph
    from kg.store import open_store
    from kg.store.oxigraph import ntriples

    rng = random.Random(7)
    batch = Settings().write_batch
    t = time.perf_counter()
    with open_store(path) as store:
        for start in range(0, articles, 1000):
            chunk = [(f"synthetic-{k}", ntriples(article_graph(synthetic_extraction(k, rng))))
                     for k in range(start, min(articles, start + 1000))]
            for k in range(0, len(chunk), batch):
                store.put_articles(chunk[k:k + batch])
            if start % 10_000 == 0:
                print(f"  {start + len(chunk):,} articles written, {time.perf_counter() - t:.0f} s", flush=True)
        store.flush()
    print(f"built {articles:,} synthetic articles in {time.perf_counter() - t:.0f} s")


def main() -> None:  # noqa: PLR0915
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5500)
    ap.add_argument("--store", type=Path, default=None, help="measure this existing store folder (copied)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the built store in this folder")
    ap.add_argument("--requests", type=int, default=300, help="requests per latency case")
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--deadline", type=float, default=5.0, help="the server's SPARQL deadline (KG_QUERY_TIMEOUT)")
    ap.add_argument("--no-memory", action="store_true", help="skip the 10,000-lookup memory measure")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "last_service_run.json")
    args = ap.parse_args()
    import pyoxigraph as ox

    from kg.rdf.namespaces import PREFIXES

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-service-"))
    procs: list[subprocess.Popen] = []
    try:
        store_dir = tmp / "store"
        if args.store:
            shutil.copytree(args.store, store_dir, ignore=shutil.ignore_patterns("LOCK"))
        else:
            build(store_dir, args.articles)
            if args.keep:
                shutil.copytree(store_dir, args.keep, ignore=shutil.ignore_patterns("LOCK"))
        engine = ox.Store(str(store_dir))
        triples = len(engine)
        pre = {k: str(v) for k, v in PREFIXES.items()}
        rows = list(engine.query("SELECT DISTINCT ?a ?b WHERE { ?e dkg:source ?a ; dkg:target ?b } LIMIT 20000",
                                 prefixes=pre, use_default_graph_as_union=True))
        leaders = sorted({s["a"].value.rsplit("/", 1)[-1] for s in rows})
        del engine, rows
        rng = random.Random(5)
        pairs = [(a, b) for a in leaders for b in leaders if a != b]  # every ordered pair, each asked once
        rng.shuffle(pairs)
        rng.shuffle(leaders)
        print(f"store: {triples:,} triples, {len(leaders)} leaders")

        port, ping_port = free_port(), free_port()
        procs.append(subprocess.Popen([sys.executable, str(ROOT / "bench" / "serve_store.py"), str(store_dir),
                                       str(port), str(args.deadline)], cwd=ROOT))
        procs.append(subprocess.Popen([sys.executable, "-m", "uvicorn", "trivial_app:app", "--port", str(ping_port),
                                       "--log-level", "warning"], cwd=ROOT / "bench"))
        wait(port)
        wait(ping_port)
        server = procs[0].pid
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        # where each part takes its pairs from: warm-up [0, 100), latency [1000, ...), runaway 20,000+,
        # throughput 30,000+ (each request a pair not asked before, up to the number of pairs)

        def relations(i: int) -> str:
            a, b = pairs[i % len(pairs)]
            return f"/relations?a=person/{a}&b=person/{b}"

        def timeline(i: int) -> str:
            return f"/leaders/person/{leaders[i % len(leaders)]}/timeline"

        def events(i: int) -> str:
            y, half = 2000 + (i // len(TYPES)) % 20, (i // (len(TYPES) * 20)) % 2
            span = ("01-01", "06-30") if half == 0 else ("07-01", "12-31")
            return f"/events?type={TYPES[i % len(TYPES)]}&from={y}-{span[0]}&to={y}-{span[1]}&limit=50"

        for i in range(100):  # warm up the server (and count the first 100 lookups for memory)
            get(conn, relations(i))
        mem_100 = rss_kib(server)
        summary: dict = {"triples": triples}
        print("\nlatency (ms), one client                 cold p50    p99   | repeat p50    p99")
        lat: dict = {}
        n = min(args.requests, len(leaders))
        def series(i: int) -> str:
            return f"/series?a=person/{leaders[i % len(leaders)]}"

        def series_pair(i: int) -> str:
            a, b = pairs[(2000 + i) % len(pairs)]
            return f"/series?a=person/{a}&b=person/{b}&bucket=year"

        def geo_leader(i: int) -> str:
            return f"/geo?actor=person/{leaders[i % len(leaders)]}"

        def geo_half(i: int) -> str:  # the whole store's map for one half-year (40 of them)
            y, half = 2000 + (i // 2) % 20, i % 2
            return f"/geo?from={y}-{'01-01' if half == 0 else '07-01'}&to={y}-{'06-30' if half == 0 else '12-31'}"

        for label, make, count in (("/relations (two leaders)", relations, args.requests),
                                   ("leader timeline", timeline, n), ("/events by type and half-year", events, 400),
                                   ("/series (a leader, by month)", series, n),
                                   ("/series (two leaders, by year)", series_pair, args.requests),
                                   ("/geo (a leader)", geo_leader, n), ("/geo (whole store, a half-year)", geo_half, 40),
                                   ("/geo (whole store)", lambda i: "/geo", 1)):
            start = 1000 if make is relations else 0
            cold = [get(conn, make(start + i))[1] for i in range(count)]
            warm = [get(conn, make(start + i))[1] for i in range(count)]
            lat[label] = {"cold_p50": pct(cold, 0.5), "cold_p99": pct(cold, 0.99), "repeat_p50": pct(warm, 0.5),
                          "repeat_p99": pct(warm, 0.99), "requests": count}
            print(f"  {label:36} {pct(cold, 0.5):8.2f} {pct(cold, 0.99):7.2f}  | {pct(warm, 0.5):8.2f} "
                  f"{pct(warm, 0.99):7.2f}")
        summary["latency_ms"] = lat

        print(f"\nthroughput, {args.clients} clients, {args.seconds:g} s each")
        tp = {}
        fixed = relations(0)
        base = 30_000
        for label, p, make in (("trivial /ping", ping_port, lambda i: "/ping"),
                               ("/relations, one pair", port, lambda i: fixed),
                               ("/relations, a new pair each request", port, lambda i: relations(base + i))):
            load(p, make, 1.0, 1)  # warm up
            r = tp[label] = load(p, make, args.seconds, args.clients)
            print(f"  {label:38} {r['rps']:8.0f} req/s  p50 {r['p50_ms']:6.2f} ms  p99 {r['p99_ms']:6.2f} ms"
                  f"  ({r['errors']} errors)")
        ping = tp["trivial /ping"]["rps"]
        for label in list(tp)[1:]:
            tp[label]["ratio_to_trivial"] = tp[label]["rps"] / ping
            print(f"  ratio {label:32} {tp[label]['rps'] / ping:6.3f}")
        summary["throughput"] = tp

        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)  # the old one idled past keep-alive
        print(f"\nwhile two runaway SPARQL queries run (deadline {args.deadline:g} s)")
        out: list[tuple[int, float]] = []

        def runaway() -> None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            out.append(get(c, "/sparql?query=" + urllib.parse.quote(RUNAWAY)))

        threads = [threading.Thread(target=runaway) for _ in range(2)]
        for th in threads:
            th.start()
        time.sleep(0.5)
        during, k0 = [], 20_000
        t_end = time.monotonic() + max(1.0, args.deadline - 1.5)
        while time.monotonic() < t_end:
            during.append(get(conn, relations(k0 + len(during)))[1])
        for th in threads:
            th.join()
        stopped = [(s, ms) for s, ms in out if s == 503]
        summary["runaway"] = {"lookups": len(during), "p50_ms": pct(during, 0.5), "p99_ms": pct(during, 0.99),
                              "runaway_status": [s for s, _ in out], "runaway_seconds": [ms / 1000 for _, ms in out]}
        print(f"  /relations (new pairs): {len(during)} lookups, p50 {pct(during, 0.5):.2f} ms, "
              f"p99 {pct(during, 0.99):.2f} ms; runaway queries answered {[s for s, _ in out]} after "
              f"{', '.join(f'{ms / 1000:.1f}' for _, ms in out)} s ({len(stopped)} stopped at the deadline)")

        if args.no_memory:
            args.out.write_text(json.dumps(summary, indent=1))
            return
        k1 = 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        makers = (relations, timeline, events)
        for i in range(10_000 - 100):
            get(conn, makers[i % 3](k1 + i))
        mem_10k = rss_kib(server)
        growth = (mem_10k["VmRSS"] - mem_100["VmRSS"]) / mem_100["VmRSS"]
        summary["memory_kib"] = {"after_100": mem_100, "after_10000": mem_10k, "rss_growth": growth}
        anon = (mem_10k["RssAnon"] - mem_100["RssAnon"]) / mem_100["RssAnon"]
        summary["memory_kib"]["anon_growth"] = anon
        print(f"\nserver memory: VmRSS {mem_100['VmRSS'] / 1024:.0f} MiB after 100 lookups, "
              f"{mem_10k['VmRSS'] / 1024:.0f} MiB after 10,000 ({growth:+.1%}); peak {mem_10k['VmHWM'] / 1024:.0f} MiB; "
              f"of which the process's own (RssAnon) {mem_100['RssAnon'] / 1024:.0f} -> {mem_10k['RssAnon'] / 1024:.0f} MiB "
              f"({anon:+.1%}), the store's files mapped in (RssFile) {mem_100['RssFile'] / 1024:.0f} -> "
              f"{mem_10k['RssFile'] / 1024:.0f} MiB")
        args.out.write_text(json.dumps(summary, indent=1))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
