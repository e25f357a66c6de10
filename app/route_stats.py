"""The route panel's figures (no Qt here): a view of the course sheet, never a computation of
its own, so the window shows what every document prints."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np

from app.model import ComputedRoute, Discipline, Event, Format, RouteRecord, route_record
from app.sheet import CourseSheet, sheet_of
from routes.network.model import Network

#: At most this many points on the chart (a 100 km race has 10 000 samples of 10 m).
MAX_PROFILE_POINTS = 2000


@dataclass(frozen=True)
class ProfilePoint:
    distance_km: float
    elevation_m: float
    lon: float
    lat: float


@dataclass(frozen=True)
class ProfileMark:
    """A point shown on the profile: a stop of the route (waypoint) or a terril summit."""

    distance_km: float
    label: str
    kind: str  # "stop" or "terril"


@dataclass
class RouteStats:
    length_m: float
    climb_m: float | None
    descent_m: float | None
    cavalier_share: float
    tvb_share: float
    ruptures: list[str]
    terrils: list[str]  # climbed
    communes: list[str] = field(default_factory=list)
    profile: list[ProfilePoint] = field(default_factory=list)
    climb_estimated: bool = False  # from the terrils' heights, not measured on a DEM
    #: Length on unsurveyed edges; None for a route stored before provenance was kept.
    unsurveyed_m: float | None = 0.0
    #: (start_m, end_m, source) of each unsurveyed stretch.
    unsurveyed: list[tuple[float, float, str]] = field(default_factory=list)
    crossings_known: bool = True  # False on a network without roads nor railways
    marks: list[ProfileMark] = field(default_factory=list)
    unknown_practicability_m: float = 0.0  # old lines of unknown practicability
    climb_text: str = ""  # the D+ as the documents print it
    terrils_at_foot: list[str] = field(default_factory=list)  # « T074 (à 190 m du sommet) »
    posts: int = 0


def _profile(sheet: CourseSheet) -> list[ProfilePoint]:
    if not sheet.climb.known or len(sheet.profile_m) < 2:
        return []
    distances, heights = sheet.profile_m, sheet.profile_heights_m
    if len(distances) > MAX_PROFILE_POINTS:
        grid = np.linspace(0.0, float(distances[-1]), MAX_PROFILE_POINTS)
        heights = np.interp(grid, distances, heights)
        distances = grid
    lons = np.interp(distances, sheet.cumulative_m, sheet.lonlat[:, 0])
    lats = np.interp(distances, sheet.cumulative_m, sheet.lonlat[:, 1])
    return [ProfilePoint(d / 1000.0, float(h), float(x), float(y))
            for d, h, x, y in zip(distances.tolist(), heights.tolist(), lons.tolist(),
                                  lats.tolist(), strict=True) if np.isfinite(h)]


def stats_of_sheet(sheet: CourseSheet, record: RouteRecord) -> RouteStats:
    stop_marks = [ProfileMark(p.distance_m / 1000.0, p.name, "stop")
                  for p in sheet.waypoints]
    summit_marks = [ProfileMark(t.distance_m / 1000.0, t.ref, "terril")
                    for t in sheet.terrils_climbed]
    return RouteStats(
        length_m=sheet.length_m,
        climb_m=sheet.climb.d_plus, descent_m=sheet.climb.d_minus,
        climb_estimated=sheet.climb.estimated,
        cavalier_share=sheet.share(sheet.cavalier_m), tvb_share=sheet.share(sheet.tvb_m),
        ruptures=[c.label for c in sheet.crossings],
        terrils=[t.ref for t in sheet.terrils_climbed],
        communes=[c.name for c in sheet.communes],
        profile=_profile(sheet),
        unsurveyed_m=sheet.unsurveyed_m if record.unsurveyed_m is not None else None,
        unsurveyed=[(s.start_m, s.end_m, s.name) for s in sheet.unsurveyed],
        crossings_known=sheet.crossings_known,
        marks=sorted(stop_marks + summit_marks, key=lambda m: m.distance_km),
        unknown_practicability_m=sheet.unknown_practicability_m,
        climb_text=sheet.climb.text(),
        terrils_at_foot=[f"{t.ref} (à {t.summit_offset_m:.0f} m du sommet)"
                         for t in sheet.terrils_at_foot],
        posts=len(sheet.posts))


def course_stats(network: Network, record: RouteRecord, fmt: Format | None,
                 event: Event | None) -> RouteStats:
    """The panel's figures of ``record`` as the format's course (a scratch course when there
    is no format)."""
    base = fmt or Format("Parcours", Discipline.TRAIL, 0.0, 0, Decimal(0))
    return stats_of_sheet(sheet_of(event, replace(base, route=record), network, decisions=False),
                          record)


def route_figures(network: Network, route: ComputedRoute) -> RouteStats:
    """The panel's figures of a computed route, outside any format."""
    return course_stats(network, route_record(route), None, None)


def nearest_profile_point(points: list[ProfilePoint], distance_km: float) -> ProfilePoint | None:
    if not points:
        return None
    return min(points, key=lambda p: abs(p.distance_km - distance_km))
