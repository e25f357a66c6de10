"""Every command of ``cavalier`` that writes or reads a user's file has its menu entry; the
roadbook export and the budget import run from the menus by the command line's functions."""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from app.budget_xlsx import export_budgets
from app.cli import build_parser, main
from app.project_store import open_project
from ui.export_menus import CLI_MENU, CLI_WITHOUT_MENU, find_action

PLAN = ["--format", "Marathon 42 km", "--from", "Base 11/19", "--via", "T075", "--to", "9-9bis"]


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path
        return
    for name, sub in subs[0].choices.items():
        yield from _commands(sub, (*path, name))


def test_every_cli_command_is_placed_in_the_menus_or_explained(window) -> None:
    commands = set(_commands(build_parser()))
    assert len(commands) > 20
    assert not set(CLI_MENU) & set(CLI_WITHOUT_MENU)
    assert commands == set(CLI_MENU) | set(CLI_WITHOUT_MENU)
    for command, path in CLI_MENU.items():
        action = find_action(window.menuBar(), path)
        assert action is not None and action.menu() is None, command
    exports = {c for c in commands if "export" in c or c in {("roadbook",), ("dossier",)}}
    assert exports <= set(CLI_MENU)


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    assert main(["plan", str(project), *PLAN]) == 0
    return project


def test_roadbook_from_the_menu_is_the_cli_roadbook(qtbot, window, tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert main(["roadbook", str(project), str(tmp_path / "cli.pdf")]) == 0
    assert window.open_project(project)
    pdf = tmp_path / "menu.pdf"
    window.save_file = lambda _title, _suggested, _filters: pdf
    action = find_action(window.menuBar(), CLI_MENU[("roadbook",)])
    assert action is not None and action.text() == "Carnet de route (PDF)…"
    with qtbot.waitSignal(window.operation_done, timeout=120_000) as blocker:
        action.trigger()
    pages, names = blocker.args[0]
    assert names == ["Marathon 42 km"]
    assert len(PdfReader(pdf).pages) == pages == len(PdfReader(tmp_path / "cli.pdf").pages)
    assert str(pdf) in window.status.text() and window.warnings == []


def test_budget_import_from_the_menu_is_one_undoable_step(qtbot, window,
                                                          tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert window.open_project(project)
    original = window.document.project
    budget = original.budgets[0]
    line = budget.lines[2]
    changed = replace(line, amount=line.planned + Decimal(750))
    edited = replace(budget, lines=(*budget.lines[:2], changed, *budget.lines[3:]))
    workbook = tmp_path / "budget-modifie.xlsx"
    export_budgets(workbook, original.event, (edited, *original.budgets[1:]))
    window.open_file = lambda _title, _filters: workbook
    action = find_action(window.menuBar(), CLI_MENU[("budget", "import")])
    assert action is not None and action.text() == "Budget (xlsx)…"
    with qtbot.waitSignal(window.operation_done, timeout=60_000):
        action.trigger()
    imported = window.document.project.budgets
    assert imported[0].lines[2].planned == line.planned + Decimal(750)
    assert window.document.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.document.project.budgets == original.budgets
    window.redo_action.trigger()
    assert window.document.project.budgets == imported
    # The command line merges the same workbook into the same budgets.
    assert main(["budget", "import", str(project), str(workbook)]) == 0
    assert open_project(project).budgets == imported


def test_readme_lists_the_real_menus(window) -> None:
    """The README's « Menus de la fenêtre » names the window's menus and File submenus."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("Menus de la fenêtre", 1)[1].split("\n\n", 2)[1]
    named = set(re.findall(r"\*\*(.+?)\*\*", section))
    bar = window.menuBar()
    shown = {a.text().replace("&", "") for a in bar.actions()}
    file_menu = bar.actions()[0].menu()
    shown |= {a.text().replace("&", "") for a in file_menu.actions() if a.menu() is not None}
    assert named == shown - {"Fichiers récents"}
    assert "Fond de carte en ligne" in readme.split("## Ligne de commande")[0]
