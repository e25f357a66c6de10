"""This year's course, but different from last year's: at most N % of shared length.

The previous edition's line (from a GPX or a route) is matched to the network's streets; those
streets are made more expensive and the course is searched again with the same constraints, with a
penalty that grows until the shared length drops under the allowed share.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

import numpy as np
import shapely
from numpy.typing import NDArray

from routes.courses.loops import Loop, LoopError, find_loops, path_streets, shared_length
from routes.courses.races import Race, plan_race
from routes.errors import CavalierError
from routes.frenchfmt import km_text, pct_text
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.search.engine import RoutingEngine

#: Penalties tried in turn on the previous edition's streets (cost multipliers).
_PENALTIES = (2.0, 4.0, 8.0, 20.0, 60.0)


class VariantError(CavalierError, ValueError):
    """No variant different enough from the previous edition was found."""


@dataclass(frozen=True)
class Variant:
    course: Loop | Race
    overlap: float  # share of the new course's length on the previous edition's streets
    shared_m: float
    penalty: float


def parse_share(text: str) -> float:
    """"30%", "30 %", "0.3", "30" → 0.30."""
    raw = text.strip().replace(" ", "").replace(",", ".")
    percent = raw.endswith("%")
    try:
        value = float(raw.rstrip("%"))
    except ValueError:
        raise VariantError(f"Pourcentage illisible « {text} » : écrire par exemple 30%.") from None
    if percent or value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise VariantError(f"Pourcentage « {text} » hors de 0–100 %.")
    return value


def streets_along(engine: RoutingEngine, line_lonlat: Sequence[tuple[float, float]], *,
                  buffer_m: float = 20.0) -> NDArray[np.int64]:
    """CSR edges (both directions) lying along a line: both ends and middle within ``buffer_m``."""
    if len(line_lonlat) < 2:
        return np.zeros(0, dtype=np.int64)
    pts = engine.to_xy(np.asarray(line_lonlat, dtype=np.float64))
    line = shapely.LineString(pts)
    x0, y0, x1, y1 = line.bounds
    tail, head = engine.xy[engine.tail], engine.xy[engine.arrays.indices]
    near = np.flatnonzero(
        (np.minimum(tail[:, 0], head[:, 0]) <= x1 + buffer_m)
        & (np.maximum(tail[:, 0], head[:, 0]) >= x0 - buffer_m)
        & (np.minimum(tail[:, 1], head[:, 1]) <= y1 + buffer_m)
        & (np.maximum(tail[:, 1], head[:, 1]) >= y0 - buffer_m))
    shapely.prepare(line)
    ok = np.ones(len(near), dtype=bool)
    for pts_ in (tail[near], head[near], (tail[near] + head[near]) / 2):
        ok &= np.asarray(shapely.dwithin(line, shapely.points(pts_), buffer_m), dtype=bool)
    return near[ok].astype(np.int64)


def _penalty_map(engine: RoutingEngine, edges: NDArray[np.int64], factor: float
                 ) -> dict[int, float]:
    rev = engine.reverse[edges]
    both = np.concatenate([edges, rev[rev >= 0]])
    return dict.fromkeys(both.tolist(), factor)


def _overlap(engine: RoutingEngine, course: Loop | Race, streets: frozenset[int]
             ) -> tuple[float, float]:
    shared = shared_length(engine, course.path.edges, streets)
    return (shared / course.length_m if course.length_m else 1.0), shared


def loop_variants(engine: RoutingEngine, previous: Sequence[tuple[float, float]], start: int,
                  length_m: float, max_overlap: float, *, count: int = 1,
                  tolerance: float = 0.02, max_reuse: float = 0.05,
                  area: shapely.Geometry | None = None, seed: int = 0,
                  progress: ProgressCallback | None = None,
                  cancel: CancelCallback | None = None) -> list[Variant]:
    """Up to ``count`` distinct loops like :func:`routes.courses.loops.find_loops` sharing at
    most ``max_overlap`` with ``previous`` (lon/lat line of last edition), best first; the
    previous streets are penalised harder until enough are found."""
    task = Task(progress, cancel)
    old = streets_along(engine, previous)
    streets = frozenset(path_streets(engine, old.tolist()).tolist())
    best: Variant | None = None
    found: dict[tuple[int, ...], Variant] = {}
    last_error: LoopError | None = None
    for i, factor in enumerate(_PENALTIES):
        task.step(i / len(_PENALTIES), f"Recherche d'une variante (pénalité ×{factor:g})…")
        try:
            loops = find_loops(engine, start, length_m, tolerance=tolerance,
                               max_reuse=max_reuse, area=area,
                               count=max(6, count),
                               avoid_streets=_penalty_map(engine, old, factor),
                               seed=seed + i)
        except LoopError as exc:
            last_error = exc
            continue
        for loop in loops:
            share, shared = _overlap(engine, loop, streets)
            candidate = Variant(loop, share, shared, factor)
            if best is None or _better(candidate, best, max_overlap):
                best = candidate
            if share <= max_overlap:
                found.setdefault(tuple(sorted(loop.path.edges)), candidate)
        if len(found) >= count:
            break
    if not found:
        _final(best, max_overlap, last_error)  # raises: why nothing fits
    return sorted(found.values(), key=lambda v: _score(v.course))[:count]


def race_variants(engine: RoutingEngine, previous: Sequence[tuple[float, float]], origin: int,
                  destination: int, terril_count: int, length_m: float, max_overlap: float, *,
                  terrils: dict[str, int], count: int = 1, tolerance: float = 0.05,
                  progress: ProgressCallback | None = None,
                  cancel: CancelCallback | None = None) -> list[Variant]:
    """Up to ``count`` races like :func:`routes.courses.races.plan_race` through different
    terrils, sharing at most ``max_overlap`` with ``previous``, best first."""
    task = Task(progress, cancel)
    old = streets_along(engine, previous)
    streets = frozenset(path_streets(engine, old.tolist()).tolist())
    best: Variant | None = None
    found: dict[tuple[str, ...], Variant] = {}
    for i, factor in enumerate(_PENALTIES):
        task.step(i / len(_PENALTIES), f"Recherche d'une variante (pénalité ×{factor:g})…")
        race = plan_race(engine, origin, destination, terril_count, length_m, terrils=terrils,
                         tolerance=tolerance, avoid_streets=_penalty_map(engine, old, factor))
        share, shared = _overlap(engine, race, streets)
        candidate = Variant(race, share, shared, factor)
        if best is None or _better(candidate, best, max_overlap):
            best = candidate
        if share <= max_overlap:
            found.setdefault(tuple(race.terrils), candidate)
        if len(found) >= count:
            break
    if not found:
        _final(best, max_overlap, None)  # raises: why nothing fits
    return sorted(found.values(), key=lambda v: _score(v.course))[:count]


def _better(a: Variant, b: Variant, max_overlap: float) -> bool:
    a_ok, b_ok = a.overlap <= max_overlap, b.overlap <= max_overlap
    if a_ok != b_ok:
        return a_ok
    if a_ok:
        return _score(a.course) < _score(b.course)
    return a.overlap < b.overlap


def _score(course: Loop | Race) -> float:
    if isinstance(course, Loop):
        return course.score
    return abs(course.length_error) if math.isfinite(course.length_error) else math.inf


def _final(best: Variant | None, max_overlap: float, error: LoopError | None) -> NoReturn:
    """Raise why no variant shares little enough with the previous course (the previous
    edition's, or the course a leg or a format has now)."""
    if best is None:
        raise VariantError(f"Aucune variante trouvée : {error}" if error else
                           "Aucune variante trouvée.")
    if best.overlap > max_overlap:
        raise VariantError(
            f"Impossible de descendre sous {pct_text(max_overlap)} de parcours commun avec "
            f"le parcours précédent : la meilleure variante en partage encore "
            f"{pct_text(best.overlap)} ({km_text(best.shared_m)}).")
    raise VariantError("Aucune variante trouvée.")
