"""The marshal posts as an xlsx workbook (one sheet per format) with empty identity columns the
organiser fills in, and a « Parcours » sheet with each format's figures. Every value is the
course sheet's, as the PDF prints it (km to one decimal, times as « 9 h 06 » or « dimanche 4 à
2 h 26 »). Every text cell is stored as text: a road named « =A1 » stays a name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.dossier.content import Dossier, DossierError
from app.dossier.sections import HEADER as LEG_HEADER
from app.dossier.sections import post_type, section_rows
from app.roadbook.content import passage_text
from routes.errors import french_reason

HEADER = ("N° poste", "km", "Type", "Voie", "Commune", "Latitude", "Longitude",
          "Passage prévu", "Barrière horaire", "Signaleurs", "Nom", "Prénom",
          "Date de naissance", "Lieu de naissance", "N° de permis de conduire")
COURSE_SHEET = "Parcours"
COURSE_HEADER = ("Format", "Distance (km)", "D+", "Barrière horaire d'arrivée", "Postes",
                 "Commune", "Code INSEE", "km d'entrée", "Longueur (km)")
COURSE_WIDTHS = (24, 13, 40, 24, 8, 24, 11, 11, 13)
SECTIONS_SHEET = "Sections"
SECTIONS_WIDTHS = (24, 5, 30, 34, 22, 10, 44, 34, 30)
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


def _km(metres: float) -> float:
    return round(metres / 1000.0, 1)


def _header(sheet: Worksheet, header: Sequence[str]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E4DA")
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _course_sheet(dossier: Dossier, book: Workbook) -> None:
    """One block per format: its figures on the first row, then one row per commune."""
    sheet = book.create_sheet(sheet_title(COURSE_SHEET, book.sheetnames))
    _header(sheet, COURSE_HEADER)
    for fmt in dossier.formats:
        figures = fmt.sheet
        row = sheet.max_row + 1
        _text(sheet.cell(row, 1), fmt.fmt.name)
        sheet.cell(row, 2, _km(figures.length_m))
        _text(sheet.cell(row, 3), fmt.checks.climb_text())
        _text(sheet.cell(row, 4), passage_text(figures, fmt.cutoff))
        sheet.cell(row, 5, len(fmt.posts))
        for offset, commune in enumerate(fmt.communes):
            _text(sheet.cell(row + offset, 6), commune.name)
            _text(sheet.cell(row + offset, 7), commune.insee)
            sheet.cell(row + offset, 8, _km(commune.first_m))
            sheet.cell(row + offset, 9, _km(commune.length_m))
    for index, width in enumerate(COURSE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _sections_sheet(dossier: Dossier, book: Workbook) -> None:
    """« Sections »: each leg of the multisport stages, as the PDF's « Sections de
    l'épreuve » prints it (no sheet when no format has legs)."""
    rows = [(fmt.fmt.name, row) for fmt in dossier.formats for row in section_rows(fmt.sheet)]
    if not rows:
        return
    sheet = book.create_sheet(sheet_title(SECTIONS_SHEET, book.sheetnames))
    _header(sheet, ("Format", *LEG_HEADER))
    for name, section in rows:
        row = sheet.max_row + 1
        for column, value in enumerate((name, *section.cells()), start=1):
            _text(sheet.cell(row, column), value)
    for index, width in enumerate(SECTIONS_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def write_posts_workbook(dossier: Dossier, path: Path) -> None:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for fmt in dossier.formats:
        sheet = book.create_sheet(sheet_title(fmt.fmt.name, book.sheetnames))
        _header(sheet, HEADER)
        for post in fmt.posts:
            for _ in range(post.marshals):
                row = sheet.max_row + 1
                sheet.cell(row, 1, post.number)
                sheet.cell(row, 2, _km(post.distance_m))
                for column, value in ((3, post_type(post)), (4, post.road),
                                      (5, post.commune)):
                    _text(sheet.cell(row, column), value)
                sheet.cell(row, 6, round(post.lat, 6))
                sheet.cell(row, 7, round(post.lon, 6))
                for column, moment in ((8, post.head), (9, post.cutoff)):
                    _text(sheet.cell(row, column), passage_text(fmt.sheet, moment))
                sheet.cell(row, 10, 1)
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
    if not book.sheetnames:
        book.create_sheet("Postes")
    _course_sheet(dossier, book)
    _sections_sheet(dossier, book)
    try:
        book.save(path)
    except OSError as exc:
        raise DossierError(f"Impossible d'écrire « {path} » : {french_reason(exc)}") from exc
