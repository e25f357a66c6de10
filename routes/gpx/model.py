"""Plain inputs of a GPX export: a course, its waypoints, the file's metadata.

The table :data:`WAYPOINT_KINDS` is the one place where a waypoint kind gets its Garmin symbol, its
``<type>`` (what Garmin Connect turns into a course point) and its French label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, NamedTuple, get_args

WaypointKind = Literal[
    "depart", "arrivee", "ravitaillement", "epreuve", "controle", "secours", "signaleur",
    "traversee", "terril", "gauche", "droite", "tout_droit", "demi_tour",
]


class KindStyle(NamedTuple):
    sym: str  # Garmin symbol name
    type: str  # course point type understood by Garmin Connect
    label: str  # French label, used in names and in the README
    fit: str  # FIT ``course_point`` type (profile name), what the watch shows in « Up Ahead »


WAYPOINT_KINDS: dict[str, KindStyle] = {
    "depart": KindStyle("Flag, Green", "Generic", "Départ", "SEGMENT_START"),
    "arrivee": KindStyle("Flag, Red", "Generic", "Arrivée", "SEGMENT_END"),
    "ravitaillement": KindStyle("Restaurant", "Food", "Ravitaillement", "AID_STATION"),
    "epreuve": KindStyle("Flag, Blue", "Generic", "Épreuve", "GENERIC"),
    "controle": KindStyle("Pin, Blue", "Checkpoint", "Point de contrôle", "CHECKPOINT"),
    "secours": KindStyle("First Aid", "First Aid", "Poste de secours", "FIRST_AID"),
    "signaleur": KindStyle("Danger Area", "Danger", "Signaleur", "DANGER"),
    "traversee": KindStyle("Crossing", "Danger", "Traversée de route", "CROSSING"),
    "terril": KindStyle("Summit", "Summit", "Terril", "SUMMIT"),
    # turn cues at the course's junctions (routes.outputs.decisions)
    "gauche": KindStyle("Navaid, Red", "Left", "À gauche", "LEFT"),
    "droite": KindStyle("Navaid, Green", "Right", "À droite", "RIGHT"),
    "tout_droit": KindStyle("Navaid, White", "Straight", "Tout droit", "STRAIGHT"),
    "demi_tour": KindStyle("Navaid, Orange", "Generic", "Demi-tour", "U_TURN"),
}
assert set(WAYPOINT_KINDS) == set(get_args(WaypointKind))

Point = tuple[float, float, float | None]  # (lat, lon, elevation in metres or None)

OSM_ATTRIBUTION = "© les contributeurs d'OpenStreetMap"
OSM_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"


def check_position(lat: float, lon: float, where: str) -> None:
    """Raise ValueError when a position is not a finite WGS84 latitude/longitude."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"{where} : coordonnées non finies ({lat}, {lon})")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"{where} : coordonnées hors limites (lat {lat}, lon {lon})")


@dataclass(frozen=True)
class CourseWaypoint:
    name: str
    lat: float
    lon: float
    kind: WaypointKind
    ele: float | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if self.kind not in WAYPOINT_KINDS:
            raise ValueError(f"type de point inconnu : {self.kind!r}")
        check_position(self.lat, self.lon, f"point « {self.name} »")

    @property
    def style(self) -> KindStyle:
        return WAYPOINT_KINDS[self.kind]


@dataclass(frozen=True)
class CourseTrack:
    """One format or stage: the line participants follow and its points of interest."""

    name: str
    points: list[Point]
    waypoints: list[CourseWaypoint] = field(default_factory=list)
    description: str = ""
    start_time: datetime | None = None

    def __post_init__(self) -> None:
        if len(self.points) < 2:
            raise ValueError(f"le parcours « {self.name} » a moins de deux points")
        for index, (lat, lon, _ele) in enumerate(self.points):
            check_position(lat, lon, f"parcours « {self.name} », point {index}")


@dataclass(frozen=True)
class GpxMeta:
    event: str
    format_name: str = ""
    organiser: str = ""
    osm_attribution: bool = False
    licence: str = ""  # URL of the licence of the course itself, if any
    #: Sentences added to the file's description (the unsurveyed length of the course…).
    notes: tuple[str, ...] = ()
    #: Attribution and licence of the network data the course was computed on.
    attributions: tuple[str, ...] = ()
    #: Who signs the file (``<author><name>``); empty: the organiser.
    author: str = ""
    #: The organisation's contact: an e-mail address also goes to ``<author><email>``.
    contact: str = ""
    #: The event's web site (``<author><link>``), http(s) only.
    website: str = ""
