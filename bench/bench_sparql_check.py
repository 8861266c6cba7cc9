"""Cost of checking a SPARQL query before it is run: the token reader against a full rdflib parse.

    python bench/bench_sparql_check.py [--repeats 5]

The service reads each query's tokens (kg/sparqlscan.py) in a thread before a worker runs it.
Before, it parsed the query with rdflib (pyparsing). Both are timed on the same queries: a
typical lookup, and FILTER(?o IN (...)) lists of 1,000 and 10,000 strings. Prints min and
median seconds per check.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.rdf.namespaces import PREFIXES  # noqa: E402
from kg.sparql import inspect_query  # noqa: E402

TYPICAL = """SELECT ?a ?b ?date WHERE { ?e a dkg:Event ; plover:type ?t ; sem:hasActor ?x, ?y ;
  sem:hasTimeStamp ?date . ?x rdfs:label ?a . ?y rdfs:label ?b FILTER(?x != ?y) # pairs
  FILTER(?date >= "2001-01-01"^^xsd:date) } ORDER BY ?date LIMIT 100"""


def in_list(n: int) -> str:
    return "SELECT ?s WHERE { ?s rdfs:label ?o FILTER(?o IN (" + ", ".join(f'"x{i}"' for i in range(n)) + ")) }"


def timed(fn, q: str, repeats: int) -> list[float]:  # noqa: ANN001
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - t)
    return out


def rdflib_parse(q: str) -> None:
    from rdflib.plugins.sparql.parser import parseQuery

    parseQuery("".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + q)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    print(f"{'query':<22} {'chars':>8} {'token reader s (min/med)':>26} {'rdflib parse s (min/med)':>26}")
    for name, q in (("typical lookup", TYPICAL), ("IN list of 1,000", in_list(1000)),
                    ("IN list of 10,000", in_list(10_000))):
        ours = timed(inspect_query, q, args.repeats)
        theirs = timed(rdflib_parse, q, max(1, args.repeats if len(q) < 20_000 else 1))
        print(f"{name:<22} {len(q):>8} {min(ours):>12.4f} / {statistics.median(ours):<11.4f} "
              f"{min(theirs):>12.4f} / {statistics.median(theirs):<11.4f}")


if __name__ == "__main__":
    main()
