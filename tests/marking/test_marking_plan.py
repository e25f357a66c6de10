"""The marking plan: content on the junction scene, and the PDF (read back by pypdf) and workbook
of the Trail template's marathon and half planned on the embedded network."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from junction_scene import HALF, MARATHON, course, junction_network
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import main
from app.exports.courses import course_of_format
from app.exports.cues import CUE_KINDS, cued_courses
from app.marking.content import TAPES, format_plan, km_text, marking_plan
from app.project_store import open_project
from app.sheet import project_sheets
from routes.outputs.decisions import course_decisions
from routes.outputs.stats import RouteLine

MARATHON_NAME = "Marathon 42 km"
HALF_NAME = "Semi 21 km"


def test_plan_of_the_junction_scene() -> None:
    network = junction_network()
    found = course_decisions(network, course(*MARATHON), name="Marathon",
                             others={"21 km": course(*HALF)})
    plan = format_plan("Marathon", course(*MARATHON), found, teams=2)
    assert plan.arrows == len(found.decisions) == 5
    crossroads = plan.points[0]
    assert crossroads.tapes == TAPES["straight"] + 2  # two side streets closed off
    assert plan.partings == ("km 0,9 : « 21 km » tourne à droite, « Marathon » tourne à gauche "
                             "(Chemin des Terrils)",)
    assert plan.teams[0].start_m == 0.0 and plan.teams[-1].end_m == pytest.approx(plan.length_m)
    assert plan.teams[0].end_m == plan.teams[1].start_m
    assert sum(t.tapes for t in plan.teams) == plan.tapes
    assert sum(plan.tapes_per_km) == plan.tapes


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("balisage") / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    assert main(["plan", str(project), "--format", MARATHON_NAME, "--from", "Base 11/19",
                 "--via", "T075", "--to", "9-9bis"]) == 0
    assert main(["plan", str(project), "--format", HALF_NAME, "--from", "Base 11/19",
                 "--via", "T075", "--to", "Base 11/19"]) == 0
    return project


def _rows(pages: list[str]) -> list[tuple[str, str]]:
    """(label, km) of the rows of the decision tables: a label line then a km line."""
    lines = [line.strip() for page in pages for line in page.splitlines()]
    return [(a, b) for a, b in itertools.pairwise(lines)
            if re.fullmatch(r"C?\d+", a) and re.fullmatch(r"\d+,\d", b)]


def test_pdf_lists_every_decision_with_its_km(planned: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "balisage.pdf", tmp_path / "balisage.xlsx"
    assert main(["balisage", str(planned), str(pdf), "--xlsx", str(xlsx), "--equipes", "3"]) == 0
    project = open_project(planned)
    sheets = project_sheets(project)
    decisions = {name: sheet.decisions for name, sheet in sheets.items()}  # the sheets'
    found = decisions[MARATHON_NAME]
    assert found is not None
    marathon = found.decisions
    assert len(marathon) > 10
    texts = [page.extract_text() for page in PdfReader(pdf).pages]
    def heading(name: str) -> int:  # the first page of a format: its name, then its summary
        pattern = re.compile(rf"{name}\s*\n[\d,]+ km ; \d+ carrefours")
        return next(i for i, t in enumerate(texts) if pattern.search(t))

    start, end = heading(MARATHON_NAME), heading(HALF_NAME)
    assert start < end
    rows = _rows(texts[start:end])
    assert [km for _label, km in rows] == [km_text(d.distance_m) for d in marathon]
    assert "Rubalise par kilomètre" in "".join(texts[start:end])
    assert "Carrefours communs à plusieurs formats" in "".join(texts[:start])
    assert "Équipes de baliseurs (3)" in "".join(texts[start:end])
    # the km of each cue is the km the participants' files give the same spot
    fmt = project.event.format_named(MARATHON_NAME)
    (cued,) = cued_courses([course_of_format(project.event, fmt, sheets[MARATHON_NAME])])
    cues = [p for p in cued.points if p.kind in CUE_KINDS]
    assert [round(p.distance_m) for p in cues] == [round(d.distance_m) for d in marathon]
    line, after = RouteLine(sheets[MARATHON_NAME].lonlat), -1.0
    for decision in marathon:
        along, off = line.locate_after(decision.lon, decision.lat, after)
        assert off < 1.0 and abs(along - decision.distance_m) < 10.0
        after = along
    plan = marking_plan(project.event, decisions, teams=3)
    assert plan.shared  # the half runs the marathon's first 13 km out and back
    owners = [p for f in plan.formats for p in f.points if p.marks_shared]
    assert sorted(p.shared for p in owners) == [s.number for s in plan.shared]  # marked once
    for fmt_plan in plan.formats:
        assert sum(t.tapes for t in fmt_plan.teams) == fmt_plan.tapes
        assert sum(t.arrows for t in fmt_plan.teams) == fmt_plan.arrows
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    listed = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(1 for row in listed if row[0] == MARATHON_NAME) == len(marathon)
