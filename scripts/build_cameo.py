#!/usr/bin/env python3
"""Derive kg/data/cameo_plover.json: CAMEO code -> name, Goldstein score, quad class, PLOVER event and mode.

    python scripts/build_cameo.py [../shared/reference]

Sources: cameo_codebook.jsonl (andybega/icews, MIT) and cameo_to_plover.jsonl
(openeventdata/PLOVER CAMEO2PLOVER-2021.txt, CC BY-SA 4.0, Open Event Data Alliance).
The output, a derived work of the latter, is under CC BY-SA 4.0.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REF = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"


def main() -> None:
    codes: dict[str, dict] = {}
    for line in (REF / "cameo_codebook.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        codes[d["cameo_code"]] = {"name": d["name"], "goldstein": d.get("goldstein"), "plover": None, "mode": None,
                                  "quad": (d.get("quad_category") or "").replace(" ", "_") or None}
    for line in (REF / "cameo_to_plover.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        c = codes.setdefault(d["cameo_code"], {"name": d.get("cameo_name"), "goldstein": None, "plover": None, "mode": None,
                                              "quad": None})
        if c["plover"] is None and d.get("plover_event"):
            c["plover"] = d["plover_event"].strip()
            mode = (d.get("plover_mode") or "").strip()
            c["mode"] = mode or None
    # Statements (01) and appeals (02) have no row in the 2021 mapping; PLOVER folds appeals into REQUEST.
    for code, c in codes.items():
        if c["plover"] is None and code.startswith("02"):
            c["plover"] = "REQUEST"
    out = ROOT / "kg" / "data" / "cameo_plover.json"
    out.write_text(json.dumps({"license": "CC BY-SA 4.0 (derived from openeventdata/PLOVER CAMEO2PLOVER-2021.txt, "
                                          "Open Event Data Alliance) and andybega/icews cameo-codes.csv (MIT)",
                               "codes": codes}, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(codes)} CAMEO codes -> {out}")


if __name__ == "__main__":
    main()
