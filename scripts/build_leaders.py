#!/usr/bin/env python3
"""Derive kg/data/leaders.json.gz from PETRARCH's date-bounded leader dictionary.

    python scripts/build_leaders.py [../shared/reference/phoenix_leader_roles.jsonl]

The output keeps names, aliases and dated CAMEO actor codes, merges entries that
share a dictionary key, and carries the MIT notice of the Open Event Data Alliance.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / "phoenix_leader_roles.jsonl"
OUT = ROOT / "kg" / "data" / "leaders.json.gz"

NOTICE = (
    "Derived from openeventdata/petrarch2 petrarch2/data/dictionaries/Phoenix.Countries.actors.txt "
    "(MIT License, Copyright (c) Open Event Data Alliance). Two-digit years expanded with PETRARCH's "
    "rule (00-30 -> 20xx). Permission is hereby granted, free of charge, to any person obtaining a copy "
    "of this software and associated documentation files, to deal in the Software without restriction, "
    "subject to the condition that the above copyright notice and this permission notice shall be "
    "included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED 'AS IS', "
    "WITHOUT WARRANTY OF ANY KIND."
)


def main() -> None:
    merged: dict[str, dict] = {}
    for line in SRC.open(encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        key = d["dict_key"].strip("_")
        e = merged.setdefault(key, {"name": d["name"].title(), "aliases": [], "roles": []})
        for a in d.get("aliases") or []:
            a = " ".join(a.split()).upper()
            if a and a not in e["aliases"] and a != d["name"].upper():
                e["aliases"].append(a)
        for r in d.get("roles") or []:
            role = [r["code"], r.get("start"), r.get("end")]
            if r.get("code") and role not in e["roles"]:
                e["roles"].append(role)
    rows = [[k, v["name"], v["aliases"], v["roles"]] for k, v in sorted(merged.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump({"notice": NOTICE, "fields": ["key", "name", "aliases", "roles[code,start,end]"], "leaders": rows}, f,
                  separators=(",", ":"))
    print(f"{len(rows)} leaders -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
