"""The marshal posts as an xlsx workbook (one sheet per format) with empty identity columns the
organiser fills in. Every text cell is stored as text: a road named « =A1 » stays a name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.dossier.content import Dossier, DossierError
from routes.errors import french_reason

HEADER = ("N° poste", "km", "Type", "Voie", "Commune", "Latitude", "Longitude",
          "Premier passage", "Dernier passage", "Signaleurs", "Nom", "Prénom",
          "Date de naissance", "Lieu de naissance", "N° de permis de conduire")
WIDTHS = (9, 7, 18, 34, 22, 11, 11, 15, 15, 11, 20, 18, 17, 20, 24)
_INVALID_TITLE = str.maketrans({c: "-" for c in "[]:*?/\\"})


def _text(cell: Cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"


def sheet_title(name: str, taken: Sequence[str]) -> str:
    base = name.translate(_INVALID_TITLE)[:28] or "Format"
    title, suffix = base, 2
    while title in taken:
        title, suffix = f"{base[:25]} {suffix}", suffix + 1
    return title


def write_posts_workbook(dossier: Dossier, path: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for fmt in dossier.formats:
        sheet = book.create_sheet(sheet_title(fmt.fmt.name, book.sheetnames))
        sheet.append(list(HEADER))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8E4DA")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for post in fmt.posts:
            for _ in range(post.marshals):
                row = sheet.max_row + 1
                sheet.cell(row, 1, post.number)
                sheet.cell(row, 2, round(post.distance_m / 1000.0, 2))
                for column, value in ((3, post.kind), (4, post.road), (5, post.commune)):
                    _text(sheet.cell(row, column), value)
                sheet.cell(row, 6, round(post.lat, 6))
                sheet.cell(row, 7, round(post.lon, 6))
                for column, moment in ((8, post.first_passage), (9, post.last_passage)):
                    _text(sheet.cell(row, column), moment.strftime("%H:%M") if moment else "")
                sheet.cell(row, 10, 1)
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
    if not book.sheetnames:
        book.create_sheet("Postes")
    try:
        book.save(path)
    except OSError as exc:
        raise DossierError(f"Impossible d'écrire « {path} » : {french_reason(exc)}") from exc
