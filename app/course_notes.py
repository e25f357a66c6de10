"""What a stored route's files say about unsurveyed parts and whose data the network is.

Shared by ``cavalier export`` and the window's GPX exports (one wording, one rule): the figures
come from the route record (kept from the edges' provenance flag when the route was computed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from app.model import Event, Format, RouteRecord
from app.project_store import NetworkRef
from routes.gpx.model import GpxMeta
from routes.outputs.unsurveyed import (
    ETALAB_ATTRIBUTION,
    OSM_DATA_ATTRIBUTION,
    export_warning,
    gpx_note,
    has_unsurveyed,
)

if TYPE_CHECKING:
    from app.sheet import CourseSheet

UNKNOWN_NOTE = ("Part non relevée inconnue : parcours calculé avant le suivi de la provenance "
                "des chemins ; recalculez-le avant de le diffuser.")


def record_note(record: RouteRecord) -> str:
    """The GPX description sentence about the record's unsurveyed parts."""
    metres = record.unsurveyed_m
    return UNKNOWN_NOTE if metres is None else gpx_note(metres)


def uses_osm(ref: NetworkRef | None) -> bool:
    return ref is not None and any(
        word in f"{ref.name} {ref.source}".lower() for word in ("openstreetmap", "osm"))


def attributions(ref: NetworkRef | None) -> tuple[str, ...]:
    """Data credits of the network the project's routes were computed on, besides OSM (credited
    by the GPX writer's ``osm_attribution``). No reference: the embedded network, built from the
    Mission Bassin Minier / UNESCO layers."""
    osm_only = uses_osm(ref) and ref is not None and not ref.layers and ";" not in ref.source \
        and ref.source.lower().startswith(("osm", "openstreetmap"))
    return () if osm_only else (ETALAB_ATTRIBUTION,)


def all_attributions(ref: NetworkRef | None) -> tuple[str, ...]:
    return attributions(ref) + ((OSM_DATA_ATTRIBUTION,) if uses_osm(ref) else ())


def event_meta(event: Event, fmt: Format, *, osm: bool,
               credits: Sequence[str] = ()) -> GpxMeta:
    """The GPX metadata of one format's file: who signs it (author, organiser, contact, web
    site: an organiser still « à renseigner » is left out), its unsurveyed note and the data
    credits."""
    notes = (record_note(fmt.route),) if fmt.route is not None else ()
    return GpxMeta(event=f"{event.name} {event.edition_year}", format_name=fmt.name,
                   organiser=event.organiser if event.organiser_known else "",
                   osm_attribution=osm, notes=notes, attributions=tuple(credits),
                   author=event.files_author, contact=event.contact, website=event.website)


def gpx_meta(event: Event, fmt: Format, ref: NetworkRef | None) -> GpxMeta:
    """:func:`event_meta` with the credits of the network the routes were computed on."""
    return event_meta(event, fmt, osm=uses_osm(ref), credits=attributions(ref))


def export_warnings(formats: Iterable[Format],
                    sheets: Mapping[str, CourseSheet] | None = None) -> list[str]:
    """One warning per routed format with unsurveyed parts (or unknown ones); with the formats'
    course sheets, also a name announcing another distance than the course's and a course
    without heights (how to get them: the participants' files only say the D+ is unknown)."""
    warnings = []
    for fmt in formats:
        if fmt.route is None or len(fmt.route.geometry) < 2:
            continue
        metres = fmt.route.unsurveyed_m
        if metres is None:
            warnings.append(f"Attention : « {fmt.name} » : {UNKNOWN_NOTE}")
        elif has_unsurveyed(metres):
            warnings.append(export_warning(fmt.name, metres))
        sheet = (sheets or {}).get(fmt.name)
        if sheet is not None:
            warnings += sheet_warnings(sheet)
    return warnings


def sheet_warnings(sheet: CourseSheet) -> list[str]:
    """What the organiser must hear about a course's figures before its files leave."""
    warnings = []
    if sheet.name_mismatch and sheet.named_km is not None:
        from app.sheet import name_warning  # the sheet's modules: loaded with a sheet only

        warnings.append(name_warning(sheet))
    if not sheet.climb.known:
        warnings.append(
            f"« {sheet.format_name} » : pas d'altitudes, D+ inconnu dans les fichiers des "
            "participants. Appliquez un MNT au réseau du projet (« cavalier elevation "
            "download », ou --dem MNT.tif avec « cavalier export ») pour le D+ et le profil.")
    return warnings
