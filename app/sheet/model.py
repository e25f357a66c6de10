"""The course sheet's values: plain frozen data, read by every renderer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from app.model import Pace
from app.sheet.posts import Crossing, MarshalPost
from app.sheet.timing import clock_text
from routes.gpx.model import WaypointKind as FileKind
from routes.outputs.decisions import CourseDecisions
from routes.outputs.stats import Span

if TYPE_CHECKING:
    from app.sheet.timetable import Timetable

Array = NDArray[np.float64]

#: A format's name that announces a distance (« Ultra 100 km ») this far from the course's
#: length is a name that does not follow the facts.
NAME_TOLERANCE = 0.03
_NAMED_KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*km\b", re.IGNORECASE)


class ClimbSource:
    DEM = "mnt"  # heights of a DEM applied to the project's network
    ESTIMATE = "estimation"  # known terril heights, no DEM
    NONE = "aucune"


@dataclass(frozen=True)
class ClimbFigures:
    d_plus: float | None  # None: unknown (no elevation at all)
    d_minus: float | None
    source: str  # ClimbSource
    missing_m: float = 0.0  # course length with no height (a DEM covering part of the course)
    dem_names: tuple[str, ...] = ()  # the DEM files the heights come from
    dem_missing: tuple[str, ...] = ()  # DEM files the project records but that are not found

    @property
    def known(self) -> bool:
        return self.d_plus is not None

    @property
    def estimated(self) -> bool:
        return self.source == ClimbSource.ESTIMATE

    def text(self, length_m: float | None = None) -> str:
        """« 151 m », « 56 m (altitudes manquantes sur 1,1 km) », « 22 m (estimation d'après la
        hauteur des terrils, sans MNT) » or « inconnu (pas d'altitudes) »: the D+ as every
        document prints it. Given the course's ``length_m``, a partial D+ names the km it is
        measured on: « 56 m sur 38,2 km (altitudes manquantes sur 1,1 km) »."""
        from routes.frenchfmt import number

        if self.d_plus is None:
            return "inconnu (pas d'altitudes)"
        text = f"{self.d_plus:.0f} m"
        if self.estimated:
            return text + " (estimation d'après la hauteur des terrils, sans MNT)"
        if self.missing_m >= 50:
            if length_m is not None:
                text += f" sur {number((length_m - self.missing_m) / 1000)} km"
            return text + f" (altitudes manquantes sur {number(self.missing_m / 1000)} km)"
        return text


@dataclass(frozen=True)
class SheetPoint:
    """A point on the course: start, finish, a waypoint, a crossing or a terril summit."""

    name: str
    kind: FileKind
    lon: float
    lat: float
    distance_m: float
    offset_m: float  # distance from the point to the course
    climb_m: float | None  # D+ since the start (None: unknown)
    note: str = ""
    head: dt.timedelta | None = None  # expected time after the start (pace model)
    cutoff: dt.timedelta | None = None  # cut-off after the start


@dataclass(frozen=True)
class CommuneKm:
    name: str
    insee: str
    length_m: float
    first_m: float  # where the course first enters it

    @property
    def department(self) -> str:
        code = self.insee
        return code[:3] if code.startswith("97") else code[:2]


@dataclass(frozen=True)
class TerrilPass:
    """A terril on the course: *climbed* (the course enters its outline and gains height there,
    or comes within 50 m of its summit) or passed *at the foot*."""

    ref: str
    name: str
    distance_m: float  # where the course comes closest to the summit
    summit_offset_m: float
    climbed: bool
    height_m: float | None = None

    @property
    def label(self) -> str:
        return f"{self.ref} {self.name}" if self.name and self.name != self.ref else self.ref


@dataclass(frozen=True)
class CourseSheet:
    format_name: str
    discipline: str  # label
    target_km: float
    start: dt.datetime | None
    pace: Pace | None
    lonlat: Array = field(repr=False)  # (n, 2) vertices of the course
    cumulative_m: Array = field(repr=False)  # geodesic metres from the start at each vertex
    heights_m: Array = field(repr=False)  # height at each vertex, NaN where unknown
    profile_m: Array = field(repr=False)  # distances of the elevation samples
    profile_heights_m: Array = field(repr=False)
    profile_climb_m: Array = field(repr=False)  # D+ since the start at each sample
    climb: ClimbFigures
    unsurveyed: tuple[Span, ...]
    unknown_practicability_m: float
    paved_m: float
    unpaved_m: float
    unknown_surface_m: float
    communes: tuple[CommuneKm, ...]
    commune_method: str
    commune_spans: tuple[Span, ...]
    roads: tuple[Span, ...]
    crossings_known: bool
    crossings: tuple[Crossing, ...]
    posts: tuple[MarshalPost, ...]
    terrils: tuple[TerrilPass, ...]
    points: tuple[SheetPoint, ...]  # start, waypoints, crossings, summits, finish; by distance
    cavalier_m: float = 0.0  # on the cavaliers miniers layer
    tvb_m: float = 0.0  # on the Trame verte et bleue layers
    network_name: str = ""
    #: Junctions where the course turns or could be mistaken, shared and out-and-back sections
    #: (None when not computed: the window's statistics do without).
    decisions: CourseDecisions | None = None
    #: Leg by leg, the expected and cut-off times (one leg when the format has no legs); the
    #: points' and posts' times come from it.
    timetable: Timetable | None = field(default=None, repr=False, compare=False)

    # -- figures ---------------------------------------------------------------------------
    @property
    def length_m(self) -> float:
        return float(self.cumulative_m[-1]) if len(self.cumulative_m) else 0.0

    @property
    def unsurveyed_m(self) -> float:
        return sum(s.end_m - s.start_m for s in self.unsurveyed)

    @property
    def terrils_climbed(self) -> tuple[TerrilPass, ...]:
        return tuple(t for t in self.terrils if t.climbed)

    @property
    def terrils_at_foot(self) -> tuple[TerrilPass, ...]:
        return tuple(t for t in self.terrils if not t.climbed)

    @property
    def waypoints(self) -> tuple[SheetPoint, ...]:
        return tuple(p for p in self.points if p.kind not in ("depart", "arrivee", "traversee",
                                                               "terril"))

    @property
    def finish(self) -> SheetPoint:
        return self.points[-1]

    def climb_at(self, distance_m: float) -> float | None:
        if not self.climb.known:
            return None
        return float(np.interp(distance_m, self.profile_m, self.profile_climb_m))

    def vertex_climb(self) -> Array | None:
        """D+ since the start at each vertex of the course (None: unknown)."""
        if not self.climb.known:
            return None
        return np.interp(self.cumulative_m, self.profile_m, self.profile_climb_m)

    def passage(self, distance_m: float) -> tuple[dt.timedelta | None, dt.timedelta | None]:
        """(expected time, cut-off) after the start at ``distance_m``, from the format's pace."""
        if self.timetable is not None:
            return self.timetable.passage(distance_m)
        if self.pace is None:
            return None, None
        climb = self.climb_at(distance_m)
        return self.pace.expected(distance_m, climb), self.pace.cutoff(distance_m, climb)

    def clock(self, elapsed: dt.timedelta | None) -> str:
        return "inconnu" if elapsed is None else clock_text(self.start, elapsed)

    def moment(self, elapsed: dt.timedelta | None) -> dt.datetime | None:
        return None if elapsed is None or self.start is None else self.start + elapsed

    def commune_at(self, distance_m: float) -> str:
        for span in self.commune_spans:
            if span.start_m <= distance_m <= span.end_m:
                return span.name
        return ""

    def share(self, metres: float) -> float:
        return metres / self.length_m if self.length_m else 0.0

    # -- what the organiser must hear --------------------------------------------------------
    @property
    def named_km(self) -> float | None:
        """The distance the format's name announces (« Ultra 100 km » → 100), if any."""
        found = _NAMED_KM.findall(self.format_name)
        return float(found[-1].replace(",", ".")) if found else None

    @property
    def name_mismatch(self) -> bool:
        named = self.named_km
        return (named is not None and named > 0
                and abs(self.length_m / 1000 - named) > NAME_TOLERANCE * named)


def name_warning(sheet: CourseSheet) -> str:
    """What the organiser is told when a format's name announces another distance than its
    course's (the files carry the real one): one wording for the CLI, the window and exports."""
    from routes.frenchfmt import km, short

    return (f"Attention : « {sheet.format_name} » annonce {short(sheet.named_km or 0)} km mais "
            f"le parcours mesure {km(sheet.length_m)} : les fichiers des participants donnent "
            f"la distance réelle ({km(sheet.length_m)}) ; leurs noms gardent celui du format. "
            "Renommez le format ou retracez le parcours si ce n'est pas voulu.")
