"""Loops of a target length from a start point ("a 6 km VTT loop that stays on terril 94").

A loop is routed through two (or more) turn points placed on a triangle around the start: the
engine finds each leg with the edges already used made expensive, so the way back does not reuse
the way out. The triangle is scaled until the routed length falls within the tolerance, then the
turn points are nudged to nearby nodes to fine-tune. Several orientations give several loops; the
distinct ones are ranked by a profile score (cost per metre, then length error and reuse).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from numpy.typing import NDArray

from routes.courses.controls import CLI_CONTROLS, Controls
from routes.courses.course import CourseOnPath
from routes.errors import CavalierError
from routes.frenchfmt import km_text, pct_text
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.provenance import is_surveyed
from routes.search.engine import INF, PathResult, RoutingEngine

#: Extra cost factor on edges the loop already uses (both directions), so legs do not overlap.
REUSE_PENALTY = 6.0
#: Straight triangle perimeter ≈ radius × this (isosceles, apex angle 70°, two sides = radius).
_TRIANGLE_PERIMETER = 2.0 + 2 * math.sin(math.radians(35))
_HALF_APEX = math.radians(35)
#: First guess of routed length / straight length; refined with every loop routed.
_DETOUR_GUESS = 1.3
#: Two loops sharing more than this share of their length are not "distinct".
MAX_MUTUAL_OVERLAP = 0.5
#: Buffer (degrees, ≈ 10 m) around an area so edges drawn on its boundary count as inside.
_AREA_BUFFER_DEG = 0.00012


class LoopError(CavalierError, ValueError):
    """No loop can satisfy the request; the message says why."""


class NoLoopFound(LoopError):
    """No loop meets the length tolerance and the reuse limit; ``closest`` is the nearest one
    seen. :meth:`advice` words it for whoever asked (``str()``: the command line)."""

    def __init__(self, length_m: float, tolerance: float, max_reuse: float,
                 closest: Loop) -> None:
        self.length_m, self.tolerance, self.max_reuse = length_m, tolerance, max_reuse
        self.closest = closest
        super().__init__(self.advice(CLI_CONTROLS))

    def facts(self) -> str:
        return (f"Aucune boucle de {km_text(self.length_m)} à ±{pct_text(self.tolerance)} avec "
                f"au plus {pct_text(self.max_reuse)} de chemins repris")

    def advice(self, controls: Controls) -> str:
        best = self.closest
        return (f"{self.facts()} : la plus proche fait {km_text(best.length_m, 2)} "
                f"({pct_text(best.length_error, 1, sign=True)}, {pct_text(best.reused_share)} "
                f"repris). Élargir la tolérance ({controls.tolerance}), accepter plus de "
                f"chemins repris ({controls.max_reuse}) ou changer de longueur "
                f"({controls.length}).")


@dataclass(frozen=True, kw_only=True)
class Loop(CourseOnPath):
    waypoints: list[int]
    score: float
    streets: frozenset[int] = field(repr=False)


def parse_length(text: str) -> float:
    """"6km", "6 km", "6,5 km", "6000m", "6000" (metres) → metres."""
    raw = text.strip().lower().replace(" ", "").replace(",", ".")
    factor = 1.0
    if raw.endswith("km"):
        raw, factor = raw[:-2], 1000.0
    elif raw.endswith("m"):
        raw = raw[:-1]
    try:
        value = float(raw) * factor
    except ValueError:
        raise LoopError(f"Longueur illisible « {text} » : écrire par exemple 6km, 6 km ou "
                        "6000m.") from None
    if not math.isfinite(value) or value <= 0:
        raise LoopError(f"Longueur « {text} » : elle doit être positive.")
    return value


def path_streets(engine: RoutingEngine, edges: Sequence[int]) -> NDArray[np.int64]:
    return engine.undirected_id(np.asarray(edges, dtype=np.int64))


def unsurveyed_length(engine: RoutingEngine, edges: Sequence[int]) -> float:
    """Length of ``edges`` on unsurveyed edges (read from the edges' provenance flag)."""
    if not edges:
        return 0.0
    index = np.asarray(edges, dtype=np.int64)
    return float(engine.arrays.length[index][~engine.arrays.surveyed[index]].sum())


def reused_length(engine: RoutingEngine, edges: Sequence[int]) -> float:
    """Length driven more than once on the same street (either direction)."""
    if not edges:
        return 0.0
    streets = path_streets(engine, edges)
    lengths = engine.arrays.length[np.asarray(edges, dtype=np.int64)]
    _, first = np.unique(streets, return_index=True)
    return max(float(lengths.sum() - lengths[first].sum()), 0.0)


def shared_length(engine: RoutingEngine, edges: Sequence[int], streets: frozenset[int]) -> float:
    """Length of ``edges`` lying on the given streets (counted once per street)."""
    if not edges:
        return 0.0
    ids = path_streets(engine, edges)
    lengths = engine.arrays.length[np.asarray(edges, dtype=np.int64)]
    uniq, first = np.unique(ids, return_index=True)
    on = np.isin(uniq, np.fromiter(streets, dtype=np.int64, count=len(streets)))
    return float(lengths[first][on].sum())


def profile_score(engine: RoutingEngine, path: PathResult, target_m: float,
                  reused_m: float) -> float:
    """Lower is better: cost per metre, worsened by the length error and the reuse."""
    if path.length_m <= 0:
        return INF
    error = abs(path.length_m - target_m) / target_m
    return path.cost / path.length_m * (1 + error) * (1 + 2 * reused_m / path.length_m)


def make_loop(engine: RoutingEngine, path: PathResult, target_m: float,
              waypoints: list[int]) -> Loop:
    edges = np.asarray(path.edges, dtype=np.int64)
    lengths = engine.arrays.length[edges] if len(edges) else np.zeros(0)
    total = float(lengths.sum()) or 1.0
    reused = reused_length(engine, path.edges)
    return Loop(path=path, target_m=target_m, waypoints=waypoints, reused_m=reused,
                cavalier_share=float(lengths[engine.arrays.cavalier[edges]].sum()) / total,
                terril_share=float(lengths[engine.arrays.terril[edges]].sum()) / total,
                score=profile_score(engine, path, target_m, reused),
                streets=frozenset(path_streets(engine, path.edges).tolist()),
                unsurveyed_m=unsurveyed_length(engine, path.edges))


def route_closed(engine: RoutingEngine, stops: Sequence[int],
                 base_penalty: dict[int, float] | None = None, *,
                 avoid_reuse: bool = True) -> PathResult | None:
    """Route through node indices in order, each leg avoiding streets the previous legs used
    (``avoid_reuse``; without it each leg is the plain cheapest path: one engine query)."""
    if base_penalty:
        with engine.penalised(base_penalty):
            return route_closed(engine, stops, avoid_reuse=avoid_reuse)
    penalty: dict[int, float] = {}
    reverse = engine.reverse
    edges: list[int] = []
    for a, b in itertools.pairwise(stops):
        leg = engine.search_edges(a, b, penalty)
        if leg is None:
            return None
        edges.extend(leg)
        if not avoid_reuse:
            continue
        for e in leg:
            penalty[e] = penalty.get(e, 1.0) * REUSE_PENALTY
            r = int(reverse[e])
            if r >= 0:
                penalty[r] = penalty.get(r, 1.0) * REUSE_PENALTY
    return engine.path_result(edges, stops[0])


@dataclass
class _Search:
    engine: RoutingEngine
    start: int
    target_m: float
    tolerance: float
    must: list[int]
    max_reuse: float = 0.05
    #: Legs avoid the streets earlier legs used (penalised queries); without, plain queries.
    avoid_reuse: bool = True
    detour: float = _DETOUR_GUESS
    evaluated: int = 0
    best: Loop | None = None

    def place(self, angle: float, radius: float, rank: int = 0) -> int | None:
        sx, sy = self.engine.xy[self.start]
        choices = self.engine.nearest_nodes(sx + radius * math.cos(angle),
                                            sy + radius * math.sin(angle), rank + 1)
        node = choices[-1]
        comp = self.engine.components
        return node if comp[node] == comp[self.start] and node != self.start else None

    def stops(self, free: list[int]) -> list[int]:
        """Start, then must-visit and free turn points by angle around the start, then start."""
        sx, sy = self.engine.xy[self.start]
        points = [*self.must, *free]
        points.sort(key=lambda n: math.atan2(self.engine.xy[n][1] - sy,
                                             self.engine.xy[n][0] - sx))
        return [self.start, *points, self.start]

    def evaluate(self, free: list[int]) -> Loop | None:
        self.evaluated += 1
        path = route_closed(self.engine, self.stops(free), avoid_reuse=self.avoid_reuse)
        if path is None or not path.edges:
            return None
        loop = make_loop(self.engine, path, self.target_m, free)
        if self.best is None or self._badness(loop) < self._badness(self.best):
            self.best = loop
        return loop

    def _badness(self, loop: Loop) -> float:
        return (max(abs(loop.length_error) - self.tolerance, 0.0)
                + max(loop.reused_share - self.max_reuse, 0.0))

    def ok(self, loop: Loop | None) -> bool:
        return (loop is not None and abs(loop.length_error) <= self.tolerance
                and loop.reused_share <= self.max_reuse)

    def orientation(self, theta: float) -> Loop | None:
        """Scale a triangle pointing at ``theta`` until the loop has the right length."""
        radius = self.target_m / (_TRIANGLE_PERIMETER * self.detour)
        loop: Loop | None = None
        last: tuple[float, float] | None = None
        for _ in range(4):
            free = [self.place(theta - _HALF_APEX, radius), self.place(theta + _HALF_APEX, radius)]
            if any(f is None for f in free) or free[0] == free[1]:
                return None
            nodes = [f for f in free if f is not None]
            loop = self.evaluate(nodes)
            if loop is None:
                return None
            if self.ok(loop):
                return loop
            ratio = loop.length_m / (_TRIANGLE_PERIMETER * radius)
            self.detour = 0.7 * self.detour + 0.3 * ratio
            if last is not None and last[1] == loop.length_m:
                break
            last = (radius, loop.length_m)
            radius *= (self.target_m / loop.length_m) ** 1.1
        if loop is None:
            return None
        return self.nudge(theta, radius / (self.target_m / loop.length_m) ** 1.1, loop)

    def nudge(self, theta: float, radius: float, loop: Loop) -> Loop | None:
        """Try nearby turn points for the last triangle to land within the tolerance."""
        best = loop
        for rank in range(1, 7):
            for side in (-1, 1):
                node = self.place(theta + side * _HALF_APEX, radius, rank)
                other = self.place(theta - side * _HALF_APEX, radius)
                if node is None or other is None or node == other:
                    continue
                cand = self.evaluate([node, other])
                if cand is not None and self.ok(cand):
                    return cand
                if cand is not None and self._badness(cand) < self._badness(best):
                    best = cand
        return best if self.ok(best) else None

    def with_must_only(self) -> Loop | None:
        return self.evaluate([])

    def random_turns(self, rng: np.random.Generator, tries: int) -> list[Loop]:
        """Turn points drawn among the reachable nodes, their number adapted to the length.

        Used in small areas (a terril) where a triangle cannot be long enough: more turn points
        make the loop wind through the area.
        """
        usable, _ = self.engine._usable_nodes()
        comp = self.engine.components
        pool = usable[comp[usable] == comp[self.start]]
        pool = pool[pool != self.start]
        if len(pool) == 0:
            return []
        sx, sy = self.engine.xy[self.start]
        far = np.hypot(self.engine.xy[pool, 0] - sx, self.engine.xy[pool, 1] - sy)
        # Turn points at most half the loop length (as the crow flies) from the start.
        pool = pool[far <= self.target_m / (2 * self.detour)]
        if len(pool) == 0:
            return []
        found: list[Loop] = []
        turns = 2
        for _ in range(tries):
            picks = rng.choice(pool, size=min(turns, len(pool)), replace=False).tolist()
            loop = self.evaluate([int(p) for p in picks])
            if loop is None:
                continue
            if self.ok(loop):
                found.append(loop)
                if len(found) >= 6:
                    break
            elif loop.length_error < 0 and turns < 12:
                turns += 1
            elif loop.length_error > 0 and turns > 1:
                turns -= 1
        return found


def _usable_length(engine: RoutingEngine, start: int) -> float:
    comp = engine.components
    arrays = engine.arrays
    mask = (comp[engine.tail] == comp[start]) & np.isfinite(engine.cost_array)
    return float(arrays.length[mask].sum()) / 2


def surveyed_edges(engine: RoutingEngine, candidates: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Among ``candidates`` (CSR mask), the edges someone surveyed: OSM ways, layer lines, recce
    tracks; never builder connectors nor access spurs (:func:`routes.provenance.is_surveyed`)."""
    graph, ids, arrays = engine._graph, engine.node_ids, engine.arrays
    out = np.zeros(len(candidates), dtype=bool)
    for e in np.flatnonzero(candidates).tolist():
        data = graph[ids[int(engine.tail[e])]][ids[int(arrays.indices[e])]][int(arrays.key[e])]
        out[e] = is_surveyed(data)
    return out


def no_surveyed_paths_message(area_name: str, surveyed_m: float, length_m: float,
                              controls: Controls = CLI_CONTROLS) -> str:
    """What to tell an organiser whose terril lacks surveyed paths for the loop asked."""
    have = f"{surveyed_m:.0f} m" if surveyed_m < 1000 else km_text(surveyed_m)
    return (f"Zone trop petite : le terril {area_name} n'a que {have} de chemins relevés "
            f"(OpenStreetMap, couches SIG ou traces) dans son emprise, pour une boucle de "
            f"{km_text(length_m)} ; les liaisons et accès tracés en ligne droite ne comptent pas. "
            f"Importez des traces de reconnaissance : {controls.recce_tracks}.")


class TooFewSurveyedPaths(LoopError):
    """A terril (``--within-terril``) without enough surveyed paths for the loop asked;
    :meth:`advice` words it for whoever asked (``str()``: the command line)."""

    def __init__(self, area_name: str, surveyed_m: float, length_m: float) -> None:
        self.area_name, self.surveyed_m, self.length_m = area_name, surveyed_m, length_m
        super().__init__(self.advice(CLI_CONTROLS))

    def advice(self, controls: Controls) -> str:
        return no_surveyed_paths_message(self.area_name, self.surveyed_m, self.length_m,
                                         controls)


def _restricted(engine: RoutingEngine, start: int, area: shapely.Geometry, length_m: float,
                area_name: str) -> tuple[RoutingEngine, int]:
    """The engine limited to surveyed edges inside ``area``, and the loop's start in it."""
    inside = engine.edges_within(shapely.buffer(area, _AREA_BUFFER_DEG))
    inside &= surveyed_edges(engine, inside)
    if not (inside & np.isfinite(engine.cost_array)).any():
        if area_name:
            raise TooFewSurveyedPaths(area_name, 0.0, length_m)
        raise LoopError("La zone imposée ne contient aucun chemin relevé praticable pour ce "
                        "profil.")
    sub = engine.masked(inside)
    usable, _ = sub._usable_nodes()
    if start in set(usable.tolist()):
        return sub, start
    x, y = engine.xy[start]
    entry = sub.nearest_node(x, y)
    gap = float(np.hypot(*(engine.xy[entry] - engine.xy[start])))
    if gap > 400.0:
        raise LoopError(f"Le départ est à {gap:.0f} m des chemins relevés de la zone imposée : il "
                        "doit être dans la zone ou à moins de 400 m.")
    return sub, entry


def _check_room(work: RoutingEngine, start: int, length_m: float, tolerance: float,
                area: shapely.Geometry | None, area_name: str) -> None:
    """Refuse (in French) when the paths reachable from the start cannot hold the loop."""
    available = _usable_length(work, start)
    if available >= length_m * (1 - tolerance):
        return
    if area is not None and area_name:
        inside_m = float(work.arrays.length[np.isfinite(work.cost_array)].sum()) / 2
        raise TooFewSurveyedPaths(area_name, inside_m, length_m)
    where = "dans la zone imposée" if area is not None else "depuis ce départ"
    raise LoopError(
        f"Zone trop petite : seulement {km_text(available)} de chemins praticables "
        f"{where}, pour une boucle de {km_text(length_m)}.")


def find_loops(engine: RoutingEngine, start: int, length_m: float, *,
               tolerance: float = 0.02, max_reuse: float = 0.05, must_visit: Sequence[int] = (),
               area: shapely.Geometry | None = None, count: int = 3,
               avoid_streets: dict[int, float] | None = None, seed: int = 0,
               area_name: str = "",
               progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> list[Loop]:
    """Up to ``count`` distinct loops from node id ``start``, best score first.

    ``area`` (lon/lat polygon, e.g. a terril's footprint named ``area_name``) keeps the loop on
    surveyed edges inside it; ``must_visit`` are node ids the loop
    passes through; ``avoid_streets`` maps CSR edges to a cost factor (used by variants).
    Raises :class:`LoopError` explaining why when no loop fits.
    """
    task = Task(progress, cancel)
    if length_m <= 0:
        raise LoopError("La longueur de la boucle doit être positive.")
    try:
        s = engine.node_index(start)
    except CavalierError as exc:
        raise LoopError(f"Départ hors du réseau : {exc}") from exc
    work = engine
    if area is not None:
        work, s = _restricted(engine, s, area, length_m, area_name)
    elif engine.degree(s) == 0:
        raise LoopError(f"Le départ (nœud {start}) n'est relié à aucune voie praticable pour le "
                        f"profil {engine.profile.label}.")
    _check_room(work, s, length_m, tolerance, area, area_name)
    must = [work.node_index(m) for m in must_visit]
    comp = work.components
    for m, original in zip(must, must_visit, strict=True):
        if comp[m] != comp[s]:
            raise LoopError(f"Le point imposé (nœud {original}) n'est pas relié au départ par des "
                            "voies praticables.")
    search = _Search(work, s, length_m, tolerance, must, max_reuse, avoid_reuse=False)
    found: list[Loop] = []
    # Last edition's streets (variants) are made expensive once for the whole search.
    with work.penalised(avoid_streets):
        # Loops of plain cheapest legs first (one fast query each): they usually do not ride
        # a street twice. Where they do (a tree-like network), legs avoid the streets used.
        _collect(search, found, count, area, seed, task)
        if len(found) < count:
            search.avoid_reuse = True
            _collect(search, found, count, area, seed, task)
    if not found:
        best = search.best
        if best is None:
            raise LoopError("Aucune boucle possible : le départ est sur une partie du réseau "
                            "trop petite ou sans embranchement.")
        raise NoLoopFound(length_m, tolerance, max_reuse, best)
    found.sort(key=lambda lp: lp.score)
    task.step(1.0, f"{len(found)} boucle(s) trouvée(s).")
    return found[:count]


def _collect(search: _Search, found: list[Loop], count: int, area: shapely.Geometry | None,
             seed: int, task: Task) -> None:
    """Add to ``found`` up to ``count`` distinct loops: triangles in several orientations, or
    random turn points in a small area."""
    rng = np.random.default_rng(seed)
    if search.must and not found:
        only = search.with_must_only()
        if search.ok(only) and only is not None:
            found.append(only)
    if area is not None:
        _add_distinct(found, search.random_turns(rng, 250), count)
    orientations = 12 if len(found) < count else 0
    offset = float(rng.uniform(0, 2 * math.pi))
    for i in range(orientations):
        task.step(i / orientations, "Recherche de boucles…")
        theta = offset + 2 * math.pi * ((i * 5) % orientations) / orientations
        loop = search.orientation(theta)
        if loop is None:
            continue
        if all(_overlap(loop, other) <= MAX_MUTUAL_OVERLAP for other in found):
            found.append(loop)
        if len(found) >= count:
            break
    # Small areas (a terril) depend on random turn points: a few more draws before giving up.
    for _ in range(3 if area is not None else 1):
        if found:
            break
        _add_distinct(found, search.random_turns(rng, 240), count)


def _add_distinct(found: list[Loop], candidates: list[Loop], count: int) -> None:
    for loop in candidates:
        if len(found) >= count:
            return
        if all(_overlap(loop, other) <= MAX_MUTUAL_OVERLAP for other in found):
            found.append(loop)


def _overlap(a: Loop, b: Loop) -> float:
    """Share of streets two loops have in common (relative to the smaller loop)."""
    smaller = min(len(a.streets), len(b.streets))
    return len(a.streets & b.streets) / smaller if smaller else 0.0

