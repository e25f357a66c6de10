"""What the map draws of a stage with legs (no Qt here): each leg in its discipline's colour
(:data:`app.legs.LEG_COLORS`), épreuves and transitions as rings around their site (a route point
stands there: its marker stays readable inside; several on one site: rings one around the other,
``ring`` 0, 1…), and one legend entry per discipline present.
"""

from __future__ import annotations

from typing import Any

from app.legs import LEG_COLORS, leg_summary, legs_on_course
from app.model import Format, Leg
from app.project_plan import record_geojson


def _leg_feature(index: int, leg: Leg, selected: bool, ring: int = 0) -> dict[str, Any] | None:
    properties: dict[str, Any] = {"role": "troncon" if leg.kind.moving else "site", "leg": index,
                                  "kind": leg.kind.value, "color": LEG_COLORS[leg.kind],
                                  "label": f"{index + 1}. {leg.title} — {leg_summary(leg)}",
                                  "selected": selected}
    if not leg.kind.moving:
        properties["ring"] = ring
    if leg.kind.moving:
        if leg.route is None or len(leg.route.geometry) < 2:
            return None
        return {"type": "Feature", "properties": properties,
                "geometry": {"type": "LineString",
                             "coordinates": [[round(p[0], 6), round(p[1], 6)]
                                             for p in leg.route.geometry]}}
    if leg.start is None:
        return None
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": "Point", "coordinates": [leg.start.lon, leg.start.lat]}}


def leg_legend(legs: tuple[Leg, ...]) -> list[list[str]]:
    """One legend entry per discipline present, in the order they first come: colour, label,
    "line" (a leg to ride or run) or "site" (an épreuve, a transition)."""
    seen: dict[str, list[str]] = {}
    for leg in legs:
        if leg.kind.value not in seen:
            seen[leg.kind.value] = [LEG_COLORS[leg.kind], leg.kind.label,
                                    "line" if leg.kind.moving else "site"]
    return list(seen.values())


def stage_geojson(fmt: Format, selected: int | None = None) -> dict[str, Any] | None:
    """The course of ``fmt`` for the map; a stage whose legs make its course has, over the
    course, its legs in their colours (``selected``: that leg's index, drawn wider) and a
    ``legend``. Without legs (or legs not on the current course): the plain course."""
    plain = record_geojson(fmt.route)
    legs = legs_on_course(fmt)
    if plain is None or not legs:
        return plain
    rings = site_rings(legs)
    features = [f for i, leg in enumerate(legs)
                if (f := _leg_feature(i, leg, i == selected, rings[i])) is not None]
    course, *stretches = plain["features"]
    return {"type": "FeatureCollection", "features": [course, *features, *stretches],
            "legend": leg_legend(legs)}


def site_rings(legs: tuple[Leg, ...]) -> list[int]:
    """For each (chained) leg, its épreuve's or transition's ring on its site: 0 for the first
    one standing there, 1 for the next one on the same site…; 0 for a moving leg."""
    seen: dict[tuple[float, float], int] = {}
    result = []
    for leg in legs:
        if leg.kind.moving or leg.start is None:
            result.append(0)
            continue
        place = (leg.start.lon, leg.start.lat)
        result.append(seen.get(place, 0))
        seen[place] = result[-1] + 1
    return result


def leg_bounds(leg: Leg) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of a leg's course, or of its site (None: nothing to show)."""
    if leg.kind.moving:
        points = [p[:2] for p in leg.route.geometry] if leg.route is not None else []
        if not points and leg.start is not None and leg.end is not None:
            points = [(s.lon, s.lat) for s in (leg.start, *leg.via, leg.end)]
    else:
        points = [(leg.start.lon, leg.start.lat)] if leg.start is not None else []
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    pad = 0.003
    return (min(lats) - pad, min(lons) - pad, max(lats) + pad, max(lons) + pad)
