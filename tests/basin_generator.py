"""Deterministic synthetic routing graph at the scale of the whole mining basin.

Used by the benchmarks and the scale tests: a perturbed grid over the basin's bounding box with an
OSM-like mix of way classes (tracks, paths, lanes, main roads, a few motorways), towns, sensitive
zones, rupture points, terril footprints with their place nodes, and — when the real layers in
``../shared`` are given — the real cavaliers (old mining railways) threaded through it. It follows
the routing graph contract, so every routing module can run on it unchanged.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import shapely
from numpy.typing import NDArray
from scipy.spatial import cKDTree
from shapely.geometry import Polygon, shape

from routes.geodesy import EARTH_RADIUS_M
from routes.progress import Task

BASIN_BBOX = (2.24, 50.25, 3.68, 50.63)  # lon min, lat min, lon max, lat max
_LAT0 = math.radians((BASIN_BBOX[1] + BASIN_BBOX[3]) / 2)
_M_PER_DEG_Y = EARTH_RADIUS_M * math.pi / 180
_M_PER_DEG_X = _M_PER_DEG_Y * math.cos(_LAT0)

_OPEN_CLASSES = ("track", "path", "unclassified", "residential", "cycleway", "footway",
                 "service", "bridleway")
_OPEN_WEIGHTS = (0.34, 0.16, 0.18, 0.1, 0.06, 0.06, 0.06, 0.04)
_UNPAVED = frozenset({"track", "path", "bridleway"})


@dataclass
class SyntheticBasin:
    graph: nx.MultiDiGraph
    terrils: dict[str, Polygon] = field(default_factory=dict)  # ref -> footprint (lon/lat)
    poles: dict[str, int] = field(default_factory=dict)  # "pole:..." -> node


def _to_lonlat(x: NDArray[np.float64], y: NDArray[np.float64]
               ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    return BASIN_BBOX[0] + x / _M_PER_DEG_X, BASIN_BBOX[1] + y / _M_PER_DEG_Y


def _haversine(lon1: NDArray[np.float64], lat1: NDArray[np.float64],
               lon2: NDArray[np.float64], lat2: NDArray[np.float64]) -> NDArray[np.float64]:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a)), dtype=np.float64)


def _circle_members(x: NDArray[np.float64], y: NDArray[np.float64],
                    centres: NDArray[np.float64], radii: NDArray[np.float64]
                    ) -> NDArray[np.int64]:
    """For each point, index of the first circle containing it, or -1."""
    out = np.full(len(x), -1, dtype=np.int64)
    tree = cKDTree(np.column_stack([x, y]))
    for i, ((cx, cy), r) in enumerate(zip(centres, radii, strict=True)):
        hits = np.asarray(tree.query_ball_point([cx, cy], r), dtype=np.int64)
        if len(hits):
            free = hits[out[hits] < 0]
            out[free] = i
    return out


def _real_cavaliers(path: Path) -> list[tuple[str, NDArray[np.float64]]]:
    """Real cavalier lines as (name, (n, 2) metric coords in the generator's frame)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    lines: list[tuple[str, NDArray[np.float64]]] = []
    for feature in data.get("features", []):
        if not feature.get("geometry"):
            continue
        geom = shape(feature["geometry"])
        parts = list(geom.geoms) if geom.geom_type.startswith("Multi") else [geom]
        name = str((feature.get("properties") or {}).get("nom") or "Cavalier")
        for part in parts:
            coords = np.asarray(part.coords, dtype=np.float64)[:, :2]
            xy = np.column_stack([(coords[:, 0] - BASIN_BBOX[0]) * _M_PER_DEG_X,
                                  (coords[:, 1] - BASIN_BBOX[1]) * _M_PER_DEG_Y])
            lines.append((name, xy))
    return lines


def _resample(xy: NDArray[np.float64], step: float) -> NDArray[np.float64]:
    seg = np.hypot(*np.diff(xy, axis=0).T)
    total = float(seg.sum())
    if total < step / 2:
        return xy[[0, -1]] if total > 1.0 else xy[:1]
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    stations = np.linspace(0.0, total, max(round(total / step), 1) + 1)
    return np.column_stack([np.interp(stations, cum, xy[:, 0]),
                            np.interp(stations, cum, xy[:, 1])])


@dataclass
class _Grid:
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    u: NDArray[np.int64]
    v: NDArray[np.int64]
    line: NDArray[np.int64]  # row/column index of a grid edge, -1 for diagonals
    width: float
    height: float


def _grid(rng: np.random.Generator, nodes: int) -> _Grid:
    """Perturbed grid; 18 % of the small streets dropped, a few diagonals added."""
    width = (BASIN_BBOX[2] - BASIN_BBOX[0]) * _M_PER_DEG_X
    height = (BASIN_BBOX[3] - BASIN_BBOX[1]) * _M_PER_DEG_Y
    spacing = math.sqrt(width * height / nodes)
    nx_, ny_ = max(int(width / spacing), 2), max(int(height / spacing), 2)
    gi, gj = (a.ravel() for a in np.meshgrid(np.arange(nx_), np.arange(ny_), indexing="ij"))
    x = gi * spacing + rng.uniform(-0.3, 0.3, gi.size) * spacing
    y = gj * spacing + rng.uniform(-0.3, 0.3, gj.size) * spacing

    def edges(di: int, dj: int) -> tuple[NDArray[np.int64], NDArray[np.int64],
                                         NDArray[np.int64], NDArray[np.int64]]:
        i, j = (a.ravel() for a in np.meshgrid(np.arange(nx_ - di), np.arange(ny_ - dj),
                                               indexing="ij"))
        return (np.asarray(i * ny_ + j, dtype=np.int64),
                np.asarray((i + di) * ny_ + j + dj, dtype=np.int64), i, j)

    hu, hv, _, h_row = edges(1, 0)
    vu, vv, v_col, _ = edges(0, 1)
    du, dv, _, _ = edges(1, 1)
    keep_h = (rng.random(hu.size) > 0.18) | (h_row % 12 == 0)
    keep_v = (rng.random(vu.size) > 0.18) | (v_col % 12 == 0)
    keep_d = rng.random(du.size) < 0.08
    return _Grid(x, y, np.concatenate([hu[keep_h], vu[keep_v], du[keep_d]]),
                 np.concatenate([hv[keep_h], vv[keep_v], dv[keep_d]]),
                 np.concatenate([h_row[keep_h], v_col[keep_v], np.full(int(keep_d.sum()), -1)]),
                 width, height)


def _way_classes(rng: np.random.Generator, g: _Grid) -> dict[str, NDArray[Any]]:
    """Edge attribute columns: main roads every 12 lines, a motorway every 70, towns."""
    n = g.u.size
    line = g.line
    main = (line >= 0) & (line % 12 == 0)
    motorway = (line >= 0) & (line % 70 == 35)
    highway = np.asarray(_OPEN_CLASSES)[rng.choice(len(_OPEN_CLASSES), size=n,
                                                    p=_OPEN_WEIGHTS)].astype(object)
    mx, my = (g.x[g.u] + g.x[g.v]) / 2, (g.y[g.u] + g.y[g.v]) / 2
    towns = rng.uniform([0, 0], [g.width, g.height], size=(45, 2))
    in_town = _circle_members(mx, my, towns, rng.uniform(900, 2600, 45)) >= 0
    highway[in_town & (rng.random(n) < 0.8)] = "residential"
    highway[main] = np.where(rng.random(int(main.sum())) < 0.5, "secondary", "tertiary")
    highway[motorway] = "motorway"
    sens_c = rng.uniform([0, 0], [g.width, g.height], size=(12, 2))
    rupture = np.full(n, "", dtype=object)
    rupt_idx = rng.choice(n, size=min(60, n), replace=False)
    rupture[rupt_idx] = [f"R{i + 1:03d}" for i in range(len(rupt_idx))]
    return {
        "highway": highway,
        "surface": np.where(np.isin(highway, list(_UNPAVED)), "unpaved", "paved").astype(object),
        "hiking": ((line >= 0) & (line % 23 == 7)) & ~motorway,
        "veloroute": ((line >= 0) & (line % 48 == 24)) & ~motorway,
        "sensitive": _circle_members(mx, my, sens_c, rng.uniform(300, 900, 12)) >= 0,
        "rupture": rupture,
        "terril": np.full(n, "", dtype=object),
        "cavalier": np.zeros(n, dtype=bool),
        "name": np.full(n, "", dtype=object),
    }


def _terrils(rng: np.random.Generator, g: _Grid, cols: dict[str, NDArray[Any]],
             tree: cKDTree) -> tuple[dict[str, Polygon], dict[int, str], dict[str, int]]:
    """80 round terril footprints (paths inside flagged), their place nodes, 10 poles."""
    ter_c = rng.uniform([2000, 2000], [g.width - 2000, g.height - 2000], size=(80, 2))
    ter_r = rng.uniform(250, 650, 80)
    ter_r[:5] = 900.0  # a few big ones, room for a 6 km loop on the terril itself
    node_ter = _circle_members(g.x, g.y, ter_c, ter_r)
    edge_ter = np.where((node_ter[g.u] >= 0) & (node_ter[g.u] == node_ter[g.v]),
                        node_ter[g.u], -1)
    on_ter = (edge_ter >= 0) & (cols["highway"] != "motorway")
    cols["terril"][on_ter] = [f"S{k + 1:03d}" for k in edge_ter[on_ter]]
    cols["highway"][on_ter] = "path"
    cols["surface"][on_ter] = "unpaved"
    terrils: dict[str, Polygon] = {}
    place: dict[int, str] = {}
    ang = np.linspace(0, 2 * math.pi, 33)
    for k, ((cx, cy), r) in enumerate(zip(ter_c, ter_r, strict=True)):
        ref = f"S{k + 1:03d}"
        lon, lat = _to_lonlat(cx + r * np.cos(ang), cy + r * np.sin(ang))
        terrils[ref] = Polygon(np.column_stack([lon, lat]))
        place[int(tree.query([cx, cy])[1])] = ref
    poles: dict[str, int] = {}
    for k, (px, py) in enumerate(rng.uniform([0, 0], [g.width, g.height], size=(10, 2))):
        node = int(tree.query([px, py])[1])
        if node not in place:
            place[node] = poles_key = f"pole:P{k + 1:02d}"
            poles[poles_key] = node
    return terrils, place, poles


def _assemble(g: _Grid, cols: dict[str, NDArray[Any]], place: dict[int, str],
              source: str) -> nx.MultiDiGraph:
    lon, lat = _to_lonlat(g.x, g.y)
    u, v = g.u, g.v
    length = np.maximum(_haversine(lon[u], lat[u], lon[v], lat[v]), 0.5)
    pts = np.column_stack([lon, lat])
    fwd = shapely.linestrings(np.stack([pts[u], pts[v]], axis=1))
    bwd = shapely.linestrings(np.stack([pts[v], pts[u]], axis=1))
    graph = nx.MultiDiGraph(crs="EPSG:4326", name="Bassin minier synthétique", source=source)
    graph.add_nodes_from(
        (i, {"x": float(a), "y": float(b)}) for i, (a, b) in enumerate(zip(lon, lat, strict=True)))
    for node, ref in place.items():
        graph.nodes[node]["place"] = ref
    rows = zip(u.tolist(), v.tolist(), length.tolist(), fwd, bwd, cols["highway"],
               cols["surface"], cols["cavalier"].tolist(), cols["hiking"].tolist(),
               cols["veloroute"].tolist(), cols["sensitive"].tolist(), cols["rupture"],
               cols["terril"], cols["name"], strict=True)
    edges: list[tuple[int, int, int, dict[str, Any]]] = []
    for a, b, ln, gf, gb, hw, sf, cav, hik, vel, sen, rup, ter, nm in rows:
        base = {"length": ln, "cavalier": cav, "veloroute": vel, "hiking": hik, "access": False,
                "liaison": False, "sensitive": sen, "terril": ter, "rupture": rup,
                "highway": hw, "surface": sf, "name": nm}
        edges.append((a, b, 0, {**base, "geometry": gf}))
        edges.append((b, a, 0, {**base, "geometry": gb}))
    graph.add_edges_from(edges)
    return graph


def generate_basin(*, nodes: int = 260_000, seed: int = 2024, shared_dir: Path | None = None,
                   progress: Callable[[float, str], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> SyntheticBasin:
    """Build the synthetic basin graph (deterministic for a given ``nodes``/``seed``/data)."""
    task = Task(progress, cancel)
    rng = np.random.default_rng(seed)
    task.step(0.05, "Grille de nœuds…")
    g = _grid(rng, nodes)
    task.step(0.2, "Classes de voies…")
    cols = _way_classes(rng, g)
    task.step(0.35, "Terrils…")
    tree = cKDTree(np.column_stack([g.x, g.y]))
    terrils, place, poles = _terrils(rng, g, cols, tree)
    cav_path = (shared_dir / "data" / "bassin-minier-unesco" / "zt-cavaliers.geojson"
                if shared_dir is not None else None)
    if cav_path is not None and cav_path.exists():
        task.step(0.45, "Cavaliers réels…")
        g, cols = _thread_cavaliers(g, cols, _real_cavaliers(cav_path), tree)
    task.step(0.6, "Graphe…")
    graph = _assemble(g, cols, place, f"routes.basin_generator seed={seed} nodes={nodes}")
    task.step(1.0, "Réseau synthétique prêt.")
    return SyntheticBasin(graph=graph, terrils=terrils, poles=poles)


def _thread_cavaliers(g: _Grid, cols: dict[str, NDArray[Any]],
                      lines: list[tuple[str, NDArray[np.float64]]], tree: cKDTree
                      ) -> tuple[_Grid, dict[str, NDArray[Any]]]:
    """Add each cavalier as a chain of new nodes, tied to the grid every few hundred metres."""
    new_x: list[NDArray[np.float64]] = []
    new_y: list[NDArray[np.float64]] = []
    eu: list[NDArray[np.int64]] = []
    ev: list[NDArray[np.int64]] = []
    link: list[NDArray[np.bool_]] = []
    name: list[NDArray[Any]] = []
    next_id = len(g.x)
    for nm, xy in lines:
        pts = _resample(xy, 120.0)
        if len(pts) < 2:
            continue
        ids = np.arange(next_id, next_id + len(pts), dtype=np.int64)
        next_id += len(pts)
        new_x.append(pts[:, 0])
        new_y.append(pts[:, 1])
        tie = np.unique(np.r_[0, np.arange(0, len(pts), 3), len(pts) - 1])
        _, near = tree.query(pts[tie])
        eu += [ids[:-1], ids[tie]]
        ev += [ids[1:], np.asarray(near, dtype=np.int64)]
        link += [np.zeros(len(ids) - 1, dtype=bool), np.ones(len(tie), dtype=bool)]
        name += [np.full(len(ids) - 1, nm, dtype=object), np.full(len(tie), "", dtype=object)]
    if not new_x:
        return g, cols
    is_link = np.concatenate(link)
    n_extra = len(is_link)
    extra = {
        "highway": np.where(is_link, "path", "").astype(object),
        "surface": np.full(n_extra, "unpaved", dtype=object),
        "hiking": np.zeros(n_extra, dtype=bool),
        "veloroute": np.zeros(n_extra, dtype=bool),
        "sensitive": np.zeros(n_extra, dtype=bool),
        "rupture": np.full(n_extra, "", dtype=object),
        "terril": np.full(n_extra, "", dtype=object),
        "cavalier": ~is_link,
        "name": np.concatenate(name),
    }
    merged = {key: np.concatenate([cols[key], extra[key]]) for key in cols}
    grid = _Grid(np.concatenate([g.x, *new_x]), np.concatenate([g.y, *new_y]),
                 np.concatenate([g.u, *eu]), np.concatenate([g.v, *ev]),
                 np.concatenate([g.line, np.full(n_extra, -1)]), g.width, g.height)
    return grid, merged
