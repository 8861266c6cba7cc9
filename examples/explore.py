"""Use diplomatic-kg as a library: extract, store, and ask the graph questions.

    python examples/explore.py            # in-memory store, prints a few answers
    python examples/explore.py ./data     # the same, on a persistent store in ./data
"""

from __future__ import annotations

import sys
from pathlib import Path

import kg
from kg.textio import read_path

HERE = Path(__file__).resolve().parent


def main(data_dir: str | None = None) -> None:
    store = kg.open_store(data_dir) if data_dir else kg.open_store(backend="memory")
    with store:
        articles = [a for a in read_path(HERE / "articles") if isinstance(a, kg.Article)]
        for result in kg.ingest_many(store, articles):
            print(f"{result.id:28} {result.status:9} {result.events:3} events {result.triples:5} triples")

        print("\nWho met whom (CONSULT events), by date:")
        rows = store.query("""
            SELECT DISTINCT ?date ?a ?b ?trigger WHERE {
              ?e dkg:ploverType plover:CONSULT ; dkg:trigger ?trigger ;
                 dkg:source ?s ; dkg:target ?t .
              ?s rdfs:label ?a . ?t rdfs:label ?b .
              FILTER(?s != ?t)
              OPTIONAL { ?e sem:hasTimeStamp ?date }
            } ORDER BY ?date ?a LIMIT 12""")
        for r in rows:
            print(f"  {r['date'] or '?':10}  {r['a']} -> {r['b']}  ({r['trigger']})")

        print("\nOffices held, as the articles state them:")
        for r in store.query("""
            SELECT DISTINCT ?name ?title ?country WHERE {
              ?role a dkg:RoleAssignment ; dkg:holder ?p ; dkg:title ?title .
              ?p rdfs:label ?name .
              OPTIONAL { ?role dkg:roleCountry/rdfs:label ?country }
            } ORDER BY ?name LIMIT 10"""):
            print(f"  {r['name']}: {r['title']}" + (f" ({r['country']})" if r["country"] else ""))

        print("\nOne extraction without storing it:")
        x = kg.extract("Chilean President Gabriel Boric met Argentine President Alberto Fernandez in Santiago "
                       "on Friday and invited him to visit Valparaiso.", published="2022-04-09")
        for ev in x.events:
            print(f"  {ev.type:8} {ev.cameo:5} {ev.trigger:8} {ev.source} -> {ev.target} {ev.date}")

        try:
            df = store.query("SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e dkg:ploverType ?type } GROUP BY ?type")
            print("\nEvents by PLOVER type (pandas):")
            print(df.to_dataframe().sort_values("n", ascending=False).to_string(index=False))
        except ImportError:
            pass


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
