"""``cavalier export`` writes the whole participants' pack of the Trail template and names what
it skipped; ``cavalier gpx export`` writes FIT, KML and TCX beside the GPX."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeET
import gpxpy
import pytest
from garmin_fit_sdk import Decoder, Stream
from openpyxl import load_workbook
from shared_data import shared_path

from app.cli import main
from app.exports.courses import climb_text
from app.project_store import open_project, project_network
from app.sheet import CourseSheet, SheetPoint, sheet_of
from app.sheet.model import ClimbFigures, ClimbSource
from routes.frenchfmt import number
from routes.outputs.unsurveyed import export_warning, gpx_note, has_unsurveyed

BASE = "trail-des-pyramides-noires-2027"


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Trail template with the marathon planned on the embedded network (README example)."""
    project = tmp_path_factory.mktemp("trail") / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", "--year", "2027",
                 str(project)]) == 0
    assert main(["plan", str(project), "--format", "Marathon 42 km", "--from", "Base 11/19",
                 "--via", "T075", "--to", "9-9bis"]) == 0
    return project


def test_export_writes_the_pack_and_names_the_skipped_formats(
        trail: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    out = tmp_path / "dossier"
    assert main(["export", str(trail), str(out), "--no-tiles", "--contact", "06 00 00 00 00",
                 "--adresse-site", "https://trail.example/2027/",
                 "--allure", "Marathon 42 km=10/6/600"]) == 0
    captured = capsys.readouterr()
    printed = captured.out
    for skipped in ("Ultra 100 km", "Semi 21 km", "Rando famille"):
        assert f"« {skipped} » : pas encore de parcours" in printed
    assert "Non exporté :" in printed
    # what nobody surveyed is said in every document, in the one wording of
    # routes.outputs.unsurveyed
    marathon = open_project(trail).event.format_named("Marathon 42 km")
    assert marathon.route is not None and marathon.route.unsurveyed_m is not None
    metres = marathon.route.unsurveyed_m
    warning = gpx_note(metres)
    if has_unsurveyed(metres):
        assert export_warning("Marathon 42 km", metres) in captured.err
        assert warning in (out / "participants/index.html").read_text(encoding="utf-8")
        assert warning in (out / f"feuille-de-route-{BASE}.csv").read_text(encoding="utf-8-sig")
    for name in ("marathon-42-km-complet.gpx", "marathon-42-km.kml", "marathon-42-km.tcx"):
        assert warning in (out / "participants/fichiers" / name).read_text(encoding="utf-8")
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    for kind in ("-complet.gpx", "-compatible.gpx", ".fit", ".kml", ".tcx"):
        assert f"participants/fichiers/marathon-42-km{kind}" in files
        assert f"participants/qr/marathon-42-km{kind}.svg" in files
    assert {f"budget-{BASE}.xlsx", f"carte-{BASE}.html", f"gpx-{BASE}.zip",
            f"feuille-de-route-{BASE}.csv", f"feuille-de-route-{BASE}.xlsx",
            "participants/index.html", "participants/leaflet/leaflet.js"} <= files
    # road crossings (rupture nodes) and terrils are course points of the FIT file
    fit = (out / "participants/fichiers/marathon-42-km.fit").read_bytes()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(fit))).read()
    assert errors == []
    types = [p["type"] for p in messages["course_point_mesgs"]]
    assert types.count("crossing") == len(marathon.route.ruptures_crossed)
    # the summits are the terrils the course climbs (its sheet), not those passed at the foot
    sheet = sheet_of(open_project(trail).event, marathon, project_network(None))
    assert types.count("summit") == len(sheet.terrils_climbed) > 0
    assert types.count("aid_station") == 1
    # the cue sheet: elevation unknown on this route, times from the given pace (10 km/h)
    sheet = load_workbook(out / f"feuille-de-route-{BASE}.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("Marathon 42 km", "0,0", "inconnu", "Départ — Base 11/19")
    assert rows[1][5] == "8 h 30"
    km_finish = float(str(rows[-1][1]).replace(",", "."))
    hour, minute = (int(v) for v in str(rows[-1][5]).split(" h "))
    assert abs(hour * 60 + minute - (8 * 60 + 30 + km_finish / 10 * 60)) <= 1.0
    with zipfile.ZipFile(out / f"gpx-{BASE}.zip") as archive:
        readme = next(n for n in archive.namelist() if n.endswith("README.txt"))
        assert "Trail des Pyramides Noires 2027" in archive.read(readme).decode("utf-8")


def test_unknown_format_in_pace_option_is_a_french_error(
        trail: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(trail), str(tmp_path / "x"), "--allure", "Marathon 99=9/6"]) != 0
    assert "--allure : format(s) inconnu(s)" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()  # nothing written


