"""What the volunteers who mark the course (« baliseurs ») need, as plain values: per format every
decision in course order with its arrows and tape, the junctions shared by several formats once,
the places where formats part, km markers, tape per km and a split into teams.

Figures come from :func:`routes.outputs.decisions.course_decisions` (distances along the
format's stored geometry); nothing here measures the course again.

Counting rule (:data:`TAPES`, stated in the document): one arrow per decision; tape before the
junction and as confirmation after it (3 for a turn, 2 straight on or for a U-turn), one more to
close off each other way on the ground; and reassurance tape every :data:`REASSURANCE_M`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from app.model import Event
from routes.errors import CavalierError
from routes.frenchfmt import number
from routes.outputs.decisions import TURN_TEXT, CourseDecisions, Decision, Section
from routes.outputs.stats import geodesic_steps

TAPES = {"left": 3, "right": 3, "straight": 2, "u_turn": 2}
REASSURANCE_M = 500.0
KM_MARKER_M = 5000.0
DEFAULT_TEAMS = 3


class MarkingError(CavalierError, ValueError):
    """The marking plan cannot be made (no route, unknown format, unwritable file)."""


@dataclass(frozen=True)
class MarkPoint:
    number: int  # 1, 2… in the format's course order
    distance_m: float
    decision: Decision
    arrows: int
    tapes: int
    shared: int | None = None  # number of the shared junction (« C2 ») marked once for all
    marks_shared: bool = False  # this format's teams mark that shared junction for everyone

    @property
    def label(self) -> str:
        return f"C{self.shared}" if self.shared is not None else str(self.number)


@dataclass(frozen=True)
class KmMarker:
    km: int
    lon: float
    lat: float


@dataclass(frozen=True)
class Team:
    number: int
    start_m: float
    end_m: float
    lon: float  # where the team starts
    lat: float
    points: int
    arrows: int
    tapes: int


@dataclass(frozen=True)
class FormatPlan:
    name: str
    length_m: float
    points: tuple[MarkPoint, ...]
    sections: tuple[Section, ...]
    partings: tuple[str, ...]  # « km 12,4 : « Semi 21 km » tourne à droite, … tout droit »
    km_markers: tuple[KmMarker, ...]
    tapes_per_km: tuple[int, ...]  # index i: km i to i+1
    teams: tuple[Team, ...]

    @property
    def arrows(self) -> int:
        """Arrows this format's teams place (the shared junctions they mark included)."""
        return sum(p.arrows for p in self.points if p.shared is None or p.marks_shared)

    @property
    def tapes(self) -> int:
        return sum(self.tapes_per_km)


@dataclass(frozen=True)
class SharedJunction:
    number: int
    decision: Decision  # as the first format (in the event's order) sees it
    passages: tuple[tuple[str, float, str], ...]  # (format, distance_m, instruction)
    arrows: int
    tapes: int


@dataclass(frozen=True)
class MarkingPlan:
    event: str
    formats: tuple[FormatPlan, ...]
    shared: tuple[SharedJunction, ...]

    @property
    def arrows(self) -> int:
        """Arrows to place for the whole event, a shared junction counted once."""
        return sum(f.arrows for f in self.formats)

    @property
    def tapes(self) -> int:
        """Tape for the whole event (each format's count holds the shared junctions it marks)."""
        return sum(f.tapes for f in self.formats)


def km_text(metres: float) -> str:
    return number(metres / 1000.0, 1)


def decision_arrows(decision: Decision) -> int:
    return 1


def decision_tapes(decision: Decision) -> int:
    closed = sum(1 for w in decision.ways if w.role == "other")
    return TAPES[decision.turn] + (0 if decision.turn == "u_turn" else closed)


def _verb(turn: str | None) -> str:
    if turn == "u_turn":
        return "fait demi-tour"
    if turn in ("left", "right"):
        return f"tourne {TURN_TEXT[turn]}"
    return "va tout droit"


def partings(name: str, decisions: Sequence[Decision]) -> list[str]:
    """Where another format leaves this course or joins it, in words."""
    lines = []
    for d in decisions:
        parts = {p.format_name: p for p in d.others if p.parts}
        joins = sorted({p.format_name for p in d.others if p.joins and p.format_name not in parts})
        for other, p in parts.items():
            lines.append(f"km {km_text(d.distance_m)} : « {other} » {_verb(p.turn)}, "
                         f"« {name} » {_verb(d.turn)} ({d.way_name or 'voie sans nom'})")
        for other in joins:
            lines.append(f"km {km_text(d.distance_m)} : « {other} » rejoint le parcours")
    return lines


def _interpolate(lonlat: np.ndarray, cumulative: np.ndarray, at: float) -> tuple[float, float]:
    return (float(np.interp(at, cumulative, lonlat[:, 0])),
            float(np.interp(at, cumulative, lonlat[:, 1])))


