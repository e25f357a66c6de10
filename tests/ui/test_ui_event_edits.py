"""Adding and removing formats and budget lines: the edits (undoable, budgets kept coherent)
and the buttons of the window that make them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.budget import Category, fmt_eur, totals
from app.model import Pace
from app.project_edits import (
    AddBudgetLine,
    AddFormat,
    RemoveBudgetLine,
    RemoveFormat,
    SetFormatField,
    new_format_like,
)
from app.project_store import Project
from app.templates import build_template
from ui.dialogs import BudgetLineDialog, new_budget_line


def _project(key: str) -> Project:
    return Project(*build_template(key, 2026))


@pytest.mark.parametrize("key", ["trail-pyramides-noires", "challenge-vtt-xc",
                                 "raid-bassin-minier"])
def test_adding_and_removing_are_undone_by_their_inverse(key: str) -> None:
    project = _project(key)
    fresh = new_format_like(project, project.event.formats[0], "Nouveau format")
    line = new_budget_line("62", "Navette des coureurs", Decimal(450), Category.OTHER)
    for edit in (AddFormat(fresh), RemoveFormat(0), RemoveFormat(1), AddBudgetLine(0, line),
                 RemoveBudgetLine(0, 3)):
        changed, inverse = edit.apply(project)
        assert changed != project
        assert inverse.apply(changed)[0] == project


def test_a_new_trail_distance_gets_its_registration_line() -> None:
    project = _project("trail-pyramides-noires")
    model = project.event.formats[1]
    fresh = new_format_like(project, model, "Nouveau format")
    assert (fresh.discipline, fresh.fee_eur, fresh.target_distance_km) == (
        model.discipline, model.fee_eur, 10.0)
    changed = AddFormat(fresh).apply(project)[0]
    lines = [ln for ln in changed.budgets[0].lines if ln.format_name == fresh.name]
    assert [ln.account for ln in lines] == ["70"]
    assert lines[0].planned == fresh.fee_eur * fresh.max_participants
    assert totals(changed.budgets[0]).produits > totals(project.budgets[0]).produits


def test_a_new_round_of_the_series_gets_its_own_budget_and_a_removed_one_loses_it() -> None:
    project = _project("challenge-vtt-xc")
    fresh = new_format_like(project, project.event.formats[-1], "Manche 7")
    changed = AddFormat(fresh).apply(project)[0]
    assert len(changed.budgets) == 7
    budget = changed.budgets[-1]
    assert (budget.name, budget.format_names) == ("Manche 7", ("Manche 7",))
    assert {ln.format_name for ln in budget.lines} <= {"", "Manche 7"}
    assert all(ln.actual is None for ln in budget.lines)
    removed = RemoveFormat(2).apply(project)[0]
    gone = project.event.formats[2].name
    assert len(removed.event.formats) == 5 and len(removed.budgets) == 5
    assert all(gone not in b.format_names for b in removed.budgets)


def test_removing_a_trail_distance_removes_only_its_lines() -> None:
    project = _project("trail-pyramides-noires")
    gone = project.event.formats[0].name
    changed = RemoveFormat(0).apply(project)[0]
    before, after = project.budgets[0].lines, changed.budgets[0].lines
    assert [ln for ln in before if ln.format_name != gone] == list(after)
    assert len(after) < len(before)


def test_format_names_stay_unique() -> None:
    project = _project("trail-pyramides-noires")
    taken = project.event.formats[0]
    with pytest.raises(ValueError, match="déjà"):
        AddFormat(new_format_like(project, taken, "x").__class__(
            taken.name, taken.discipline, 5.0, 10, Decimal(1))).apply(project)
    assert new_format_like(project, None, taken.name).name == f"{taken.name} 2"


def test_renaming_a_round_renames_its_budget() -> None:
    project = _project("challenge-vtt-xc")
    changed = SetFormatField(0, "name", "Manche 1 — Terril du 11/19").apply(project)[0]
    assert changed.budgets[0].name == "Manche 1 — Terril du 11/19"
    assert changed.budgets[0].format_names == ("Manche 1 — Terril du 11/19",)


def test_a_new_budget_line_must_be_complete() -> None:
    with pytest.raises(ValueError, match="libellé"):
        new_budget_line("62", "  ", Decimal(1), Category.OTHER)
    with pytest.raises(ValueError, match="montant"):
        new_budget_line("62", "Navette", None, Category.OTHER)
    with pytest.raises(ValueError, match="négatif"):
        new_budget_line("62", "Navette", Decimal(-5), Category.OTHER)
    # a charge never carries a funding source, whatever the dialog said
    assert new_budget_line("62", "Navette", Decimal(5), Category.PUBLIC).category is \
        Category.OTHER


def test_line_dialog_proposes_the_funding_source_of_the_account(qapp) -> None:
    dialog = BudgetLineDialog()
    dialog.account.setCurrentIndex(dialog.account.findData("74"))
    assert dialog.category.isEnabled()
    assert dialog.choice()[3] is Category.PUBLIC
    dialog.account.setCurrentIndex(dialog.account.findData("61"))
    assert not dialog.category.isEnabled()
    dialog.label.setText("Location de barnums")
    dialog.amount.setText("1 200,50")
    assert dialog.choice() == ("61", "Location de barnums", "1 200,50", Category.OTHER)
    dialog.deleteLater()


def test_formats_and_lines_added_and_removed_through_the_window(window) -> None:
    window.new_from_template("trail-pyramides-noires", 2026)
    doc, panel, tab = window.document, window.event_panel, window.budget_tab
    original = doc.project
    charges = totals(original.budgets[0]).charges

    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(1))
    window._format_activated(1)
    panel.add_button.click()
    assert len(doc.project.event.formats) == 5
    assert doc.format_index == 4
    assert doc.current_format.name == "Nouveau format"  # the French catalogue is installed
    assert panel.name.text() == "Nouveau format"
    panel.name.setText("Ultra 100 km")  # already taken: refused, form restored
    panel.name.editingFinished.emit()
    assert "déjà" in window.status.text()
    assert doc.current_format.name == "Nouveau format"
    panel.name.setText("Trail découverte 12 km")
    panel.name.editingFinished.emit()
    assert any(ln.label.endswith("Trail découverte 12 km")
               for ln in doc.project.budgets[0].lines)

    assert not tab.add_line("62", "Navette", "douze", Category.OTHER)
    assert "douze" in window.status.text()
    assert tab.add_line("62", "Navettes des coureurs", "1 500", Category.OTHER)
    assert totals(doc.project.budgets[0]).charges == charges + Decimal(1500)
    assert tab.totals.text().startswith(f"Charges {fmt_eur(charges + Decimal(1500))}")
    row = next(i for i, ln in enumerate(doc.project.budgets[0].lines)
               if ln.label == "Navettes des coureurs")
    tab.table.selectRow(row)
    tab.remove_button.click()
    assert totals(doc.project.budgets[0]).charges == charges

    panel.remove_button.click()  # the new format, still selected
    assert [f.name for f in doc.project.event.formats] == [f.name for f in
                                                          original.event.formats]
    assert "Ctrl+Z" in window.status.text()
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.project == original
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert len(doc.project.event.formats) == 4
    assert totals(doc.project.budgets[0]).charges == charges


def test_a_format_pace_is_edited_in_the_panel_and_undone(window, tmp_path) -> None:
    window.new_from_template("trail-pyramides-noires", 2026)
    doc, panel = window.document, window.event_panel
    window._format_activated(1)
    assert panel.pace.text() == "" and panel.pace.placeholderText() == "9/6/600"
    panel.pace.setText("6/9")  # closing faster than the mean pace: refused in French
    panel.pace.editingFinished.emit()
    assert "Allure invalide" in window.status.text()
    assert doc.current_format.pace is None and panel.pace.text() == ""
    panel.pace.setText("10/6,5/500")
    panel.pace.editingFinished.emit()
    assert doc.current_format.pace == Pace(10.0, 6.5, 500.0)
    assert panel.pace.text() == "10/6,5/500"
    panel.pace.setText("")  # back to the discipline's pace
    panel.pace.editingFinished.emit()
    assert doc.current_format.pace is None
    doc.undo_stack.undo()
    assert doc.current_format.pace == Pace(10.0, 6.5, 500.0)
    panel.grab().save(str(tmp_path / "panneau-allure.png"))
