"""Loop, race and variant generation from the routing engine (routes.loops), for the route panel.

A generated route becomes route points placed along it (one every ~600 m, on network nodes), so
the user can drag them like any other point and the route recomputed through them follows the
generated one.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Sequence
from typing import Any

from routes.geodesy import haversine_m
from routes.network import Network
from routes.progress import CancelCallback, ProgressCallback
from ui.editing import VIA, MapPoint

SPACING_M = 600.0


def _loops() -> Any:
    return importlib.import_module("routes.loops")


def available() -> tuple[bool, str]:
    try:
        _loops()
    except ImportError:
        return False, "Génération indisponible : le moteur de boucles (routes.loops) est absent."
    return True, ""


def stops_along(coords: Sequence[tuple[float, float]], *, latlon: bool = False,
                spacing_m: float = SPACING_M) -> tuple[MapPoint, ...]:
    """Route points every ``spacing_m`` along a line (first and last point always kept)."""
    points = [(c[1], c[0]) if latlon else (c[0], c[1]) for c in coords]
    if len(points) < 2:
        return ()
    kept = [points[0]]
    run = 0.0
    for a, b in itertools.pairwise(points):
        run += haversine_m(a[0], a[1], b[0], b[1])
        if run >= spacing_m:
            kept.append(b)
            run = 0.0
    if kept[-1] != points[-1]:
        kept.append(points[-1])
    return tuple(MapPoint(VIA, lon, lat, f"Point {i + 1}") for i, (lon, lat) in enumerate(kept))


def generate(network: Network, kind: str, start: MapPoint, profile: str, target_km: float, *,
             progress: ProgressCallback | None = None,
             cancel: CancelCallback | None = None) -> tuple[MapPoint, ...]:
    """Route points of a generated loop / race / first variant starting at ``start``."""
    loops = _loops()
    origin: Any = network.places.get(start.place_key) if start.place_key else None
    origin = origin if origin is not None else (start.lon, start.lat)
    route = loops.generate(network, kind, origin, profile, target_km * 1000.0,
                           progress=progress, cancel=cancel)
    stops = stops_along(route.coords)
    if start.place_key:
        stops = (start, *stops[1:-1], start) if kind == "loop" else (start, *stops[1:])
    return stops
