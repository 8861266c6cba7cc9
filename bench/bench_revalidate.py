#!/usr/bin/env python3
"""What kept answers and revalidation save: /relations answered in full, from the kept answers, and 304 Not
Modified, on the example articles.

    python bench/bench_revalidate.py [--n 500]

Runs in-process through the ASGI app (no network), so the figures are the service's own cost per request.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import APISettings
    from kg.ingest import ingest_many
    from kg.store import open_store
    from kg.textio import read_path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        with open_store(path) as store:
            list(ingest_many(store, read_path(ROOT / "examples" / "articles")))
        cases = (("full answer (KG_ANSWER_CACHE_MB=0)", 0, False), ("kept answer", 32, False),
                 ("304 revalidated", 32, True))
        for label, mb, revalidate in cases:
            with TestClient(create_app(APISettings(data_dir=path, answer_cache_mb=mb))) as c:
                params = {"a": "Reagan", "b": "Gorbachev"}
                tag = c.get("/relations", params=params).headers["etag"]
                headers = {"if-none-match": tag} if revalidate else {}
                times = []
                for _ in range(args.n):
                    t0 = time.perf_counter()
                    r = c.get("/relations", params=params, headers=headers)
                    times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code in (200, 304)
                times.sort()
                print(f"{label:36s} p50 {statistics.median(times):6.2f} ms   p99 {times[int(len(times) * .99) - 1]:6.2f} ms"
                      f"   ({r.status_code})")

if __name__ == "__main__":
    main()
