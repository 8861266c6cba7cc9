"""Ingestion is atomic under kill -9: a real process is killed in the middle of writing."""

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from kg.rdf import iris
from kg.store import open_store

pytestmark = pytest.mark.slow

CHILD = textwrap.dedent(
    """
    import sys
    from rdflib import Graph, Literal, URIRef
    from kg.store import open_store

    path, first = sys.argv[1], int(sys.argv[2])
    with open_store(path) as s:
        for k in range(first, first + 100000):
            aid = f"art-{k}"
            g = Graph()
            for j in range(4000 + k % 7):
                g.add((URIRef(f"urn:s:{k}:{j}"), URIRef("urn:p"), Literal(f"value {j}")))
            print(f"start {aid} {len(g)}", flush=True)
            s.put_article(aid, g)
            print(f"done {aid} {len(g)}", flush=True)
    """
)


def test_crash_kill_9_leaves_every_article_whole_or_absent(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    path = tmp_path / "store"
    rng = random.Random(7)
    started: dict[str, int] = {}
    done: dict[str, int] = {}
    first = 0
    for _round in range(4):
        proc = subprocess.Popen([sys.executable, str(script), str(path), str(first)], stdout=subprocess.PIPE,
                                text=True)
        target = rng.randint(2, 5)
        n_done = 0
        assert proc.stdout is not None
        for line in proc.stdout:
            kind, aid, n = line.split()
            (started if kind == "start" else done)[aid] = int(n)
            if kind == "done":
                n_done += 1
            if kind == "start" and n_done >= target:
                time.sleep(rng.uniform(0, 0.05))  # land the kill somewhere inside put_article
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        first += 1000
        with open_store(path) as s:
            for aid, n in done.items():
                assert s.graph_size(aid) == n, f"{aid} was reported stored but is not whole"
            for aid, n in started.items():
                assert s.graph_size(aid) in (0, n), f"{aid} is partly stored"
            staging = [g for g in s.graph_names() if "/staging/" in g]
            assert staging == []
            expected = {str(iris.graph(a)) for a, n in started.items() if s.graph_size(a) == n}
            assert set(s.graph_names()) == expected
            # the store holds exactly the articles that are there, each triple once
            assert s.triple_count() == sum(n for a, n in started.items() if s.graph_size(a) == n)
    assert len(done) >= 8
