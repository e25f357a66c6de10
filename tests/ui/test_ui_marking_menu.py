"""« Fichier › Exporter › Plan de balisage… » writes what ``cavalier balisage`` writes."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from app.cli import main
from ui.export_menus import CLI_MENU, find_action

PLAN = ["--format", "Marathon 42 km", "--from", "Base 11/19", "--via", "T075", "--to", "9-9bis"]


def test_marking_plan_from_the_menu_is_the_cli_plan(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    assert main(["plan", str(project), *PLAN]) == 0
    assert main(["balisage", str(project), str(tmp_path / "cli.pdf")]) == 0
    assert window.open_project(project)
    pdf = tmp_path / "menu.pdf"
    window.save_file = lambda _title, _suggested, _filters: pdf
    action = find_action(window.menuBar(), CLI_MENU[("balisage",)])
    assert action is not None and action.text() == "Plan de balisage…"
    with qtbot.waitSignal(window.operation_done, timeout=120_000) as blocker:
        action.trigger()
    result = blocker.args[0]
    assert len(PdfReader(pdf).pages) == result.pages == len(PdfReader(tmp_path / "cli.pdf").pages)
    assert str(pdf) in window.status.text()


def test_pack_dialog_offers_the_device_presets(qtbot, french_app) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs import PackDialog

    dialog = PackDialog("Comité")
    qtbot.addWidget(dialog)
    assert dialog.options().device == "" and not dialog.options().cues
    dialog.device.setCurrentIndex(dialog.device.findData("coros"))
    dialog.cues.setChecked(True)
    assert dialog.options().device == "coros" and dialog.options().cues
