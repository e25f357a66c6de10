"""The figures of a course sheet that need only the course's line and stored statistics: its
length, climb, share on the cavaliers and unsurveyed stretches.

:func:`app.sheet.build.sheet_of` computes them with these functions, and so does
:func:`course_figures` without the rest of the sheet (communes, crossings, terril passes), for a
list of candidate courses: the figures listed are the ones the sheet of the course chosen prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.model import RouteRecord
from app.sheet.model import ClimbFigures, ClimbSource
from routes.elevation.climb import cumulative_climb
from routes.network.model import Network
from routes.outputs.stats import (
    SOURCE_ESTIMATE,
    SOURCE_NODES,
    RouteLine,
    Span,
    edges_along,
    elevation_trace,
)
from routes.outputs.unsurveyed import stretches_from_stats
from routes.provenance import is_surveyed

#: Spacing of the edges read under a course (surfaces, unsurveyed stretches of older records).
SURFACE_STEP_M = 25.0


def climb_figures(network: Network, line: RouteLine) -> tuple[Any, ClimbFigures]:
    """The elevation trace along ``line`` and the climb read from it."""
    trace = elevation_trace(network, line)
    source = network.graph.graph.get("elevation_source")
    dems = (str(source),) if source else ()
    missing = tuple(str(d) for d in network.graph.graph.get("elevation_missing", ()) or ())
    if not trace.available:
        return trace, ClimbFigures(None, None, ClimbSource.NONE, trace.missing_m, dems, missing)
    up = cumulative_climb(trace.elevations_m)
    down = cumulative_climb(trace.elevations_m[::-1])
    source = ClimbSource.DEM if trace.source == SOURCE_NODES else ClimbSource.ESTIMATE
    assert trace.source in (SOURCE_NODES, SOURCE_ESTIMATE)
    return trace, ClimbFigures(float(up[-1]), float(down[-1]), source,
                               trace.missing_m if source == ClimbSource.DEM else 0.0, dems,
                               missing)


def unsurveyed_spans(route: RouteRecord, line: RouteLine,
                     under: Callable[[], Sequence[Mapping[str, object] | None]]
                     ) -> tuple[Span, ...]:
    """The router's own stretches (exact, from the edges' provenance), placed on the sheet's
    geodesic axis; a course without them (imported, older) is read from the edges ``under`` it
    (asked only then)."""
    spans = stretches_from_stats(route.stats)
    stored = route.stats.get("length_m")
    if spans and isinstance(stored, int | float) and stored > 0:
        scale = line.length_m / float(stored)
        return tuple(Span(s.name, s.start_m * scale, min(s.end_m * scale, line.length_m))
                     for s in spans)
    if "unsurveyed_spans" in route.stats:
        return ()
    edges = under()
    step = line.length_m / len(edges) if edges else 0.0
    return tuple(Span("liaison", i * step, (i + 1) * step) for i, edge in enumerate(edges)
                 if edge is not None and not is_surveyed(edge))


def cavalier_m(route: RouteRecord, line: RouteLine) -> float:
    share = route.stats.get("layer_share", {}) or {}
    return float(share.get("cavalier", 0.0)) * line.length_m


@dataclass(frozen=True)
class CourseFigures:
    """What a list of candidate courses shows of each, as its sheet has it."""

    length_m: float
    climb: ClimbFigures
    cavalier_share: float
    unsurveyed_m: float


def course_figures(network: Network, route: RouteRecord) -> CourseFigures:
    """Length, climb, share on the cavaliers and unsurveyed length of ``route``'s sheet."""
    line = RouteLine(route.geometry)
    _trace, climb = climb_figures(network, line)
    spans = unsurveyed_spans(route, line,
                             lambda: edges_along(network, line, SURFACE_STEP_M)[1])
    length = line.length_m
    return CourseFigures(length, climb, cavalier_m(route, line) / length if length else 0.0,
                         sum(s.end_m - s.start_m for s in spans))
