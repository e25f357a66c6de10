"""Budgets to and from xlsx, in the CERFA 12156 layout, with live formulas (each storing its
value too, for viewers that do not compute: ``app/xlsx_values.py``).

One sheet per budget: charges 60–68 then 86, produits 70–78 then 87, each group a SUM of its lines,
columns Prévu / Réalisé / Écart, the funding split (SUMIF on the « Répartition » column, shares
against targets) with a pie chart, and the participation scenarios computed by Cavalier. A series
gets a « Synthèse » sheet summing its rounds. Hidden columns I–K tag each row so a file whose lines
were renamed, edited or added in a spreadsheet reads back. We never evaluate a formula of an
imported file: our own ``=C*D`` is recognised, any other formula is taken at the value the
spreadsheet cached, and refused if there is none.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from app.budget import (
    ACCOUNT_GROUPS,
    CATEGORY_LABELS,
    DEFAULT_SCENARIOS,
    MAX_AMOUNT,
    MAX_QUANTITY,
    SPLIT_CATEGORIES,
    Budget,
    BudgetError,
    BudgetLine,
    Category,
    Driver,
    break_even_fee,
    check_number,
    scenarios,
)
from app.budget import (
    Side as BudgetSide,
)
from app.dates import event_days
from app.formats_sheet import FORMATS_TITLE, write_formats_sheet
from app.model import Event
from app.sheet import CourseSheet
from app.xlsx_print import (
    LEFT_APART,
    MONEY,
    NUMBER_HEADER,
    PERCENT,
    TEXT_HEADER,
    chart_rows,
    fit_row_height,
    pie_chart,
    setup_page,
)
from app.xlsx_text import Formula, set_cell
from app.xlsx_values import save_with_values
from routes.atomic import atomic_output, os_error_reason
from routes.errors import CavalierError, french_reason
from routes.progress import ProgressCallback

QTY = "#,##0"
QTY_FRACTION = "#,##0.0#"
KEY_COL, DRIVER_COL, FORMAT_COL = "I", "J", "K"
MAX_SHEET_ROWS = 10_000  # rows a budget sheet may have when it is read back
SHEET_TAG = "cavalier-budget"
SUMMARY_TITLE = "Synthèse"
HEADERS = ("Compte", "Intitulé", "Quantité", "Prix unitaire", "Prévu", "Réalisé", "Écart",
           "Répartition")


_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_GROUP_FILL = PatternFill("solid", fgColor="DDE7F0")
_TOTAL_FILL = PatternFill("solid", fgColor="B7CCE0")
_THIN = Border(bottom=Side(style="thin", color="7F7F7F"))


class BudgetFileError(CavalierError, ValueError):
    """An xlsx file cannot be read as a Cavalier budget."""


@dataclass(frozen=True)
class SheetCells:
    """Where the app's totals landed on a budget sheet (for checks and the summary)."""

    title: str
    charges: str
    produits: str
    charges_all: str
    produits_all: str
    result: str
    split: dict[Category, str]


# --- export ----------------------------------------------------------------------------------

