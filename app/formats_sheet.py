"""The « Formats » sheet of the budget workbook: what each format, stage or round offers.

It documents the budget's registration lines (participants × fee, as live formulas) and the
volunteers needed; import ignores it (the project is the reference for formats).
"""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.model import Event
from app.sheet import CourseSheet
from app.xlsx_print import MONEY, NUMBER_HEADER, TEXT_HEADER, fit_row_height, setup_page
from app.xlsx_text import Formula, set_cell

FORMATS_TITLE = "Formats"
HEADER_ROW = 3
_HEADERS = ("Format", "Discipline", "Date", "Départ", "Distance visée (km)",
            "Distance du parcours (km)", "D+ (m)", "Participants max.", "Participants attendus",
            "Tarif", "Inscriptions attendues", "Signaleurs", "Bénévoles aux postes", "Lieu")
# Titles wrap on up to three lines, so numeric columns stay as narrow as their numbers.
_WIDTHS = (26, 19, 10.5, 7, 9, 12, 7, 12, 12, 9, 12, 11, 10, 22)
_TEXT_COLUMNS = {1, 2, 14}
_NUMBER_FORMATS = {"C": "DD/MM/YYYY", "D": "HH:MM", "E": "0.0", "F": "0.0", "G": "#,##0",
                   "H": "#,##0", "I": "#,##0", "J": MONEY, "K": MONEY, "L": "#,##0",
                   "M": "#,##0"}
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_WRAP_TOP_INDENT = Alignment(horizontal="left", wrap_text=True, vertical="top", indent=1)
_TOP = Alignment(vertical="top")


def write_formats_sheet(ws: Worksheet, event: Event, sheets: Mapping[str, CourseSheet]) -> None:
    set_cell(ws, "A1", f"{event.name} {event.edition_year} — formats et bénévoles")
    ws["A1"].font = Font(bold=True, size=14)
    for col, header in enumerate(_HEADERS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True)
        cell.alignment = TEXT_HEADER if col in _TEXT_COLUMNS else NUMBER_HEADER
        if col == len(_HEADERS):  # « Lieu » apart from the numbers on its left
            cell.alignment = Alignment(horizontal="left", vertical="bottom", wrap_text=True,
                                       indent=1)
        cell.border = Border(bottom=Side(style="thin", color="7F7F7F"))
    ws.row_dimensions[HEADER_ROW].height = 46  # three lines of title
    first = HEADER_ROW + 1
    for r, fmt in enumerate(event.formats, start=first):
        sheet = sheets.get(fmt.name)
        climb = sheet.climb.d_plus if sheet is not None else None
        values = (
            fmt.name, fmt.discipline.label, fmt.day, fmt.start_time, fmt.target_distance_km,
            round(sheet.length_m / 1000, 1) if sheet is not None else None,
            round(climb) if climb is not None else None,
            fmt.max_participants, fmt.expected, float(fmt.fee_eur), Formula(f"=I{r}*J{r}"),
            fmt.marshals_needed, fmt.volunteers.at_posts, fmt.venue,
        )
        for col, value in enumerate(values, start=1):
            if value is not None and value != "":
                set_cell(ws, (r, col), value)
            ws.cell(row=r, column=col).alignment = _WRAP_TOP if col in _TEXT_COLUMNS else _TOP
        ws.cell(row=r, column=len(_HEADERS)).alignment = _WRAP_TOP_INDENT
        for letter, number_format in _NUMBER_FORMATS.items():
            ws[f"{letter}{r}"].number_format = number_format
    last = first + len(event.formats) - 1
    total = last + 1
    ws[f"A{total}"] = "Total"
    ws[f"A{total}"].font = Font(bold=True)
    for letter in "HIKLM":
        ws[f"{letter}{total}"] = f"=SUM({letter}{first}:{letter}{last})"
        ws[f"{letter}{total}"].font = Font(bold=True)
        ws[f"{letter}{total}"].number_format = _NUMBER_FORMATS[letter]
    last_row = total
    if event.stage_race:
        last_row = total + 2
        ws[f"A{last_row}"] = ("Course par étapes : les mêmes participants prennent part à "
                              "chaque étape ; les inscriptions sont réparties par étape.")
    for col, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for r in range(first, total):
        fit_row_height(ws, r, "ABN")
    ws.freeze_panes = f"B{first}"
    setup_page(ws, running_title=f"{event.name} {event.edition_year}", landscape=True,
               title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
               last_column=get_column_letter(len(_HEADERS)), last_row=last_row)
