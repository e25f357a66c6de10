"""Edits of a project (formats, budget lines) as values with an inverse (no Qt here).

``apply(project)`` returns the new project and the edit that undoes it, like the plan edits of
:mod:`app.editing`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from app.budget import Budget, BudgetLine, registration_lines, sync_quantities
from app.model import Discipline, Event, Format
from app.project_store import NetworkRef, Project

#: Format fields the event panel edits.
FORMAT_FIELDS = ("name", "target_distance_km", "max_participants", "expected_participants",
                 "fee_eur", "venue", "pace")


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


def _renamed_label(label: str, old: str, new: str) -> str:
    """« Inscriptions — Semi 21 km » follows its format's new name; a user's own label stays."""
    suffix = f" — {old}"
    return label[: -len(suffix)] + f" — {new}" if label.endswith(suffix) else label


def _rename_in_budgets(project: Project, old: str, new: str) -> Project:
    budgets = []
    for budget in project.budgets:
        lines = tuple(replace(ln, format_name=new, label=_renamed_label(ln.label, old, new))
                      if ln.format_name == old else ln for ln in budget.lines)
        names = tuple(new if n == old else n for n in budget.format_names)
        title = new if budget.name == old else budget.name  # a round's own budget
        budgets.append(replace(budget, name=title, lines=lines, format_names=names))
    return replace(project, budgets=tuple(budgets))


@dataclass(frozen=True)
class SetEventFields:
    """Set some of the event's properties (name, dates, place, organiser, contact, author...);
    the inverse sets them back. Build it with :meth:`between` from a checked edit."""

    values: tuple[tuple[str, Any], ...]

    @property
    def description(self) -> str:
        return "Modifier les propriétés de l'événement"

    @classmethod
    def between(cls, before: Event, after: Event) -> SetEventFields:
        """The fields that differ between two versions of the event (formats: their days)."""
        names = [f.name for f in fields(Event) if f.name != "formats"]
        values = [(n, getattr(after, n)) for n in names if getattr(after, n) != getattr(before, n)]
        days = tuple(f.day for f in after.formats)
        if days != tuple(f.day for f in before.formats):
            values.append(("format_days", days))
        return cls(tuple(values))

    def apply(self, project: Project) -> tuple[Project, SetEventFields]:
        event = project.event
        old: list[tuple[str, Any]] = []
        changes: dict[str, Any] = {}
        for name, value in self.values:
            if name == "format_days":
                old.append((name, tuple(f.day for f in event.formats)))
                changes["formats"] = tuple(replace(f, day=d)
                                           for f, d in zip(event.formats, value, strict=True))
            else:
                old.append((name, getattr(event, name)))
                changes[name] = value
        return (replace(project, event=replace(event, **changes)),
                SetEventFields(tuple(old)))


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


@dataclass(frozen=True)
class SetDems:
    """Record the elevation models the project's figures use (the window's DEM import or
    download): every later figure, document and command applies them."""

    dems: tuple[str, ...]
    network_name: str = ""

    @property
    def description(self) -> str:
        return "Altitudes (MNT) du projet"

    def apply(self, project: Project) -> tuple[Project, SetDems]:
        ref = project.network or NetworkRef(self.network_name, self.network_name)
        old = ref.dems
        return replace(project, network=replace(ref, dems=self.dems)), SetDems(old,
                                                                             self.network_name)


def format_name_taken(project: Project, name: str, *, except_index: int | None = None) -> bool:
    return any(fmt.name == name for i, fmt in enumerate(project.event.formats)
               if i != except_index)


def unused_format_name(project: Project, stem: str) -> str:
    """``stem`` or ``stem 2``, ``stem 3``... whichever no format of the event uses yet."""
    name, n = stem, 1
    while format_name_taken(project, name):
        n += 1
        name = f"{stem} {n}"
    return name


def new_format_like(project: Project, model: Format | None, stem: str) -> Format:
    """A 10 km format with the discipline, size, fee and day of ``model``, named after ``stem``
    so that no two formats share a name (budget lines refer to formats by name)."""
    name = unused_format_name(project, stem)
    if model is None:
        return Format(name, Discipline.TRAIL, 10.0, 100, Decimal("10.00"))
    return Format(name, model.discipline, 10.0, model.max_participants, model.fee_eur,
                  day=model.day, start_time=model.start_time)


@dataclass(frozen=True)
class SetFormatsAndBudgets:
    """Set the formats and budgets together: what adding or removing a format comes to, and
    its inverse."""

    formats: tuple[Format, ...]
    budgets: tuple[Budget, ...]

    @property
    def description(self) -> str:
        return "Modifier les formats et budgets"

    def apply(self, project: Project) -> tuple[Project, SetFormatsAndBudgets]:
        inverse = SetFormatsAndBudgets(project.event.formats, project.budgets)
        event = replace(project.event, formats=self.formats)
        return replace(project, event=event, budgets=self.budgets), inverse


def _is_series(budgets: tuple[Budget, ...]) -> bool:
    """One budget per format (the rounds of a series), rather than one for the whole event."""
    return bool(budgets) and all(len(b.format_names) == 1 for b in budgets)


def _budget_for(fmt: Format, model: Budget) -> Budget:
    """``model`` (another round's budget) made over for ``fmt``, nothing realised yet."""
    lines = tuple(replace(ln, actual=None, format_name=fmt.name if ln.format_name else "")
                  for ln in model.lines)
    return replace(model, name=fmt.name, lines=lines, format_names=(fmt.name,))


@dataclass(frozen=True)
class AddFormat:
    """Append a format. Budgets that count every format get its registration line; in a series
    (one budget per round) the new round gets a budget made like the last one."""

    value: Format

    @property
    def description(self) -> str:
        return "Ajouter un format"

    def apply(self, project: Project) -> tuple[Project, SetFormatsAndBudgets]:
        if format_name_taken(project, self.value.name):
            raise ValueError(f"Un format s'appelle déjà « {self.value.name} »")
        if _is_series(project.budgets):
            budget = _budget_for(self.value, project.budgets[-1])
            budgets = (*project.budgets, sync_quantities(budget, [self.value]))
        else:
            budgets = tuple(
                replace(b, lines=(*b.lines, *registration_lines([self.value])))
                if not b.format_names else b
                for b in project.budgets)
        formats = (*project.event.formats, self.value)
        return SetFormatsAndBudgets(formats, budgets).apply(project)


@dataclass(frozen=True)
class RemoveFormat:
    """Remove a format with its budget lines; a budget kept for that format alone goes too
    (a round of a series)."""

    index: int

    @property
    def description(self) -> str:
        return "Supprimer un format"

    def apply(self, project: Project) -> tuple[Project, SetFormatsAndBudgets]:
        formats = list(project.event.formats)
        name = formats.pop(self.index).name
        budgets = []
        for budget in project.budgets:
            if budget.format_names == (name,):
                continue
            if budget.format_names and name not in budget.format_names:
                budgets.append(budget)
                continue
            budgets.append(replace(
                budget, lines=tuple(ln for ln in budget.lines if ln.format_name != name),
                format_names=tuple(n for n in budget.format_names if n != name)))
        return SetFormatsAndBudgets(tuple(formats), tuple(budgets)).apply(project)


@dataclass(frozen=True)
class AddBudgetLine:
    budget: int
    value: BudgetLine

    @property
    def description(self) -> str:
        return "Ajouter une ligne de budget"

    def apply(self, project: Project) -> tuple[Project, SetBudget]:
        budget = project.budgets[self.budget]
        return SetBudget(self.budget, replace(budget, lines=(*budget.lines, self.value))).apply(
            project)


@dataclass(frozen=True)
class RemoveBudgetLine:
    budget: int
    line: int

    @property
    def description(self) -> str:
        return "Supprimer une ligne de budget"

    def apply(self, project: Project) -> tuple[Project, SetBudget]:
        lines = project.budgets[self.budget].lines
        kept = lines[:self.line] + lines[self.line + 1:]
        return SetBudget(self.budget, replace(project.budgets[self.budget], lines=kept)).apply(
            project)
