"""The roadbook PDF of the Trail template's marathon: pages, text content, vector map; every figure
is the course sheet's (app.sheet)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from trail42 import FORMAT, trail_project

from app.cli import main
from app.project_store import Project, open_project, project_network, save_project
from app.roadbook import RoadbookError, export_roadbook, sheets_for
from app.sheet import CourseSheet, sheet_of
from routes.frenchfmt import number
from routes.network.model import Network
from routes.progress import OperationCancelled
from routes.search.routing import Route

#: Command-line syntax: an option (« --dem ») or a cavalier sub-command.
COMMAND_LINE = re.compile(r"(?:^|\s)--[a-z]|\bcavalier (?:plan|event|elevation|osm|route|"
                          r"dossier|export|roadbook|allure|loop)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def network() -> Network:
    from fixture_networks import network_with_test_crossings

    return network_with_test_crossings()  # fictitious crossings: the default network has none


@pytest.fixture(scope="module")
def built(network: Network, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, Path, Route]:
    folder = tmp_path_factory.mktemp("roadbook")
    project = folder / "trail.cavalier"
    route = trail_project(network, project)
    pdf = folder / "trail.pdf"
    assert main(["roadbook", str(project), str(pdf)]) == 0
    return project, pdf, route


@pytest.fixture(scope="module")
def sheet(built: tuple[Path, Path, Route]) -> CourseSheet:
    """The marathon's course sheet on the network stored in the project (what the CLI reads)."""
    project = open_project(built[0])
    event = project.event
    return sheet_of(event, event.format_named(FORMAT), project_network(project.network))


def _km(metres: float) -> str:
    return number(metres / 1000).replace("\u202f", " ")


def _text(pdf: Path) -> list[str]:
    pages = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    return [re.sub(r"\s+", " ", p.replace("\u00a0", " ")) for p in pages]


def test_roadbook_has_map_profile_and_tables(built: tuple[Path, Path, Route],
                                            sheet: CourseSheet) -> None:
    _, pdf, _ = built
    pages = _text(pdf)
    assert len(pages) >= 3
    first = pages[0]
    # No DEM: the climb is an estimate when the course climbs a terril of known height, else
    # « inconnu » (the real network's old railway lines pass at the foot of the terrils).
    climb, profile = (("(estimation", "ESTIMATION") if sheet.climb.estimated
                      else ("inconnu", "Profil indisponible"))
    assert "D+) 0 m" not in first
    for expected in ("Carnet de route — Marathon 42 km", "Trail des Pyramides Noires 2027",
                     "dimanche 3 octobre 2027", "8 h 30", "Carte du parcours",
                     "Organisateur à préciser", climb, "Cavaliers", "Véloroute",
                     f"Distance {_km(sheet.length_m)} km",
                     f"Barrière horaire d'arrivée {sheet.clock(sheet.finish.cutoff)}"):
        assert expected in first, expected
    rest = " ".join(pages[1:])
    for expected in ("Profil altimétrique", profile, "Points du parcours",
                     "Ravitaillement — T075 Pinchonvalles (Avion)", "Site du 9-9bis",
                     "Postes de signaleurs", "Signaleur — passage à niveau de Liévin",
                     "poste à placer", "Terrils", "Communes traversées", "Loos-en-Gohelle",
                     "Oignies", "Voies empruntées", "EuroVelo 5 (Via Romea Francigena)",
                     "Routes et voies ferrées traversées", "Traversée de test 7"):
        assert expected in rest, expected
    for text in pages:  # the volunteers' document gives no command-line instructions
        assert not COMMAND_LINE.search(text), COMMAND_LINE.search(text)


def test_pdf_title_is_the_carnet_de_route(built: tuple[Path, Path, Route]) -> None:
    metadata = PdfReader(built[1]).metadata
    assert metadata is not None
    assert metadata.title == "Carnet de route — Trail des Pyramides Noires"


def test_climb_is_worded_with_its_source(sheet: CourseSheet) -> None:
    """A measured D+, one over part of the course (the DEM stops short), an estimate, none."""
    from dataclasses import replace as copy

    from app.roadbook.content import climb_text
    from app.sheet import ClimbFigures

    measured = copy(sheet, climb=ClimbFigures(151.0, 140.0, "mnt"))
    assert climb_text(measured) == "151 m"
    partial = copy(sheet, climb=ClimbFigures(56.0, 50.0, "mnt", missing_m=1100.0))
    assert climb_text(partial) == (f"56 m sur {number((sheet.length_m - 1100.0) / 1000)} km "
                                   "(altitudes manquantes sur 1,1 km)")
    estimate = copy(sheet, climb=ClimbFigures(40.0, 40.0, "estimation"))
    assert climb_text(estimate).startswith("40 m (estimation")
    unknown = copy(sheet, climb=ClimbFigures(None, None, "aucune", sheet.length_m))
    assert climb_text(unknown).startswith("inconnu") and "0 m" not in climb_text(unknown)


def test_every_marshal_post_is_a_numbered_row(built: tuple[Path, Path, Route],
                                              sheet: CourseSheet) -> None:
    _, pdf, _ = built
    rest = " ".join(_text(pdf)[1:])
    posts = rest.split("Postes de signaleurs")[1].split("gravi(s)")[0]
    assert len(sheet.posts) >= 5
    for post in sheet.posts:
        assert f" {post.number} {_km(post.distance_m)} {post.kind}" in posts, post
    assert f" {len(sheet.posts) + 1} " not in posts.split(sheet.posts[-1].kind)[-1][:40]


