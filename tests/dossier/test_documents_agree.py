"""One course, one set of figures (issue #20): the Trail template's marathon planned as the README
says, then its roadbook (PDF), declaration file (PDF) and marshal posts workbook (xlsx) read back
and compared with its course sheet: length, D+, finish cut-off, marshal posts (numbers and km) and
communes (entry km and length)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fixture_networks import EMBEDDED_FOLDER, TEST_CROSSINGS, network_with_test_crossings
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import main
from app.dossier.workbook import COURSE_SHEET
from app.project_store import open_project
from app.sheet import CourseSheet, sheet_of
from routes.frenchfmt import NBSP, length_cell, number
from routes.network.model import EMBEDDED_OPTIONS

FORMAT = "Marathon 42 km"
#: The embedded network plus the FICTITIOUS rupture points of ``tests/data/test_crossings``, so
#: the marathon has marshal posts (the embedded network knows no road).
NETWORK_ARGS = ["--layers", str(EMBEDDED_FOLDER), str(TEST_CROSSINGS), "--tolerance",
                f"{EMBEDDED_OPTIONS.tolerance_m:g}", "--liaison-max",
                f"{EMBEDDED_OPTIONS.liaison_max_m:g}"]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[CourseSheet, str, str, Path]:
    """(sheet, roadbook text, dossier text, workbook) of the planned marathon."""
    folder = tmp_path_factory.mktemp("agree")
    project = folder / "P.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    assert main(["plan", str(project), "--format", "2", "--from", "Base 11/19", "--via", "T075",
                 "--to", "9-9bis", *NETWORK_ARGS]) == 0
    roadbook, dossier, xlsx = folder / "roadbook.pdf", folder / "dossier.pdf", folder / "p.xlsx"
    assert main(["roadbook", str(project), str(roadbook), *NETWORK_ARGS]) == 0
    assert main(["dossier", str(project), str(dossier), "--xlsx", str(xlsx),
                 *NETWORK_ARGS]) == 0
    event = open_project(project).event
    sheet = sheet_of(event, event.format_named(FORMAT), network_with_test_crossings())
    assert sheet.posts and sheet.communes, "posts and communes to compare"
    return sheet, _text(roadbook), _text(dossier), xlsx


def _text(pdf: Path) -> str:
    """The PDF's text on one line (pdftotext when installed, else pypdf)."""
    if shutil.which("pdftotext"):
        raw = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                             text=True).stdout
    else:
        raw = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " ").replace("\u202f", " "))


def _km(metres: float) -> str:
    return number(metres / 1000).replace("\u202f", " ")


def _climb(sheet: CourseSheet) -> str:
    return "inconnu" if sheet.climb.d_plus is None else f"{sheet.climb.d_plus:.0f} m"


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


#: Command-line syntax: an option (« --zone ») or a cavalier sub-command.
COMMAND_LINE = re.compile(r"(?:^|\s)--[a-z]|\bcavalier (?:plan|event|elevation|osm|route|"
                          r"dossier|export|roadbook|allure|loop)\b", re.IGNORECASE)


def test_public_documents_give_no_command_line(
        documents: tuple[CourseSheet, str, str, Path]) -> None:
    """The prefecture and the volunteers read plain French; the hints went to the CLI."""
    _, roadbook, dossier, _ = documents
    assert not COMMAND_LINE.search(roadbook), COMMAND_LINE.search(roadbook)
    assert not COMMAND_LINE.search(dossier), COMMAND_LINE.search(dossier)
    assert "Aucune couche Natura 2000 n'a été consultée" in dossier


def test_length_climb_and_finish_cutoff(documents: tuple[CourseSheet, str, str, Path]) -> None:
    sheet, roadbook, dossier, xlsx = documents
    length, climb = _km(sheet.length_m), _climb(sheet)
    cutoff = sheet.clock(sheet.finish.cutoff)
    assert sheet.finish.cutoff is not None and "inconnu" not in cutoff
    for name, text in (("roadbook", roadbook), ("dossier", dossier)):
        assert f"Distance {length} km" in text, name
        assert re.search(rf"Dénivelé positif (?:cumulé )?\(D\+\) {re.escape(climb)}", text), name
        assert f"Barrière horaire d'arrivée {cutoff}" in text, name
    row = next(r for r in load_workbook(xlsx)[COURSE_SHEET].iter_rows(min_row=2,
                                                                      values_only=True)
               if r[0] == FORMAT)
    assert row[1] == round(sheet.length_m / 1000, 1)
    assert str(row[2]).startswith(climb)
    assert row[3] == cutoff
    assert row[4] == len(sheet.posts)


def test_marshal_posts_have_one_numbering(documents: tuple[CourseSheet, str, str, Path]) -> None:
    sheet, roadbook, dossier, xlsx = documents
    in_roadbook = _between(roadbook, "numérotés comme dans le dossier", "Terrils")
    in_dossier = _between(dossier, "numéros des postes identiques", "Liste des signaleurs")
    rows = [r for r in load_workbook(xlsx)[FORMAT].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in rows] == [(p.number, round(p.distance_m / 1000, 1))
                                            for p in sheet.posts]
    for post, row in zip(sheet.posts, rows, strict=True):
        km, head, cutoff = _km(post.distance_m), sheet.clock(post.head), sheet.clock(post.cutoff)
        assert f" {post.number} {km} {post.kind}" in in_roadbook, post
        assert f" {post.number} {km} {post.kind}" in in_dossier, post
        assert f"{head} {cutoff}" in in_roadbook and f"{head} {cutoff}" in in_dossier
        assert (row[7], row[8]) == (head, cutoff)
    assert f"{len(sheet.posts)} postes, {len(sheet.posts)} signaleurs" in dossier
    assert f"{len(sheet.posts)} postes, numérotés" in roadbook
    assert f"Postes de signaleurs {len(sheet.posts)}" in roadbook  # the header row


def test_communes_and_their_km(documents: tuple[CourseSheet, str, str, Path]) -> None:
    sheet, roadbook, dossier, xlsx = documents
    in_roadbook = _between(roadbook, "Communes traversées", "Voies empruntées")
    in_dossier = _between(dossier, "Communes traversées", "Voies empruntées")
    assert f"{len(sheet.communes)} communes" in in_roadbook
    assert f"{len(sheet.communes)} communes" in in_dossier
    rows = [r for r in load_workbook(xlsx)[COURSE_SHEET].iter_rows(min_row=2, values_only=True)
            if r[5]]
    assert [(r[5], r[6], r[7], r[8]) for r in rows] == [
        (c.name, c.insee, round(c.first_m / 1000, 1), round(c.length_m / 1000, 1))
        for c in sheet.communes]
    for commune in sheet.communes:
        # a commune crossed for a few metres reads « < 0,1 », not « 0,0 »
        first, length = _km(commune.first_m), length_cell(commune.length_m).replace(NBSP, " ")
        assert f"{commune.name} {commune.insee} {first} {length}" in in_roadbook, commune
        assert re.search(rf"{re.escape(commune.name)} {commune.insee} .*? {re.escape(first)} "
                         rf"{re.escape(length)}", in_dossier), commune
