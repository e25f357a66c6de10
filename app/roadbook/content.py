"""What a roadbook page says about one format: the event header and the course sheet's figures,
worded once for the roadbook and the declaration file (which prints the same sentences)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.dates import french_date
from app.model import Event, Format
from app.sheet import (
    CourseSheet,
    MarshalPost,
    SheetError,
    SheetPoint,
    TerrilPass,
    name_warning,
    sheet_of,
)
from routes.errors import CavalierError
from routes.frenchfmt import km
from routes.gpx.model import WAYPOINT_KINDS
from routes.network.model import Network
from routes.outputs.course import uses_osm
from routes.outputs.unsurveyed import data_attributions, has_unsurveyed, length_text

UNKNOWN = "inconnu"


def organiser_line(event: Event) -> str:
    """« Club (contact : 06 12 34 56 78) », or « à préciser » while the organiser is unset."""
    name = event.organiser if event.organiser_known else "à préciser"
    return f"{name} (contact : {event.contact})" if event.contact else name


class RoadbookError(CavalierError, ValueError):
    """The roadbook cannot be made (no route, unknown format, unwritable file)."""


def french_time(moment: dt.time) -> str:
    return f"{moment.hour} h {moment.minute:02d}"


# -- the sheet's figures in words (roadbook and declaration file) ------------------------------
def distance_text(sheet: CourseSheet) -> str:
    """« 39,3 km, dont 0,3 km non relevés ; 31,2 km sur d'anciens tracés de praticabilité
    inconnue »."""
    text = km(sheet.length_m)
    if has_unsurveyed(sheet.unsurveyed_m):
        text += f", dont {length_text(sheet.unsurveyed_m)} non relevés"
    if has_unsurveyed(sheet.unknown_practicability_m):
        text += (f" ; {length_text(sheet.unknown_practicability_m)} sur d'anciens tracés de "
                 "praticabilité inconnue")
    return text


def climb_text(sheet: CourseSheet) -> str:
    """The sheet's D+ in its one wording, naming the km it is measured on when the DEM stops
    short (« 56 m sur 38,2 km (altitudes manquantes sur 1,1 km) »)."""
    return sheet.climb.text(sheet.length_m)


def climb_so_far(sheet: CourseSheet, climb_m: float | None) -> str:
    return UNKNOWN if climb_m is None or not sheet.climb.known else f"{climb_m:.0f} m"


def kind_label(point: SheetPoint) -> str:
    return WAYPOINT_KINDS[point.kind].label


def passage_text(sheet: CourseSheet, elapsed: dt.timedelta | None) -> str:
    """The clock time of a passage (« 10 h 42 », « dimanche 4 à 2 h 26 »), or « à préciser »
    while the format has no start time."""
    if elapsed is None:
        return "—"
    return sheet.clock(elapsed) if sheet.start is not None else "à préciser"


def terril_text(terril: TerrilPass) -> str:
    """« gravi » or « au pied du T074, à 190 m du sommet »."""
    if terril.climbed:
        return "gravi"
    return f"au pied du {terril.ref}, à {terril.summit_offset_m:.0f} m du sommet"


def post_guard(post: MarshalPost) -> str:
    return post.guard or "1 signaleur — poste à placer"


@dataclass
class RoadbookPage:
    """One format's roadbook: header facts and the format's course sheet."""

    event: Event
    fmt: Format
    sheet: CourseSheet
    network_name: str
    uses_osm: bool
    #: Attribution and licence of the network data (Etalab 2.0, ODbL).
    attributions: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.event.name} {self.event.edition_year} — {self.fmt.name}"

    def header_rows(self) -> list[tuple[str, str]]:
        sheet, fmt = self.sheet, self.fmt
        day = fmt.day or self.event.start_date
        start = french_time(fmt.start_time) if fmt.start_time else "à préciser"
        finish = sheet.finish
        rows = [("Événement", f"{self.event.name} — édition {self.event.edition_year}"),
                ("Date", french_date(day)),
                *([("Lieu", self.event.place)] if self.event.place else []),
                ("Format", f"{fmt.name} ({fmt.discipline.label})"),
                ("Distance", distance_text(sheet) + f" (prévu : {fmt.target_distance_km:g} km)"),
                ("Dénivelé positif cumulé (D+)", climb_text(sheet)),
                ("Départ", start),
                ("Barrière horaire d'arrivée", passage_text(sheet, finish.cutoff)),
                ("Participants attendus", f"{fmt.expected} (maximum {fmt.max_participants})"),
                ("Organisateur", organiser_line(self.event)),
                ("Postes de signaleurs", self._posts_text())]
        return rows

    def _posts_text(self) -> str:
        """The sheet's posts; the marshals the organiser planned when set by hand."""
        sheet, override = self.sheet, self.fmt.marshals_override
        text = (str(len(sheet.posts)) if sheet.crossings_known or sheet.posts
                else "à repérer sur le terrain")
        return text + (f" ({override} signaleurs prévus)" if override is not None else "")


