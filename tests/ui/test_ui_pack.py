"""The window's « Dossier participants » and ``cavalier export`` write the same files: same
names, same bytes except the creation timestamps of GPX, xlsx and zip."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from app.cli import main
from ui.qt import QMessageBox

#: Creation times: GPX <metadata><time>, map ids folium draws at random.
_VOLATILE = (re.compile(rb"<time>[^<]*</time>"),
             re.compile(rb"[0-9a-f]{32}"))


def _normalised(path: Path) -> object:
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        book = load_workbook(io.BytesIO(data))
        return [(s.title, list(s.iter_rows(values_only=True))) for s in book.worksheets]
    if path.suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(n, _scrub(archive.read(n))) for n in archive.namelist()]
    return _scrub(data)


def _scrub(data: bytes) -> bytes:
    for pattern in _VOLATILE:
        data = pattern.sub(b"", data)
    return data


def _tree(folder: Path) -> dict[str, object]:
    return {p.relative_to(folder).as_posix(): _normalised(p)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_window_and_cli_write_the_same_pack(qtbot, window, tmp_path: Path) -> None:
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", "--year", "2027",
                 str(project)]) == 0
    assert main(["plan", str(project), "--format", "Marathon 42 km", "--from", "Base 11/19",
                 "--via", "T075", "--to", "9-9bis"]) == 0
    cli_dir, window_dir = tmp_path / "cli", tmp_path / "fenetre"
    assert main(["export", str(project), str(cli_dir)]) == 0

    assert window.open_project(project)
    with qtbot.waitSignal(window.operation_done, timeout=60_000):
        window.export_pack_to(window_dir)
    assert window.warnings == []
    cli_files, window_files = _tree(cli_dir), _tree(window_dir)
    assert sorted(window_files) == sorted(cli_files)
    assert len(cli_files) > 15
    for name, content in cli_files.items():
        assert window_files[name] == content, name
    # the formats without a route are named in the window too
    skipped = window.last_export.skipped
    assert sum("pas encore de parcours" in text for text in skipped) == 3
    report = window.findChild(QMessageBox, "export-report")
    assert report is not None and "Semi 21 km" in report.text()
    # one file of the current format, from the « Exporter » menu's code path
    window.document.select_format(1)  # the marathon
    with qtbot.waitSignal(window.operation_done, timeout=30_000):
        window.export_course_file(tmp_path / "marathon.gpx", "fit")  # suffix follows the kind
    fit = (tmp_path / "marathon.fit").read_bytes()
    assert fit == (cli_dir / "participants/fichiers/marathon-42-km.fit").read_bytes()
    window.grab().save(str(tmp_path / "fenetre.png"))
    report.grab().save(str(tmp_path / "rapport.png"))
    report.close()


def test_pack_dialog_gives_the_page_address_and_contact(qtbot, french_app,
                                                        tmp_path: Path) -> None:
    from ui.dialogs import PackDialog

    dialog = PackDialog("Comité des Pyramides Noires")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.contact.placeholderText() == "Comité des Pyramides Noires"
    qtbot.keyClicks(dialog.site_url, " https://club.example/trail/ ")
    qtbot.keyClicks(dialog.contact, "06 00 00 00 00")
    options = dialog.options()
    assert options.site_url == "https://club.example/trail/"
    assert options.contact == "06 00 00 00 00"
    dialog.grab().save(str(tmp_path / "dialogue.png"))
