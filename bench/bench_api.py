"""Requests/s and p50/p99 latency of /relations and a /sparql SELECT, beside a trivial FastAPI endpoint.

    python bench/bench_api.py [--seconds 8] [--clients 4] [--synthetic 1200]

It builds two stores (the example articles; the examples plus synthetic articles to pass
100,000 triples), serves each with uvicorn in its own process, serves the trivial app in
another, and loads them from this process over loopback with keep-alive connections.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait(port: int) -> None:
    for _ in range(200):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/openapi.json" if port else "/")
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on {port} did not start")


def load(port: int, path: str | Callable[[int], str], seconds: float, clients: int) -> dict:
    """``clients`` keep-alive clients for ``seconds``: one path, or a path per request number."""
    make = path if callable(path) else (lambda i: path)
    counter = itertools.count()
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        bad = 0
        while time.monotonic() < stop:
            t = time.perf_counter()
            conn.request("GET", make(next(counter)))
            r = conn.getresponse()
            r.read()
            mine.append(time.perf_counter() - t)
            bad += r.status != 200
        with lock:
            lat.extend(mine)
            errors += bad

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.monotonic() - t0
    lat.sort()
    return {"rps": len(lat) / wall, "p50_ms": 1000 * lat[len(lat) // 2],
            "p99_ms": 1000 * lat[int(len(lat) * 0.99) - 1], "requests": len(lat), "errors": errors}


def build(dir_: Path, synthetic: int) -> int:
    from kg.ingest import ingest_many
    from kg.store import open_store
    from kg.textio import read_path

    with open_store(dir_) as store:
        list(ingest_many(store, read_path(ROOT / "examples" / "articles")))
        if synthetic:
            sys.path.insert(0, str(ROOT / "bench"))
            from synthetic import grow

            grow(store, synthetic)
        store.flush()
        return store.triple_count()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=8)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--synthetic", type=int, default=1200)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    procs = []
    try:
        sizes = {}
        t = time.monotonic()
        sizes["examples"] = build(tmp / "examples", 0)
        sizes["large"] = build(tmp / "large", args.synthetic)
        print(f"stores built in {time.monotonic() - t:.1f} s: examples {sizes['examples']:,} triples, "
              f"large {sizes['large']:,} triples")
        ports = {}
        for name in ("examples", "large"):
            ports[name] = free_port()
            procs.append(subprocess.Popen([sys.executable, str(ROOT / "bench" / "serve_store.py"), str(tmp / name),
                                           str(ports[name])], cwd=ROOT))
        ports["trivial"] = free_port()
        procs.append(subprocess.Popen([sys.executable, "-m", "uvicorn", "trivial_app:app", "--port",
                                       str(ports["trivial"]), "--log-level", "warning"], cwd=ROOT / "bench"))
        for p in ports.values():
            wait(p)
        sparql = "SELECT ?e ?date WHERE { ?e dkg:ploverType plover:CONSULT ; sem:hasTimeStamp ?date } ORDER BY ?date LIMIT 20"
        cases = [("trivial", "/ping", "trivial FastAPI /ping (ceiling)")]
        for store in ("examples", "large"):
            cases.append((store, "/relations?a=Reagan&b=Gorbachev", f"/relations Reagan-Gorbachev [{store}]"))
            if store == "large":
                cases.append((store, "/relations?a=Leader%201&b=Leader%202", f"/relations synthetic pair [{store}]"))
            cases.append((store, "/sparql?query=" + urllib.parse.quote(sparql), f"/sparql SELECT [{store}]"))
        results = []
        for store, path, label in cases:
            load(ports[store], path, 1.0, 1)  # warm up
            r = load(ports[store], path, args.seconds, args.clients)
            r["case"] = label
            results.append(r)
            print(f"{label:48} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.2f} ms  p99 {r['p99_ms']:7.2f} ms"
                  f"  ({r['requests']} requests, {r['errors']} errors)")
        ceiling = results[0]["rps"]
        print("\nratio to the trivial endpoint:")
        for r in results[1:]:
            print(f"  {r['case']:48} {r['rps'] / ceiling:6.3f}")
        (ROOT / "bench" / "last_api_run.json").write_text(json.dumps({"sizes": sizes, "results": results}, indent=1))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
