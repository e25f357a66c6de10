"""Budget xlsx: layout, round trip, user edits, foreign and broken files."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.budget import Budget, Category, Column, totals
from app.budget_xlsx import KEY_COL, BudgetFileError, export_budgets, read_budgets
from app.model import Event
from app.templates import build_template
from app.xlsx_print import MONEY


def _same(a: Budget, b: Budget) -> None:
    assert a.name == b.name and a.format_names == b.format_names
    assert a.lines == b.lines
    assert a.split_targets.keys() == b.split_targets.keys()
    for cat, target in a.split_targets.items():
        assert float(target) == pytest.approx(float(b.split_targets[cat]))


def _realised(budget: Budget) -> Budget:
    lines = tuple(replace(ln, actual=ln.planned + Decimal("12.34")) if i % 3 == 0 else ln
                  for i, ln in enumerate(budget.lines))
    return replace(budget, lines=lines)


@pytest.fixture(params=["raid-bassin-minier", "trail-pyramides-noires", "challenge-vtt-xc"])
def template(request: pytest.FixtureRequest) -> tuple[Event, tuple[Budget, ...]]:
    event, budgets = build_template(request.param, 2027)
    return event, tuple(_realised(b) for b in budgets)


def test_round_trip(tmp_path: Path, template: tuple[Event, tuple[Budget, ...]]) -> None:
    event, budgets = template
    path = tmp_path / "budget.xlsx"
    export_budgets(path, event, budgets)
    back = read_budgets(path)
    assert len(back) == len(budgets)
    for a, b in zip(back, budgets, strict=True):
        _same(a, b)
        assert totals(a, Column.ACTUAL) == totals(b, Column.ACTUAL)


def test_layout_formulas_and_formats(tmp_path: Path) -> None:
    event, budgets = build_template("challenge-vtt-xc", 2027)
    path = tmp_path / "vtt.xlsx"
    progress: list[float] = []
    cells = export_budgets(path, event, budgets, progress=lambda f, _m: progress.append(f))
    assert progress[-1] == 1.0
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Synthèse" and wb.sheetnames[-1] == "Formats"
    assert len(wb.sheetnames) == 8
    ws = wb[cells[0].title]
    assert str(ws[cells[0].charges].value).startswith("=SUM(")
    assert ws[cells[0].charges].number_format == MONEY
    assert "SUMIF" in str(ws[cells[0].split[Category.REGISTRATIONS]].value)
    assert ws.column_dimensions[KEY_COL].hidden
    assert len(ws._charts) == 1
    labels = [ws[f"B{r}"].value for r in range(1, ws.max_row + 1)]
    assert "TOTAL DES CHARGES" in labels and "TOTAL DES PRODUITS" in labels
    groups = [ws[f"A{r}"].value for r in range(1, ws.max_row + 1)
              if str(ws[f"A{r}"].value).isdigit()]
    assert groups == ["60", "61", "62", "63", "64", "65", "66", "67", "68", "86",
                          "70", "73", "74", "75", "76", "77", "78", "87"]
    summary = wb["Synthèse"]
    assert "'Manche 1" in str(summary["C4"].value)


def _row_of(ws: object, label: str) -> int:
    for row in ws.iter_rows(min_col=2, max_col=2):  # type: ignore[attr-defined]
        if row[0].value == label:
            return int(row[0].row)
    raise AssertionError(label)


def test_user_renamed_edited_and_added_lines(tmp_path: Path) -> None:
    event, (budget,) = build_template("trail-pyramides-noires", 2027)
    path = tmp_path / "trail.xlsx"
    export_budgets(path, event, (budget,))
    wb = load_workbook(path)
    ws = wb["Budget"]
    r = _row_of(ws, "Navettes")
    ws[f"B{r}"] = "Navettes (bus Tadao)"
    ws[f"E{r}"] = 3200
    ws[f"F{r}"] = "3 150,50 €"  # typed as French text
    # a new line typed in the empty row of group 61, and one in a row without our hidden tag
    blank61 = _row_of(ws, "Assurance responsabilité civile organisateur") + 1
    ws[f"B{blank61}"] = "Location de talkies-walkies"
    ws[f"E{blank61}"] = 250
    region = _row_of(ws, "Région Hauts-de-France")
    untagged = region + 4  # the empty row closing group 74
    ws[f"{KEY_COL}{untagged}"] = None
    ws[f"B{untagged}"] = "Fonds européens (LEADER)"
    ws[f"E{untagged}"] = 1000
    ws[f"H{untagged}"] = "Financements publics"
    # a priced line turned into a plain amount
    chrono = _row_of(ws, "Chronométrage (puces)")
    ws[f"E{chrono}"] = 3000
    ws.title = "Budget 2027 (version comité)"
    wb.save(path)

    (back,) = read_budgets(path)
    assert back.name == budget.name  # the sheet's own name does not matter
    by_label = {ln.label: ln for ln in back.lines}
    assert "Navettes" not in by_label
    assert by_label["Navettes (bus Tadao)"].planned == Decimal(3200)
    assert by_label["Navettes (bus Tadao)"].actual == Decimal("3150.50")
    assert by_label["Location de talkies-walkies"].account == "61"
    eu = by_label["Fonds européens (LEADER)"]
    assert (eu.account, eu.category) == ("74", Category.PUBLIC)
    assert by_label["Chronométrage (puces)"].quantity is None
    assert totals(back).charges == Decimal(45000 + 200 + 250 - 200)
    assert totals(back).produits == Decimal(46000)


def test_unknown_category_and_unevaluated_formula(tmp_path: Path) -> None:
    event, (budget,) = build_template("raid-bassin-minier", 2027)
    path = tmp_path / "raid.xlsx"
    export_budgets(path, event, (budget,))
    wb = load_workbook(path)
    ws = wb["Budget"]
    r = _row_of(ws, "Parrainage (sponsoring)")
    ws[f"H{r}"] = "Sponsors divers"
    wb.save(path)
    with pytest.raises(BudgetFileError, match=rf"cellule H{r} : répartition « Sponsors divers »"):
        read_budgets(path)
    ws[f"H{r}"] = "Partenaires privés"
    ws[f"E{r}"] = "=10000+2000"  # never evaluated by us, and openpyxl caches no value
    wb.save(path)
    with pytest.raises(BudgetFileError, match=rf"E{r} : formule « =10000\+2000 » sans valeur"):
        read_budgets(path)


def test_foreign_and_broken_files(tmp_path: Path) -> None:
    foreign = tmp_path / "autre.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Budget du club"  # type: ignore[index]
    wb.save(foreign)
    with pytest.raises(BudgetFileError, match="pas un budget exporté par Cavalier"):
        read_budgets(foreign)
    text = tmp_path / "texte.xlsx"
    text.write_text("ceci n'est pas un classeur", encoding="utf-8")
    with pytest.raises(BudgetFileError, match="pas un classeur Excel"):
        read_budgets(text)
    other_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("bonjour.txt", "salut")
    with pytest.raises(BudgetFileError, match="pas un classeur Excel"):
        read_budgets(other_zip)
    truncated = tmp_path / "tronque.xlsx"
    event, budgets = build_template("raid-bassin-minier", 2027)
    export_budgets(truncated, event, budgets)
    truncated.write_bytes(truncated.read_bytes()[:3000])
    with pytest.raises(BudgetFileError, match="pas un classeur Excel"):
        read_budgets(truncated)
    with pytest.raises(BudgetFileError, match="introuvable"):
        read_budgets(tmp_path / "absent.xlsx")
