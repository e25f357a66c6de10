"""Issue #25: the declaration file declares a multisport stage section by section — each leg's
discipline, km, D+, communes and the time window of the teams there, as the course sheet's
timetable gives them — in the PDF (read back with pdftotext) and in the posts workbook. A
course of one discipline keeps its dossier: no sections table."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from layer_factory import ladder, square
from leg_samples import four_leg_stage
from openpyxl import load_workbook

from app.dossier.content import build_dossier
from app.dossier.document import write_dossier
from app.dossier.sections import section_rows, window_text
from app.dossier.workbook import SECTIONS_SHEET, write_posts_workbook
from app.model import Discipline, Event, Format
from app.sheet import sheet_of
from routes.frenchfmt import km_cell, length_cell
from routes.network.layers import LayerKind, LayerSet
from routes.network.model import Network, network_from_layers

MIN = dt.timedelta(minutes=1)


@cache
def two_communes() -> Network:
    """The ladder of ``layer_factory`` across two commune outlines: Loos-en-Gohelle west of
    1 000 m, Lens east of it."""
    features = [f for f in ladder().features if f.kind is not LayerKind.COMMUNE]
    features += [square(LayerKind.COMMUNE, -500, -500, 1000, 1500, name="Loos-en-Gohelle",
                        ref="62528", insee="62528"),
                 square(LayerKind.COMMUNE, 1000, -500, 3500, 1500, name="Lens", ref="62498",
                        insee="62498")]
    return network_from_layers(LayerSet(features=features), name="deux communes")


def _stage(network: Network) -> Format:
    return four_leg_stage(network)


def _event(*formats: Format) -> Event:
    return Event("Raid", 2027, dt.date(2027, 6, 5), dt.date(2027, 6, 5), "Club", formats)


def _raw_text(pdf: Path) -> str:
    """The PDF's text in drawing order (a table row after the other), on one line."""
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " ").replace("\u202f", " "))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def test_each_leg_has_its_communes_cut_from_the_stage_communes() -> None:
    network = two_communes()
    sheet = sheet_of(None, _stage(network), network)
    table = sheet.timetable
    assert table is not None and table.has_legs
    vtt, transition, trail, epreuve = table.legs
    assert {c.name for c in sheet.communes} == {"Loos-en-Gohelle", "Lens"}
    for commune in sheet.communes:  # the legs' km in a commune add up to the stage's
        legs_km = sum(c.length_m for leg in table.legs for c in leg.communes
                      if c.name == commune.name)
        assert legs_km == pytest.approx(commune.length_m, abs=1.0)
    assert transition.communes == () and epreuve.communes == ()
    for leg in (vtt, trail):
        assert sum(c.length_m for c in leg.communes) == pytest.approx(leg.length_m, abs=1.0)
        assert all(leg.start_m - 1e-6 <= c.first_m <= leg.end_m for c in leg.communes)
    assert [c.name for c in vtt.communes] == ["Loos-en-Gohelle", "Lens"]  # west, then east
    assert [c.insee for c in vtt.communes] == ["62528", "62498"]
    assert [c.name for c in trail.communes] == ["Lens"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) absent")
def test_the_dossier_pdf_declares_each_leg_as_the_sheet_times_it(tmp_path: Path) -> None:
    network = two_communes()
    stage = _stage(network)
    dossier = build_dossier(_event(stage), network, today=dt.date(2027, 1, 1))
    (fmt,) = dossier.formats
    sheet = fmt.sheet
    assert sheet.timetable is not None
    pdf, xlsx = tmp_path / "dossier.pdf", tmp_path / "postes.xlsx"
    write_dossier(dossier, network, pdf)
    text = _raw_text(pdf)
    assert "Sections de l'épreuve" in text
    table = text.split("Sections de l'épreuve", 1)[1].split("Communes traversées (km)", 1)[1]
    table = table.split("Communes traversées", 1)[0]  # the stage's commune table follows
    rest = table
    for leg in sheet.timetable.legs:
        row = [f"{leg.number} {leg.kind.label}",
               (f"{km_cell(leg.start_m)} – {km_cell(leg.end_m)} ({km_cell(leg.length_m)} km)"
                if leg.moving else km_cell(leg.start_m)),
               *(f"{c.name} ({length_cell(c.length_m)})" for c in leg.communes),
               window_text(sheet, leg)]
        for cell in map(_flat, row):  # every cell of the leg's row, in the row's order
            assert cell in rest, (cell, rest[:300])
            rest = rest.split(cell, 1)[1]
    posts = text.split("Postes de signaleurs", 1)[1]
    for post in sheet.posts:  # each post names the leg passing there, at that leg's times
        leg = next(t for t in sheet.timetable.legs if t.moving and t.kind.label == post.leg)
        assert post.head is not None and leg.head_start <= post.head <= leg.head_end
        assert f"{post.number} {km_cell(post.distance_m)} {post.kind} ({post.leg})" in posts
    assert {p.leg for p in sheet.posts} == {"VTT", "Trail"}
    assert "tir à l'arc ; 30 min, au plus 45 min" in text
    assert "parc à vélos ; 10 min" in text
    # the window of the trail leg: after the transition, at the trail's pace
    trail = sheet.timetable.legs[2]
    assert trail.head_start == sheet.timetable.legs[1].head_end
    assert window_text(sheet, trail) == (f"{sheet.clock(trail.head_start)} – "
                                         f"{sheet.clock(trail.cutoff_end)}")
    write_posts_workbook(dossier, xlsx)
    rows = list(load_workbook(xlsx)[SECTIONS_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[1:] for r in rows] == [r.cells() for r in section_rows(sheet)]
    assert [r[0] for r in rows] == ["Étape 1"] * 4
    posts = list(load_workbook(xlsx)["Étape 1"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in posts] == [f"{p.kind} ({p.leg})" for p in sheet.posts
                                     for _ in range(p.marshals)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) absent")
def test_a_course_of_one_discipline_has_no_sections(tmp_path: Path) -> None:
    network = two_communes()
    stage = _stage(network)
    single = Format("Trail", Discipline.TRAIL, 3.0, 100, Decimal(10), day=dt.date(2027, 6, 5),
                    start_time=dt.time(9, 0), route=stage.legs[0].route)
    dossier = build_dossier(_event(single), network, today=dt.date(2027, 1, 1))
    assert section_rows(dossier.formats[0].sheet) == []
    pdf, xlsx = tmp_path / "dossier.pdf", tmp_path / "postes.xlsx"
    write_dossier(dossier, network, pdf)
    assert "Sections de l'épreuve" not in _raw_text(pdf)
    write_posts_workbook(dossier, xlsx)
    assert SECTIONS_SHEET not in load_workbook(xlsx).sheetnames


def test_legs_off_the_course_are_not_declared_and_the_organiser_is_told() -> None:
    network = two_communes()
    stage = _stage(network)
    redrawn = replace(stage, route=stage.legs[0].route)  # the course redrawn since
    dossier = build_dossier(_event(redrawn), network, today=dt.date(2027, 1, 1))
    assert section_rows(dossier.formats[0].sheet) == []
    assert any("ses tronçons ne suivent plus son parcours" in h
               for h in dossier.organiser_hints)
    assert not any("tronçons" in w for w in dossier.warnings)  # not for the prefecture
