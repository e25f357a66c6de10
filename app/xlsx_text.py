"""User text goes into a workbook as text, never as a formula.

openpyxl turns any string starting with ``=`` into a live formula, so a budget label, an event or
a format name such as ``=HYPERLINK(...)`` would run in the spreadsheet of whoever opens the file.
Cavalier's own formulas are marked :class:`Formula`; every other string is stored as a plain
string cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet


class Formula(str):
    """A formula Cavalier wrote itself (the only strings stored as formulas)."""

    __slots__ = ()


def set_cell(ws: Worksheet, coordinate: str | tuple[int, int], value: Any) -> Cell | MergedCell:
    """Set a cell; a string is text unless it is a :class:`Formula`."""
    cell = ws.cell(*coordinate) if isinstance(coordinate, tuple) else ws[coordinate]
    cell.value = value
    if isinstance(value, str) and not isinstance(value, Formula):
        cell.data_type = "s"
    return cell


def append_row(ws: Worksheet, values: Sequence[Any]) -> None:
    """``ws.append`` for rows that hold user text: each string is a text cell, never a formula."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        set_cell(ws, (row, column), value)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A user text for a CSV cell: one that a spreadsheet would run as a formula (``=``, ``+``,
    ``-``, ``@``, tab, carriage return first) gets a leading apostrophe, the OWASP escape."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def csv_row(values: Sequence[Any]) -> list[Any]:
    """A CSV row of user text: every string escaped by :func:`csv_text`."""
    return [csv_text(v) if isinstance(v, str) else v for v in values]
