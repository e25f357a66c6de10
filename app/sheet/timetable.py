"""A stage's timetable: leg by leg, the expected (head) and cut-off times, computed once.

Each moving leg runs at its own pace from where the previous leg let the teams go; an épreuve or
a transition adds its duration to the expected time and its limit to the cut-off. A format without
legs is one leg at the format's pace, which gives exactly the times of a single-pace course.
Positions are metres on the course sheet's axis (the legs' courses joined, in order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from app.legs import (
    KIND_OF_DISCIPLINE,
    duration_text,
    leg_pace,
    legs_match_course,
    stage_legs,
)
from app.model import Format, Leg, LegError, LegKind, Pace, Stop
from app.sheet.model import CommuneKm, SheetPoint
from routes.outputs.stats import Span, geodesic_steps
from routes.provenance import PRACTICABILITY_UNKNOWN

ClimbAt = Callable[[float], float | None]
Passage = tuple[dt.timedelta | None, dt.timedelta | None]


@dataclass(frozen=True)
class LegTimes:
    """One leg in the stage's timetable (distances on the sheet's axis, times after the
    stage's start)."""

    number: int  # 1 = the stage's first leg
    kind: LegKind
    title: str  # « VTT », « Transition — parc à vélos »
    start_m: float
    end_m: float
    head_start: dt.timedelta  # expected time a mid-pack team starts the leg
    head_end: dt.timedelta
    cutoff_start: dt.timedelta
    cutoff_end: dt.timedelta
    pace: Pace | None = None  # a moving leg's pace
    duration: dt.timedelta | None = None  # an épreuve's or a transition's expected duration
    limit: dt.timedelta | None = None  # ... and how long it may keep a team
    start_label: str = ""
    end_label: str = ""
    climb_m: float | None = None  # D+ of the leg (None: unknown)
    unsurveyed_m: float = 0.0
    unknown_practicability_m: float = 0.0
    hand_drawn: bool = False
    profile: str = ""
    points: tuple[SheetPoint, ...] = field(default=())  # the sheet's points on this leg
    mark: str = ""  # the name of an épreuve's or a transition's point on the course
    #: The communes the leg crosses, km in each (app.sheet.leg_communes; none for a site).
    communes: tuple[CommuneKm, ...] = field(default=())

    @property
    def moving(self) -> bool:
        return self.kind.moving

    @property
    def length_m(self) -> float:
        return self.end_m - self.start_m


@dataclass(frozen=True)
class Timetable:
    """The stage's legs, timed; :meth:`passage` gives the times at any point of the course."""

    legs: tuple[LegTimes, ...]
    climb_at: ClimbAt = field(repr=False, compare=False)
    #: The format has legs, but not on its current course (to route again: ``cavalier leg``).
    stale_legs: bool = False

    @property
    def head_finish(self) -> dt.timedelta:
        return self.legs[-1].head_end

    @property
    def cutoff_finish(self) -> dt.timedelta:
        return self.legs[-1].cutoff_end

    @property
    def has_legs(self) -> bool:
        """More than the one implicit leg of a format without legs."""
        return len(self.legs) > 1

    def leg_at(self, distance_m: float) -> LegTimes:
        """The first moving leg that reaches ``distance_m`` (a point where two legs meet belongs
        to the one arriving there)."""
        moving = [leg for leg in self.legs if leg.moving]
        for leg in moving:
            if distance_m <= leg.end_m + 1e-6:
                return leg
        return moving[-1]

    def passage(self, distance_m: float) -> Passage:
        """(expected time, cut-off) after the stage's start at ``distance_m``: the first time
        teams reach it."""
        leg = self.leg_at(distance_m)
        assert leg.pace is not None
        along = max(0.0, distance_m - leg.start_m)
        start_climb, here_climb = self.climb_at(leg.start_m), self.climb_at(distance_m)
        climb = (None if start_climb is None or here_climb is None
                 else max(0.0, here_climb - start_climb))
        return (leg.head_start + leg.pace.expected(along, climb),
                leg.cutoff_start + leg.pace.cutoff(along, climb))


def _leg_bounds(legs: Sequence[Leg], length_m: float) -> list[tuple[float, float]]:
    """Start and end of each leg on the sheet's axis (the legs' geometries joined as
    :func:`app.legs.joined_record` joins them), scaled onto the sheet's length. A leg that
    starts away from where the previous one ends begins with the straight line to its start."""
    bounds: list[tuple[float, float]] = []
    here = 0.0
    last: tuple[float, ...] | None = None
    for leg in legs:
        if not leg.kind.moving or leg.route is None or len(leg.route.geometry) < 2:
            bounds.append((here, here))
            continue
        coords = np.asarray([p[:2] for p in leg.route.geometry], dtype=float)
        length = float(geodesic_steps(coords).sum())
        if last is not None and tuple(coords[0]) != last:  # getting to where the leg starts
            length += float(geodesic_steps(np.asarray([last, coords[0]], dtype=float))[0])
        bounds.append((here, here + length))
        here += length
        last = tuple(coords[-1])
    scale = length_m / here if here > 0 else 1.0
    return [(a * scale, b * scale) for a, b in bounds]


def _inside(spans: Sequence[Span], start: float, end: float) -> float:
    return sum(max(0.0, min(s.end_m, end) - max(s.start_m, start)) for s in spans)


def _old_lines(under: Sequence[Mapping[str, object] | None], step: float, start: float,
               end: float) -> float:
    total = 0.0
    for index, edge in enumerate(under):
        if edge is not None and edge.get("practicability") == PRACTICABILITY_UNKNOWN:
            total += max(0.0, min((index + 1) * step, end) - max(index * step, start))
    return total


