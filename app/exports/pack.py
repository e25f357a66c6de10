"""``cavalier export`` and the window's « Dossier participants »: every file of an event, one path.

The folder gets the budget workbook, the offline HTML map, the participants' GPX zip, the cue
sheet (CSV and xlsx) and the participants' page (``participants/``: index.html, GPX complet and
compatible, FIT, KML, TCX, Leaflet, QR codes). Formats that cannot be exported are named with the
reason in :attr:`PackResult.skipped`, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from app.course_notes import all_attributions, attributions, export_warnings, uses_osm
from app.exports.courses import Course, climb_text, course_of_format
from app.exports.cues import cued_courses, cues_and_marks
from app.exports.devices import device, file_version
from app.exports.errors import ExportError
from app.exports.files import slug
from app.exports.gpx import (
    COMPATIBLE_MAX_POINTS,
    gpx_text,
    track_with_course_points,
    write_gpx_file,
    write_leg_file,
)
from app.exports.kml import write_kml_file
from app.exports.legfiles import DEVICE_NOTE, leg_files
from app.exports.map import export_map
from app.exports.pace import Pace
from app.exports.page import Download, PageFormat, write_page
from app.exports.tcx import write_tcx_file
from app.model import Event
from app.project_store import Project
from app.sheet import CourseSheet, sheet_of, sheets_of
from routes.errors import CavalierError, french_reason
from routes.gpx.bundle import BundleCourse, BundlePart, write_bundle
from routes.gpx.errors import GpxError
from routes.network.model import Network
from routes.progress import CancelCallback, OperationCancelled, ProgressCallback

FileKind = Literal["gpx", "gpx-compatible", "fit", "kml", "tcx"]

#: Files of a format on the participants' page: kind, suffix of the file name, label.
COURSE_FILES: tuple[tuple[FileKind, str, str], ...] = (
    ("gpx", "-complet.gpx", "GPX complet"),
    ("gpx-compatible", "-compatible.gpx", f"GPX compatible (≤ {COMPATIBLE_MAX_POINTS} points)"),
    ("fit", ".fit", "FIT (Garmin)"),
    ("kml", ".kml", "KML (Organic Maps, Google Earth)"),
    ("tcx", ".tcx", "TCX"),
)


@dataclass(frozen=True)
class PackOptions:
    tiles: bool = True  # online background on the HTML map (the participants' page has none)
    site_url: str = ""  # where the participants' page will live: the QR codes point there
    contact: str = ""  # organiser's contact on the page (default: the event's contact)
    paces: Mapping[str, Pace] = field(default_factory=dict)  # per format name
    with_route: bool = False  # add a <rte> to the GPX files
    cues: bool = False  # turn cues as <wpt> in the GPX files too (FIT and TCX always have them)
    device: str = ""  # preset of the « compatible » files (app.exports.devices), "" for none


@dataclass
class PackResult:
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # formats or files not written, and why
    notes: list[str] = field(default_factory=list)
    #: Courses with unsurveyed (or unknown) parts: the CLI prints these on stderr.
    warnings: list[str] = field(default_factory=list)


def write_course_file(path: Path, course: Course, kind: FileKind, *,
                      with_route: bool = False) -> Path:
    """One file of one course, by kind: what the window's « Exporter » and ``cavalier gpx
    export`` write, and what the pack writes for each format."""
    if kind == "gpx":
        return write_gpx_file(path, course, with_route=with_route)
    if kind == "gpx-compatible":
        return write_gpx_file(path, course, compatible=True, with_route=with_route)
    if kind == "fit":
        from app.exports.fit import write_fit_file  # fit_tool: imported when used

        return write_fit_file(path, course)
    if kind == "kml":
        return write_kml_file(path, course)
    return write_tcx_file(path, course)


def _load_network(project: Project) -> Network | None:
    from app.project_store import project_network

    try:
        return project_network(project.network)
    except (CavalierError, OSError):
        return None


def sheets_for_export(project: Project, network: Network | None,
                      paces: Mapping[str, Pace] | None = None, *, only: str | None = None
                      ) -> dict[str, CourseSheet]:
    """The course sheet of every format that has a course (of ``only`` alone when given), once
    per export, on ``network`` (default: the project's network)."""
    routed = [f for f in project.event.formats if f.route is not None
              and len(f.route.geometry) >= 2 and (only is None or f.name == only)]
    if not routed:
        return {}
    net = network if network is not None else _load_network(project)
    if net is None:
        raise ExportError("Réseau du projet introuvable : les parcours ne peuvent pas être "
                          "mesurés ; aucun fichier.")
    if only is None:
        return sheets_of(project.event, net, paces=paces)
    return {f.name: sheet_of(project.event, f, net, paces=paces) for f in routed}


def courses_of(project: Project, sheets: Mapping[str, CourseSheet], result: PackResult, *,
               only: str | None = None) -> list[Course]:
    """The courses of every format that has a sheet (a course), read from its sheet; the others
    go to ``result.skipped``, and what the organiser must hear to ``result.warnings``."""
    courses = []
    osm = uses_osm(project.network)
    for fmt in project.event.formats:
        if only is not None and fmt.name != only:
            continue
        sheet = sheets.get(fmt.name)
        if sheet is None:
            result.skipped.append(f"« {fmt.name} » : pas encore de parcours (tracez-le dans la "
                                  "fenêtre ou avec « cavalier plan ») ; aucun fichier.")
            continue
        try:
            course = course_of_format(project.event, fmt, sheet, osm=osm,
                                      credits=attributions(project.network))
        except ExportError as exc:
            result.skipped.append(f"{exc} ; aucun fichier.")
            continue
        if course.elevation_dropped:
            result.notes.append(
                f"« {fmt.name} » : altitude connue sur {course.elevation_dropped} point(s) "
                f"sur {len(course.track.points)} seulement ; fichiers écrits sans altitude "
                "(toutes ou aucune, comme l'attendent les montres).")
        courses.append(course)
    exported = {c.sheet.format_name for c in courses}
    result.warnings = export_warnings(
        (f for f in project.event.formats if f.name in exported),
        {name: sheet for name, sheet in sheets.items() if name in exported})
    return courses


def _unpublished(project: Project, courses: list[Course]) -> list[str]:
    """What the participants' page says of the formats without files (to its readers)."""
    exported = {c.sheet.format_name for c in courses}
    return [f"{f.name} : parcours pas encore publié." for f in project.event.formats
            if f.name not in exported]


def _check(cancel: CancelCallback | None) -> None:
    if cancel is not None and cancel():
        raise OperationCancelled("Export annulé.")


def _parts(course: Course) -> tuple[BundlePart, ...]:
    """A stage's legs as files of the zip (one GPX per moving leg)."""
    return tuple(BundlePart(f.track, f.meta, f.file_name, f.track.description)
                 for f in leg_files(course))


def _bundle(path: Path, event: Event, courses: list[Course], with_route: bool) -> Path:
    bundle = []
    for c in courses:
        parts = _parts(c)
        bundle.append(BundleCourse(
            track_with_course_points(c), c.meta, distance_m=c.distance_m, climb_m=c.climb_m,
            climb_line=climb_text(c.sheet),
            aid_stations_km=tuple((p.name, p.distance_m / 1000) for p in c.points
                                  if p.kind == "ravitaillement"),
            parts=parts, parts_note=DEVICE_NOTE if parts else ""))
    try:
        return write_bundle(path, f"{event.name} {event.edition_year}", bundle,
                            with_route=with_route)
    except GpxError as exc:
        raise ExportError(str(exc)) from exc


def _write_legs(page_folder: Path, course: Course, result: PackResult,
                with_route: bool) -> list[Download]:
    """A stage's GPX per leg (:mod:`app.exports.legfiles`) beside its whole-stage files."""
    downloads = []
    for leg in leg_files(course):
        name = f"fichiers/{leg.file_name}"
        result.files.append(write_leg_file(page_folder / name, leg, with_route=with_route))
        downloads.append(Download(leg.label, name))
    return downloads


def _with_legs(page: PageFormat, legs: list[Download]) -> PageFormat:
    """The format's page section with its legs' files and which devices take which."""
    if not legs:
        return page
    return PageFormat(page.course, [*page.downloads, *legs], page.marks, note=DEVICE_NOTE)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Dossier d'export {folder} impossible à créer : "
                          f"{french_reason(exc)}.") from exc


