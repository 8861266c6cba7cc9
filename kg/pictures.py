"""Pictures for reports, drawn with matplotlib: the time chart of ``kg.summaries.series`` and the world map of
``kg.summaries.geo``, as the explorer draws them (``kg export --picture series|map``, ``/export``).

The map's country shapes are Natural Earth's 1:110m countries (public domain) as TopoJSON from the npm
package world-atlas, shipped in ``kg/data`` (see its NOTICE.md); the same file is the explorer's map.
"""

from __future__ import annotations

import io
import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.kb.countries import numeric_code
from kg.stages.lexicon import QUAD_CLASSES

# One palette for the explorer and the pictures (api/static/app.js uses the same colours).
QUAD_COLOURS = {"verbal_cooperation": "#8fd19e", "material_cooperation": "#2f9e44",
                "verbal_conflict": "#f3a0bd", "material_conflict": "#d6336c"}
QUAD_LABELS = {q: q.replace("_", " ") for q in QUAD_CLASSES}


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """The TopoJSON topology of the world's countries (ids: ISO 3166-1 numeric)."""
    with resources.files("kg.data").joinpath("countries-110m.json").open("r", encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def country_shapes() -> list[tuple[str | None, str, list[list[tuple[float, float]]]]]:
    """(numeric id, name, rings of (longitude, latitude)) for every country of the topology.

    TopoJSON stores shared borders once as quantized, delta-encoded arcs; a ring is a list of arc indexes,
    a negative index ~i meaning arc i reversed."""
    topo = world()
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    shapes = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        shapes.append((g.get("id"), g.get("properties", {}).get("name", ""), [ring(r) for p in polys for r in p]))
    return shapes


def unwrap(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Russia, Fiji) as one continuous ring, shifted copies included so
    that the part past +/-180 degrees shows at the other edge of the map (which clips the rest)."""
    out = [ring[0]]
    for x, y in ring[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while px - x > 180:
            x += 360
        out.append((x, y))
    xs = [x for x, _ in out]
    copies = [out]
    if min(xs) < -180:
        copies.append([(x + 360, y) for x, y in out])
    if max(xs) > 180:
        copies.append([(x - 360, y) for x, y in out])
    return copies


def figure_bytes(fig: Any, fmt: str) -> bytes:
    """The figure as SVG or PNG bytes (tight bounding box); the figure is closed."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def pyplot_agg():  # noqa: ANN202
    """matplotlib's pyplot on the Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def series_chart(series: dict[str, Any], fmt: str, title: str = "") -> bytes:
    """Stacked bars of events per period by quad class, and a line of the mean Goldstein score (right axis)."""
    plt = pyplot_agg()
    periods = series["periods"]
    fig, ax = plt.subplots(figsize=(11, 4.5), dpi=150)
    if not any(p["events"] for p in periods):
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no events match these filters", ha="center", va="center", fontsize=14)
    else:
        xs = list(range(len(periods)))
        bottom = [0] * len(periods)
        for q in QUAD_CLASSES:
            hs = [p["by_quad"][q] for p in periods]
            ax.bar(xs, hs, bottom=bottom, color=QUAD_COLOURS[q], label=QUAD_LABELS[q], width=0.85)
            bottom = [b + h for b, h in zip(bottom, hs, strict=True)]
        ax.set_ylabel("events")
        step = max(1, math.ceil(len(periods) / 24))
        ax.set_xticks(xs[::step], [p["period"] for p in periods][::step], rotation=45, ha="right", fontsize=8)
        ax.spines[["top"]].set_visible(False)
        g = ax.twinx()
        means = [math.nan if p["goldstein_mean"] is None else p["goldstein_mean"] for p in periods]
        g.plot(xs, means, color="#1f3a5f", marker="o", markersize=3, lw=1.5,  # gaps where a period has no events
               label="mean Goldstein score")
        g.axhline(0, color="#999999", lw=0.6, ls=":")
        g.set_ylim(-10.5, 10.5)
        g.set_ylabel("mean Goldstein score (conflict -10 .. +10 cooperation)")
        h1, l1 = ax.get_legend_handles_labels()
        h2, l2 = g.get_legend_handles_labels()
        ax.legend(h1 + h2, l1 + l2, loc="upper left", bbox_to_anchor=(1.08, 1.0), fontsize=8)
        if any(p["placed_by_report"] for p in periods):
            n = sum(p["placed_by_report"] for p in periods)
            ax.annotate(f"{n} event{'s' if n != 1 else ''} without a date of {'their' if n != 1 else 'its'} own, "
                        "counted at the article's date", (0, -0.32), xycoords="axes fraction", fontsize=8,
                        color="#52606d")
    if title:
        ax.set_title(title, fontsize=12)
    return figure_bytes(fig, fmt)


def map_chart(geo: dict[str, Any], fmt: str, title: str = "") -> bytes:
    """A world map, each country coloured by its events (located there, or with it as an actor)."""
    plt = pyplot_agg()
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import LogNorm

    counts = {c["country"]: c["located"] + c["actor"] for c in geo["countries"]}
    by_numeric = {numeric_code(k): v for k, v in counts.items() if numeric_code(k)}
    by_name = {c["name"]: counts[c["country"]] for c in geo["countries"]}
    fig, ax = plt.subplots(figsize=(12, 6.2), dpi=150)
    ax.set_axis_off()
    cmap = plt.get_cmap("YlOrRd")
    top = max(counts.values(), default=1)
    norm = LogNorm(vmin=1, vmax=max(2, top))
    polys, colours = [], []
    for nid, name, rings in country_shapes():
        n = by_numeric.get(nid) if nid else by_name.get(name)
        colour = cmap(norm(n)) if n else "#e4e7eb"
        for r in rings:
            for part in unwrap(r):
                polys.append(part)
                colours.append(colour)
    ax.add_collection(PolyCollection(polys, facecolors=colours, edgecolors="#ffffff", linewidths=0.3))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 85)
    ax.set_aspect("equal")
    if counts:
        sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        fig.colorbar(sm, ax=ax, shrink=0.6, label="events (located there, or with the country as an actor)")
        best = sorted(geo["countries"], key=lambda c: -(c["located"] + c["actor"]))[:8]
        ax.text(-178, -58, "most events: " + ", ".join(f"{c['name']} {c['located'] + c['actor']}" for c in best),
                fontsize=7, color="#323f4b")
    else:
        ax.text(0, 0, "no events match these filters", ha="center", va="center", fontsize=14)
    if title:
        ax.set_title(title, fontsize=12)
    return figure_bytes(fig, fmt)
