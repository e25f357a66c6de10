"""The event domain: an event, its formats (or stages, or rounds), waypoints and volunteers.

Plain frozen values, no Qt. Routes are kept as engine-independent data (:class:`RouteRecord`) so a
project file stays readable whatever the routing core becomes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from app.project_rows import FIRST_YEAR, LAST_YEAR
from routes.errors import CavalierError
from routes.frenchfmt import short


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


# Volunteers a post usually needs (first aid is staffed by a professional association).
STAFF_PER_POST = {
    WaypointKind.AID_STATION: 4,
    WaypointKind.EPREUVE: 3,
    WaypointKind.CHECKPOINT: 2,
    WaypointKind.FIRST_AID: 0,
    WaypointKind.MARSHAL_POST: 1,
}


@dataclass(frozen=True)
class Volunteers:
    marshals: int  # one per rupture point crossed, unless overridden
    at_posts: int  # aid stations, épreuves, checkpoints, marshal posts

    @property
    def total(self) -> int:
        return self.marshals + self.at_posts

    def __add__(self, other: Volunteers) -> Volunteers:
        return Volunteers(self.marshals + other.marshals, self.at_posts + other.at_posts)


@dataclass(frozen=True)
class Stop:
    label: str
    lon: float
    lat: float


@dataclass(frozen=True)
class RouteRecord:
    """A computed route as plain data: what the routing core produced, frozen into the project.

    ``stats`` keys used here: ``length_m``, ``climb_m``, ``layer_share`` (layer -> fraction),
    ``ruptures`` (ids of the rupture points crossed), ``terrils`` (refs of the terrils visited),
    ``unsurveyed_m`` and ``unsurveyed_spans`` ([start_m, end_m] of each stretch on edges nobody
    surveyed, and its provenance source; absent from routes saved before provenance).
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

    @property
    def unsurveyed_m(self) -> float | None:
        """Length on unsurveyed edges; None for a route saved before provenance was kept."""
        value = self.stats.get("unsurveyed_m")
        return float(value) if isinstance(value, int | float) else None


class _StopLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def lon(self) -> float: ...
    @property
    def lat(self) -> float: ...


class _RuptureLike(Protocol):
    @property
    def ident(self) -> str: ...


class _StretchLike(Protocol):
    @property
    def start_m(self) -> float: ...
    @property
    def end_m(self) -> float: ...
    @property
    def source(self) -> str: ...


class ComputedRoute(Protocol):
    """What the routing core's route offers (routes.search.routing.Route), read without importing
    it."""

    profile: str
    length_m: float

    @property
    def stops(self) -> Sequence[_StopLike]: ...
    @property
    def coords(self) -> Sequence[Sequence[float]]: ...
    @property
    def layer_lengths(self) -> Mapping[str, float]: ...
    @property
    def ruptures(self) -> Sequence[_RuptureLike]: ...
    @property
    def terrils(self) -> Sequence[str]: ...
    @property
    def unsurveyed(self) -> Sequence[_StretchLike]: ...


def route_record(route: ComputedRoute) -> RouteRecord:
    """Freeze a computed route into project data (geometry, stats) independent of the engine."""
    length = float(route.length_m)
    stats: dict[str, Any] = {
        "length_m": length,
        "layer_share": {k: (v / length if length else 0.0) for k, v in route.layer_lengths.items()},
        "ruptures": [r.ident for r in route.ruptures],
        "terrils": list(route.terrils),
        "unsurveyed_m": sum(s.end_m - s.start_m for s in route.unsurveyed),
        "unsurveyed_spans": [[s.start_m, s.end_m, s.source] for s in route.unsurveyed],
    }
    return RouteRecord(
        profile=route.profile,
        stops=tuple(Stop(s.label, float(s.lon), float(s.lat)) for s in route.stops),
        geometry=tuple((float(p[0]), float(p[1])) for p in route.coords),
        stats=stats,
    )


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


# Bounds of a pace a human (on foot, bike or canoe) can hold over a course.
MIN_PACE_KMH, MAX_PACE_KMH = 0.5, 80.0
MIN_CLIMB_M_PER_H, MAX_CLIMB_M_PER_H = 10.0, 5000.0


class PaceError(CavalierError, ValueError):
    """An allure (pace model) that cannot be read or makes no sense."""