def _teams(points: Sequence[MarkPoint], reassurance: Sequence[float], length_m: float,
           lonlat: np.ndarray, cumulative: np.ndarray, count: int) -> tuple[Team, ...]:
    """``count`` continuous stretches with about the same work (arrows and tape) each; a shared
    junction is the work of the first format passing there (:attr:`MarkPoint.marks_shared`)."""
    own = [p for p in points if p.shared is None or p.marks_shared]
    work = sorted([(p.distance_m, p.arrows + p.tapes) for p in own]
                  + [(at, 1) for at in reassurance])
    count = max(1, min(count, len(work)))
    total = sum(w for _d, w in work) or 1
    cuts = [0.0]
    done = 0
    for (distance, w), following in zip(work, [*work[1:], (length_m, 0)], strict=True):
        done += w
        if len(cuts) < count and done >= total * len(cuts) / count:
            cuts.append((distance + following[0]) / 2)
    cuts.append(length_m)
    teams = []
    for i, (start, end) in enumerate(itertools.pairwise(cuts)):
        last = i == len(cuts) - 2
        inside = [p for p in points
                  if start <= p.distance_m < end or (last and p.distance_m >= end)]
        mine = [p for p in inside if p.shared is None or p.marks_shared]
        lon, lat = _interpolate(lonlat, cumulative, start)
        tapes = sum(p.tapes for p in mine) + sum(1 for at in reassurance if start <= at < end)
        teams.append(Team(i + 1, start, end, lon, lat, len(inside), sum(p.arrows for p in mine),
                          tapes))
    return tuple(teams)


def format_plan(name: str, geometry: Sequence[Sequence[float]], found: CourseDecisions, *,
                teams: int = DEFAULT_TEAMS,
                shared_numbers: Mapping[int, int] | None = None,
                marked_here: Mapping[int, SharedJunction] | None = None) -> FormatPlan:
    """One format's plan; ``shared_numbers``: node -> number of the shared junction;
    ``marked_here``: the shared junctions (by node) this format's teams mark for everyone."""
    lonlat = np.asarray([(float(p[0]), float(p[1])) for p in geometry], dtype=float)
    cumulative = np.concatenate([[0.0], np.cumsum(geodesic_steps(lonlat))])  # the sheet's axis
    scale = float(cumulative[-1]) / found.length_m if found.length_m else 1.0
    length = float(cumulative[-1])
    points = []
    claimed = dict(marked_here or {})
    for i, d in enumerate(found.decisions):
        shared = (shared_numbers or {}).get(d.node)
        junction = claimed.pop(d.node, None)
        if junction is not None:  # the first passage marks it, with every format's arrows
            points.append(MarkPoint(i + 1, d.distance_m * scale, d, junction.arrows,
                                    junction.tapes, shared, marks_shared=True))
            continue
        points.append(MarkPoint(i + 1, d.distance_m * scale, d, decision_arrows(d),
                                decision_tapes(d), shared))
    kms = max(1, math.ceil(length / 1000.0))
    per_km = [0] * kms
    reassurance = [float(at) for at in np.arange(REASSURANCE_M, length, REASSURANCE_M)]
    for at in reassurance:
        per_km[min(int(at // 1000.0), kms - 1)] += 1
    for p in points:
        if p.shared is None or p.marks_shared:
            per_km[min(int(p.distance_m // 1000.0), kms - 1)] += p.tapes
    markers = tuple(KmMarker(int(at // 1000), *_interpolate(lonlat, cumulative, at))
                    for at in np.arange(KM_MARKER_M, length, KM_MARKER_M))
    return FormatPlan(name, length, tuple(points), found.sections,
                      tuple(partings(name, found.decisions)), markers, tuple(per_km),
                      _teams(points, reassurance, length, lonlat, cumulative, teams))


def marking_plan(event: Event, decisions: Mapping[str, CourseDecisions], *,
                 teams: int = DEFAULT_TEAMS, only: str | None = None) -> MarkingPlan:
    """The event's plan from each routed format's decisions (in the event's format order)."""
    routed = [f for f in event.formats if f.route is not None and f.name in decisions
              and (only is None or f.name == only)]
    if not routed:
        raise MarkingError(f"« {only} » : format inconnu ou sans parcours." if only else
                           f"{event.name} : aucun format n'a de parcours ; pas de plan de "
                           "balisage.")
    seen: dict[int, list[tuple[str, Decision]]] = {}
    for fmt in routed:
        for d in decisions[fmt.name].decisions:
            seen.setdefault(d.node, []).append((fmt.name, d))
    shared: list[SharedJunction] = []
    numbers: dict[int, int] = {}
    for node, entries in seen.items():
        if len({name for name, _d in entries}) < 2:
            continue
        numbers[node] = len(shared) + 1
        first = entries[0][1]
        shared.append(SharedJunction(
            numbers[node], first,
            tuple((name, d.distance_m, d.instruction) for name, d in entries),
            max(decision_arrows(d) for _n, d in entries) * len({d.turn for _n, d in entries}),
            max(decision_tapes(d) for _n, d in entries)))
    by_node = {node: shared[n - 1] for node, n in numbers.items()}
    plans = []
    for fmt in routed:
        if fmt.route is None:
            continue
        nodes = {d.node for d in decisions[fmt.name].decisions}
        mine = {node: junction for node, junction in by_node.items() if node in nodes}
        for node in mine:
            del by_node[node]
        plans.append(format_plan(fmt.name, fmt.route.geometry, decisions[fmt.name], teams=teams,
                                 shared_numbers=numbers, marked_here=mine))
    return MarkingPlan(f"{event.name} {event.edition_year}", tuple(plans), tuple(shared))
