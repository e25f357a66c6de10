"""Print a summary of the embedded network: features per file, km per line layer, components.

Usage: python3 tools/check_embedded_network.py   (from the repository root)
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

from pyproj import Geod
from shapely import STRtree, unary_union
from shapely.geometry import LineString, MultiLineString, Point, shape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FILES = (
    "terrils",
    "poles",
    "communes",
    "veloroute",
    "cavaliers",
    "hiking",
    "ruptures",
    "sensitive",
)
LINE_FILES = ("veloroute", "cavaliers", "hiking")
SNAP_DEG = 15.0 / 71_000.0  # ~15 m in longitude at 50.4° N (also conservative in latitude)
GEOD = Geod(ellps="WGS84")


def load(name: str) -> list[dict[str, Any]]:
    text = (files("assets") / "network" / f"{name}.geojson").read_text(encoding="utf-8")
    features: list[dict[str, Any]] = json.loads(text)["features"]
    return features


def length_km(line: LineString) -> float:
    return float(GEOD.geometry_length(line)) / 1000.0


def components(lines: list[LineString]) -> int:
    """Connected pieces once crossings are noded and ends closer than ~15 m are joined."""
    noded = unary_union(lines)
    pieces = list(noded.geoms) if isinstance(noded, MultiLineString) else [noded]
    ends = [Point(p.coords[i]) for p in pieces for i in (0, -1)]
    parent = list(range(len(ends)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k in range(len(pieces)):
        parent[find(2 * k + 1)] = find(2 * k)
    tree = STRtree(ends)
    for i, end in enumerate(ends):
        for j in tree.query(end.buffer(SNAP_DEG)):
            parent[find(int(j))] = find(i)
    return len({find(i) for i in range(len(ends))})


def main() -> int:
    all_lines: list[LineString] = []
    for name in FILES:
        features = load(name)
        line = f"{name:10s} {len(features):4d} entités"
        if name in LINE_FILES:
            geoms = [shape(f["geometry"]) for f in features]
            all_lines.extend(geoms)
            line += f"  {sum(length_km(g) for g in geoms):7.1f} km"
        print(line)
    print(f"composantes connexes du réseau de lignes : {components(all_lines)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