def _sheet_title(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", name).strip("' ")[:31] or "Budget"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _ref(ws: Worksheet, cell: str) -> str:
    title = ws.title.replace("'", "''")
    return f"'{title}'!{cell}"


class _SheetWriter:
    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0

    def put(self, values: Sequence[Any], *, key: str = "", font: Font | None = None,
            fill: PatternFill | None = None, numbers_from: str = "") -> int:
        """Write a row; with ``numbers_from`` (a header row), the titles of that column and
        the next ones are right-aligned like the numbers under them."""
        self.row += 1
        r = self.row
        for col, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = set_cell(self.ws, (r, col), value)
            if font:
                cell.font = font
            if numbers_from:
                cell.alignment = NUMBER_HEADER if get_column_letter(col) >= numbers_from \
                    else TEXT_HEADER
        if fill:
            for col in range(1, 9):
                self.ws.cell(row=r, column=col).fill = fill
        if key:
            self.ws[f"{KEY_COL}{r}"] = key
        return r

    def money(self, r: int, cols: str = "EFG") -> None:
        for c in cols:
            self.ws[f"{c}{r}"].number_format = MONEY


def _gap(r: int) -> Formula:
    return Formula(f"=IF(F{r}=\"\",\"\",F{r}-E{r})")


def _sum_if_any(cells: str) -> str:
    return f"=IF(COUNT({cells})=0,\"\",SUM({cells}))"


def _write_group(w: _SheetWriter, code: str, title: str, lines: Sequence[BudgetLine]) -> int:
    g = w.put([code, title], key=f"G:{code}", font=_BOLD, fill=_GROUP_FILL)
    for ln in lines:
        r = w.row + 1
        qty = float(ln.quantity) if ln.quantity is not None else None
        unit = float(ln.unit_price) if ln.unit_price is not None else None
        planned: Any = Formula(f"=C{r}*D{r}") if ln.priced else float(ln.amount)
        actual = float(ln.actual) if ln.actual is not None else None
        cat = CATEGORY_LABELS[ln.category] if ln.side is BudgetSide.PRODUIT and not ln.in_kind \
            else None
        w.put(["", ln.label, qty, unit, planned, actual, _gap(r), cat],
              key="L")
        w.ws[f"H{r}"].alignment = LEFT_APART
        w.ws[f"{DRIVER_COL}{r}"] = ln.driver.value
        if ln.format_name:
            set_cell(w.ws, f"{FORMAT_COL}{r}", ln.format_name)
        whole = qty is None or qty.is_integer()
        w.ws[f"C{r}"].number_format = QTY if whole else QTY_FRACTION
        w.ws[f"D{r}"].number_format = MONEY
        w.money(r)
        w.ws[f"B{r}"].alignment = Alignment(indent=1, wrap_text=True, vertical="top")
    blank = w.put([], key="L")  # an empty line inside the group, ready for the user's own lines
    w.ws[f"G{blank}"] = _gap(blank)
    w.money(blank)
    w.ws[f"E{g}"] = f"=SUM(E{g + 1}:E{blank})"
    # Réalisé and écart stay empty until something is realised (an écart of −45 000 € on a
    # budget not yet carried out would read as a deficit).
    w.ws[f"F{g}"] = f"=IF(COUNT(F{g + 1}:F{blank})=0,\"\",SUM(F{g + 1}:F{blank}))"
    w.ws[f"G{g}"] = _gap(g)
    w.money(g)
    return g


def _write_side(w: _SheetWriter, side: BudgetSide, budget: Budget) -> tuple[int, int, int, int]:
    """Groups of one side; returns rows (first line row, total, in-kind group, total with it)."""
    word = "CHARGES" if side is BudgetSide.CHARGE else "PRODUITS"
    w.put([word], key=f"S:{side.value}", font=_BOLD)
    first = w.row + 1
    group_rows = []
    in_kind_row = 0
    for group in ACCOUNT_GROUPS:
        if group.side is not side or group.in_kind:
            continue
        group_rows.append(_write_group(w, group.code, group.title, budget.group_lines(group.code)))
    total = w.put(["", f"TOTAL DES {word}"], key=f"T:{side.value}", font=_BOLD, fill=_TOTAL_FILL)
    groups = ",".join(f"{{c}}{g}" for g in group_rows)
    w.ws[f"E{total}"] = f"=SUM({groups.format(c='E')})"
    w.ws[f"F{total}"] = _sum_if_any(groups.format(c="F"))
    w.ws[f"G{total}"] = _gap(total)
    w.money(total)
    for group in ACCOUNT_GROUPS:
        if group.side is side and group.in_kind:
            in_kind_row = _write_group(w, group.code, group.title, budget.group_lines(group.code))
    label = "TOTAL DES CHARGES" if side is BudgetSide.CHARGE else "TOTAL DES PRODUITS"
    total_all = w.put(["", f"{label} (y compris contributions en nature)"],
                      key=f"T:{side.value}-all", font=_BOLD, fill=_TOTAL_FILL)
    w.ws[f"E{total_all}"] = f"=E{total}+E{in_kind_row}"
    w.ws[f"F{total_all}"] = _sum_if_any(f"F{total},F{in_kind_row}")
    w.ws[f"G{total_all}"] = _gap(total_all)
    w.money(total_all)
    return first, total, in_kind_row, total_all


def _write_budget_sheet(ws: Worksheet, budget: Budget, event: Event) -> SheetCells:
    w = _SheetWriter(ws)
    w.put([f"{event.name} {event.edition_year} — {budget.name}"], font=_TITLE)
    ws[f"{KEY_COL}1"] = SHEET_TAG
    set_cell(ws, f"{DRIVER_COL}1", budget.name)
    ws[f"{FORMAT_COL}1"] = json.dumps(list(budget.format_names), ensure_ascii=False)
    w.put(["Budget prévisionnel de l'action — présentation du CERFA n° 12156"], font=_BOLD)
    organiser = event.organiser if event.organiser_known else "à préciser"
    w.put([f"Organisateur : {organiser} — {event_days(event.start_date, event.end_date)}"])
    w.row += 1
    header = w.put(HEADERS, key="H", font=_BOLD)
    for col in range(1, 9):
        ws.cell(row=header, column=col).alignment = NUMBER_HEADER if 3 <= col <= 7 \
            else TEXT_HEADER
        ws.cell(row=header, column=col).border = _THIN
    ws[f"H{header}"].alignment = LEFT_APART
    _, c_total, _c86, c_all = _write_side(w, BudgetSide.CHARGE, budget)
    ws.row_breaks.append(Break(id=w.row))  # charges, produits, analysis: a page each at least
    w.row += 1
    p_first, p_total, _p87, p_all = _write_side(w, BudgetSide.PRODUIT, budget)
    w.row += 1
    res = w.put(["", "Résultat (produits − charges)"], key="T:resultat", font=_BOLD)
    ws[f"E{res}"] = f"=E{p_total}-E{c_total}"
    ws[f"F{res}"] = f"=IF(COUNT(F{p_total},F{c_total})=0,\"\",N(F{p_total})-N(F{c_total}))"
    w.money(res, "EF")
    check = w.put(["", "Contrôle : total des charges = total des produits"], key="T:controle")
    ws[f"E{check}"] = (f"=IF(AND(ROUND(E{c_total}-E{p_total},2)=0,"
                       f"ROUND(E{c_all}-E{p_all},2)=0),\"équilibré\",\"déséquilibré\")")

    ws.row_breaks.append(Break(id=w.row))
    w.row += 1
    split_header = w.put(["", "RÉPARTITION DES FINANCEMENTS (produits 70 à 78)", "", "",
                          "Prévu", "Réalisé", "Part prévue", "Objectif"],
                         key="S:repartition", font=_BOLD, numbers_from="E")
    split_cells: dict[Category, str] = {}
    cat_range = f"$H${p_first}:$H${p_total - 1}"
    for cat in SPLIT_CATEGORIES:
        r = w.put(["", CATEGORY_LABELS[cat]], key=f"P:{cat.value}")
        for c in "EF":
            ws[f"{c}{r}"] = f"=SUMIF({cat_range},B{r},{c}${p_first}:{c}${p_total - 1})"
        ws[f"G{r}"] = f"=IF(E${p_total}=0,0,E{r}/E${p_total})"
        target = budget.split_targets.get(cat)
        if target is not None:
            ws[f"H{r}"] = float(target)
        w.money(r, "EF")
        for c in "GH":
            ws[f"{c}{r}"].number_format = PERCENT
        split_cells[cat] = f"E{r}"
    last_split = w.row

    if event.formats:
        _write_scenarios(w, budget, event)
    chart = pie_chart(ws, "Répartition des financements (prévu)", values_col=5, labels_col=2,
                      header_row=split_header, last_row=last_split)
    ws.add_chart(chart, f"B{w.row + 2}")
    _format_columns(ws, event, last_row=w.row + 1 + chart_rows(chart.height))
    return SheetCells(ws.title, f"E{c_total}", f"E{p_total}", f"E{c_all}", f"E{p_all}",
                      f"E{res}", split_cells)


def _write_scenarios(w: _SheetWriter, budget: Budget, event: Event) -> None:
    w.row += 1
    w.put(["", "SCÉNARIOS DE PARTICIPATION (calculés par Cavalier)", "Participants", "",
           "Inscriptions", "Charges", "Résultat"], key="S:scenarios", font=_BOLD,
          numbers_from="C")
    for res in scenarios(budget, event.formats, DEFAULT_SCENARIOS):
        rate = round(res.scenario.rate * 100)
        r = w.put(["", f"{res.scenario.name} ({rate} % des participants attendus)",
                   res.participants, "", float(res.registrations), float(res.charges),
                   float(res.result)], key="X")
        w.money(r)
    try:
        fee = break_even_fee(budget, event.formats)
    except BudgetError:
        return
    who = "chaque participant attendu, à chaque étape" if event.stage_race \
        else "chaque participant attendu"
    r = w.put(["", f"Tarif d'équilibre (même tarif pour {who})", "", "", float(fee)], key="X")
    w.money(r, "E")


def _format_columns(ws: Worksheet, event: Event, *, last_row: int) -> None:
    widths = {"A": 9, "B": 50, "C": 12, "D": 12, "E": 14, "F": 14, "G": 13, "H": 21}
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    for col in (KEY_COL, DRIVER_COL, FORMAT_COL):
        ws.column_dimensions[col].hidden = True
    for row in range(1, ws.max_row + 1):
        if ws[f"{KEY_COL}{row}"].value == "L":
            fit_row_height(ws, row, "B")
        for col in (KEY_COL, DRIVER_COL, FORMAT_COL):
            # drawn as nothing, so the tags stay out of a PDF's text even where a hidden
            # column is rendered at zero width
            ws[f"{col}{row}"].number_format = ";;;"
    ws.freeze_panes = "A6"
    setup_page(ws, running_title=f"{event.name} {event.edition_year}", landscape=True,
               title_rows="5:5", last_column="H", last_row=last_row)


def _write_summary(wb: Workbook, ws: Worksheet, event: Event, cells: Sequence[SheetCells],
                   budgets: Sequence[Budget]) -> None:
    w = _SheetWriter(ws)
    w.put([f"{event.name} {event.edition_year} — synthèse des manches"], font=_TITLE)
    w.row += 1
    header = w.put(["", "Manche", "Charges prévues", "Produits prévus", "Résultat prévu",
                    "Charges réalisées", "Produits réalisés", "Résultat réalisé"], font=_BOLD,
                   numbers_from="C")
    first = w.row + 1
    for sheet, budget in zip(cells, budgets, strict=True):
        r = w.row + 1
        src = wb[sheet.title]

        def real(cell: str, src: Worksheet = src) -> Formula:
            return Formula(f"=N({_ref(src, 'F' + cell[1:])})")

        w.put(["", budget.name, Formula(f"={_ref(src, sheet.charges)}"),
               Formula(f"={_ref(src, sheet.produits)}"), Formula(f"=D{r}-C{r}"),
               real(sheet.charges), real(sheet.produits), Formula(f"=G{r}-F{r}")])
        w.money(r, "CDEFGH")
    last = w.row
    total = w.put(["", "Total de la série"], font=_BOLD, fill=_TOTAL_FILL)
    for c in "CDEFGH":
        ws[f"{c}{total}"] = f"=SUM({c}{first}:{c}{last})"
    w.money(total, "CDEFGH")
    w.row += 1
    split_header = w.put(["", "Répartition des financements (série)", "Prévu", "Part"],
                         font=_BOLD, numbers_from="C")
    for cat in SPLIT_CATEGORIES:
        r = w.row + 1
        refs = "+".join(_ref(wb[s.title], s.split[cat]) for s in cells)
        w.put(["", CATEGORY_LABELS[cat], Formula(f"={refs}"),
               Formula(f"=IF(D{total}=0,0,C{r}/D{total})")])
        ws[f"C{r}"].number_format = MONEY
        ws[f"D{r}"].number_format = PERCENT
    chart = pie_chart(ws, "Répartition des financements de la série", values_col=3,
                      labels_col=2, header_row=split_header, last_row=w.row)
    ws.add_chart(chart, f"B{w.row + 2}")
    ws.column_dimensions["A"].width = 3
    ws.column_dimensions["B"].width = 44
    for c in "CDEFGH":
        ws.column_dimensions[c].width = 15
    ws.row_dimensions[header].height = 30  # two-line titles
    setup_page(ws, running_title=f"{event.name} {event.edition_year}", landscape=True,
               title_rows=f"{header}:{header}", last_column="H",
               last_row=w.row + 1 + chart_rows(chart.height))


def export_budgets(
    path: Path, event: Event, budgets: Sequence[Budget], *,
    progress: ProgressCallback | None = None,
    sheets: Mapping[str, CourseSheet] | None = None,
) -> list[SheetCells]:
    """Write the budgets (a summary sheet for a series, a « Formats » sheet) to ``path``; the
    formats' distance and D+ are their course sheets' (blank without ``sheets``)."""
    if not budgets:
        raise BudgetFileError(f"Aucun budget à exporter vers {path}")
    wb = Workbook()
    default = wb.active
    taken = {FORMATS_TITLE.lower()} | ({SUMMARY_TITLE.lower()} if len(budgets) > 1 else set())
    cells = []
    for i, budget in enumerate(budgets):
        if progress:
            progress(i / (len(budgets) + 1), f"Feuille « {budget.name} »")
        title = "Budget" if len(budgets) == 1 else _sheet_title(budget.name, taken)
        cells.append(_write_budget_sheet(wb.create_sheet(title), budget, event))
    if len(budgets) > 1:
        summary = wb.create_sheet(SUMMARY_TITLE, 0)
        _write_summary(wb, summary, event, cells, budgets)
    if event.formats:
        write_formats_sheet(wb.create_sheet(FORMATS_TITLE), event, sheets or {})
    if default is not None:
        wb.remove(default)
    wb.active = 0
    data = save_with_values(wb)  # every formula with its value, for viewers that never compute
    with atomic_output(path, error=BudgetFileError) as temporary:
        temporary.write_bytes(data)
    if progress:
        progress(1.0, f"Classeur enregistré : {path.name}")
    return cells


# --- import ----------------------------------------------------------------------------------

_CATEGORY_BY_LABEL = {label.casefold(): cat for cat, label in CATEGORY_LABELS.items()}
_CATEGORY_BY_LABEL |= {cat.value: cat for cat in Category}
_OWN_PRODUCT = re.compile(r"^=\s*\$?C\$?(\d+)\s*\*\s*\$?D\$?(\d+)\s*$", re.IGNORECASE)


class _Reader:
    def __init__(self, path: Path, ws: Worksheet, cached: Worksheet) -> None:
        self.path, self.ws, self.cached = path, ws, cached

    def where(self, cell: str) -> str:
        return f"{self.path.name}, feuille « {self.ws.title} », cellule {cell}"

    def number(self, cell: str, limit: Decimal = MAX_AMOUNT) -> Decimal | None:
        """The cell's number, refused unless finite and within ±``limit``."""
        number = self._number(cell)
        if number is not None:
            try:
                check_number(number, limit, self.where(cell))
            except BudgetError as exc:
                raise BudgetFileError(str(exc)) from None
        return number

    def _number(self, cell: str) -> Decimal | None:
        value = self.ws[cell].value
        if self.ws[cell].data_type == "f":
            value = self.cached[cell].value
            if value is None:
                raise BudgetFileError(
                    f"{self.where(cell)} : formule « {self.ws[cell].value} » sans valeur "
                    "calculée ; ouvrez le fichier dans un tableur et enregistrez-le, ou saisissez "
                    "un montant")
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise BudgetFileError(f"{self.where(cell)} : valeur « {value} » au lieu d'un nombre")
        if isinstance(value, int | float):
            return Decimal(repr(float(value)) if isinstance(value, float) else str(value))
        text = str(value).replace("€", "").replace("\u202f", "").replace("\xa0", "")
        text = text.replace(" ", "").replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise BudgetFileError(
                f"{self.where(cell)} : « {value} » n'est pas un montant") from None

    def text(self, cell: str) -> str:
        value = self.ws[cell].value
        if self.ws[cell].data_type == "f":
            value = self.cached[cell].value
        return "" if value is None else str(value).strip()


def _read_line(rd: _Reader, r: int, account: str) -> BudgetLine | None:
    label = rd.text(f"B{r}")
    qty, unit = rd.number(f"C{r}", MAX_QUANTITY), rd.number(f"D{r}")
    actual = rd.number(f"F{r}")
    planned_raw = rd.ws[f"E{r}"].value
    own = _OWN_PRODUCT.match(planned_raw) \
        if isinstance(planned_raw, str) and rd.ws[f"E{r}"].data_type == "f" else None
    priced = own is not None and own.group(1) == own.group(2) == str(r)
    amount = None if priced else rd.number(f"E{r}")
    if not label and amount is None and actual is None and not (priced and qty and unit):
        return None
    if not label:
        label = f"Ligne sans intitulé (ligne {r})"
    side = next(g.side for g in ACCOUNT_GROUPS if g.code == account)
    in_kind = account in ("86", "87")
    category = Category.OTHER
    cat_text = rd.text(f"H{r}")
    if side is BudgetSide.PRODUIT and not in_kind and cat_text:
        try:
            category = _CATEGORY_BY_LABEL[cat_text.casefold()]
        except KeyError:
            known = ", ".join(f"« {v} »" for v in CATEGORY_LABELS.values())
            raise BudgetFileError(
                f"{rd.where(f'H{r}')} : répartition « {cat_text} » inconnue ; valeurs "
                f"possibles : {known}") from None
    driver = Driver.FIXED
    fmt_name = ""
    if priced:
        if qty is None or unit is None:
            raise BudgetFileError(f"{rd.where(f'E{r}')} : quantité ou prix unitaire manquant")
        try:
            driver = Driver(rd.text(f"{DRIVER_COL}{r}") or Driver.FIXED.value)
        except ValueError:
            driver = Driver.FIXED
        fmt_name = rd.text(f"{FORMAT_COL}{r}")
    try:
        return BudgetLine(
            account, label, amount=amount or Decimal(0), actual=actual,
            quantity=qty if priced else None, unit_price=unit if priced else None,
            category=category, driver=driver, format_name=fmt_name,
        )
    except BudgetError as exc:
        raise BudgetFileError(f"{rd.where(f'B{r}')} : {exc}") from exc


def _read_sheet(rd: _Reader) -> Budget:
    ws = rd.ws
    name = rd.text(f"{DRIVER_COL}1") or ws.title
    try:
        format_names = tuple(str(n) for n in json.loads(rd.text(f"{FORMAT_COL}1") or "[]"))
    except json.JSONDecodeError:
        format_names = ()
    lines: list[BudgetLine] = []
    targets: dict[Category, Decimal] = {}
    group = ""
    for r in range(2, ws.max_row + 1):
        key = rd.text(f"{KEY_COL}{r}")
        if key.startswith("G:"):
            group = key[2:]
            if not any(g.code == group for g in ACCOUNT_GROUPS):
                raise BudgetFileError(f"{rd.where(f'{KEY_COL}{r}')} : compte « {group} » inconnu")
        elif key.startswith("P:"):
            group = ""
            target = rd.number(f"H{r}", Decimal(1))
            if target is not None:
                with contextlib.suppress(ValueError):  # a tag we do not know: no target
                    targets[Category(key[2:])] = target
        elif key in ("L", "") and group:
            line = _read_line(rd, r, group)
            if line is not None:
                lines.append(line)
        elif key:
            group = ""
    if not lines:
        raise BudgetFileError(f"{rd.where('A1')} : aucune ligne de budget trouvée")
    return Budget(name, tuple(lines), targets, format_names)


def _why_unreadable(exc: BaseException) -> str:
    """A French reason (openpyxl's and zipfile's messages are English)."""
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return "archive zip endommagée ou d'un autre type"
    if isinstance(exc, RecursionError | MemoryError | OverflowError):
        return french_reason(exc)
    if isinstance(exc, OSError):
        return os_error_reason(exc)
    if isinstance(exc, KeyError):
        return "une partie obligatoire du classeur manque"
    if isinstance(exc, SyntaxError):
        return "XML mal formé ou tronqué dans le classeur"
    if "bomb" in str(exc).lower() or "too many" in str(exc).lower():
        return "contenu démesuré refusé (fichier piégé ou trop volumineux)"
    return "contenu XML illisible ou valeurs invalides (fichier endommagé ou piégé)"


def read_budgets(path: Path) -> tuple[Budget, ...]:
    """Budgets of an xlsx written by :func:`export_budgets` (possibly edited in a spreadsheet)."""
    if not path.is_file():
        raise BudgetFileError(f"Classeur introuvable : {path}")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise BudgetFileError(f"{path.name} n'est pas un classeur Excel (.xlsx) lisible : "
                              f"extension « {path.suffix} » inattendue")
    try:
        data = path.read_bytes()  # openpyxl leaks its file handle when a workbook is damaged
        wb = load_workbook(io.BytesIO(data))
        cached = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError,
            TypeError, SyntaxError, AttributeError, IndexError, EOFError, RecursionError,
            OverflowError, MemoryError, zlib.error) as exc:  # SyntaxError: XML; zlib: a member
        raise BudgetFileError(
            f"{path.name} n'est pas un classeur Excel (.xlsx) lisible : {_why_unreadable(exc)}"
        ) from exc
    budgets = []
    for ws in wb.worksheets:
        if ws[f"{KEY_COL}1"].value != SHEET_TAG:
            continue
        if ws.max_row > MAX_SHEET_ROWS:  # bounded work: a cell at row 1 048 576 took minutes
            rows, most = (f"{n:,}".replace(",", "\u202f") for n in (ws.max_row, MAX_SHEET_ROWS))
            raise BudgetFileError(
                f"{path.name}, feuille « {ws.title[:40]} » : {rows} lignes, un budget en a au "
                f"plus {most} ; supprimez les lignes en trop")
        budgets.append(_read_sheet(_Reader(path, ws, cached[ws.title])))
    if not budgets:
        raise BudgetFileError(
            f"{path.name} n'est pas un budget exporté par Cavalier (aucune feuille de budget "
            "reconnue ; exportez d'abord le budget avec « cavalier budget export »)")
    return tuple(budgets)
