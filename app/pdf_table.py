"""The look of Cavalier's PDF documents (roadbook, declaration file, marking plan): tables with a
shaded header, striped rows and a light grid, and one page footer, so the documents read as one
set."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
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


def page_footer(document: str, generated: str) -> Callable[[Any, Any], None]:
    """Every page's footer: « Cavalier — carnet de route édité le 06/12/2026 » on the left,
    « page 3 » on the right, inside the document's own margins."""
    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(doc.leftMargin, 0.9 * cm, f"Cavalier — {document} édité le {generated}")
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, 0.9 * cm, f"page {doc.page}")
        canvas.restoreState()
    return draw