def name_hint(sheet: CourseSheet) -> str:
    """« Marathon 42 km » whose course is 39,3 km long (the sheet's one wording)."""
    return name_warning(sheet).removeprefix("Attention : ")


def roadbook_hints(pages: list[RoadbookPage]) -> list[str]:
    """What the organiser should hear (CLI, window) and the volunteers' roadbook does not say:
    how to complete the figures it prints as unknown."""
    hints = []
    for page in pages:
        sheet, name = page.sheet, page.fmt.name
        if not sheet.climb.known:
            hints.append(f"« {name} » : D+ inconnu, le carnet de route l'imprime ainsi ; "
                         "appliquez un MNT (--dem FICHIER, ou « cavalier elevation download ») "
                         "pour le mesurer.")
        elif sheet.climb.estimated:
            hints.append(f"« {name} » : D+ estimé d'après la hauteur des terrils ; appliquez un "
                         "MNT (--dem FICHIER) pour un profil mesuré.")
        elif sheet.climb.missing_m >= 50:
            hints.append(f"« {name} » : le MNT ne couvre pas {length_text(sheet.climb.missing_m)} "
                         "du parcours ; ajoutez la dalle manquante (--dem).")
        if sheet.climb.dem_missing:
            hints.append(f"« {name} » : MNT enregistré introuvable ("
                         + ", ".join(sheet.climb.dem_missing)
                         + ") ; redonnez-le avec --dem FICHIER.")
        if sheet.name_mismatch:
            hints.append(name_hint(sheet))
        if not sheet.crossings_known:
            hints.append(f"« {name} » : le réseau « {page.network_name} » ne connaît pas toutes "
                         "les routes ; construisez-le avec OpenStreetMap (« cavalier network "
                         "download --basin », ou Réseau › Télécharger OpenStreetMap du Bassin "
                         "minier… dans la fenêtre) pour que chaque traversée ait son poste.")
        if not page.event.organiser_known:
            hints.append("Organisateur à renseigner : cavalier event PROJET --organisateur "
                         "\"NOM\" --contact \"TÉLÉPHONE\".")
    return list(dict.fromkeys(hints))


def page_for(event: Event, fmt: Format, network: Network) -> RoadbookPage:
    try:
        sheet = sheet_of(event, fmt, network)
    except SheetError as exc:
        raise RoadbookError(str(exc)) from exc
    return RoadbookPage(event, fmt, sheet, network.name, uses_osm(network),
                        data_attributions(network.graph, layers=network.layers is not None))


def sheets_for(event: Event, network: Network,
               format_name: str | None = None) -> list[RoadbookPage]:
    """The pages of one format (``format_name``) or of every format that has a route."""
    if format_name is not None:
        try:
            fmt = event.format_named(format_name)
        except KeyError:
            names = ", ".join(f"« {f.name} »" for f in event.formats) or "aucun"
            raise RoadbookError(f"Aucun format « {format_name} » dans « {event.name} » "
                                f"(formats : {names}).") from None
        return [page_for(event, fmt, network)]
    routed = [f for f in event.formats if f.route is not None and len(f.route.geometry) >= 2]
    if not routed:
        raise RoadbookError(f"Aucun format de « {event.name} » n'a de parcours : calculez au "
                            "moins un parcours avant d'imprimer le carnet de route.")
    return [page_for(event, f, network) for f in routed]
