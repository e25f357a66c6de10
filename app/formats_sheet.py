"""The « Formats » sheet of the budget workbook: what each format, stage or round offers.

It documents the budget's registration lines (participants × fee, as live formulas) and the
volunteers needed; import ignores it (the project is the reference for formats).
"""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.model import Event
from app.xlsx_text import Formula, set_cell

FORMATS_TITLE = "Formats"
MONEY = '#,##0.00 "€";-#,##0.00 "€"'
_HEADERS = ("Format", "Discipline", "Date", "Départ", "Distance visée (km)",
            "Distance du parcours (km)", "D+ (m)", "Participants max.", "Participants attendus",
            "Tarif", "Inscriptions attendues", "Signaleurs", "Bénévoles aux postes", "Lieu")
_WIDTHS = (44, 18, 12, 9, 12, 12, 9, 12, 12, 11, 15, 11, 12, 40)


def write_formats_sheet(ws: Worksheet, event: Event) -> None:
    set_cell(ws, "A1", f"{event.name} {event.edition_year} — formats et bénévoles")
    ws["A1"].font = Font(bold=True, size=14)
    for col, header in enumerate(_HEADERS, start=1):
        ws.cell(row=3, column=col, value=header).font = Font(bold=True)
    first = 4
    for r, fmt in enumerate(event.formats, start=first):
        route = fmt.route
        climb = route.stats.get("climb_m") if route else None
        values = (
            fmt.name, fmt.discipline.label, fmt.day, fmt.start_time, fmt.target_distance_km,
            round(route.length_km, 1) if route else None,
            round(float(climb)) if climb is not None else None,
            fmt.max_participants, fmt.expected, float(fmt.fee_eur), Formula(f"=I{r}*J{r}"),
            fmt.marshals_needed, fmt.volunteers.at_posts, fmt.venue,
        )
        for col, value in enumerate(values, start=1):
            if value is not None and value != "":
                set_cell(ws, (r, col), value)
        ws[f"C{r}"].number_format = "DD/MM/YYYY"
        ws[f"D{r}"].number_format = "HH:MM"
        ws[f"J{r}"].number_format = MONEY
        ws[f"K{r}"].number_format = MONEY
    last = first + len(event.formats) - 1
    total = last + 1
    ws[f"A{total}"] = "Total"
    ws[f"A{total}"].font = Font(bold=True)
    for letter in "HIKLM":
        ws[f"{letter}{total}"] = f"=SUM({letter}{first}:{letter}{last})"
        ws[f"{letter}{total}"].font = Font(bold=True)
    ws[f"K{total}"].number_format = MONEY
    if event.stage_race:
        ws[f"A{total + 2}"] = ("Course par étapes : les mêmes participants prennent part à chaque "
                               "étape ; les inscriptions sont réparties par étape.")
    for col, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B4"
