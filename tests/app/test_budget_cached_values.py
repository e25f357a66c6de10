"""Every formula of the budget workbook carries its value, for viewers that never compute.

The value cached beside each formula is what LibreOffice computes from that formula (cell by
cell, on the three templates' budgets and on a sheet of the spreadsheet's corner cases) and what
the app's own arithmetic gives; the file still reads back as the same budgets.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from budget_checks import check_sheet, realise_some
from libreoffice import convert, needs_soffice
from openpyxl import Workbook, load_workbook

from app.budget import Budget, series_summary
from app.budget_xlsx import SheetCells, export_budgets, read_budgets
from app.model import Event
from app.templates import TEMPLATES, build_template
from app.xlsx_values import FormulaError, formula_values, save_with_values

_CELL = re.compile(rb"<c [^>]*?(?:/>|>.*?</c>)", re.DOTALL)


def _exports(tmp_path: Path) -> list[tuple[Path, Event, tuple[Budget, ...], list[SheetCells]]]:
    exported = []
    for key in TEMPLATES:
        event, budgets = build_template(key, 2027)
        # some budgets partly realised (réalisé totals and écarts), others not; one unbalanced
        budgets = tuple(realise_some(b) if i % 2 == 0 else b for i, b in enumerate(budgets))
        if len(budgets) > 1:
            budgets = (replace(budgets[1], lines=budgets[1].lines[1:]), *budgets[2:])
        path = tmp_path / f"{key}.xlsx"
        exported.append((path, event, budgets, export_budgets(path, event, budgets)))
    return exported


def _corner_cases(path: Path) -> None:
    """The spreadsheet's rules our evaluator follows, beyond what the budgets use today."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Règles"
    other = wb.create_sheet("L'autre feuille")
    other["A1"], other["A2"] = 2.5, "texte"
    ws["A1"], ws["A2"], ws["A3"], ws["A4"] = 10, "3", "mot", True
    formulas = [
        "=A1+A2", "=A1*A5", "=A5=\"\"", "=A5=0", "=A1=\"10\"", "=A3=\"MOT\"", "=A3<\"n\"",
        "=A1<\"1\"", "=SUM(A1:A3,A5)", "=SUM(A1,4,A2)", "=COUNT(A1:A3,A5)", "=N(A2)+N(A4)",
        "=N(A5)", "=IF(A5=\"\",\"vide\",A5)", "=IF(A1>5,A5)", "=IF(A1<5,1)", "=A1/(A1-10)",
        "=IF(A1=10,0,1/0)", "=ROUND(2.675,2)", "=ROUND(-2.5,0)", "=ROUND(1234.5678,-2)",
        "=-A1^2", "=2^3^2", "=A1&\" €\"", "=A4+1", "=AND(A4,A1>3)", "=AND(A1>30,TRUE)",
        "='L''autre feuille'!A1*4", "=SUM('L''autre feuille'!A1:A2)", "=A3+1",
        "=SUMIF(B1:B3,\"x\",A1:A3)", "=(1+2)*3-4/8", "=0.1+0.2", "=1E3*2.5E-2",
        "=IF(A1=10,\"\",1)",
    ]
    ws["B1"], ws["B2"], ws["B3"] = "X", "y", "x"
    for row, formula in enumerate(formulas, start=1):
        ws[f"C{row}"] = formula
    Path(path).write_bytes(save_with_values(wb))


def _cells_without_value(path: Path) -> list[str]:
    """The formula cells of the file stored without a cached ``<v>``."""
    missing = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                for cell in _CELL.findall(archive.read(name)):
                    if b"<f>" in cell and b"<v>" not in cell:
                        missing.append(f"{name}: {cell.decode()}")
    return missing


