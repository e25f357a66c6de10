"""The one page footer of Cavalier's PDF documents, read back by pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from app.pdf_table import page_footer


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) absent")
def test_every_page_names_the_document_its_date_and_its_number(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    footer = page_footer("carnet de route", "06/12/2026")
    doc.build([Paragraph("un", getSampleStyleSheet()["Normal"]), PageBreak(),
               Paragraph("deux", getSampleStyleSheet()["Normal"])],
              onFirstPage=footer, onLaterPages=footer)
    pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    for number, page in enumerate(pages[:2], start=1):
        assert "Cavalier — carnet de route édité le 06/12/2026" in page
        assert f"page {number}" in page
