#!/usr/bin/env python3
"""Derive kg/data/phoenix_dicts.json.gz: PETRARCH2 actors (IGOs, NGOs, armed groups), agents and discards.

    python scripts/build_actor_dicts.py [../shared/reference/petrarch2]

Sources: Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.agents.txt and
Phoenix.discards.txt of openeventdata/petrarch2 (MIT, Open Event Data Alliance). From
Phoenix.Countries.actors.txt only the places each country entry lists (cities, provinces, regions)
are kept; its leaders ship as leaders.json.gz.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.dicts.actors import (  # noqa: E402
    ActorDictionary,
    country_places,
    parse_actors,
    parse_agents,
    parse_discards,
)

REF = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / "petrarch2"
ACTOR_FILES = ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
LICENSE = ("MIT (derived from Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, "
           "Phoenix.Countries.actors.txt (places only), Phoenix.agents.txt and Phoenix.discards.txt of "
           "openeventdata/petrarch2, "
           "Copyright (c) Open Event Data Alliance)")


def _text(name: str) -> str:
    return (REF / name).read_text(encoding="utf-8", errors="replace")


def main() -> None:
    parsed = [parse_actors(_text(f), f) for f in ACTOR_FILES]
    agents = parse_agents(_text("Phoenix.agents.txt"), "Phoenix.agents.txt")
    discards = parse_discards(_text("Phoenix.discards.txt"), "Phoenix.discards.txt")
    places = country_places(parse_actors(_text("Phoenix.Countries.actors.txt"), "Phoenix.Countries.actors.txt"))
    problems = [p for part in (*parsed, agents, discards) for p in part.problems]
    d = ActorDictionary([a for part in parsed for a in part], agents, discards, problems, places=places)
    out = ROOT / "kg" / "data" / "phoenix_dicts.json.gz"
    payload = json.dumps({"license": LICENSE, **d.to_json()}, separators=(",", ":"), ensure_ascii=False)
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(payload.encode("utf-8"))
    read = sum(len(p) for p in parsed)
    aliases = sum(len(a.aliases) for a in d.actors)
    print(f"{len(d.actors)} actors ({read} records read), {aliases} aliases, {len(d.agents)} agents, "
          f"{len(d.discards)} discards, {len(d.places)} places, {len(problems)} lines or restrictions skipped "
          f"-> {out} ({out.stat().st_size} bytes)")
    for p in problems:
        print("  skipped:", p)


if __name__ == "__main__":
    main()
