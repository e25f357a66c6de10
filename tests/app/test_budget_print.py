"""The budget workbook prints readably: LibreOffice turns it into a PDF we read page by page.

Each sheet is A4 landscape, scaled to the page width only (the budget runs over several pages
instead of shrinking onto one), its header row is repeated on every page, the running header
names the event and the sheet, and the pie's slices read « catégorie » and a percentage.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

from libreoffice import convert, needs_soffice
from openpyxl import load_workbook

from app.budget_xlsx import export_budgets
from app.model import Event
from app.templates import build_template
from app.xlsx_print import header_footer_text, wrapped_lines

A4_POINTS = (842, 595)  # landscape: width, height
TEMPLATES = ("raid-bassin-minier", "trail-pyramides-noires")
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _to_pdf(files: list[Path], tmp_path: Path) -> Path:
    return convert(files, tmp_path / "pdf", "pdf", tmp_path, french=True, timeout=180)


def _pages_by_sheet(pdf: Path, running_title: str) -> dict[str, list[tuple[str, float, float]]]:
    """Text and size of each page, grouped by the sheet named in the running header."""
    from pypdf import PdfReader

    sheets: dict[str, list[tuple[str, float, float]]] = {}
    for page in PdfReader(pdf).pages:
        text = re.sub(r"[\u00a0\u202f]", " ", page.extract_text())
        first_line = text.strip().splitlines()[0].strip()
        assert first_line.startswith(running_title), first_line
        sheet = first_line[len(running_title):].strip()
        box = page.mediabox
        sheets.setdefault(sheet, []).append((text, float(box.width), float(box.height)))
    return sheets


def _in_waves(event: Event, waves: int) -> Event:
    """The event with each format started in ``waves`` waves three minutes apart: a Formats
    sheet too long for one page."""
    formats = tuple(
        replace(fmt, name=f"{fmt.name} — vague {i + 1}",
                start_time=dt.time(fmt.start_time.hour, 3 * i) if fmt.start_time else None,
                max_participants=fmt.max_participants // waves,
                expected_participants=fmt.expected // waves)
        for fmt in event.formats for i in range(waves))
    return replace(event, formats=formats)


@needs_soffice
def test_templates_print_landscape_with_headers_on_every_page(tmp_path: Path) -> None:
    cases: dict[str, tuple[Event, range]] = {}  # file stem: event, pages of the Formats sheet
    for name in TEMPLATES:
        event, budgets = build_template(name, 2027)
        export_budgets(tmp_path / f"{name}.xlsx", event, budgets)
        cases[name] = (event, range(1, 2))
    event, budgets = build_template("trail-pyramides-noires", 2027)
    event = _in_waves(event, 16)
    export_budgets(tmp_path / "vagues.xlsx", event, budgets)
    cases["vagues"] = (event, range(2, 4))
    out = _to_pdf([tmp_path / f"{stem}.xlsx" for stem in cases], tmp_path)

    for stem, (event, formats_pages) in cases.items():
        sheets = _pages_by_sheet(out / f"{stem}.pdf", f"{event.name} {event.edition_year}")
        assert list(sheets) == ["Budget", "Formats"]
        # The budget is no longer squeezed onto one page, the formats no longer cut into four:
        # charges, produits, then the analysis (split, scenarios, pie) on a page of its own.
        assert 3 <= len(sheets["Budget"]) <= 4, stem
        first, *_middle, last = (text for text, _w, _h in sheets["Budget"])
        assert "TOTAL DES CHARGES" in first and "TOTAL DES PRODUITS" not in first
        assert "RÉPARTITION DES FINANCEMENTS" in last and "TOTAL DES" not in last
        assert len(sheets["Formats"]) in formats_pages, stem
        total = sum(len(pages) for pages in sheets.values())
        number = 0
        for sheet, pages in sheets.items():
            for text, width, height in pages:
                number += 1
                assert (round(width), round(height)) == A4_POINTS, (stem, sheet, number)
                assert f"Page {number} / {total}" in text
                if sheet == "Budget":
                    assert re.search(r"Compte\s+Intitulé\s+Quantité\s+Prix unitaire\s+Prévu"
                                     r"\s+Réalisé\s+Écart\s+Répartition", text), (stem, number)
                else:
                    assert re.search(r"Format\s+Discipline\s+Date\s+Départ", text), \
                        (stem, number)
        budget_text = "\n".join(text for text, _w, _h in sheets["Budget"])
        assert "cavalier-budget" not in budget_text  # the hidden tags do not print
        assert "Column" not in budget_text
        assert "15 000,00 €" in budget_text  # French grouping and decimal comma
        # the pie: each slice its category and percentage, no series name, no amount
        assert re.search(r"Inscriptions\n33 %\nFinancements publics\n33 %\n"
                         r"Partenaires privés\n33 %", last)
    waves = "\n".join(text for text, _w, _h in _pages_by_sheet(
        out / "vagues.pdf", f"{event.name} {event.edition_year}")["Formats"])
    assert all(f"{fmt.name}\n" in waves or f"{fmt.name} " in waves for fmt in event.formats)


def _chart_xml(path: Path) -> list[ElementTree.Element]:
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        return [ElementTree.fromstring(archive.read(n)) for n in names]


def _flag(labels: ElementTree.Element, name: str) -> str | None:
    node = labels.find(f"{_C}{name}")
    return None if node is None else node.get("val")


def test_pie_series_titled_and_labelled_by_category_and_percent(tmp_path: Path) -> None:
    event, budgets = build_template("challenge-vtt-xc", 2027)
    path = tmp_path / "vtt.xlsx"
    export_budgets(path, event, budgets)
    wb = load_workbook(path)
    charts = _chart_xml(path)
    assert len(charts) == len(budgets) + 1  # one per round and the series' own
    for root in charts:
        xml = ElementTree.tostring(root, encoding="unicode")
        assert "Column" not in xml
        (series,) = root.iter(f"{_C}ser")
        ref = series.find(f"{_C}tx/{_C}strRef/{_C}f")
        assert ref is not None and ref.text
        sheet, cell = ref.text.rsplit("!", 1)
        title = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        assert wb[title][cell.replace("$", "")].value == "Prévu"
        labels = series.find(f"{_C}dLbls")
        assert labels is not None
        assert _flag(labels, "showCatName") == _flag(labels, "showPercent") == "1"
        for hidden in ("showSerName", "showVal", "showLegendKey", "showBubbleSize"):
            assert _flag(labels, hidden) == "0", hidden


def test_page_setup_and_objectif_over_its_values(tmp_path: Path) -> None:
    event, budgets = build_template("challenge-vtt-xc", 2027)
    path = tmp_path / "vtt.xlsx"
    export_budgets(path, event, budgets)
    wb = load_workbook(path)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        fit, header, footer = ws.sheet_properties.pageSetUpPr, ws.oddHeader, ws.oddFooter
        assert fit is not None and fit.fitToPage
        assert ws.print_title_rows
        header_row = int(ws.print_title_rows.split(":")[0].strip("$"))
        assert ws.cell(row=header_row, column=2).value in ("Intitulé", "Manche", "Discipline")
        assert footer is not None and footer.center.text == "Page &P / &N"
        assert header is not None and event.name in str(header.left.text)
    ws = wb[wb.sheetnames[1]]
    objectif = next(c for row in ws.iter_rows() for c in row if c.value == "Objectif")
    assert objectif.column_letter == "H" and objectif.alignment.horizontal == "right"
    below = ws.cell(row=objectif.row + 1, column=objectif.column)
    assert below.number_format.endswith("%")
    for letter in "EFG":  # Prévu, Réalisé, Part prévue: numbers, titles right-aligned too
        assert ws[f"{letter}{objectif.row}"].alignment.horizontal == "right"


def test_header_text_and_wrapped_row_estimate() -> None:
    assert header_footer_text("Trail A & B  2027") == "Trail A && B 2027"
    assert len(header_footer_text("x" * 400)) == 120
    assert wrapped_lines("Randonnée pédestre", 13) == 2
    assert wrapped_lines("court", 20) == 1
    assert wrapped_lines("x" * 30, 10) == 4
