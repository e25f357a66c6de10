"""Where a format runs: communes with km in each, départements, roads used and crossed.

Built on :func:`routes.outputs.stats.route_stats` (communes from polygons when the network has
them, else
from the nearest commune centre, said so). Commune INSEE codes come from the commune layer
(``insee`` property) or the places index (``commune:INSEE`` keys); the département is its first
two digits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.dossier.declaration import Commune
from app.model import Format
from app.sheet.segments import Segments
from routes.network.layers import LayerKind
from routes.network.model import Network
from routes.outputs.stats import RouteLine, RouteStats, Span, route_stats

#: Less than this inside a commune outline is a boundary sliver (outlines are simplified ~10 m),
#: not a commune crossed.
MIN_COMMUNE_M = 25.0


@dataclass(frozen=True)
class CommuneLength:
    commune: Commune
    length_m: float
    first_km: float


@dataclass
class Itinerary:
    fmt: Format
    stats: RouteStats
    communes: list[CommuneLength]

    @property
    def departments(self) -> list[str]:
        return sorted({c.commune.department for c in self.communes if c.commune.department})

    def commune_at(self, distance_m: float) -> str:
        for span in self.stats.communes:
            if span.start_m <= distance_m <= span.end_m:
                return span.name
        return ""


def commune_lengths(spans: list[Span], codes: Mapping[str, str]) -> list[CommuneLength]:
    totals: dict[str, list[float]] = {}
    for span in spans:
        entry = totals.setdefault(span.name, [0.0, span.start_m])
        entry[0] += span.end_m - span.start_m
    return [CommuneLength(Commune(name, codes.get(name, "")), length, first / 1000.0)
            for name, (length, first) in totals.items()]


def outline_lengths(network: Network, coords: Sequence[Sequence[float]], length_m: float,
                    codes: Mapping[str, str]) -> list[CommuneLength] | None:
    """Exact length of the route inside each commune outline (None: the network has none).
    The 100 m samples of the roadbook's spans can miss a commune the route only clips."""
    outlines = [f for f in (network.layers.of(LayerKind.COMMUNE) if network.layers else ())
                if "Polygon" in f.geometry.geom_type]
    if not outlines:
        return None
    segments = Segments(RouteLine(coords))
    found = []
    for feature in outlines:
        length, entry = segments.inside(feature.geometry)
        if length >= MIN_COMMUNE_M and entry is not None:
            found.append(CommuneLength(Commune(feature.name, codes.get(feature.name, "")),
                                       length, entry / 1000.0))
    return sorted(found, key=lambda c: c.first_km)


def itinerary_for(fmt: Format, network: Network, codes: Mapping[str, str]) -> Itinerary:
    route = fmt.route
    assert route is not None and len(route.geometry) >= 2
    length = route.stats.get("length_m")
    stats = route_stats(network, route.geometry,
                        length_m=float(length) if isinstance(length, int | float) else None,
                        rupture_ids=route.ruptures_crossed, waypoints=fmt.waypoints)
    exact = outline_lengths(network, route.geometry, stats.length_m, codes)
    return Itinerary(fmt, stats, exact if exact is not None
                     else commune_lengths(stats.communes, codes))
