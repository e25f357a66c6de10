"""``cavalier export`` writes the whole participants' pack of the Trail template and names what
it skipped; ``cavalier gpx export`` writes FIT, KML and TCX beside the GPX."""

from __future__ import annotations

import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from garmin_fit_sdk import Decoder, Stream
from openpyxl import load_workbook
from shared_data import shared_path

from app.cli import main
from app.project_store import open_project, project_network
from app.sheet import sheet_of
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
