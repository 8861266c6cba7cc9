#!/usr/bin/env python3
"""Derive kg/data/cameo_verbs.json.gz from PETRARCH2's CAMEO verb dictionary.

    python scripts/build_verbs.py [../shared/reference/petrarch2/CAMEO.2.0.txt]

Source: CAMEO.2.0.txt of openeventdata/petrarch2 (MIT License, Copyright (c) 2015 Open Event Data
Alliance). The output keeps its synsets, verbs, irregular forms and patterns as read by
kg.dicts.verbs.parse_verbs, with the MIT notice.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.dicts.verbs import parse_verbs  # noqa: E402

SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.txt"
OUT = ROOT / "kg" / "data" / "cameo_verbs.json.gz"

LICENSE = (
    "Derived from openeventdata/petrarch2 CAMEO.2.0.txt (MIT License, Copyright (c) 2015 Open Event Data "
    "Alliance). Permission is hereby granted, free of charge, to any person obtaining a copy of this software "
    "and associated documentation files, to deal in the Software without restriction, subject to the condition "
    "that the above copyright notice and this permission notice shall be included in all copies or substantial "
    "portions of the Software. THE SOFTWARE IS PROVIDED 'AS IS', WITHOUT WARRANTY OF ANY KIND."
)


def main() -> None:
    d = parse_verbs(SRC.read_text(encoding="utf-8"), SRC.name, strict=False)  # two broken lines upstream
    data = {"license": LICENSE, **d.to_json()}
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode("utf-8")
    with OUT.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as f:
        f.write(payload)  # mtime=0 and no file name: the same input gives the same bytes
    entries = sum(len(v) for v in d.verbs.values())
    print(f"{len(d.synsets)} synsets, {len(d.verbs)} verb lemmas ({entries} entries), {len(d.forms)} irregular "
          f"forms, {len(d.blocks)} blocks ({len(d.patterns)} with patterns), "
          f"{sum(len(p) for p in d.patterns.values())} patterns, {len(d.skipped)} skipped lines, "
          f"{d.transformations} transformations -> {OUT} ({OUT.stat().st_size:,} bytes)")
    for line in d.skipped:
        print("  skipped", line)
    undefined = sorted({w for ps in d.patterns.values() for p in ps for w in (*p.pre, *p.obj, *(x for _, n in p.preps for x in n))
                        if w.startswith("&") and w not in d.synsets})
    if undefined:  # PETRARCH ignores these patterns; here they never match (matches_word is False)
        print("  undefined synsets referenced:", ", ".join(undefined))


if __name__ == "__main__":
    main()
