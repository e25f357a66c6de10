"""How the sheets of our workbooks print: A4, fit to the page width, header rows on every page.

A sheet printed by LibreOffice or Excel uses only what the file says (the printer's defaults are
Letter and portrait on many systems), so every sheet states its paper, orientation, scaling,
margins, repeated header rows, running header and page numbers. Pie charts label each slice with
its category and percentage, and take their series name from a header cell.
"""

from __future__ import annotations

from openpyxl.chart import PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

LEFT_APART = Alignment(horizontal="left", indent=1)  # text next to right-aligned numbers
MONEY = '#,##0.00 "€";-#,##0.00 "€"'  # digits grouped and decimal mark by the reader's locale
PERCENT = "0.0 %"
NUMBER_HEADER = Alignment(horizontal="right", vertical="bottom", wrap_text=True)
TEXT_HEADER = Alignment(horizontal="left", vertical="bottom", wrap_text=True)
_HEADER_TEXT_MAX = 120  # Excel refuses header/footer sections longer than 255 characters
# A row of the default height is 15 pt (0.53 cm): how many rows a chart covers.
_ROW_CM = 15 * 2.54 / 72


def header_footer_text(text: str) -> str:
    """User text for a page header: ``&`` starts a field code there, so it is doubled."""
    text = " ".join(text.split())
    if len(text) > _HEADER_TEXT_MAX:
        text = text[: _HEADER_TEXT_MAX - 1] + "…"
    return text.replace("&", "&&")


def setup_page(ws: Worksheet, *, running_title: str, landscape: bool, title_rows: str,
               last_column: str, last_row: int) -> None:
    """A4 in the given orientation, scaled to the page width only (as many pages down as the
    table needs), ``title_rows`` (« 5:5 ») repeated on every page, the event in the header and
    « Page n / total » in the footer."""
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75,
                                  header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = title_rows
    ws.print_area = f"A1:{last_column}{last_row}"
    header, footer = HeaderFooterItem(), HeaderFooterItem()
    header.left.text, header.left.size = header_footer_text(running_title), 9
    header.right.text, header.right.size = "&A", 9  # the sheet's name
    footer.center.text, footer.center.size = "Page &P / &N", 9
    ws.HeaderFooter.oddHeader, ws.HeaderFooter.oddFooter = header, footer


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` (in characters) needs for ``text``, by greedy word
    wrapping with a little slack, since the proportional font is not measured."""
    capacity = max(int(width) - 1, 4)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > capacity:
                lines, used = lines + 1, 0
            length = len(word)
            while length > capacity:  # a word longer than the cell breaks anywhere
                lines, length = lines + 1, length - capacity
            used += length + (1 if used else 0)
    return max(lines, 1)


def fit_row_height(ws: Worksheet, row: int, columns: str, *, line_pt: float = 15.0) -> None:
    """Give ``row`` the height its wrapped cells in ``columns`` (letters) need: neither
    LibreOffice nor Excel fits the rows of a file they open, so text would be cut."""
    lines = 1
    for letter in columns:
        value = ws[f"{letter}{row}"].value
        if value is not None and value != "":
            width = ws.column_dimensions[letter].width or 8.43
            lines = max(lines, wrapped_lines(str(value), width))
    if lines > 1:
        ws.row_dimensions[row].height = lines * line_pt
        for cell in ws[row]:  # numbers beside the first line of the text, not below its last
            old = cell.alignment
            cell.alignment = Alignment(horizontal=old.horizontal, indent=old.indent,
                                       wrap_text=old.wrap_text, vertical="top")


def chart_rows(height_cm: float) -> int:
    """Rows of the default height a chart of ``height_cm`` covers (for the print area)."""
    return int(height_cm / _ROW_CM) + 2


def pie_chart(ws: Worksheet, title: str, *, values_col: int, labels_col: int, header_row: int,
              last_row: int) -> PieChart:
    """A pie of the rows below ``header_row``: the series is named by its header cell, each
    slice labelled « catégorie » and its percentage (no series name, no raw amount)."""
    chart = PieChart()
    chart.title = title
    chart.add_data(Reference(ws, min_col=values_col, min_row=header_row, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=labels_col, min_row=header_row + 1,
                                   max_row=last_row))
    # Every flag is written: a reader takes an absent one as true, and labels a slice
    # « Inscriptions; Column E; 15,000.00 €; 33% ».
    chart.series[0].dLbls = DataLabelList(
        showCatName=True, showPercent=True, showVal=False, showSerName=False,
        showLegendKey=False, showBubbleSize=False, showLeaderLines=True, separator="\n",
        dLblPos="outEnd", numFmt="0 %",
    )
    chart.legend = None  # each slice carries its category
    chart.height, chart.width = 9, 16
    return chart
