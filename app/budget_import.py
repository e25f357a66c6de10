"""Re-reading a budget workbook into a project (``cavalier budget import`` and « Fichier ›
Importer › Budget (xlsx)… »): a budget of the workbook replaces the project's budget of the same
name, the others stay. A budget the project lacks is added only to a project without budgets: in
a project that has some, it is an edited name cell, refused (it silently added a second
budget)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.budget import Budget
from app.budget_xlsx import BudgetFileError, read_budgets


@dataclass(frozen=True)
class BudgetImport:
    imported: tuple[Budget, ...]  # as read from the workbook
    budgets: tuple[Budget, ...]  # the project's budgets once the workbook is merged in


def merge_budgets(current: Sequence[Budget], imported: Sequence[Budget]) -> tuple[Budget, ...]:
    known = {b.name for b in current}
    unknown = [b.name for b in imported if b.name not in known]
    if current and unknown:
        listed = ", ".join(f"« {name[:60]} »" for name in sorted(known))
        raise BudgetFileError(
            f"Le budget « {unknown[0][:60]} » du classeur ne correspond à aucun budget du projet "
            f"({listed}) : son nom (cellule J1 de la feuille) a-t-il été modifié ? Rétablissez-le "
            "puis importez de nouveau ; rien n'a été importé")
    by_name = {b.name: b for b in imported}
    kept = [by_name.pop(budget.name, budget) for budget in current]
    return (*kept, *by_name.values())


def import_budget_workbook(current: Sequence[Budget], path: Path) -> BudgetImport:
    """Read ``path`` (raises BudgetFileError naming the file and cell) and merge it."""
    imported = tuple(read_budgets(path))
    return BudgetImport(imported, merge_budgets(current, imported))
