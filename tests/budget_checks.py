"""Checks shared by the budget workbook tests: a sheet's totals against the app's arithmetic."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from app.budget import Budget, Column, split, totals
from app.budget import Side as BudgetSide
from app.budget_xlsx import SheetCells


def money(value: object) -> Decimal:
    assert isinstance(value, int | float), value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def realise_some(budget: Budget) -> Budget:
    lines = tuple(replace(ln, actual=ln.planned * Decimal("1.07") + Decimal("0.33"))
                  if i % 2 == 0 else ln for i, ln in enumerate(budget.lines))
    return replace(budget, lines=lines)


def check_sheet(ws: Any, cells: SheetCells, budget: Budget) -> None:
    """The values a workbook's budget sheet shows (read with ``data_only=True``) are the app's
    totals, shares, écart and balance check."""
    def at(cell: str) -> object:
        return ws[cell].value

    for column, letter in ((Column.PLANNED, "E"), (Column.ACTUAL, "F")):
        t = totals(budget, column)

        def col(cell: str, letter: str = letter) -> str:
            return letter + cell[1:]

        if column is Column.ACTUAL and all(ln.actual is None for ln in budget.lines):
            # nothing realised yet: réalisé totals stay empty rather than showing 0 €
            for cell in (cells.charges, cells.produits, cells.charges_all, cells.result):
                assert at(col(cell)) in (None, "")
            continue
        assert money(at(col(cells.charges))) == t.charges
        assert money(at(col(cells.produits))) == t.produits
        assert money(at(col(cells.charges_all))) == t.charges_all
        assert money(at(col(cells.produits_all))) == t.produits_all
        assert money(at(col(cells.result))) == t.result
        for share in split(budget, column):
            if share.category in cells.split:
                assert money(at(col(cells.split[share.category]))) == share.amount
    for share in split(budget):
        if share.category in cells.split:
            part = at("G" + cells.split[share.category][1:])
            assert float(part) == pytest.approx(float(share.share))  # type: ignore[arg-type]
    gap_row = int(cells.charges[1:])
    t_plan, t_real = totals(budget), totals(budget, Column.ACTUAL)
    if any(ln.actual is not None for ln in budget.on_side(BudgetSide.CHARGE, in_kind=False)):
        assert money(at(f"G{gap_row}")) == t_real.charges - t_plan.charges
    else:
        assert at(f"G{gap_row}") in (None, "")
    expected_check = "équilibré" if t_plan.balanced else "déséquilibré"
    assert at(f"E{int(cells.result[1:]) + 1}") == expected_check