_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _chart_caches(path: Path) -> list[tuple[str, list[object], int]]:
    """Each reference of the file's charts: its formula, the values cached for its points (None
    for a point without one) and its point count."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/charts/chart"):
                continue
            root = ElementTree.fromstring(archive.read(name))
            for ref in (*root.iter(f"{_C}numRef"), *root.iter(f"{_C}strRef")):
                formula = ref.findtext(f"{_C}f") or ""
                cache = ref.find(f"{_C}numCache")
                number = cache is not None
                if cache is None:
                    cache = ref.find(f"{_C}strCache")
                assert cache is not None, f"{path.name} {name}: {formula} sans valeurs"
                count = int(cache.find(f"{_C}ptCount").get("val"))  # type: ignore[union-attr]
                points: list[object] = [None] * count
                for pt in cache.iter(f"{_C}pt"):
                    text = pt.findtext(f"{_C}v") or ""
                    points[int(pt.get("idx", "0"))] = float(text) if number else text
                found.append((formula, points, count))
    return found


def _range_values(wb: Any, formula: str) -> list[object]:
    sheet, _, cells = formula.rpartition("!")
    ws = wb[sheet.strip("'").replace("''", "'")]
    picked = ws[cells.replace("$", "")]
    rows = picked if isinstance(picked, tuple) else ((picked,),)
    return [cell.value for row in rows for cell in (row if isinstance(row, tuple) else (row,))]


def _same(ours: object, theirs: object, where: str) -> None:
    if isinstance(theirs, int | float) and not isinstance(theirs, bool):
        assert isinstance(ours, int | float), where
        # amounts to the cent and shares closer still: the same IEEE arithmetic
        assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-9), where
    else:
        assert (None if ours == "" else ours) == (None if theirs == "" else theirs), where


@needs_soffice
def test_cached_values_are_what_libreoffice_computes(tmp_path: Path) -> None:
    exported = _exports(tmp_path)
    rules = tmp_path / "regles.xlsx"
    _corner_cases(rules)
    files = [path for path, *_ in exported] + [rules]
    for path in files:
        assert _cells_without_value(path) == []
    out = convert(files, tmp_path / "recalcule", "xlsx", tmp_path, recalculate=True)

    for path in files:
        compared = 0
        formulas = load_workbook(path)
        ours = load_workbook(path, data_only=True)
        theirs = load_workbook(out / path.name, data_only=True)
        for ws in formulas.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        where = f"{path.name} « {ws.title} » {cell.coordinate} {cell.value}"
                        _same(ours[ws.title][cell.coordinate].value,
                              theirs[ws.title][cell.coordinate].value, where)
                        compared += 1
        assert compared > 30, path.name
        # the pies show what the sheet computes, without computing it
        caches = _chart_caches(path)
        pies = 0 if path == rules else sum(ws.title != "Formats" for ws in formulas.worksheets)
        assert len(caches) == 3 * pies  # a pie's name, categories and values
        for formula, points, count in caches:
            expected = _range_values(theirs, formula)
            assert count == len(expected), formula
            for point, value in zip(points, expected, strict=True):
                _same(point, value, f"{path.name} graphique {formula}")

    for path, _event, budgets, cells in exported:
        ours = load_workbook(path, data_only=True)
        for sheet, budget in zip(cells, budgets, strict=True):
            check_sheet(ours[sheet.title], sheet, budget)
        if len(budgets) > 1:
            summary = series_summary(budgets)
            ws = ours["Synthèse"]
            total = next(r for r in range(1, ws.max_row + 1)
                         if ws[f"B{r}"].value == "Total de la série")
            assert float(ws[f"C{total}"].value) == pytest.approx(float(summary.planned.charges))
            assert float(ws[f"D{total}"].value) == pytest.approx(float(summary.planned.produits))
        # our file and the one a spreadsheet saved both read back as the same budgets
        for readable in (path, out / path.name):
            assert [b.lines for b in read_budgets(readable)] == [b.lines for b in budgets]


def test_values_follow_the_spreadsheet_rules() -> None:
    """The corner cases without LibreOffice (the test above checks them against it)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["A2"] = 10, "3"
    ws["B1"] = "=A1+A2"
    ws["B2"] = '=IF(A3="","",A3-A1)'
    ws["B3"] = "=A1/(A1-10)"
    ws["B4"] = "=ROUND(2.675,2)"
    ws["B5"] = '=IF(A1=10,"équilibré","déséquilibré")'
    ws["B6"] = "=SUM(A1:A3)"
    values = formula_values(wb)[ws.title]
    assert values == {"B1": 13.0, "B2": "", "B3": FormulaError("#DIV/0!"), "B4": 2.68,
                      "B5": "équilibré", "B6": 10.0}


def test_formula_outside_the_set_keeps_no_value() -> None:
    """A formula the evaluator does not know, and those that depend on it, get no value rather
    than a guess; the others still get theirs."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = 4
    ws["B1"] = "=SQRT(A1)"
    ws["B2"] = "=B1+1"
    ws["B3"] = "=A1+1"
    ws["B4"] = "=B4+1"  # circular
    deep = wb.create_sheet("Chaîne")
    for row in range(1, 2001):  # deeper than Python's stack: no failure, and no wrong value
        deep[f"A{row}"] = f"=A{row + 1}+1"
    # where Excel and LibreOffice disagree: a boolean in a range or a text, a text in SUM
    ws["A2"] = True
    ws["B5"], ws["B6"], ws["B7"] = "=SUM(A1:A2)", '=A1&A2', '=SUM(A1,"4")'
    data = save_with_values(wb)
    values = formula_values(wb)
    assert values[ws.title] == {"B3": 5.0}
    assert all(value == 2001 - int(cell[1:]) for cell, value in values["Chaîne"].items())
    cells = [f"B{r}" for r in range(1, 8)]
    back = load_workbook(io.BytesIO(data), data_only=True).active
    assert back is not None
    assert [back[c].value for c in cells] == [None, None, 5, None, None, None, None]
    formulas = load_workbook(io.BytesIO(data)).active
    assert formulas is not None
    assert [formulas[c].value for c in cells] == \
        ["=SQRT(A1)", "=B1+1", "=A1+1", "=B4+1", "=SUM(A1:A2)", "=A1&A2", '=SUM(A1,"4")']


def test_edited_quantity_with_a_stale_cached_total_imports(tmp_path: Path) -> None:
    """A priced line is read from its quantity and price (our ``=C*D`` is recognised), never
    from the value cached beside the formula: an edit by a tool that leaves the cached product
    stale still imports the right amount."""
    event, (raid,) = build_template("raid-bassin-minier", 2027)
    path = tmp_path / "raid.xlsx"
    export_budgets(path, event, (raid,))
    first_priced = next(ln for ln in raid.lines if ln.priced)
    wb = load_workbook(path)
    row = next(r for r in range(1, wb["Budget"].max_row + 1)
               if wb["Budget"][f"B{r}"].value == first_priced.label)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    quantity = re.compile(rb'(<c r="C%d"[^>]*><v>)[^<]*(</v>)' % row)
    assert quantity.search(sheet) and b"<f>C%d*D%d</f><v>" % (row, row) in sheet
    members["xl/worksheets/sheet1.xml"] = quantity.sub(rb"\g<1>7\g<2>", sheet)
    edited = tmp_path / "raid-modifie.xlsx"
    with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)

    (back,) = read_budgets(edited)
    line = next(ln for ln in back.lines if ln.label == first_priced.label)
    assert line.quantity == 7 and line.planned == 7 * first_priced.unit_price  # type: ignore[operator]
    others = [ln for ln in back.lines if ln.label != first_priced.label]
    assert others == [ln for ln in raid.lines if ln.label != first_priced.label]