@dataclass(frozen=True)
class Pace:
    """A format's pace model: expected times and cut-offs along the course (app.exports.pace)."""

    speed_kmh: float  # flat speed of a mid-pack participant
    closing_kmh: float  # speed of the last participant the cut-off still lets through
    climb_m_per_h: float  # metres of D+ that cost one extra hour

    def __post_init__(self) -> None:
        if not (0 < self.closing_kmh <= self.speed_kmh and self.climb_m_per_h > 0):
            raise PaceError("Allure invalide : il faut 0 < vitesse de fermeture ≤ vitesse "
                            "moyenne et un dénivelé horaire positif.")
        if not (self.closing_kmh >= MIN_PACE_KMH and self.speed_kmh <= MAX_PACE_KMH
                and MIN_CLIMB_M_PER_H <= self.climb_m_per_h <= MAX_CLIMB_M_PER_H):
            raise PaceError(f"Allure invalide : vitesses entre {short(MIN_PACE_KMH)} et "
                            f"{short(MAX_PACE_KMH)} km/h, dénivelé horaire entre "
                            f"{short(MIN_CLIMB_M_PER_H)} et {short(MAX_CLIMB_M_PER_H)} m "
                            "attendus.")

    def expected(self, distance_m: float, climb_m: float | None) -> dt.timedelta:
        hours = distance_m / 1000 / self.speed_kmh + (climb_m or 0.0) / self.climb_m_per_h
        return dt.timedelta(hours=hours)

    def cutoff(self, distance_m: float, climb_m: float | None) -> dt.timedelta:
        hours = (distance_m / 1000 / self.closing_kmh
                 + (climb_m or 0.0) / (self.climb_m_per_h / 2))
        return dt.timedelta(hours=hours)

    def french(self) -> str:
        return (f"{short(self.speed_kmh)} km/h (fermeture {short(self.closing_kmh)} km/h), "
                f"+1 h par {short(self.climb_m_per_h)} m de D+")


class LegKind(StrEnum):
    """What teams do on one leg of a stage: a discipline on a course, an épreuve on a site, or a
    transition between two disciplines."""

    VTT = "vtt"
    TRAIL = "trail"
    MARCHE_NORDIQUE = "marche-nordique"
    CANOE = "canoe"
    ORIENTATION = "orientation"
    VELO_ROUTE = "velo-route"
    EPREUVE = "epreuve"
    TRANSITION = "transition"

    @property
    def label(self) -> str:
        return _LEG_LABELS[self]

    @property
    def moving(self) -> bool:
        """A leg on a course (routed or drawn); an épreuve or a transition stays on one site."""
        return self not in (LegKind.EPREUVE, LegKind.TRANSITION)


_LEG_LABELS = {
    LegKind.VTT: "VTT",
    LegKind.TRAIL: "Trail",
    LegKind.MARCHE_NORDIQUE: "Marche nordique",
    LegKind.CANOE: "Canoë-kayak",
    LegKind.ORIENTATION: "Course d'orientation",
    LegKind.VELO_ROUTE: "Vélo de route",
    LegKind.EPREUVE: "Épreuve sur site",
    LegKind.TRANSITION: "Transition",
}


@dataclass(frozen=True)
class Leg:
    """One leg of a stage (:mod:`app.legs` chains, routes and joins them).

    A moving leg goes from ``start`` (None: where the previous leg ends) through ``via`` to
    ``end`` with its routing ``profile`` ("" : its kind's) and ``pace`` (None: its kind's);
    ``route`` is its computed course; ``hand_drawn`` marks a line drawn by hand through its
    points (a canoe leg on water the network does not know), never routed, never surveyed.
    An épreuve or a transition stands at ``start`` (None: where the previous leg ends), lasts
    ``duration`` and lets teams through until ``limit`` after they arrive (None: its kind's).
    """

    kind: LegKind
    name: str = ""
    start: Stop | None = None
    via: tuple[Stop, ...] = ()
    end: Stop | None = None
    profile: str = ""
    pace: Pace | None = None
    duration: dt.timedelta | None = None
    limit: dt.timedelta | None = None
    hand_drawn: bool = False
    route: RouteRecord | None = None

    def __post_init__(self) -> None:
        if self.kind.moving:
            if self.end is None:
                raise LegError(f"{self.title} : il faut une arrivée.")
            if self.duration is not None or self.limit is not None:
                raise LegError(f"{self.title} : seules une épreuve ou une transition ont une "
                               "durée.")
        else:
            if self.duration is None or self.duration <= dt.timedelta(0):
                raise LegError(f"{self.title} : il faut une durée positive.")
            if self.limit is not None and self.limit < self.duration:
                raise LegError(f"{self.title} : le temps limite est plus court que la durée "
                               "prévue.")
            if self.via or self.end is not None or self.route is not None or self.hand_drawn:
                raise LegError(f"{self.title} : une épreuve ou une transition reste sur un "
                               "site (pas de parcours).")

    @property
    def title(self) -> str:
        """« VTT — Loos-en-Gohelle → T075 », « Transition — Parc à vélos »."""
        return f"{self.kind.label} — {self.name}" if self.name else self.kind.label

    @property
    def cutoff_duration(self) -> dt.timedelta:
        """How long an épreuve or a transition may keep a team before the cut-off: its limit,
        else its duration (a transition), else one and a half times its duration (an
        épreuve)."""
        assert self.duration is not None
        if self.limit is not None:
            return self.limit
        return self.duration * 1.5 if self.kind is LegKind.EPREUVE else self.duration