def test_terrils_climbed_and_at_the_foot(built: tuple[Path, Path, Route],
                                        sheet: CourseSheet) -> None:
    _, pdf, _ = built
    rest = " ".join(_text(pdf)[1:])
    terrils = rest[rest.index("Terrils", rest.index("Postes de signaleurs")):]
    terrils = terrils.split("Communes traversées")[0]
    assert sheet.terrils
    assert f"{len(sheet.terrils_climbed)} gravi(s), {len(sheet.terrils_at_foot)} longé(s)" \
        in terrils
    for terril in sheet.terrils:
        passage = ("gravi" if terril.climbed else
                   f"au pied du {terril.ref}, à {terril.summit_offset_m:.0f} m du sommet")
        assert f"{_km(terril.distance_m)} {terril.label} {passage}" in terrils, terril


def test_map_is_vector_drawing(built: tuple[Path, Path, Route]) -> None:
    _, pdf, route = built
    content = PdfReader(pdf).pages[0].get_contents()
    assert content is not None
    data = content.get_data()
    # the course alone has hundreds of vertices, drawn as line-to operators
    assert data.count(b" l\n") + data.count(b" l ") > len(route.coords)


def test_single_format_and_missing_route(built: tuple[Path, Path, Route], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project, _, _ = built
    out = tmp_path / "one.pdf"
    assert main(["roadbook", str(project), str(out), "--format", FORMAT]) == 0
    assert out.stat().st_size > 10_000
    assert main(["roadbook", str(project), str(tmp_path / "x.pdf"), "--format", "Semi 21 km"]) == 1
    assert "« Semi 21 km » n'a pas encore de parcours" in capsys.readouterr().err
    assert main(["roadbook", str(project), str(tmp_path / "x.pdf"), "--format", "Nope"]) == 1
    err = capsys.readouterr().err
    assert "Aucun format « Nope »" in err and "« Ultra 100 km »" in err


def test_project_without_any_route(built: tuple[Path, Path, Route], network: Network,
                                   tmp_path: Path) -> None:
    project = open_project(built[0])
    bare = replace(project.event, formats=tuple(replace(f, route=None)
                                                for f in project.event.formats))
    with pytest.raises(RoadbookError, match="n'a de parcours"):
        sheets_for(bare, network)
    path = tmp_path / "bare.cavalier"
    save_project(path, Project(bare))
    assert main(["roadbook", str(path), str(tmp_path / "bare.pdf")]) == 1
    assert not (tmp_path / "bare.pdf").exists()


def test_unwritable_output(built: tuple[Path, Path, Route], tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("un fichier, pas un dossier", encoding="utf-8")
    target = blocker / "out.pdf"
    assert main(["roadbook", str(built[0]), str(target)]) == 1
    err = capsys.readouterr().err
    assert "impossible" in err and str(target) in err


def test_export_reports_progress_and_can_be_cancelled(built: tuple[Path, Path, Route],
                                                      network: Network, tmp_path: Path) -> None:
    project = open_project(built[0])
    seen: list[float] = []
    hints: list[str] = []
    pages, names = export_roadbook(project, tmp_path / "a.pdf", network=network,
                                   progress=lambda f, _m: seen.append(f), hints=hints)
    assert names == [FORMAT] and pages == len(PdfReader(tmp_path / "a.pdf").pages)
    # what the organiser can do goes to the caller (CLI, window), not into the PDF
    assert any("--dem" in h for h in hints) and any("annonce 42 km" in h for h in hints)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    with pytest.raises(OperationCancelled):
        export_roadbook(project, tmp_path / "b.pdf", network=network, cancel=lambda: True)
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.shared
def test_commune_polygons_from_real_layers(built: tuple[Path, Path, Route], unesco_dir: Path,
                                           tmp_path: Path) -> None:
    out = tmp_path / "unesco.pdf"
    assert main(["roadbook", str(built[0]), str(out), "--layers", str(unesco_dir)]) == 0
    text = " ".join(_text(out))
    assert "Méthode : contours des communes" in text
    # Pinchonvalles (the aid station) is in Avion: polygons see it, nearest centres do not
    assert "Avion" in text.split("Communes traversées")[1].split("Voies empruntées")[0]
    assert "accès T" not in text  # graph connectors are not named ways


def test_roadbook_prints_the_passages_of_the_course_sheet(
        built: tuple[Path, Path, Route], sheet: CourseSheet) -> None:
    """The passage table is the sheet's points: the same km, D+ and times as the cue sheet of
    the participants' files, which read the same sheet."""
    _, pdf, _ = built
    text = " ".join(_text(pdf))
    assert "Feuille de route : heures de passage" in text
    assert "Allure du format : 9 km/h (fermeture 6 km/h)" in text  # the trail default
    table = text.split("Feuille de route : heures de passage")[1].split("Postes de signaleurs")[0]
    climb = (lambda m: "inconnu" if m is None else f"{m:.0f} m")  # noqa: E731
    for point in sheet.points:
        assert f"{_km(point.distance_m)} {climb(point.climb_m)} {point.name}" in table, point
        assert sheet.clock(point.head) in table
        if point.cutoff is not None:
            assert sheet.clock(point.cutoff) in table
    assert sheet.points[-1].kind == "arrivee"
