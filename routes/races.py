"""Line races from A to B through a number of terrils, with a target length.

"A 105 km ultra from Gosnay to Oignies over at least 15 terrils": which terrils, in what order?
This is an orienteering problem; the heuristic here

1. builds the sequence A → (imposed terrils) → B, then inserts free terrils one by one at their
   cheapest position, each time picking the terril whose detour best matches the length still to
   spend per remaining terril (so detours spread along the race instead of piling up at the end);
2. improves the order with 2-opt (free order only);
3. routes the sequence with the engine (legs avoid the streets already used), measures the real
   length, corrects its detour estimate and starts again, keeping the closest race.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from routes.engine import PathResult, RoutingEngine
from routes.errors import CavalierError
from routes.loops import km_text, reused_length, route_closed, unsurveyed_length
from routes.places import Gazetteer
from routes.progress import Task

_DETOUR_GUESS = 1.3


class RaceError(CavalierError, ValueError):
    """The race cannot be built as asked; the message says why."""


@dataclass(frozen=True)
class Race:
    path: PathResult
    target_m: float
    terrils: list[str]
    stops: list[int]
    reused_m: float
    cavalier_share: float
    terril_share: float
    unsurveyed_m: float = 0.0  # on edges nobody surveyed (straight connectors, access spurs)

    @property
    def length_m(self) -> float:
        return self.path.length_m

    @property
    def length_error(self) -> float:
        return (self.path.length_m - self.target_m) / self.target_m if self.target_m else 0.0


def terril_nodes(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Terril reference → its node, from the graph's ``place`` node attributes."""
    return {str(d["place"]): int(n) for n, d in graph.nodes(data=True)
            if d.get("place") and not str(d["place"]).startswith("pole:")}


def race_terrils(graph: nx.MultiDiGraph, places: Gazetteer) -> dict[str, int]:
    """Every terril a race can visit: those the graph marks, then the gazetteer's terrils that
    were snapped to a node."""
    found = terril_nodes(graph)
    for place in places.places:
        if place.kind == "terril" and place.node is not None:
            found.setdefault(place.key, place.node)
    return found


def _tour_length(xy: NDArray[np.float64], seq: Sequence[int]) -> float:
    pts = xy[np.asarray(seq)]
    return float(np.hypot(*np.diff(pts, axis=0).T).sum())


def _two_opt(xy: NDArray[np.float64], seq: list[int]) -> list[int]:
    """2-opt on straight distances, both ends fixed."""
    best = list(seq)
    improved = True
    while improved:
        improved = False
        for i in range(1, len(best) - 2):
            for j in range(i + 1, len(best) - 1):
                a, b, c, d = (xy[best[i - 1]], xy[best[i]], xy[best[j]], xy[best[j + 1]])
                old = math.dist(a, b) + math.dist(c, d)
                new = math.dist(a, c) + math.dist(b, d)
                if new < old - 1e-6:
                    best[i:j + 1] = reversed(best[i:j + 1])
                    improved = True
    return best


def _select(xy: NDArray[np.float64], seq: list[int], pool: list[int], count: int,
            budget: float) -> list[int]:
    """Insert ``count`` nodes of ``pool`` into ``seq`` to reach a straight length ``budget``."""
    seq = list(seq)
    pool = [p for p in pool if p not in seq]
    for slot in range(count):
        if not pool:
            break
        cand = xy[np.asarray(pool)]
        pts = xy[np.asarray(seq)]
        before = np.hypot(cand[None, :, 0] - pts[:-1, None, 0],
                          cand[None, :, 1] - pts[:-1, None, 1])
        after = np.hypot(cand[None, :, 0] - pts[1:, None, 0], cand[None, :, 1] - pts[1:, None, 1])
        base = np.hypot(*np.diff(pts, axis=0).T)[:, None]
        detour = before + after - base  # (positions, candidates)
        pos = detour.argmin(axis=0)
        cost = detour[pos, np.arange(len(pool))]
        current = _tour_length(xy, seq)
        wanted = max(budget - current, 0.0) / (count - slot)
        pick = int(np.argmin(np.abs(cost - wanted)))
        seq.insert(int(pos[pick]) + 1, pool.pop(pick))
    return seq


