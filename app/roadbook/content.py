"""What a roadbook page says about one format: the event header and the route statistics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.dates import french_date
from app.model import Event, Format, RouteRecord, WaypointKind
from app.sheet import CourseSheet, sheet_of
from routes.errors import CavalierError
from routes.geodesy import haversine_m
from routes.network.model import Network
from routes.outputs.course import uses_osm
from routes.outputs.stats import Mark, RouteStats, route_stats
from routes.outputs.unsurveyed import data_attributions, stretches_from_stats, with_unsurveyed

#: A marshal post waypoint this close to a rupture point is the post that guards it.
MARSHAL_POST_RADIUS_M = 150.0


def organiser_line(event: Event) -> str:
    """« Club (contact : 06 12 34 56 78) », or « à préciser » while the organiser is unset."""
    name = event.organiser if event.organiser_known else "à préciser"
    return f"{name} (contact : {event.contact})" if event.contact else name


class RoadbookError(CavalierError, ValueError):
    """The roadbook cannot be made (no route, unknown format, unwritable file)."""


def french_time(moment: dt.time) -> str:
    return f"{moment.hour} h {moment.minute:02d}"


@dataclass(frozen=True)
class MarshalPost:
    number: int
    rupture: Mark
    post: str  # the marshal post waypoint guarding it, or "" when none is placed yet


@dataclass
class Sheet:
    """One format's roadbook: header facts, route, statistics and marshal posts."""

    event: Event
    fmt: Format
    route: RouteRecord
    stats: RouteStats
    marshal_posts: list[MarshalPost]
    network_name: str
    uses_osm: bool
    #: Attribution and licence of the network data (Etalab 2.0, ODbL).
    attributions: list[str] = field(default_factory=list)
    course: CourseSheet | None = None  # the course sheet the participants' files read (cue sheet)

    @property
    def title(self) -> str:
        return f"{self.event.name} {self.event.edition_year} — {self.fmt.name}"

    def header_rows(self) -> list[tuple[str, str]]:
        from routes.frenchfmt import km

        day = self.fmt.day or self.event.start_date
        climb = f"{self.stats.d_plus:.0f} m"
        if not self.stats.profile.available:
            climb = "inconnu (aucune altitude : importez ou téléchargez un MNT)"
        elif self.stats.profile.is_estimate:
            climb += " (estimation) d'après la hauteur des terrils, sans MNT"
        fmt = self.fmt
        start = french_time(fmt.start_time) if fmt.start_time else "à préciser"
        rows = [("Événement", f"{self.event.name} — édition {self.event.edition_year}"),
                ("Date", french_date(day)),
                *([("Lieu", self.event.place)] if self.event.place else []),
                ("Format", f"{self.fmt.name} ({self.fmt.discipline.label})"),
                ("Distance", with_unsurveyed(km(self.stats.length_m), self.stats.unsurveyed_m)
                 + f" (prévu : {fmt.target_distance_km:g} km)"),
                ("Dénivelé positif cumulé (D+)", climb),
                ("Départ", start),
                ("Participants attendus", f"{fmt.expected} (maximum {fmt.max_participants})"),
                ("Organisateur", organiser_line(self.event)),
                ("Signaleurs nécessaires", str(self.fmt.marshals_needed))]
        return rows


def _marshal_posts(fmt: Format, stats: RouteStats) -> list[MarshalPost]:
    posts = [w for w in fmt.waypoints if w.kind is WaypointKind.MARSHAL_POST]
    result = []
    for number, rupture in enumerate(stats.ruptures, start=1):
        near = [w for w in posts
                if haversine_m(w.lon, w.lat, rupture.lon, rupture.lat) <= MARSHAL_POST_RADIUS_M]
        result.append(MarshalPost(number, rupture, near[0].label if near else ""))
    return result


def sheet_for(event: Event, fmt: Format, network: Network) -> Sheet:
    route = fmt.route
    if route is None or len(route.geometry) < 2:
        raise RoadbookError(f"Le format « {fmt.name} » n'a pas encore de parcours : calculez-le "
                            "dans Cavalier (ou « cavalier route ») puis enregistrez le projet.")
    length = route.stats.get("length_m")
    stats = route_stats(network, route.geometry,
                        length_m=float(length) if isinstance(length, int | float) else None,
                        rupture_ids=route.ruptures_crossed, waypoints=fmt.waypoints,
                        unsurveyed=stretches_from_stats(route.stats))
    return Sheet(event, fmt, route, stats, _marshal_posts(fmt, stats), network.name,
                 uses_osm(network),
                 data_attributions(network.graph, layers=network.layers is not None),
                 sheet_of(event, fmt, network))


def sheets_for(event: Event, network: Network, format_name: str | None = None) -> list[Sheet]:
    """The sheets of one format (``format_name``) or of every format that has a route."""
    if format_name is not None:
        try:
            fmt = event.format_named(format_name)
        except KeyError:
            names = ", ".join(f"« {f.name} »" for f in event.formats) or "aucun"
            raise RoadbookError(f"Aucun format « {format_name} » dans « {event.name} » "
                                f"(formats : {names}).") from None
        return [sheet_for(event, fmt, network)]
    routed = [f for f in event.formats if f.route is not None and len(f.route.geometry) >= 2]
    if not routed:
        raise RoadbookError(f"Aucun format de « {event.name} » n'a de parcours : calculez au "
                            "moins un parcours avant d'imprimer le roadbook.")
    return [sheet_for(event, f, network) for f in routed]