def _label(stop: Stop | None) -> str:
    return stop.label if stop is not None else ""


def timetable_of(fmt: Format, length_m: float, climb_at: ClimbAt, pace: Pace, *,
                 unsurveyed: Sequence[Span] = (),
                 under: Sequence[Mapping[str, object] | None] = ()) -> Timetable:
    """The timetable of ``fmt`` on a course of ``length_m`` (the sheet's); ``pace`` is the
    format's, used by the one leg of a format without legs. Legs whose courses are not the
    format's course (not routed yet, or the course redrawn since) are not used: the course is
    then one leg, and the timetable says so (``stale_legs``)."""
    stale = bool(fmt.legs) and not legs_match_course(fmt)
    implicit = not fmt.legs or stale
    step = length_m / len(under) if under else 0.0
    if implicit:
        route = fmt.route
        assert route is not None and len(route.geometry) >= 2
        first = route.stops[0] if route.stops else Stop("Départ", *route.geometry[0][:2])
        last = route.stops[-1] if route.stops else Stop("Arrivée", *route.geometry[-1][:2])
        kind = KIND_OF_DISCIPLINE.get(fmt.discipline, LegKind.TRAIL)
        legs: tuple[Leg, ...] = (Leg(kind, start=first, end=last, pace=pace),)
        bounds = [(0.0, length_m)]
    else:
        legs = stage_legs(fmt)
        bounds = _leg_bounds(legs, length_m)
    head = cutoff = dt.timedelta(0)
    timed: list[LegTimes] = []
    for number, (leg, (start, end)) in enumerate(zip(legs, bounds, strict=True), start=1):
        if leg.kind.moving:
            leg_pace_ = pace if implicit else leg_pace(leg)
            a, b = climb_at(start), climb_at(end)
            climb = None if a is None or b is None else max(0.0, b - a)
            head_end = head + leg_pace_.expected(end - start, climb)
            cutoff_end = cutoff + leg_pace_.cutoff(end - start, climb)
            timed.append(LegTimes(
                number, leg.kind, leg.title, start, end, head, head_end, cutoff, cutoff_end,
                pace=leg_pace_, start_label=_label(leg.start), end_label=_label(leg.end),
                climb_m=climb, unsurveyed_m=_inside(unsurveyed, start, end),
                unknown_practicability_m=(_old_lines(under, step, start, end)
                                          if step and not leg.hand_drawn else 0.0),
                hand_drawn=leg.hand_drawn,
                profile=leg.profile or (leg.route.profile if leg.route else "")))
        else:
            assert leg.duration is not None
            head_end, cutoff_end = head + leg.duration, cutoff + leg.cutoff_duration
            timed.append(LegTimes(
                number, leg.kind, leg.title, start, end, head, head_end, cutoff, cutoff_end,
                duration=leg.duration, limit=leg.cutoff_duration, start_label=_label(leg.start),
                end_label=_label(leg.start), climb_m=0.0,
                mark=leg.name or leg.title if leg.kind is LegKind.EPREUVE else leg.title))
        head, cutoff = head_end, cutoff_end
    if not any(t.moving for t in timed):
        raise LegError(f"« {fmt.name} » : aucun tronçon à parcourir.")
    return Timetable(tuple(timed), climb_at, stale_legs=stale)


def leg_marks(timetable: Timetable, point_at: Callable[[float], tuple[float, float]],
              climb_at: ClimbAt) -> list[SheetPoint]:
    """A point on the course for each épreuve and transition (where it stands) and for each
    change of discipline without a transition between: read by every document as a checkpoint
    (transitions, changes) or an épreuve."""
    if not timetable.has_legs:
        return []
    marks: list[SheetPoint] = []
    previous: LegTimes | None = None
    for leg in timetable.legs:
        at = leg.start_m
        lon, lat = point_at(at)
        if leg.kind is LegKind.EPREUVE:
            planned = duration_text(leg.duration)
            marks.append(SheetPoint(leg.mark, "epreuve", lon, lat, at, 0.0, climb_at(at),
                                    f"épreuve sur site, durée prévue {planned}"))
        elif leg.kind is LegKind.TRANSITION:
            marks.append(SheetPoint(leg.mark, "controle", lon, lat, at, 0.0, climb_at(at),
                                    f"transition, durée prévue {duration_text(leg.duration)}"))
        elif previous is not None and previous.moving and previous.kind != leg.kind:
            marks.append(SheetPoint(f"Changement : {previous.kind.label} → {leg.kind.label}",
                                    "controle", lon, lat, at, 0.0, climb_at(at)))
        previous = leg
    return marks


def with_points(timetable: Timetable, points: Sequence[SheetPoint]) -> Timetable:
    """The timetable with the sheet's points given to the legs they stand on: an épreuve's or a
    transition's own point to it, every other point to the moving leg that reaches it first."""
    static = {(leg.mark, round(leg.start_m)): leg.number for leg in timetable.legs
              if not leg.moving}
    owner: dict[int, list[SheetPoint]] = {leg.number: [] for leg in timetable.legs}
    for point in points:
        number = static.get((point.name, round(point.distance_m)))
        owner[number if number is not None else timetable.leg_at(point.distance_m).number] \
            .append(point)
    return replace(timetable, legs=tuple(replace(leg, points=tuple(owner[leg.number]))
                                         for leg in timetable.legs))
