"""Line races from A to B through a number of terrils, with a target length.

"A 105 km ultra from Gosnay to Oignies over at least 15 terrils": which terrils, in what order?
This is an orienteering problem; the heuristic here

1. builds the sequence A → (imposed terrils) → B, then inserts free terrils one by one at their
   cheapest position, each time picking the terril whose detour best matches the length still to
   spend per remaining terril (so detours spread along the race instead of piling up at the end),
   the dead-end spur a terril adds (ridden in and out whatever the route,
   :mod:`routes.courses.spurs`) counting against it with a weight tried in turn;
2. improves the order with 2-opt (free order only);
3. routes the sequence with the engine (legs avoid the streets already used), measures the real
   length, corrects its detour estimate and starts again, keeping the best race;
4. improves the best race by local search: swaps one free terril for another (inserted at its
   cheapest place), routed for real, while the length error or the length ridden twice shrinks
   (swaps that add little dead-end spur tried first while the race rides too much twice).

A race is judged on both targets: length within the tolerance and at most
:data:`MAX_REUSED_SHARE` ridden twice (:func:`race_badness`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from routes.courses.course import CourseOnPath
from routes.courses.legs_cache import LegCache
from routes.courses.loops import reused_length, route_closed, unsurveyed_length
from routes.courses.spurs import SpurMap
from routes.errors import CavalierError
from routes.frenchfmt import km_text
from routes.network.places import Gazetteer
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.search.engine import PathResult, RoutingEngine

_DETOUR_GUESS = 1.1  # routed length / planned network length
#: Target for the share of a race ridden twice (out-and-back legs, streets taken again).
MAX_REUSED_SHARE = 0.10
_SWAP_CANDIDATES = 40  # swaps routed per local-search round, best predicted first
_SWAP_ROUNDS = 30
_NEAREST_REPLACEMENTS = 10  # terrils tried in place of each visited terril
#: Weights of a candidate terril's dead-end spur (m ridden twice) against its length mismatch,
#: tried in turn when the race chosen on length alone rides too much twice. On the embedded
#: network, 4 brings the Gosnay → 9-9bis race under 10 % ridden twice (tests/benchmarks).
_SPUR_WEIGHTS = (4.0, 2.0, 8.0)


class RaceError(CavalierError, ValueError):
    """The race cannot be built as asked; the message says why."""


@dataclass(frozen=True, kw_only=True)
class Race(CourseOnPath):
    terrils: list[str]
    stops: list[int]


def race_badness(race: Race, tolerance: float) -> float:
    """Lower is better: each missed target (length, ridden twice) counts 1, plus the error and
    the reused share themselves."""
    return _badness(race.length_m, race.target_m, race.reused_m, tolerance)


def _badness(length_m: float, target_m: float, reused_m: float, tolerance: float) -> float:
    """:func:`race_badness` of a race's figures (the same arithmetic as its properties)."""
    error = abs((length_m - target_m) / target_m if target_m else 0.0)
    reused_share = reused_m / length_m if length_m else 0.0
    return (float(error > tolerance) + float(reused_share > MAX_REUSED_SHARE)
            + error + reused_share)


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


class _NetworkMetric:
    """Shortest network lengths (m) between the nodes a race may visit, by engine node index."""

    def __init__(self, engine: RoutingEngine, nodes: Sequence[int]) -> None:
        self.local = {node: k for k, node in enumerate(nodes)}
        # Engine node index -> row (-1: not a node of the metric), for vectorised lookups.
        self._row = np.full(engine.node_count, -1, dtype=np.int64)
        self._row[np.asarray(nodes, dtype=np.int64)] = np.arange(len(nodes), dtype=np.int64)
        # One-to-many sweeps of the engine's length metric: one per node, over all the nodes.
        full = engine.lengths_between(list(nodes), list(nodes))
        self.d: NDArray[np.float64] = np.minimum(full, full.T)
        self.nodes = list(nodes)
        self.rows: list[list[float]] = self.d.tolist()  # fast scalar reads
        #: 2-opt results by sequence: the local search tries the same moves again and again.
        self.two_opt: dict[tuple[int, ...], list[int]] = {}

    def ix(self, seq: Sequence[int]) -> NDArray[np.int64]:
        rows: NDArray[np.int64] = self._row[np.asarray(seq, dtype=np.int64)]
        return rows

    def dist(self, i: int, j: int) -> float:
        return self.rows[self.local[i]][self.local[j]]