def export_format_file(path: Path, project: Project, format_name: str, kind: FileKind, *,
                       network: Network | None = None, with_route: bool = False,
                       paces: Mapping[str, Pace] | None = None) -> Path:
    """One file of one format of the project (the window's « Exporter ce format »), from its
    course sheet on ``network`` (default: the project's network)."""
    result = PackResult()
    sheets = sheets_for_export(project, network, paces, only=format_name)
    courses = courses_of(project, sheets, result, only=format_name)
    if not courses:
        raise ExportError(" ".join(result.skipped) or f"Format « {format_name} » inconnu.")
    (cued,) = cued_courses(courses)
    version, written_as = file_version(courses[0], kind, cued=cued)
    return write_course_file(path, version, written_as, with_route=with_route)


def export_gpx_zip(path: Path, project: Project, *, network: Network | None = None,
                   with_route: bool = False) -> PackResult:
    """The participants' zip alone: a GPX per format that has a route, and a README."""
    result = PackResult()
    courses = courses_of(project, sheets_for_export(project, network), result)
    if not courses:
        raise ExportError(f"{project.event.name} : aucun format n'a de parcours ; pas de zip.")
    result.files.append(_bundle(path, project.event, courses, with_route))
    return result


def export_pack(project: Project, outdir: Path, options: PackOptions | None = None, *,
                network: Network | None = None, progress: ProgressCallback | None = None,
                cancel: CancelCallback | None = None) -> PackResult:
    """Write the whole pack into ``outdir``; ``network`` defaults to the project's network."""
    opts = options or PackOptions()
    event = project.event
    result = PackResult()
    base = slug(f"{event.name}-{event.edition_year}")
    page_folder = outdir / "participants"
    _make_folder(outdir)

    def say(fraction: float, message: str) -> None:
        _check(cancel)
        if progress is not None:
            progress(fraction, message)

    # openpyxl and fit_tool are imported here, not with the module: the window imports this
    # module at start-up.
    from app.budget_xlsx import export_budgets
    from app.exports.cuesheet import write_cue_csv, write_cue_xlsx

    say(0.0, "Mesure des parcours…")
    sheets = sheets_for_export(project, network, opts.paces)
    courses = courses_of(project, sheets, result)
    say(0.2, "Budget…")
    if project.budgets:
        budget = outdir / f"budget-{base}.xlsx"
        export_budgets(budget, event, project.budgets, sheets=sheets)
        result.files.append(budget)
    else:
        result.skipped.append("Budget : aucun budget dans le projet ; pas de classeur.")
    say(0.3, "Carte HTML…")
    result.files.append(export_map(outdir / f"carte-{base}.html", event, tiles=opts.tiles,
                                   credits=all_attributions(project.network)))
    if not courses:
        result.skipped.append("GPX, FIT, KML, TCX, feuille de route, page participants : aucun "
                              "format n'a de parcours.")
        say(1.0, f"Export terminé dans {outdir}")
        return result
    _make_folder(page_folder / "fichiers")
    say(0.4, "Dossier GPX (zip)…")
    result.files.append(_bundle(outdir / f"gpx-{base}.zip", event, courses, opts.with_route))
    say(0.5, "Feuille de route…")
    result.files.append(write_cue_csv(outdir / f"feuille-de-route-{base}.csv", courses))
    result.files.append(write_cue_xlsx(outdir / f"feuille-de-route-{base}.xlsx", courses))
    page_formats = []
    for number, course in enumerate(courses):
        say(0.55 + 0.35 * number / len(courses), f"Fichiers de « {course.name} »…")
        downloads = []
        cued, marks = cues_and_marks(course)
        for kind, suffix, label in COURSE_FILES:
            name = f"fichiers/{slug(course.name)}{suffix}"
            version, written_as = file_version(course, kind, cued=cued, gpx_cues=opts.cues,
                                               preset=device(opts.device) if opts.device
                                               else None)
            result.files.append(write_course_file(page_folder / name, version, written_as,
                                                  with_route=opts.with_route))
            downloads.append(Download(label, name))
        page_formats.append(_with_legs(PageFormat(course, downloads, marks),
                                       _write_legs(page_folder, course, result,
                                                   opts.with_route)))
    say(0.9, "Page des participants…")
    if not opts.site_url:
        result.skipped.append("QR codes : adresse du site inconnue (option « adresse du site ») ;"
                              " page sans QR code.")
    if not event.organiser_known:
        result.notes.append("Organisateur « à renseigner » : les fichiers ne sont pas signés "
                            "(Événement › Propriétés de l'événement, ou « cavalier event "
                            "--organisateur »).")
    result.files.extend(write_page(page_folder, event, page_formats,
                                   contact=opts.contact or event.contact,
                                   site_url=opts.site_url,
                                   skipped=_unpublished(project, courses)))
    say(1.0, f"Export terminé dans {outdir}")
    return result


__all__ = ["COURSE_FILES", "ExportError", "PackOptions", "PackResult", "courses_of",
           "export_format_file", "export_gpx_zip", "export_pack", "gpx_text",
           "sheets_for_export", "slug", "write_course_file"]
