"""LibreOffice recalculating our xlsx finds exactly the app's totals.

``soffice --headless --convert-to xlsx``, set to recalculate every formula on load (our file
caches values of its own, which LibreOffice would otherwise show as they are), computes them and
stores the results, which we read back and compare with the budget arithmetic.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from budget_checks import check_sheet, money, realise_some
from libreoffice import convert, needs_soffice
from openpyxl import load_workbook

from app.budget import series_summary
from app.budget_xlsx import export_budgets, read_budgets
from app.templates import build_template

pytestmark = needs_soffice


def _recalculate(files: list[Path], tmp_path: Path) -> Path:
    return convert(files, tmp_path / "recalcule", "xlsx", tmp_path, recalculate=True)


def test_libreoffice_recalculation_matches_app_totals(tmp_path: Path) -> None:
    raid_event, (raid,) = build_template("raid-bassin-minier", 2027)
    raid = realise_some(raid)
    vtt_event, rounds = build_template("challenge-vtt-xc", 2027)
    rounds = tuple(realise_some(b) if i < 3 else b for i, b in enumerate(rounds))
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
    check_sheet(wb[raid_cells[0].title], raid_cells[0], raid)
    formats = wb["Formats"]
    total = next(r for r in range(1, formats.max_row + 1) if formats[f"A{r}"].value == "Total")
    registrations = sum(ln.planned for ln in raid.lines if ln.category.value == "inscriptions")
    assert money(formats[f"K{total}"].value) == registrations == Decimal(15000)
    assert formats[f"I{total}"].value == 600  # participations over the two stages

    wb = load_workbook(out / "vtt.xlsx", data_only=True)
    for cells, budget in zip(vtt_cells, rounds, strict=True):
        check_sheet(wb[cells.title], cells, budget)
    summary = series_summary(rounds)
    ws = wb["Synthèse"]
    total_row = next(r for r in range(1, ws.max_row + 1)
                     if ws[f"B{r}"].value == "Total de la série")
    assert money(ws[f"C{total_row}"].value) == summary.planned.charges
    assert money(ws[f"D{total_row}"].value) == summary.planned.produits
    assert money(ws[f"F{total_row}"].value) == summary.actual.charges
    assert money(ws[f"G{total_row}"].value) == summary.actual.produits
    first_share = total_row + 3
    for offset, share in enumerate(s for s in summary.split if s.category.value != "autre"):
        assert money(ws[f"C{first_share + offset}"].value) == share.amount

    # The recalculated file (now with cached values) still reads back as the same budgets.
    back = read_budgets(out / "vtt.xlsx")
    assert [b.lines for b in back] == [b.lines for b in rounds]
