"""Ingestion throughput against its physical limit: the raw ``nlp.pipe`` of the same pipeline on the same texts.

Usage: python bench/bench_ingest.py [--copies 10] [--repeats 3]

The corpus is the example articles, each repeated ``--copies`` times under new ids (so nothing is
skipped as unchanged). Three stages run on the same texts, each ``--repeats`` times, in one process:

- raw spaCy: ``nlp.pipe`` over the texts, nothing else (the limit);
- extract: the whole extraction (furniture, parse, all stages), no store;
- ingest: extraction plus RDF building and writing to a fresh on-disk store;
- ingest with ``--workers`` extraction processes (the pool's start-up, loading spaCy in each, is included).

It prints articles/s and words/s as min-median-max and the ratios of the medians.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2, help="processes for the parallel ingestion case")
    args = ap.parse_args()

    from kg.config import get_settings
    from kg.ingest import ingest_many
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_many
    from kg.store import open_store
    from kg.textio import read_path

    base = list(read_path(ROOT / "examples" / "articles"))
    arts = [a.model_copy(update={"id": f"{a.id}-{k}"}) for k in range(args.copies) for a in base]
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline(get_settings().spacy_model)
    list(nlp.pipe(texts[:5]))  # warm up

    def raw() -> None:
        for _ in nlp.pipe(texts):
            pass

    def extract() -> None:
        for _ in extract_many(arts):
            pass

    def ingest(workers: int = 1):  # noqa: ANN202
        settings = get_settings().model_copy(update={"workers": workers})

        def run() -> None:
            with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "s") as store:
                results = list(ingest_many(store, arts, settings))
                assert all(r.status == "added" for r in results), {r.status for r in results}

        return run

    rows = {}
    cases = [("raw nlp.pipe", raw), ("extract (no store)", extract), ("ingest (disk store)", ingest(1)),
             (f"ingest, {args.workers} workers", ingest(args.workers))]
    for name, fn in cases:
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        rows[name] = sorted(times)
    print(f"{len(arts)} articles, {words:,} words, pipeline {get_settings().spacy_model}, {args.repeats} runs each")
    print(f"{'stage':<22}{'articles/s (min-median-max)':>32}{'words/s (median)':>20}{'vs raw':>9}")
    raw_median = statistics.median(rows["raw nlp.pipe"])
    for name, ts in rows.items():
        med = statistics.median(ts)
        rates = [len(arts) / t for t in reversed(ts)]
        print(f"{name:<22}{f'{rates[0]:.1f} - {len(arts) / med:.1f} - {rates[-1]:.1f}':>32}"
              f"{words / med:>20,.0f}{raw_median / med:>9.2f}")


if __name__ == "__main__":
    main()
