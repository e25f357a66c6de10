"""The event domain: an event, its formats (or stages, or rounds), waypoints and volunteers.

Plain frozen values, no Qt. Routes are kept as engine-independent data (:class:`RouteRecord`) so a
project file stays readable whatever the routing core becomes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Discipline(StrEnum):
    TRAIL = "trail"
    VTT = "vtt"
    RAID = "raid"
    RANDO = "rando"
    VELO = "velo"
    COURSE_ORIENTATION = "course-orientation"
    CANOE = "canoe"
    TIR_ARC = "tir-arc"
    ESCALADE = "escalade"
    RUN_BIKE = "run-bike"

    @property
    def label(self) -> str:
        return _DISCIPLINE_LABELS[self]


_DISCIPLINE_LABELS = {
    Discipline.TRAIL: "Trail",
    Discipline.VTT: "VTT",
    Discipline.RAID: "Raid multisport",
    Discipline.RANDO: "Randonnée pédestre",
    Discipline.VELO: "Vélo",
    Discipline.COURSE_ORIENTATION: "Course d'orientation",
    Discipline.CANOE: "Canoë-kayak",
    Discipline.TIR_ARC: "Tir à l'arc",
    Discipline.ESCALADE: "Escalade",
    Discipline.RUN_BIKE: "Run & bike",
}


class WaypointKind(StrEnum):
    AID_STATION = "ravitaillement"
    EPREUVE = "epreuve"
    CHECKPOINT = "pointage"
    FIRST_AID = "secours"
    MARSHAL_POST = "signaleur"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    WaypointKind.AID_STATION: "Ravitaillement",
    WaypointKind.EPREUVE: "Épreuve",
    WaypointKind.CHECKPOINT: "Point de contrôle",
    WaypointKind.FIRST_AID: "Poste de secours",
    WaypointKind.MARSHAL_POST: "Poste de signaleur",
}


@dataclass(frozen=True)
class Stop:
    label: str
    lon: float
    lat: float


@dataclass(frozen=True)
class RouteRecord:
    """A computed route as plain data: what the routing core produced, frozen into the project.

    ``stats`` keys used here: ``length_m``, ``climb_m``, ``layer_share`` (layer -> fraction),
    ``ruptures`` (ids of the rupture points crossed), ``terrils`` (refs of the terrils visited).
    """

    profile: str
    stops: tuple[Stop, ...]
    geometry: tuple[tuple[float, ...], ...] = ()
    stats: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ruptures_crossed(self) -> tuple[str, ...]:
        return tuple(str(r) for r in self.stats.get("ruptures", ()))

    @property
    def terrils_visited(self) -> tuple[str, ...]:
        return tuple(str(t) for t in self.stats.get("terrils", ()))

    @property
    def length_km(self) -> float:
        return float(self.stats.get("length_m", 0.0)) / 1000.0


@dataclass(frozen=True)
class Waypoint:
    kind: WaypointKind
    label: str
    lon: float
    lat: float
    discipline: Discipline | None = None  # only for an épreuve
    note: str = ""

    def __post_init__(self) -> None:
        if self.discipline is not None and self.kind is not WaypointKind.EPREUVE:
            raise ValueError(f"Seule une épreuve a une discipline (« {self.label} »)")


@dataclass(frozen=True)
class Format:
    """One format of an event: a distance of a trail, a stage of a raid, a round of a series."""

    name: str
    discipline: Discipline
    target_distance_km: float
    max_participants: int
    fee_eur: Decimal
    day: dt.date | None = None
    start_time: dt.time | None = None
    expected_participants: int | None = None  # None: the maximum is expected
    route: RouteRecord | None = None
    waypoints: tuple[Waypoint, ...] = ()
    marshals_override: int | None = None
    venue: str = ""  # e.g. the terril a round of a series is held on

    @property
    def expected(self) -> int:
        if self.expected_participants is None:
            return self.max_participants
        return self.expected_participants

    @property
    def marshals_computed(self) -> int:
        """One marshal per rupture point (road crossing, level crossing...) the route crosses."""
        return len(self.route.ruptures_crossed) if self.route else 0

    @property
    def marshals_needed(self) -> int:
        if self.marshals_override is not None:
            return self.marshals_override
        return self.marshals_computed


@dataclass(frozen=True)
class Event:
    name: str
    edition_year: int
    start_date: dt.date
    end_date: dt.date
    organiser: str
    formats: tuple[Format, ...] = ()
    is_series: bool = False  # each format is a round with its own budget
    template: str = ""

    def __post_init__(self) -> None:
        if self.end_date < self.start_date:
            raise ValueError(f"« {self.name} » : la date de fin précède la date de début")

    @property
    def expected_participants(self) -> int:
        return sum(f.expected for f in self.formats)

    @property
    def marshals_needed(self) -> int:
        return sum(f.marshals_needed for f in self.formats)

    def format_named(self, name: str) -> Format:
        for fmt in self.formats:
            if fmt.name == name:
                return fmt
        raise KeyError(name)

    def next_edition(self) -> Event:
        """Same event one year later: same weekday (dates moved by 52 weeks), same formats."""
        shift = dt.timedelta(weeks=52)
        if (self.start_date + shift).year == self.start_date.year:
            shift += dt.timedelta(weeks=1)
        return replace(
            self,
            edition_year=self.edition_year + 1,
            start_date=self.start_date + shift,
            end_date=self.end_date + shift,
            formats=tuple(
                replace(f, day=f.day + shift if f.day else None) for f in self.formats
            ),
        )
