"""LibreOffice recalculating our xlsx finds exactly the app's totals.

openpyxl writes formulas without cached values; ``soffice --headless --convert-to xlsx`` computes
them and stores the results, which we read back and compare with the budget arithmetic.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from libreoffice import convert, needs_soffice
from openpyxl import load_workbook

from app.budget import Budget, Column, series_summary, split, totals
from app.budget import Side as BudgetSide
from app.budget_xlsx import SheetCells, export_budgets, read_budgets
from app.templates import build_template

pytestmark = needs_soffice


def _recalculate(files: list[Path], tmp_path: Path) -> Path:
    return convert(files, tmp_path / "recalcule", "xlsx", tmp_path)


def _money(value: object) -> Decimal:
    assert isinstance(value, int | float), value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _realise_some(budget: Budget) -> Budget:
    lines = tuple(replace(ln, actual=ln.planned * Decimal("1.07") + Decimal("0.33"))
                  if i % 2 == 0 else ln for i, ln in enumerate(budget.lines))
    return replace(budget, lines=lines)


def _check_sheet(ws: object, cells: SheetCells, budget: Budget) -> None:
    def at(cell: str) -> object:
        return ws[cell].value  # type: ignore[index]

    for column, letter in ((Column.PLANNED, "E"), (Column.ACTUAL, "F")):
        t = totals(budget, column)

        def col(cell: str, letter: str = letter) -> str:
            return letter + cell[1:]

        if column is Column.ACTUAL and all(ln.actual is None for ln in budget.lines):
            # nothing realised yet: réalisé totals stay empty rather than showing 0 €
            for cell in (cells.charges, cells.produits, cells.charges_all, cells.result):
                assert at(col(cell)) in (None, "")
            continue
        assert _money(at(col(cells.charges))) == t.charges
        assert _money(at(col(cells.produits))) == t.produits
        assert _money(at(col(cells.charges_all))) == t.charges_all
        assert _money(at(col(cells.produits_all))) == t.produits_all
        assert _money(at(col(cells.result))) == t.result
        for share in split(budget, column):
            if share.category in cells.split:
                assert _money(at(col(cells.split[share.category]))) == share.amount
    for share in split(budget):
        if share.category in cells.split:
            part = at("G" + cells.split[share.category][1:])
            assert float(part) == pytest.approx(float(share.share))  # type: ignore[arg-type]
    gap_row = int(cells.charges[1:])
    t_plan, t_real = totals(budget), totals(budget, Column.ACTUAL)
    if any(ln.actual is not None for ln in budget.on_side(BudgetSide.CHARGE, in_kind=False)):
        assert _money(at(f"G{gap_row}")) == t_real.charges - t_plan.charges
    else:
        assert at(f"G{gap_row}") in (None, "")
    expected_check = "équilibré" if t_plan.balanced else "déséquilibré"
    assert at(f"E{int(cells.result[1:]) + 1}") == expected_check


def test_libreoffice_recalculation_matches_app_totals(tmp_path: Path) -> None:
    raid_event, (raid,) = build_template("raid-bassin-minier", 2027)
    raid = _realise_some(raid)
    vtt_event, rounds = build_template("challenge-vtt-xc", 2027)
    rounds = tuple(_realise_some(b) if i < 3 else b for i, b in enumerate(rounds))
    # an unbalanced budget too, so the check cell has something to catch
    rounds = (replace(rounds[0], lines=rounds[0].lines[1:]), *rounds[1:])

    raid_path, vtt_path = tmp_path / "raid.xlsx", tmp_path / "vtt.xlsx"
    raid_cells = export_budgets(raid_path, raid_event, (raid,))
    vtt_cells = export_budgets(vtt_path, vtt_event, rounds)
    # a user's own formula: we never evaluate it, the spreadsheet's cached result is read
    edited = tmp_path / "raid-modifie.xlsx"
    export_budgets(edited, raid_event, (raid,))
    wb = load_workbook(edited)
    ws = wb["Budget"]
    sponsor_row = next(r for r in range(1, ws.max_row + 1)
                       if ws[f"B{r}"].value == "Parrainage (sponsoring)")
    ws[f"E{sponsor_row}"] = "=10000+2500"
    wb.save(edited)
    out = _recalculate([raid_path, vtt_path, edited], tmp_path)
    (read_back,) = read_budgets(out / "raid-modifie.xlsx")
    sponsor = next(ln for ln in read_back.lines if ln.label == "Parrainage (sponsoring)")
    assert sponsor.planned == Decimal(12500)

    wb = load_workbook(out / "raid.xlsx", data_only=True)
    _check_sheet(wb[raid_cells[0].title], raid_cells[0], raid)
    formats = wb["Formats"]
    total = next(r for r in range(1, formats.max_row + 1) if formats[f"A{r}"].value == "Total")
    registrations = sum(ln.planned for ln in raid.lines if ln.category.value == "inscriptions")
    assert _money(formats[f"K{total}"].value) == registrations == Decimal(15000)
    assert formats[f"I{total}"].value == 600  # participations over the two stages

    wb = load_workbook(out / "vtt.xlsx", data_only=True)
    for cells, budget in zip(vtt_cells, rounds, strict=True):
        _check_sheet(wb[cells.title], cells, budget)
    summary = series_summary(rounds)
    ws = wb["Synthèse"]
    total_row = next(r for r in range(1, ws.max_row + 1)
                     if ws[f"B{r}"].value == "Total de la série")
    assert _money(ws[f"C{total_row}"].value) == summary.planned.charges
    assert _money(ws[f"D{total_row}"].value) == summary.planned.produits
    assert _money(ws[f"F{total_row}"].value) == summary.actual.charges
    assert _money(ws[f"G{total_row}"].value) == summary.actual.produits
    first_share = total_row + 3
    for offset, share in enumerate(s for s in summary.split if s.category.value != "autre"):
        assert _money(ws[f"C{first_share + offset}"].value) == share.amount

    # The recalculated file (now with cached values) still reads back as the same budgets.
    back = read_budgets(out / "vtt.xlsx")
    assert [b.lines for b in back] == [b.lines for b in rounds]