@pytest.mark.shared
def test_gpx_export_writes_fit_kml_tcx_beside_the_gpx(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    source = shared_path("data", "eurovelo5-gpx", "gpx_eurovelo5.gpx")
    gpx, fit, kml, tcx = (tmp_path / f"ev5.{s}" for s in ("gpx", "fit", "kml", "tcx"))
    assert main(["gpx", "export", str(source), str(gpx), "--event", "EuroVelo 5", "--compatible",
                 "--waypoint", "ravitaillement:50.75,2.25:Pause", "--fit", str(fit),
                 "--kml", str(kml), "--tcx", str(tcx), "--allure", "20/15"]) == 0
    assert "FIT écrit" in capsys.readouterr().out
    assert gpx.read_text(encoding="utf-8").count("<trkpt") <= 500
    messages, errors = Decoder(Stream.from_byte_array(bytearray(fit.read_bytes()))).read()
    assert errors == [] and len(messages["course_point_mesgs"]) == 1
    assert len(messages["record_mesgs"]) > 5000  # the FIT keeps every point
    for path in (kml, tcx):
        SafeET.fromstring(path.read_bytes())


def test_allure_is_stored_in_the_project_and_used_by_the_export(
        trail: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "allure.cavalier"
    project.write_bytes(trail.read_bytes())
    assert main(["allure", str(project), "--format", "Marathon", "--allure", "12/7,5/500"]) == 0
    assert "Marathon 42 km : 12 km/h (fermeture 7,5 km/h)" in capsys.readouterr().out
    marathon = open_project(project).event.format_named("Marathon 42 km")
    assert marathon.pace is not None and marathon.pace.closing_kmh == 7.5
    out = tmp_path / "dossier"
    assert main(["export", str(project), str(out), "--no-tiles"]) == 0
    rows = list(load_workbook(out / f"feuille-de-route-{BASE}.xlsx").active.iter_rows(
        values_only=True))
    km_finish = float(str(rows[-1][1]).replace(",", "."))
    for column, speed in ((5, 12.0), (6, 7.5)):  # expected time, cut-off
        hour, minute = (int(v) for v in str(rows[-1][column]).split(" h "))
        assert abs(hour * 60 + minute - (8 * 60 + 30 + km_finish / speed * 60)) <= 1.0
    assert main(["allure", str(project), "--format", "Marathon", "--allure", "défaut"]) == 0
    assert open_project(project).event.format_named("Marathon 42 km").pace is None


def test_a_project_without_any_route_names_every_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "raid.cavalier"
    assert main(["new", "--template", "raid-bassin-minier", "--year", "2027", str(project)]) == 0
    capsys.readouterr()
    out = tmp_path / "dossier"
    assert main(["export", str(project), str(out), "--no-tiles"]) == 0
    printed = capsys.readouterr().out
    names = [f.name for f in open_project(project).event.formats]
    assert all(f"« {name} » : pas encore de parcours" in printed for name in names)
    assert "aucun format n'a de parcours" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        "budget-raid-bassin-minier-2027.xlsx", "carte-raid-bassin-minier-2027.html"]


def _norm(text: str) -> str:
    """Spaces as the reader sees them (the files put no-break spaces before « km »)."""
    return re.sub(r"[\u00a0\u202f ]+", " ", text)


class _Cells(HTMLParser):
    """The page's table cells (rows of <td>) and the text of its « chiffres » paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.figures: list[str] = []
        self._cell: list[str] | None = None
        self._figures = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = []
        elif tag == "p" and ("class", "chiffres") in attrs:
            self._figures = True
            self.figures.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "p":
            self._figures = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._figures:
            self.figures[-1] += data


@dataclass(frozen=True)
class Figures:
    """What every file must print, from the course sheet."""

    sheet: CourseSheet
    length: str  # km with one decimal, as printed
    climb: str
    aid: list[SheetPoint]
    aid_rows: list[tuple[str, str, str]]  # km, expected time, cut-off
    aid_moments: list[dt.datetime]


def _figures(sheet: CourseSheet) -> Figures:
    aid = [p for p in sheet.points if p.kind == "ravitaillement"]
    assert aid and sheet.start is not None
    local = ZoneInfo("Europe/Paris")
    return Figures(sheet, number(sheet.length_m / 1000), climb_text(sheet), aid,
                   [(number(p.distance_m / 1000), sheet.clock(p.head), sheet.clock(p.cutoff))
                    for p in aid],
                   [(sheet.start + p.head).replace(tzinfo=local) for p in aid
                    if p.head is not None])


def _gpx(files: Path, f: Figures) -> str:
    gpx = gpxpy.parse((files / "marathon-42-km-complet.gpx").read_text(encoding="utf-8"))
    description = _norm(gpx.tracks[0].description or "")
    assert f"{f.length} km" in description and f.climb in description
    assert "42 km" not in description  # the format's announced distance is not a figure
    assert {p.name for p in f.aid} <= {w.name for w in gpx.waypoints}
    return description + (gpx.description or "")


def _kml(files: Path, f: Figures) -> str:
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    kml = SafeET.fromstring((files / "marathon-42-km.kml").read_bytes())
    description = _norm(kml.findtext("k:Document/k:description", "", ns))
    assert f"{f.length} km" in description and f.climb in description
    assert "42 km" not in description
    placemarks = {p.findtext("k:name", "", ns): _norm(p.findtext("k:description", "", ns))
                  for p in kml.iterfind(".//k:Folder/k:Placemark", ns)}
    for point, (km, _, _) in zip(f.aid, f.aid_rows, strict=True):
        assert f"km {km}" in placemarks[point.name]
    return description


def _tcx(files: Path, f: Figures) -> str:
    tns = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
    tcx = SafeET.fromstring((files / "marathon-42-km.tcx").read_bytes())
    lap = tcx.find(f".//{tns}Lap")
    assert lap is not None
    assert abs(float(lap.findtext(f"{tns}DistanceMeters", "nan")) - f.sheet.length_m) < 1.0
    last = list(tcx.iter(f"{tns}Trackpoint"))[-1]
    assert abs(float(last.findtext(f"{tns}DistanceMeters", "nan")) - f.sheet.length_m) < 1.0
    food = [p for p in tcx.iter(f"{tns}CoursePoint") if p.findtext(f"{tns}PointType") == "Food"]
    assert len(food) == len(f.aid)
    for xml_point, (km, _, _), moment in zip(food, f.aid_rows, f.aid_moments, strict=True):
        assert f"km {km}" in xml_point.findtext(f"{tns}Notes", "")
        written = dt.datetime.fromisoformat(xml_point.findtext(f"{tns}Time", ""))
        assert abs((written - moment).total_seconds()) <= 1.0
    return _norm(tcx.findtext(f".//{tns}Course/{tns}Notes", ""))


def _fit(files: Path, f: Figures) -> None:
    fit = (files / "marathon-42-km.fit").read_bytes()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(fit))).read()
    assert errors == []
    lap = messages["lap_mesgs"][0]
    assert abs(float(lap["total_distance"]) - f.sheet.length_m) < 1.0
    assert abs(float(messages["record_mesgs"][-1]["distance"]) - f.sheet.length_m) < 1.0
    assert lap.get("total_ascent") is None  # D+ unknown: not 0
    stations = [p for p in messages["course_point_mesgs"] if p["type"] == "aid_station"]
    assert len(stations) == len(f.aid)
    for message, point, moment in zip(stations, f.aid, f.aid_moments, strict=True):
        assert abs(float(message["distance"]) - point.distance_m) < 1.0
        assert abs((message["timestamp"] - moment).total_seconds()) <= 1.0


def _cue_sheets(out: Path, f: Figures) -> str:
    with (out / f"feuille-de-route-{BASE}.csv").open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.reader(file, delimiter=";"))
    book = [[str(c) for c in row] for row in load_workbook(
        out / f"feuille-de-route-{BASE}.xlsx").active.iter_rows(values_only=True)]
    for rows in (table, book):
        body = [r for r in rows[1:] if r[0] == "Marathon 42 km"]
        assert body[-1][1] == f.length and body[-1][4] == "Arrivée"
        assert [(r[1], r[5], r[6]) for r in body if r[4] == "Ravitaillement"] == f.aid_rows
        assert {r[2] for r in body} == {"inconnu"}
    return "\n".join(";".join(r) for r in table)


def _page(out: Path, f: Figures) -> str:
    page = (out / "participants/index.html").read_text(encoding="utf-8")
    cells = _Cells()
    cells.feed(page)
    figures = _norm(cells.figures[0])
    assert f"distance {f.length} km" in figures and f.climb in figures
    assert "42 km" not in figures
    assert [(r[0], r[4], r[5]) for r in cells.rows
            if len(r) > 3 and r[3] == "Ravitaillement"] == f.aid_rows
    assert [r[0] for r in cells.rows if len(r) > 3 and r[3] == "Arrivée"] == [f.length]
    return page


def _readme(out: Path, f: Figures) -> str:
    with zipfile.ZipFile(out / f"gpx-{BASE}.zip") as archive:
        readme = archive.read(next(n for n in archive.namelist()
                                   if n.endswith("README.txt"))).decode("utf-8")
    assert f"Distance : {f.length} km" in readme and f.climb in readme
    for point, (km, _, _) in zip(f.aid, f.aid_rows, strict=True):
        assert f"{point.name} : km {km}" in readme
    return readme


def test_every_participants_file_reads_the_same_figures(
        trail: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One course, one set of figures (issue #20): the length, the D+ and each aid station's
    km and times are the course sheet's in every file, read back by its own reader."""
    capsys.readouterr()
    out = tmp_path / "dossier"
    assert main(["export", str(trail), str(out), "--no-tiles"]) == 0
    err = _norm(capsys.readouterr().err)
    event = open_project(trail).event
    sheet = sheet_of(event, event.format_named("Marathon 42 km"), project_network(None))
    figures = _figures(sheet)
    assert not sheet.climb.known and figures.climb == "D+ inconnu (pas d'altitudes)"
    # the window and the command line say what the files do not: the name and the DEM
    assert (f"« Marathon 42 km » annonce 42 km mais le parcours mesure {figures.length} km"
            in err and "leurs noms gardent celui du format" in err)
    assert "--dem" in err
    files = out / "participants/fichiers"
    _fit(files, figures)
    public = {"gpx": _gpx(files, figures), "kml": _kml(files, figures),
              "tcx": _tcx(files, figures), "cue sheet": _cue_sheets(out, figures),
              "page": _page(out, figures), "readme": _readme(out, figures)}
    # documents for the participants speak to them: no command line in any of them
    for name, text in public.items():
        assert not re.search(r"--[a-z]|« cavalier |cavalier (plan|export|elevation|event)",
                             text), name


def test_export_with_a_dem_prints_the_climb_everywhere(
        trail: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``cavalier export --dem`` applies the DEM to the project's network: the D+ is measured,
    the same in the files, and the warning about missing heights is gone."""
    from elevation.cone_dem import write_cone_dem

    from routes.elevation import open_dem, set_elevations

    event = open_project(trail).event
    marathon = event.format_named("Marathon 42 km")
    aid = next(w for w in marathon.waypoints if w.label.startswith("Ravitaillement"))
    dem = write_cone_dem(tmp_path / "cone.tif", aid.lon, aid.lat, 60.0, radius_m=2000.0,
                         pixel_deg=0.001, half_deg=0.3)
    capsys.readouterr()
    out = tmp_path / "dossier"
    assert main(["export", str(trail), str(out), "--no-tiles", "--dem", str(dem)]) == 0
    captured = capsys.readouterr()
    assert "MNT enregistré avec le projet : cone.tif" in captured.err
    assert "--dem" not in captured.err and "Pas de MNT" not in captured.err
    network = project_network(None)
    set_elevations(network.graph, open_dem(dem), allow_partial=True)
    sheet = sheet_of(event, marathon, network)
    assert sheet.climb.d_plus is not None and sheet.climb.d_plus > 30
    climb = climb_text(sheet)
    assert climb == f"D+ {sheet.climb.d_plus:.0f} m"
    files = out / "participants/fichiers"
    gpx = gpxpy.parse((files / "marathon-42-km-complet.gpx").read_text(encoding="utf-8"))
    assert climb in (gpx.tracks[0].description or "")
    assert all(p.elevation is not None for p in gpx.tracks[0].segments[0].points)
    fit = (files / "marathon-42-km.fit").read_bytes()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(fit))).read()
    assert errors == [] and messages["lap_mesgs"][0]["total_ascent"] == round(sheet.climb.d_plus)
    assert climb in (out / "participants/index.html").read_text(encoding="utf-8")
    rows = list(load_workbook(out / f"feuille-de-route-{BASE}.xlsx").active.iter_rows(
        values_only=True))
    assert rows[-1][2] == f"{sheet.climb.d_plus:.0f} m"


@pytest.mark.parametrize("climb", [
    ClimbFigures(22.0, 18.0, ClimbSource.ESTIMATE),
    ClimbFigures(56.0, 40.0, ClimbSource.DEM, missing_m=1100.0, dem_names=("mnt.tif",)),
    ClimbFigures(None, None, ClimbSource.NONE),
])
def test_participants_files_word_the_climb_as_the_roadbook_does(
        trail: Path, climb: ClimbFigures) -> None:
    """An estimated or partial D+ reads the same in the participants' files as in the roadbook
    and the dossier: one wording, with its caveat, not a shorter one of its own."""
    from app.roadbook.content import climb_text as roadbook_climb

    event = open_project(trail).event
    sheet = replace(sheet_of(event, event.format_named("Marathon 42 km"), project_network(None)),
                    climb=climb)
    assert climb_text(sheet) == f"D+ {roadbook_climb(sheet)}"
    if climb.estimated:
        assert "estimation d'après la hauteur des terrils" in climb_text(sheet)
    if climb.missing_m:
        assert "altitudes manquantes sur 1,1 km" in climb_text(sheet)
