"""Write a raw ``<v>`` number into a saved workbook (openpyxl writes NaN as an empty cell)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

SENTINEL = 918273.645


def set_raw_number(path: Path, sheet: str, cell: str, raw: str) -> None:
    """Make ``cell`` of ``sheet`` a numeric cell whose stored text is ``raw`` (e.g. ``NaN``)."""
    wb = load_workbook(path)
    wb[sheet][cell] = SENTINEL
    index = wb.sheetnames.index(sheet)
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = f"xl/worksheets/sheet{index + 1}.xml"
    old = f"<v>{SENTINEL}</v>".encode()
    assert old in members[name]
    members[name] = members[name].replace(old, f"<v>{raw}</v>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
