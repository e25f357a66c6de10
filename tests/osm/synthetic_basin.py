"""A realistic, deterministic OSM extract at basin scale, written as a PBF with pyosmium.

No real basin extract is reachable offline, so the benchmark and the download tests use this one.
It has what a Geofabrik extract of the Bassin minier has, in the same proportions:

- a rural lattice (about 1 km apart, vertices every ~25 m with a little jitter) of tracks, paths,
  bridleways and cycleways, some named, some old railways (cavaliers);
- roads across it with refs (tertiary/secondary « D… », primary « D… », trunk « N… »), sharing a
  node with every path they cross (at-grade crossings, ``highway=crossing`` on some);
- motorways (« A… ») that cross everything on bridges (``bridge=yes``, ``layer=1``, no shared
  node), and railways (``railway=rail``) with level crossings (shared node tagged
  ``railway=level_crossing``) or rail bridges;
- towns: dense residential street grids joined to the lattice.

``scale`` multiplies the number of lattice lines and towns (1.0 gives > 500 000 nodes on
~100 km × 40 km); the same seed always gives the same file.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import osmium
from osmium.osm.mutable import Node, Way

WEST, SOUTH, EAST, NORTH = 2.30, 50.26, 3.62, 50.62
STEP_DEG = 0.00025  # ~25 m between vertices along rural lines


@dataclass
class _Scene:
    rng: np.random.Generator
    lons: list[float] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    node_tags: dict[int, dict[str, str]] = field(default_factory=dict)
    ways: list[tuple[list[int], dict[str, str]]] = field(default_factory=list)

    def node(self, lon: float, lat: float) -> int:
        self.lons.append(lon)
        self.lats.append(lat)
        return len(self.lons)  # ids from 1

    def line(self, start: tuple[float, float], end: tuple[float, float], *, first: int = 0,
             last: int = 0, jitter: float = 0.00004) -> list[int]:
        """Node ids along a straight line with jitter; ``first``/``last`` reuse existing nodes."""
        length = max(abs(end[0] - start[0]), abs(end[1] - start[1]))
        count = max(1, int(length / STEP_DEG))
        t = np.arange(1, count) / count
        noise = self.rng.normal(0, jitter, (2, count - 1)) if jitter else np.zeros((2, count - 1))
        xs = (start[0] + t * (end[0] - start[0]) + noise[0]).tolist()
        ys = (start[1] + t * (end[1] - start[1]) + noise[1]).tolist()
        first_id = first or self.node(*start)
        base = len(self.lons) + 1
        self.lons.extend(xs)
        self.lats.extend(ys)
        inner = list(range(base, base + len(xs)))
        return [first_id, *inner, last or self.node(*end)]


PATH_KINDS = (
    ({"highway": "track", "tracktype": "grade2", "surface": "gravel"}, 0.40),
    ({"highway": "track", "tracktype": "grade4", "surface": "ground"}, 0.15),
    ({"highway": "path", "surface": "dirt"}, 0.20),
    ({"highway": "cycleway", "surface": "asphalt", "railway": "abandoned"}, 0.07),
    ({"highway": "bridleway"}, 0.05),
    ({"highway": "unclassified", "surface": "asphalt"}, 0.13),
)


def _line_tags(rng: np.random.Generator, index: int, vertical: bool) -> dict[str, str]:
    """Class of lattice line ``index``: mostly paths, every few lines a road, a motorway or a
    railway (deterministic pattern plus the seed)."""
    if index % 23 == 7:
        return {"highway": "motorway", "ref": f"A{21 + index % 5}"}
    if index % 17 == 5:
        return {"railway": "rail", "name": f"Ligne {index}", "usage": "main"}
    if index % 11 == 3:
        return {"highway": "trunk", "ref": f"N{17 + index % 30}"}
    if index % 6 == 1:
        return {"highway": "secondary", "ref": f"D{900 + index}", "name": f"Route {index}"}
    if index % 6 == 4:
        return {"highway": "tertiary", "ref": f"D{100 + index}"}
    weights = np.array([w for _, w in PATH_KINDS])
    tags = dict(PATH_KINDS[int(rng.choice(len(PATH_KINDS), p=weights / weights.sum()))][0])
    if rng.random() < 0.3:
        tags["name"] = f"{'Chemin' if vertical else 'Sentier'} n° {index}"
    return tags


def _is_crossing_free(tags: dict[str, str]) -> bool:
    return tags.get("highway") == "motorway"


def _lattice(scene: _Scene, columns: int, rows: int) -> dict[tuple[int, int], int]:
    """The rural lattice; returns the shared node of each (column, row) junction."""
    xs = np.linspace(WEST, EAST, columns)
    ys = np.linspace(SOUTH, NORTH, rows)
    col_tags = [_line_tags(scene.rng, i, True) for i in range(columns)]
    row_tags = [_line_tags(scene.rng, j + 1000, False) for j in range(rows)]
    junction: dict[tuple[int, int], int] = {}
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            a, b = col_tags[i], row_tags[j]
            rail = a.get("railway") == "rail" or b.get("railway") == "rail"
            if _is_crossing_free(a) or _is_crossing_free(b) or (rail and (i + j) % 3 == 0) or (
                    a.get("railway") == "rail" and b.get("railway") == "rail"):
                continue  # a motorway or a railway passes over on a bridge: no shared node
            junction[i, j] = scene.node(float(x), float(y))
            if rail:
                scene.node_tags[junction[i, j]] = {"railway": "level_crossing"}
            elif ("ref" in a) != ("ref" in b) and (i + j) % 4 == 0:
                scene.node_tags[junction[i, j]] = {"highway": "crossing"}
    for i, x in enumerate(xs):
        _lattice_line(scene, [(float(x), float(y)) for y in ys],
                      [junction.get((i, j), 0) for j in range(rows)], col_tags[i])
    for j, y in enumerate(ys):
        _lattice_line(scene, [(float(x), float(y)) for x in xs],
                      [junction.get((i, j), 0) for i in range(columns)], row_tags[j])
    return junction


def _lattice_line(scene: _Scene, points: list[tuple[float, float]], shared: list[int],
                  tags: dict[str, str]) -> None:
    """One continuous lattice line cut into ways at its junctions; where it shares no node with
    the crossing line (it passes over it), a short bridge way (``layer=1``) spans the crossing."""
    ids: list[int] = []
    marks: list[int] = []  # index in ids of each lattice point
    for k in range(len(points) - 1):
        piece = scene.line(points[k], points[k + 1], first=ids[-1] if ids else shared[k],
                           last=shared[k + 1])
        if not ids:
            marks.append(0)
            ids.extend(piece)
        else:
            ids.extend(piece[1:])
        marks.append(len(ids) - 1)
    bridges = {marks[k] for k in range(1, len(points) - 1) if not shared[k]}
    cuts = sorted({0, len(ids) - 1, *(m for k, m in enumerate(marks) if shared[k]),
                   *(b - 2 for b in bridges), *(b + 2 for b in bridges)})
    for a, b in itertools.pairwise(cuts):
        if b <= a:
            continue
        on_bridge = any(a < m < b for m in bridges)
        scene.ways.append((ids[a:b + 1], {**tags, "bridge": "yes", "layer": "1"} if on_bridge
                           else tags))


def _town(scene: _Scene, centre: tuple[float, float], size: int, anchor: int, name: str) -> None:
    """A residential street grid of ``size`` × ``size`` blocks (~90 m), joined to ``anchor``."""
    dx, dy = 0.00125, 0.0008
    x0, y0 = centre[0] - size * dx / 2, centre[1] - size * dy / 2
    grid = [[scene.node(x0 + i * dx, y0 + j * dy) for j in range(size + 1)]
            for i in range(size + 1)]
    for i in range(size + 1):
        tags = {"highway": "residential", "name": f"Rue {name} {i}", "surface": "asphalt"}
        ids: list[int] = []
        for j in range(size):
            ids += scene.line((x0 + i * dx, y0 + j * dy), (x0 + i * dx, y0 + (j + 1) * dy),
                              first=grid[i][j], last=grid[i][j + 1], jitter=0.0)[:-1]
        scene.ways.append(([*ids, grid[i][size]], tags))
    for j in range(size + 1):
        tags = {"highway": "residential", "name": f"Avenue {name} {j}"}
        ids = []
        for i in range(size):
            ids += scene.line((x0 + i * dx, y0 + j * dy), (x0 + (i + 1) * dx, y0 + j * dy),
                              first=grid[i][j], last=grid[i + 1][j], jitter=0.0)[:-1]
        scene.ways.append(([*ids, grid[size][j]], tags))
    scene.ways.append(([grid[0][0], anchor], {"highway": "residential", "name": f"Rue {name}"}))


def generate(path: Path, *, scale: float = 1.0, seed: int = 59) -> dict[str, int]:
    """Write the extract to ``path``; returns counts (nodes, ways)."""
    scene = _Scene(np.random.default_rng(seed))
    columns, rows = max(3, int(115 * scale)), max(3, int(42 * scale))
    junction = _lattice(scene, columns, rows)
    anchors = sorted(junction.items())
    towns = max(1, int(64 * scale))
    for t in range(towns):
        (_, _), anchor = anchors[int(scene.rng.integers(len(anchors)))]
        centre = (scene.lons[anchor - 1] + 0.004, scene.lats[anchor - 1] + 0.003)
        _town(scene, centre, int(scene.rng.integers(13, 22)), anchor, f"Ville{t}")
    path.unlink(missing_ok=True)
    with osmium.SimpleWriter(str(path)) as writer:
        for node_id, (lon, lat) in enumerate(zip(scene.lons, scene.lats, strict=True), start=1):
            writer.add_node(Node(id=node_id, version=1, location=(lon, lat),
                                 tags=scene.node_tags.get(node_id, {})))
        for way_id, (ids, tags) in enumerate(scene.ways, start=1):
            writer.add_way(Way(id=way_id, version=1, nodes=ids, tags=tags))
    return {"nodes": len(scene.lons), "ways": len(scene.ways)}
