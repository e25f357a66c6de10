"""The look of every table in Cavalier's PDF documents (roadbook, declaration file, marking plan):
a shaded header, striped rows and a light grid, so the documents read as one set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

TABLE_STYLE = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e4da")),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f5f0")]),
    ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
])


def styled_table(data: list[list[Any]], widths: Sequence[float], *, repeat: bool = True,
                 heights: Sequence[float | None] | None = None) -> Table:
    """A table of cells (header row first) with column ``widths`` in points."""
    table = Table(data, colWidths=list(widths), repeatRows=1 if repeat else 0,
                  rowHeights=heights)
    table.setStyle(TABLE_STYLE)
    return table