def plan_race(engine: RoutingEngine, origin: int, destination: int, terril_count: int,
              length_m: float, *, terrils: Mapping[str, int], required: Sequence[str] = (),
              ordered: bool = False, tolerance: float = 0.05,
              avoid_streets: dict[int, float] | None = None, iterations: int = 6,
              progress: Callable[[float, str], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> Race:
    """Race from node id ``origin`` to ``destination`` through ``terril_count`` terrils.

    ``terrils`` maps each candidate terril reference to its node id; ``required`` terrils are
    always visited (in the given order when ``ordered``). The returned race visits exactly
    ``terril_count`` terrils; its length error is reported, not hidden.
    """
    task = Task(progress, cancel)
    a, b = engine.node_index(origin), engine.node_index(destination)
    comp = engine.components
    if comp[a] != comp[b]:
        raise RaceError("Le départ et l'arrivée ne sont reliés par aucune voie praticable pour ce "
                        "profil.")
    missing = [r for r in required if r not in terrils]
    if missing:
        raise RaceError(f"Terrils imposés inconnus du réseau : {', '.join(missing)}.")
    if len(required) > terril_count:
        raise RaceError(f"{len(required)} terrils imposés pour une course à {terril_count} "
                        "terrils.")
    ref_of = {engine.node_index(n): ref for ref, n in terrils.items() if n in engine.index}
    reachable = {i: ref for i, ref in ref_of.items() if comp[i] == comp[a] and i not in (a, b)}
    req_idx = [engine.node_index(terrils[r]) for r in required]
    for r, i in zip(required, req_idx, strict=True):
        if i not in reachable:
            raise RaceError(f"Le terril imposé {r} n'est pas relié au départ par des voies "
                            "praticables.")
    if len(reachable) < terril_count:
        raise RaceError(f"Seulement {len(reachable)} terrils accessibles depuis le départ pour ce "
                        f"profil ; la course en demande {terril_count}.")
    direct = engine.search_edges(a, b)
    if direct is not None:
        shortest = float(engine.arrays.length[np.asarray(direct, dtype=np.int64)].sum())
        if shortest > length_m * (1 + tolerance):
            raise RaceError(
                f"Le meilleur itinéraire direct du départ à l'arrivée fait déjà "
                f"{km_text(shortest)}, plus que les {km_text(length_m)} demandés.")
    xy = engine.xy
    base = [a, *req_idx, b]
    if not ordered and req_idx:
        base = _two_opt(xy, base)
    pool = sorted(set(reachable) - set(req_idx))
    detour = _DETOUR_GUESS
    best: Race | None = None
    for it in range(iterations):
        task.step(it / iterations, "Choix des terrils…")
        seq = _select(xy, base, pool, terril_count - len(req_idx), length_m / detour)
        if not ordered:
            seq = _two_opt(xy, seq)
        path = route_closed(engine, seq, avoid_streets)
        if path is None:
            raise RaceError("Un des terrils choisis n'est pas joignable ; réseau incohérent.")
        race = _make_race(engine, path, length_m, seq, reachable)
        if best is None or abs(race.length_error) < abs(best.length_error):
            best = race
        if abs(race.length_error) <= tolerance:
            break
        straight = _tour_length(xy, seq)
        if straight > 0:
            detour = 0.5 * detour + 0.5 * path.length_m / straight
    assert best is not None
    task.step(1.0, "Course prête.")
    return best


def _make_race(engine: RoutingEngine, path: PathResult, target: float, seq: list[int],
               refs: Mapping[int, str]) -> Race:
    edges = np.asarray(path.edges, dtype=np.int64)
    lengths = engine.arrays.length[edges] if len(edges) else np.zeros(0)
    total = float(lengths.sum()) or 1.0
    return Race(path=path, target_m=target, terrils=[refs[i] for i in seq[1:-1]],
                stops=[engine.node_ids[i] for i in seq],
                reused_m=reused_length(engine, path.edges),
                cavalier_share=float(lengths[engine.arrays.cavalier[edges]].sum()) / total,
                terril_share=float(lengths[engine.arrays.terril[edges]].sum()) / total,
                unsurveyed_m=unsurveyed_length(engine, path.edges))
