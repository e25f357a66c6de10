"""Everything the declaration file says, computed from the project and its network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.dossier import protected
from app.dossier.checks import CourseChecks, course_checks
from app.dossier.declaration import Commune, Declaration, declarations
from app.dossier.firstaid import FirstAidCover, FirstAidInputs, first_aid
from app.dossier.itinerary import Itinerary, itinerary_for
from app.dossier.posts import (
    Crossing,
    MarshalPost,
    crossings_known,
    crossings_on,
    marshal_posts,
    passage_times,
)
from app.model import Event, Format
from app.sheet.communes import insee_codes
from routes.errors import CavalierError
from routes.network.model import Network
from routes.outputs.course import uses_osm
from routes.outputs.stats import RouteLine
from routes.progress import CancelCallback, OperationCancelled, ProgressCallback


class DossierError(CavalierError, ValueError):
    """The declaration file cannot be made (no route, unwritable file, unreadable layer)."""


@dataclass
class FormatDossier:
    fmt: Format
    day: dt.date
    itinerary: Itinerary
    crossings: list[Crossing]
    posts: list[MarshalPost]
    checks: CourseChecks
    areas: list[protected.AreaCrossing]

    @property
    def cutoff(self) -> dt.time | None:
        """Cut-off time at the finish (pace model)."""
        return passage_times(self.fmt, self.itinerary, self.itinerary.stats.length_m, self.day)[1]


@dataclass
class Dossier:
    event: Event
    network_name: str
    uses_osm: bool
    declarations: list[Declaration]
    formats: list[FormatDossier]
    unrouted: list[str]
    first_aid: FirstAidCover
    people: int  # participants + staff + public, for the Natura 2000 threshold
    protected_sources: list[str]
    natura_layer: bool  # a Natura 2000 layer was given
    incidence_needed: bool
    nesting_terrils: list[str]
    crossings_known: bool
    warnings: list[str] = field(default_factory=list)


def _routed(fmt: Format) -> bool:
    return fmt.route is not None and len(fmt.route.geometry) >= 2


def build_dossier(event: Event, network: Network, *,
                  areas: Sequence[protected.ProtectedArea] = (), public: int = 0,
                  staff: int | None = None, first_aid_inputs: FirstAidInputs | None = None,
                  today: dt.date | None = None,
                  progress: ProgressCallback | None = None,
                  cancel: CancelCallback | None = None) -> Dossier:
    routed = [f for f in event.formats if _routed(f)]
    if not routed:
        raise DossierError(f"Aucun format de « {event.name} » n'a de parcours : calculez au "
                           "moins un parcours avant de préparer le dossier de déclaration.")
    codes = insee_codes(network)
    formats: list[FormatDossier] = []
    for index, fmt in enumerate(routed):
        if cancel is not None and cancel():
            raise OperationCancelled("Dossier annulé.")
        if progress is not None:
            progress(0.8 * index / len(routed), f"Parcours « {fmt.name} »…")
        day = fmt.day or event.start_date
        itinerary = itinerary_for(fmt, network, codes)
        assert fmt.route is not None
        line = RouteLine(fmt.route.geometry)
        crossed = crossings_on(network, line, itinerary)
        posts = marshal_posts(fmt, itinerary, network, crossed, day)
        formats.append(FormatDossier(
            fmt, day, itinerary, crossed, posts, course_checks(itinerary, network),
            protected.crossings(areas, fmt.route.geometry, itinerary.stats.length_m)))
    communes_of: dict[str, list[Commune]] = {
        f.fmt.name: [c.commune for c in f.itinerary.communes] for f in formats}
    staff_count = staff if staff is not None else event.volunteers.total
    people = event.headcount + staff_count + public
    inputs = first_aid_inputs or FirstAidInputs(public=public, participants=event.headcount)
    crossed_areas = [a for f in formats for a in f.areas]
    nesting = sorted({t for f in formats if protected.nesting_season(f.day)
                      for t in (f.fmt.route.terrils_visited if f.fmt.route else ())})
    dossier = Dossier(event, network.name, uses_osm(network),
                      declarations(event, communes_of), formats,
                      [f.name for f in event.formats if not _routed(f)], first_aid(inputs),
                      people, sorted({a.source for a in areas}),
                      any(a.kind == protected.NATURA_2000 for a in areas),
                      protected.incidence_needed(crossed_areas, people), nesting,
                      crossings_known(network))
    dossier.warnings += _warnings(dossier, today or dt.date.today())
    return dossier


def _late(declaration: Declaration, today: dt.date) -> list[str]:
    names = ", ".join(declaration.formats)
    out = []
    if declaration.deadline is not None and declaration.deadline < today:
        out.append(f"{names} : la date limite de dépôt ({declaration.deadline:%d/%m/%Y}) est "
                   "dépassée.")
    if declaration.marshal_list_by is not None and declaration.marshal_list_by < today:
        out.append(f"{names} : la liste des signaleurs était attendue le "
                   f"{declaration.marshal_list_by:%d/%m/%Y}.")
    return out


def _warnings(dossier: Dossier, today: dt.date) -> list[str]:
    out = [w for d in dossier.declarations for w in _late(d, today)]
    if not dossier.event.organiser_known:
        out.append("Organisateur à renseigner (Événement › Propriétés de l'événement, ou "
                   "« cavalier event --organisateur ») : la déclaration doit le nommer.")
    if not dossier.crossings_known:
        out.append(f"Le réseau « {dossier.network_name} » ne connaît que les points de rupture "
                   "recensés, pas toutes les routes : les postes couvrent ces traversées ; "
                   "vérifier le parcours sur le terrain et compléter (ou construire le réseau "
                   "avec OpenStreetMap).")
    for name in dossier.unrouted:
        out.append(f"« {name} » n'a pas de parcours : ni communes, ni postes pour ce format.")
    for fmt in dossier.formats:
        out += [f"{fmt.fmt.name} : {w}" for w in fmt.checks.warnings]
        unknown = [c.commune.name for c in fmt.itinerary.communes if not c.commune.department]
        if unknown:
            out.append(f"{fmt.fmt.name} : code INSEE inconnu pour {', '.join(unknown)} ; "
                       "autorité à vérifier.")
    if dossier.incidence_needed:
        out.append(f"Site Natura 2000 traversé et {dossier.people} personnes attendues (plus de "
                   f"{protected.INCIDENCE_PEOPLE}) : évaluation des incidences Natura 2000 à "
                   "joindre à la déclaration.")
    if dossier.nesting_terrils:
        out.append("Date en période de nidification (mars à juillet) sur les terrils "
                   f"{', '.join(dossier.nesting_terrils)} : adapter le parcours ou la date.")
    if not dossier.natura_layer:
        out.append("Aucune couche Natura 2000 fournie : la traversée d'un site Natura 2000 n'a "
                   "pas pu être vérifiée (--zone natura2000=FICHIER).")
    if dossier.first_aid.note:
        out.append(dossier.first_aid.note)
    return out