def _tour_length(metric: _NetworkMetric, seq: Sequence[int]) -> float:
    idx = metric.ix(seq)
    return float(metric.d[idx[:-1], idx[1:]].sum())


def _two_opt(metric: _NetworkMetric, seq: list[int]) -> list[int]:
    """2-opt on network lengths, both ends fixed."""
    key = tuple(seq)
    found = metric.two_opt.get(key)
    if found is None:
        found = metric.two_opt[key] = _two_opt_of(metric, seq)
    return list(found)


def _two_opt_of(metric: _NetworkMetric, seq: list[int]) -> list[int]:
    rows = metric.rows
    best = metric.ix(seq).tolist()
    improved = True
    while improved:
        improved = False
        for i in range(1, len(best) - 2):
            for j in range(i + 1, len(best) - 1):
                a, b, c, d = best[i - 1], best[i], best[j], best[j + 1]
                if rows[a][c] + rows[b][d] < rows[a][b] + rows[c][d] - 1e-6:
                    best[i:j + 1] = reversed(best[i:j + 1])
                    improved = True
    return [metric.nodes[k] for k in best]


def _insertion_costs(metric: _NetworkMetric, seq: Sequence[int],
                     pool: Sequence[int]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """For each node of ``pool``: the cheapest position to insert it in ``seq``, and its cost."""
    s, p = metric.ix(seq), metric.ix(pool)
    d = metric.d
    detour = (d[s[:-1, None], p] + d[s[1:, None], p]
              - d[s[:-1], s[1:]][:, None])  # (positions, candidates)
    pos = detour.argmin(axis=0)
    return pos, detour[pos, np.arange(len(p))]


def _select(metric: _NetworkMetric, seq: list[int], pool: list[int], count: int,
            budget: float, spurs: SpurMap | None = None, spur_weight: float = 0.0) -> list[int]:
    """Insert ``count`` nodes of ``pool`` into ``seq`` to reach a network length ``budget``;
    with ``spurs``, each candidate's dead-end length it would add (ridden twice whatever the
    route) counts ``spur_weight`` times against it."""
    seq = list(seq)
    pool = [p for p in pool if p not in seq]
    for slot in range(count):
        if not pool:
            break
        pos, cost = _insertion_costs(metric, seq, pool)
        wanted = max(budget - _tour_length(metric, seq), 0.0) / (count - slot)
        score = np.abs(cost - wanted)
        if spurs is not None and spur_weight:
            score = score + spur_weight * spurs.extra_many(seq, pool)
        pick = int(np.argmin(score))
        seq.insert(int(pos[pick]) + 1, pool.pop(pick))
    return seq


def plan_race(engine: RoutingEngine, origin: int, destination: int, terril_count: int,
              length_m: float, *, terrils: Mapping[str, int], required: Sequence[str] = (),
              ordered: bool = False, tolerance: float = 0.05,
              avoid_streets: dict[int, float] | None = None, iterations: int = 6,
              progress: ProgressCallback | None = None,
              cancel: CancelCallback | None = None) -> Race:
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
    metric = _NetworkMetric(engine, [a, b, *sorted(reachable)])
    base = [a, *req_idx, b]
    if not ordered and req_idx:
        base = _two_opt(metric, base)
    pool = sorted(set(reachable) - set(req_idx))
    # Last edition's streets (variants) are made expensive once for the whole search.
    with engine.penalised(avoid_streets):
        search = _Search(engine, metric, None, reachable, (length_m, tolerance), avoid_streets,
                         ordered, task, LegCache(engine))
        best = search.run(base, pool, terril_count - len(req_idx), 0.0, iterations)
        if best.reused_share > MAX_REUSED_SHARE:
            # Ridden twice too much: weigh the dead-end spurs terrils hang on (computed only
            # now: finding the bridges of a large network costs seconds).
            search.spurs = SpurMap.of(engine, a, b)
            for weight in _SPUR_WEIGHTS:
                race = search.run(base, pool, terril_count - len(req_idx), weight, iterations)
                if race_badness(race, tolerance) < race_badness(best, tolerance):
                    best = race
                if best.reused_share <= MAX_REUSED_SHARE:
                    break
        best = _rerouted(engine, best, [engine.node_index(n) for n in best.stops], reachable,
                         tolerance)
    task.step(1.0, "Course prête.")
    return best


def _rerouted(engine: RoutingEngine, race: Race, seq: list[int], refs: Mapping[int, str],
              tolerance: float) -> Race:
    """The race chosen on plain cheapest legs (one fast query each), its legs now avoiding the
    streets earlier legs used when it rides more than half the allowed share twice and that
    helps (penalised legs cost partial updates of the engine's metric)."""
    if race.reused_share <= MAX_REUSED_SHARE / 2:
        return race
    path = route_closed(engine, seq)
    if path is None:
        return race
    other = _make_race(engine, path, race.target_m, seq, refs)
    return other if race_badness(other, tolerance) < race_badness(race, tolerance) else race


@dataclass
class _Search:
    """One race search (selection, 2-opt, routing, local search) for a given spur weight."""

    engine: RoutingEngine
    metric: _NetworkMetric
    spurs: SpurMap | None
    refs: Mapping[int, str]
    target: tuple[float, float]  # length (m), tolerance
    avoid_streets: dict[int, float] | None
    ordered: bool
    task: Task
    legs: LegCache
    #: Races already routed, by sequence (the spur weights' searches meet the same ones).
    routed: dict[tuple[int, ...], Race | None] = field(default_factory=dict)
    #: (length, length ridden twice) of sequences already judged.
    figures: dict[tuple[int, ...], tuple[float, float] | None] = field(default_factory=dict)

    def race(self, seq: list[int]) -> Race | None:
        """The race along ``seq`` on plain cheapest legs (None: a leg is unreachable)."""
        key = tuple(seq)
        if key not in self.routed:
            path = self.legs.route(seq)
            self.routed[key] = (None if path is None else
                                _make_race(self.engine, path, self.target[0], seq, self.refs))
        return self.routed[key]

    def badness(self, seq: list[int]) -> float | None:
        """:func:`race_badness` of the race along ``seq`` from its edges alone (most swaps
        tried are refused: neither their path nor their race is built)."""
        key = tuple(seq)
        if key not in self.figures:
            edges = self.legs.edges(seq)
            self.figures[key] = None if edges is None else (
                float(self.engine.arrays.length[np.asarray(edges, dtype=np.int64)].sum())
                if edges else 0.0, reused_length(self.engine, edges))
        found = self.figures[key]
        return None if found is None else _badness(found[0], self.target[0], found[1],
                                                   self.target[1])

    def run(self, base: list[int], pool: list[int], count: int, weight: float,
            iterations: int) -> Race:
        length_m, tolerance = self.target
        detour = _DETOUR_GUESS
        best: Race | None = None
        best_seq = base
        for it in range(iterations):
            self.task.step(it / iterations, "Choix des terrils…")
            seq = _select(self.metric, base, pool, count, length_m / detour, self.spurs, weight)
            if not self.ordered:
                seq = _two_opt(self.metric, seq)
            race = self.race(seq)
            if race is None:
                raise RaceError("Un des terrils choisis n'est pas joignable ; réseau incohérent.")
            if best is None or race_badness(race, tolerance) < race_badness(best, tolerance):
                best, best_seq = race, seq
            if abs(race.length_error) <= tolerance and race.reused_share <= MAX_REUSED_SHARE:
                break
            planned = _tour_length(self.metric, seq)
            if planned > 0:
                detour = 0.5 * detour + 0.5 * race.path.length_m / planned
        assert best is not None
        return _local_search(self, best, best_seq, set(pool), detour)


def _local_search(search: _Search, race: Race, seq: list[int], free: set[int],
                  detour: float) -> Race:
    """Swap one free terril of ``seq`` for an unvisited one while the race gets better
    (``detour``: ratio of routed to planned length)."""
    search.task.step(0.8, "Amélioration du choix des terrils…")
    tolerance = search.target[1]
    metric, ordered, task, spurs = search.metric, search.ordered, search.task, search.spurs
    badness = race_badness(race, tolerance)
    for _ in range(_SWAP_ROUNDS):
        if abs(race.length_error) <= tolerance / 2 and race.reused_share <= MAX_REUSED_SHARE / 2:
            break
        task.check()
        moves = _swap_moves(metric, seq, free, race.path.length_m, race.target_m, detour,
                            spurs if race.reused_share > MAX_REUSED_SHARE / 2 else None)
        improved = False
        for move in moves[:_SWAP_CANDIDATES]:
            candidate = move if ordered else _two_opt(metric, move)
            trial_badness = search.badness(candidate)
            if trial_badness is None or trial_badness >= badness - 1e-9:
                continue
            trial = search.race(candidate)
            assert trial is not None
            race, seq, badness, improved = trial, candidate, trial_badness, True
            break
        if not improved:
            break
    return race


def _swap_moves(metric: _NetworkMetric, seq: list[int], free: set[int], length: float,
                target: float, detour: float, spurs: SpurMap | None = None) -> list[list[int]]:
    """Sequences with one free visited terril replaced by a nearby unvisited one, the ones whose
    predicted length comes closest to ``target`` first; with ``spurs``, the length the new set
    must ride twice (its dead-end spurs) counts too."""
    spare = sorted(free - set(seq))
    if not spare:
        return []
    dist = metric.dist
    spare_ix = metric.ix(spare)
    spare_ids = np.asarray(spare, dtype=np.int64)
    scored: list[tuple[float, int, int, list[int]]] = []
    for i in range(1, len(seq) - 1):
        if seq[i] not in free:
            continue
        rest = seq[:i] + seq[i + 1:]
        removed = dist(seq[i - 1], seq[i]) + dist(seq[i], seq[i + 1]) - dist(seq[i - 1],
                                                                             seq[i + 1])
        here = metric.local[seq[i]]
        # The nearest spare terrils (ties by id), as sorted((distance, id)) would give.
        closest = np.lexsort((spare_ids, metric.d[here, spare_ix]))[:_NEAREST_REPLACEMENTS]
        near = spare_ids[closest].tolist()
        pos, added = _insertion_costs(metric, rest, near)
        # Ridden twice by the new set: the rest's spurs, plus what each candidate adds.
        twice = (spurs.forced_m(rest) + spurs.extra_many(rest, near) if spurs is not None
                 else np.zeros(len(near)))
        for k, j in enumerate(near):
            predicted = length + detour * (float(added[k]) - removed)
            at = int(pos[k])
            score = abs(predicted - target) + float(twice[k])
            scored.append((score, i, j, [*rest[:at + 1], j, *rest[at + 1:]]))
    scored.sort(key=lambda item: item[:3])
    return [candidate for *_, candidate in scored]


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


def alternative_races(engine: RoutingEngine, race: Race, *, terrils: Mapping[str, int],
                      required: Sequence[str] = (), ordered: bool = False,
                      tolerance: float = 0.05, count: int = 2) -> list[Race]:
    """Up to ``count`` other races close to ``race`` (the best found by :func:`plan_race`): one
    free terril swapped for a nearby unvisited one, each visiting another set of terrils and
    within the length tolerance, best first. They let the organiser choose among a few."""
    if count <= 0:
        return []
    seq = [engine.node_index(n) for n in race.stops]
    a, b = seq[0], seq[-1]
    comp = engine.components
    ref_of = {engine.node_index(n): ref for ref, n in terrils.items() if n in engine.index}
    reachable = {i: ref for i, ref in ref_of.items() if comp[i] == comp[a] and i not in (a, b)}
    fixed = {engine.node_index(terrils[r]) for r in required if r in terrils}
    free = set(reachable) - fixed
    metric = _NetworkMetric(engine, [a, b, *sorted(reachable)])
    planned = _tour_length(metric, seq)
    detour = race.path.length_m / planned if planned > 0 else _DETOUR_GUESS
    seen = {frozenset(seq[1:-1])}
    found: list[Race] = []
    moves = _swap_moves(metric, seq, free, race.path.length_m, race.target_m, detour)
    for move in moves[:_SWAP_CANDIDATES]:
        candidate = move if ordered else _two_opt(metric, move)
        visited = frozenset(candidate[1:-1])
        if visited in seen:
            continue
        seen.add(visited)
        path = route_closed(engine, candidate, avoid_reuse=False)
        if path is None:
            continue
        trial = _rerouted(engine, _make_race(engine, path, race.target_m, candidate, reachable),
                          candidate, reachable, tolerance)
        if abs(trial.length_error) <= tolerance:
            found.append(trial)
    found.sort(key=lambda r: race_badness(r, tolerance))
    return found[:count]
