"""Peak memory of `kg ingest` as the corpus grows: 1,000 articles against 10,000.

    python bench/bench_memory.py [--small 1000] [--large 10000] [--workers 1]

Each size is a gzipped JSONL file of generated articles (bench/corpus.py), ingested by
a real `kg ingest` process into a fresh store on disk. The peak resident set of that
process (and of its extraction workers, if any) comes from the kernel's accounting
(wait4's ru_maxrss for the process; for workers, the largest child). Goal: the peak
for the large corpus within 1.5x of the small one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write  # noqa: E402


def run(n: int, workers: int, tmp: Path) -> dict:
    src = tmp / f"corpus-{n}.jsonl.gz"
    words = write(n, src)
    cmd = [sys.executable, "-m", "kg.cli", "ingest", str(src), "--data-dir", str(tmp / f"store-{n}"),
           "--workers", str(workers)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"kg ingest failed:\n{out[-2000:]}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # largest finished descendant so far
    return {"articles": n, "words": words, "seconds": seconds, "articles_per_s": n / seconds,
            "peak_rss_mb": usage.ru_maxrss / 1024, "largest_process_mb": children / 1024,
            "summary": " ".join(" ".join(x.strip("│ ").split()) for x in out.splitlines()
                                if "in store" in x or x.strip("│ ").startswith(("added", "errors")))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-mem-") as d:
        rows = [run(n, args.workers, Path(d)) for n in (args.small, args.large)]
    for r in rows:
        print(f"{r['articles']:>6} articles {r['words']:>10,} words  {r['seconds']:7.1f} s  "
              f"{r['articles_per_s']:6.1f} articles/s  peak RSS {r['peak_rss_mb']:7.1f} MB")
        print(f"        {r['summary']}")
    ratio = rows[1]["peak_rss_mb"] / rows[0]["peak_rss_mb"]
    print(f"peak RSS ratio {args.large}/{args.small}: {ratio:.2f} (goal <= 1.5)")
    (ROOT / "bench" / "last_memory_run.json").write_text(json.dumps({"runs": rows, "ratio": ratio}, indent=1))


if __name__ == "__main__":
    main()
