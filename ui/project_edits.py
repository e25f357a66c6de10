"""Edits of a project (formats, budget lines) as values with an inverse (no Qt here).

``apply(project)`` returns the new project and the edit that undoes it, like the plan edits of
:mod:`ui.editing`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.budget import Budget, BudgetLine
from app.model import Format
from app.project_store import Project

#: Format fields the event panel edits.
FORMAT_FIELDS = ("name", "target_distance_km", "max_participants", "expected_participants",
                 "fee_eur", "venue")


def _with_format(project: Project, index: int, fmt: Format) -> Project:
    formats = list(project.event.formats)
    formats[index] = fmt
    return replace(project, event=replace(project.event, formats=tuple(formats)))


@dataclass(frozen=True)
class SetFormatField:
    index: int
    field: str
    value: Any

    @property
    def description(self) -> str:
        return "Modifier un format"

    def apply(self, project: Project) -> tuple[Project, SetFormatField]:
        if self.field not in FORMAT_FIELDS:
            raise ValueError(f"Champ de format non modifiable : {self.field}")
        fmt = project.event.formats[self.index]
        old = getattr(fmt, self.field)
        new_project = _with_format(project, self.index, replace(fmt, **{self.field: self.value}))
        if self.field == "name":
            new_project = _rename_in_budgets(new_project, str(old), str(self.value))
        return new_project, SetFormatField(self.index, self.field, old)


def _rename_in_budgets(project: Project, old: str, new: str) -> Project:
    budgets = []
    for budget in project.budgets:
        lines = tuple(replace(ln, format_name=new) if ln.format_name == old else ln
                      for ln in budget.lines)
        names = tuple(new if n == old else n for n in budget.format_names)
        budgets.append(replace(budget, lines=lines, format_names=names))
    return replace(project, budgets=tuple(budgets))


@dataclass(frozen=True)
class SetBudgetLine:
    budget: int
    line: int
    value: BudgetLine

    @property
    def description(self) -> str:
        return "Modifier une ligne de budget"

    def apply(self, project: Project) -> tuple[Project, SetBudgetLine]:
        budget = project.budgets[self.budget]
        lines = list(budget.lines)
        old = lines[self.line]
        lines[self.line] = self.value
        budgets = list(project.budgets)
        budgets[self.budget] = replace(budget, lines=tuple(lines))
        return replace(project, budgets=tuple(budgets)), SetBudgetLine(self.budget, self.line, old)


@dataclass(frozen=True)
class SetBudget:
    """Replace a whole budget (quantities synchronised with the formats, a scenario applied)."""

    budget: int
    value: Budget

    @property
    def description(self) -> str:
        return "Mettre à jour le budget"

    def apply(self, project: Project) -> tuple[Project, SetBudget]:
        budgets = list(project.budgets)
        old = budgets[self.budget]
        budgets[self.budget] = self.value
        return replace(project, budgets=tuple(budgets)), SetBudget(self.budget, old)
