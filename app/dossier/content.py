"""Everything the declaration file says: the formats' course sheets (:mod:`app.sheet`) and the
rules (forms, authorities, deadlines, protected areas, first aid). Nothing about a course is
measured here: communes, crossings, posts, times, D+ and surfaces are the sheet's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.dossier import protected
from app.dossier.checks import CourseChecks, course_checks
from app.dossier.declaration import Declaration, declarations
from app.dossier.firstaid import FirstAidCover, FirstAidInputs, first_aid
from app.model import Event, Format
from app.roadbook.content import name_hint
from app.sheet import CommuneKm, CourseSheet, Crossing, MarshalPost, sheets_of
from app.sheet.segments import Segments
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
    sheet: CourseSheet
    checks: CourseChecks
    areas: list[protected.AreaCrossing]

    @property
    def communes(self) -> tuple[CommuneKm, ...]:
        return self.sheet.communes

    @property
    def crossings(self) -> tuple[Crossing, ...]:
        return self.sheet.crossings

    @property
    def posts(self) -> tuple[MarshalPost, ...]:
        return self.sheet.posts

    @property
    def departments(self) -> list[str]:
        return sorted({c.department for c in self.sheet.communes if c.department})

    @property
    def cutoff(self) -> dt.timedelta | None:
        """Cut-off at the finish, after the start (the format's pace)."""
        return self.sheet.finish.cutoff


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
    #: What the file itself says (« Points d'attention »), in plain French for the prefecture.
    warnings: list[str] = field(default_factory=list)
    #: What the organiser should do (CLI, window): never printed in the file.
    organiser_hints: list[str] = field(default_factory=list)


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
    if progress is not None:
        progress(0.0, "Fiches des parcours…")
    sheets = sheets_of(event, network)
    formats: list[FormatDossier] = []
    for index, fmt in enumerate(routed):
        if cancel is not None and cancel():
            raise OperationCancelled("Dossier annulé.")
        if progress is not None:
            progress(0.8 * index / len(routed), f"Parcours « {fmt.name} »…")
        sheet = sheets[fmt.name]
        formats.append(FormatDossier(
            fmt, fmt.day or event.start_date, sheet, course_checks(sheet, fmt.discipline),
            protected.crossings(areas, Segments(RouteLine(sheet.lonlat.tolist())))))
    communes_of = {f.fmt.name: list(f.communes) for f in formats}
    staff_count = staff if staff is not None else event.volunteers.total
    people = event.headcount + staff_count + public
    inputs = first_aid_inputs or FirstAidInputs(public=public, participants=event.headcount)
    crossed_areas = [a for f in formats for a in f.areas]
    nesting = sorted({t.ref for f in formats if protected.nesting_season(f.day)
                      for t in f.sheet.terrils_climbed})
    dossier = Dossier(event, network.name, uses_osm(network),
                      declarations(event, communes_of), formats,
                      [f.name for f in event.formats if not _routed(f)], first_aid(inputs),
                      people, sorted({a.source for a in areas}),
                      any(a.kind == protected.NATURA_2000 for a in areas),
                      protected.incidence_needed(crossed_areas, people), nesting,
                      all(f.sheet.crossings_known for f in formats))
    dossier.warnings += _warnings(dossier, today or dt.date.today())
    dossier.organiser_hints += _hints(dossier)
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
    """The file's « Points d'attention »: facts for its reader, no software instructions."""
    out = [w for d in dossier.declarations for w in _late(d, today)]
    if not dossier.event.organiser_known:
        out.append("Organisateur à préciser : la déclaration doit le nommer.")
    if not dossier.crossings_known:
        out.append(f"Le réseau « {dossier.network_name} » ne connaît que les points de rupture "
                   "recensés, pas toutes les routes : les postes couvrent ces traversées ; le "
                   "parcours est à vérifier sur le terrain pour les autres.")
    for name in dossier.unrouted:
        out.append(f"« {name} » n'a pas de parcours : ni communes, ni postes pour ce format.")
    for fmt in dossier.formats:
        out += [f"{fmt.fmt.name} : {w}" for w in fmt.checks.warnings]
        unknown = [c.name for c in fmt.communes if not c.insee]
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
        out.append("Aucune couche Natura 2000 n'a été consultée : la traversée d'un site "
                   "Natura 2000 n'a pas pu être vérifiée.")
    if dossier.first_aid.note:
        out.append(dossier.first_aid.note)
    return out


def _hints(dossier: Dossier) -> list[str]:
    """How the organiser completes what the file can only call unknown (CLI, window)."""
    out = []
    if not dossier.event.organiser_known:
        out.append("Organisateur à renseigner (Événement › Propriétés de l'événement, ou "
                   "« cavalier event PROJET --organisateur \"NOM\" »).")
    if not dossier.crossings_known:
        out.append("Construisez le réseau avec OpenStreetMap (« cavalier network download "
                   "--basin », ou Réseau › Télécharger OpenStreetMap du Bassin minier… dans la "
                   "fenêtre) pour que chaque route traversée ait son poste.")
    for fmt in dossier.formats:
        if fmt.sheet.name_mismatch:
            out.append(name_hint(fmt.sheet))
        if fmt.sheet.timetable is not None and fmt.sheet.timetable.stale_legs:
            out.append(f"{fmt.fmt.name} : ses tronçons ne suivent plus son parcours (parcours "
                       "redessiné ou tronçons pas encore calculés) : le dossier le déclare en une "
                       "seule section ; recalculez les tronçons (« cavalier leg PROJET --format "
                       "N ») pour déclarer chaque discipline.")
        out += [f"{fmt.fmt.name} : {h}" for h in fmt.checks.hints]
    if not dossier.natura_layer:
        out.append("Ajoutez la couche des sites Natura 2000 (« cavalier dossier … --zone "
                   "natura2000=FICHIER ») pour vérifier leur traversée.")
    return out