class LegError(CavalierError, ValueError):
    """A leg or a list of legs that makes no sense (no arrival, a duration on a course...)."""


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
    pace: Pace | None = None  # expected times and cut-offs; None: the discipline's default
    legs: tuple[Leg, ...] = ()  # a multisport stage's legs; () : the format is one leg

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

    @property
    def volunteers(self) -> Volunteers:
        return Volunteers(self.marshals_needed,
                          sum(STAFF_PER_POST[w.kind] for w in self.waypoints))


#: The organiser a template leaves for the user to fill in; documents never print it as a name.
ORGANISER_PLACEHOLDER = "Comité d'organisation (à renseigner)"

#: Event text fields the window and ``cavalier event`` edit (the dates: :func:`edited_event`).
EVENT_TEXT_FIELDS = ("name", "place", "organiser", "contact", "author", "website")
_FIELD_LABELS = {"name": "Nom", "place": "Lieu", "organiser": "Organisateur",
                 "contact": "Contact", "author": "Auteur des fichiers", "website": "Site web"}
MAX_FIELD_CHARS = 200


class EventFieldError(CavalierError, ValueError):
    """An event property that cannot be set (empty name, end before start, bad web address)."""


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
    stage_race: bool = False  # formats are stages ridden by the same participants
    place: str = ""  # where it is held (« Base de loisirs de Loisinord, Nœux-les-Mines »)
    contact: str = ""  # the organisation's e-mail or phone, printed for participants
    author: str = ""  # author of the course files; empty: the organiser
    website: str = ""  # the event's web site

    @property
    def organiser_known(self) -> bool:
        """False while the organiser is empty or still the template's « à renseigner »."""
        return bool(self.organiser.strip()) and self.organiser != ORGANISER_PLACEHOLDER

    @property
    def files_author(self) -> str:
        """Who signs the course files: the author set, else the organiser once known."""
        if self.author.strip():
            return self.author.strip()
        return self.organiser if self.organiser_known else ""

    @property
    def one_day(self) -> bool:
        return self.start_date == self.end_date

    @property
    def headcount(self) -> int:
        """People expected: the largest stage of a stage race, else the sum of the formats."""
        counts = [f.expected for f in self.formats]
        if self.stage_race:
            return max(counts, default=0)
        return sum(counts)

    def __post_init__(self) -> None:
        if self.end_date < self.start_date:
            raise ValueError(f"« {self.name} » : la date de fin précède la date de début")

    @property
    def expected_participants(self) -> int:
        return sum(f.expected for f in self.formats)

    @property
    def marshals_needed(self) -> int:
        return sum(f.marshals_needed for f in self.formats)

    @property
    def volunteers(self) -> Volunteers:
        """Volunteers over all formats (formats on the same day may share posts: an upper bound)."""
        return sum((f.volunteers for f in self.formats), Volunteers(0, 0))

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


def edited_event(event: Event, *, start: dt.date | None = None, end: dt.date | None = None,
                 **texts: str) -> Event:
    """``event`` with new properties, checked: a name, single-line texts, a web address in
    http(s), the end not before the start. New dates move the edition year with them, and a
    new first day moves the formats' days by as many days (a stage stays the event's second
    day)."""
    changes: dict[str, Any] = {}
    for name, value in texts.items():
        if name not in EVENT_TEXT_FIELDS:
            raise EventFieldError(f"Propriété d'événement inconnue : {name}")
        text = " ".join(value.split())  # one line: it goes into GPX and PDF headers
        label = _FIELD_LABELS[name]
        if len(text) > MAX_FIELD_CHARS:
            raise EventFieldError(f"{label} : {MAX_FIELD_CHARS} caractères au plus")
        if name == "name" and not text:
            raise EventFieldError("L'événement doit avoir un nom.")
        if name == "website" and text and (
                not text.startswith(("http://", "https://")) or " " in text):
            raise EventFieldError(f"{label} : « {text} » n'est pas une adresse http:// ou "
                                  "https://")
        changes[name] = text
    first, last = start or event.start_date, end or event.end_date
    if last < first:
        raise EventFieldError(f"La date de fin ({last:%d/%m/%Y}) précède la date de début "
                              f"({first:%d/%m/%Y}).")
    if start is not None or end is not None:
        changes.update(start_date=first, end_date=last, edition_year=first.year)
        shift = first - event.start_date
        if shift:
            changes["formats"] = tuple(replace(f, day=_moved_day(f.day, shift, first, last))
                                       if f.day else f for f in event.formats)
    return replace(event, **changes)


def _moved_day(day: dt.date, shift: dt.timedelta, first: dt.date, last: dt.date) -> dt.date:
    """A format's day moved with the event's dates; when the old first day was a typo (« 1800 »)
    the move would carry the day out of the event: a day already inside the new dates stays."""
    try:
        moved: dt.date | None = day + shift
    except OverflowError:
        moved = None
    if moved is not None and first <= moved <= last:
        return moved
    if first <= day <= last or moved is None:
        return day
    return moved if FIRST_YEAR <= moved.year <= LAST_YEAR else day
