"""« Événement › Propriétés de l'événement… » in the window: the edit signs the exported GPX and
is undone in one step; a save based on an older read of the file is refused, not written over."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import defusedxml.ElementTree as SafeET

from app import project_store
from app.cli import project_cmd
from app.model import edited_event
from app.project_edits import SetEventFields
from app.project_store import Project
from app.templates import build_template
from ui.event_dialog import EventDialog
from ui.qt import QDate, QDialogButtonBox, QLabel, QMessageBox
from ui.save_conflict import BOX_NAME

GPX = "{http://www.topografix.com/GPX/1/1}"


def test_the_edit_moves_the_stages_with_the_dates_and_its_inverse_restores_all() -> None:
    project = Project(*build_template("raid-bassin-minier", 2027))
    event = project.event
    assert [f.day for f in event.formats] == [dt.date(2027, 6, 5), dt.date(2027, 6, 6)]
    moved = edited_event(event, start=dt.date(2027, 6, 12), end=dt.date(2027, 6, 13),
                         organiser="Raid Aventure")
    assert [f.day for f in moved.formats] == [dt.date(2027, 6, 12), dt.date(2027, 6, 13)]
    edit = SetEventFields.between(event, moved)
    assert {name for name, _ in edit.values} == {"start_date", "end_date", "organiser",
                                                 "format_days"}
    changed, inverse = edit.apply(project)
    assert changed.event == moved
    assert changed.budgets == project.budgets
    assert inverse.apply(changed)[0] == project
    assert SetEventFields.between(event, event).values == ()


def _dialog(qtbot, window) -> EventDialog:  # type: ignore[no-untyped-def]
    window.event_action.trigger()  # the menu action, as the organiser would
    dialog = window.findChild(EventDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _ok(dialog: EventDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_properties_sign_the_gpx_and_undo_restores_them(qtbot, window, tmp_path: Path) -> None:
    window.new_from_template("trail-pyramides-noires", 2027)
    window.on_place_clicked("T074")
    window.on_map_clicked(50.452, 2.80)
    before = window.document.project.event
    assert before.one_day and not before.organiser_known
    dialog = _dialog(qtbot, window)
    assert dialog.organiser.text() == ""  # « à renseigner » is a placeholder, not a name
    assert dialog.one_day.isChecked() and not dialog.end.isVisible()
    assert dialog.days.text() == "Le dimanche 3 octobre 2027"
    dialog.website.setText("club-loos.fr")
    _ok(dialog)
    assert dialog.isVisible()  # refused, with the reason, nothing changed
    assert "https://" in dialog.findChild(QLabel, "event-error").text()
    assert window.document.project.event == before
    dialog.website.setText("https://ca-loos.fr/trail")
    dialog.organiser.setText("Club Athlétique de Loos-en-Gohelle")
    qtbot.keyClicks(dialog.contact, "trail@ca-loos.fr")
    dialog.author.setText("Ligue des Hauts-de-France d'athlétisme")
    dialog.place.setText("Loos-en-Gohelle")
    dialog.one_day.setChecked(False)
    dialog.end.setDate(QDate(2027, 10, 4))
    assert dialog.days.text() == "Du dimanche 3 au lundi 4 octobre 2027"
    _ok(dialog)
    assert not dialog.isVisible()
    event = window.document.project.event
    assert (event.organiser, event.contact, event.place, event.end_date) == (
        "Club Athlétique de Loos-en-Gohelle", "trail@ca-loos.fr", "Loos-en-Gohelle",
        dt.date(2027, 10, 4))
    assert window.windowTitle().startswith("*")
    assert window.event_panel.tree.topLevelItem(0).text(1) == \
        "Du dimanche 3 au lundi 4 octobre 2027"

    path = tmp_path / "21 km.gpx"
    window.export_course_file(path, "gpx")
    assert window.warnings == []
    metadata = SafeET.parse(path).getroot().find(f"{GPX}metadata")
    assert metadata.findtext(f"{GPX}author/{GPX}name") == \
        "Ligue des Hauts-de-France d'athlétisme"
    assert metadata.find(f"{GPX}author/{GPX}email").get("domain") == "ca-loos.fr"
    assert metadata.find(f"{GPX}author/{GPX}link").get("href") == "https://ca-loos.fr/trail"
    assert "Organisation : Club Athlétique de Loos-en-Gohelle" in metadata.findtext(f"{GPX}desc")

    window.undo_action.trigger()  # one step undoes the whole dialog
    assert window.document.project.event == before
    window.redo_action.trigger()
    assert window.document.project.event == event


def test_the_dialog_screenshot(qtbot, window, tmp_path: Path) -> None:
    window.new_from_template("raid-bassin-minier", 2027)
    dialog = _dialog(qtbot, window)
    dialog.organiser.setText("Raid Aventure Bassin Minier")
    assert not dialog.one_day.isChecked() and dialog.end.isVisible()
    shot = tmp_path / "proprietes-evenement.png"
    assert dialog.grab().save(str(shot))
    assert shot.stat().st_size > 0
    dialog.reject()


def _cli(*argv: str) -> None:
    parser = argparse.ArgumentParser(prog="cavalier")
    project_cmd.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    assert args.handler(args) == 0


def test_a_stale_window_does_not_overwrite_a_newer_save(qtbot, window, tmp_path: Path,
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "trail.cavalier"
    window.new_from_template("trail-pyramides-noires", 2027)
    assert window.save_to(path)
    window.on_place_clicked("T074")
    assert window.save()  # the window's own saves follow each other
    # Meanwhile a command (or another window) saves the file.
    _cli("event", str(path), "--organisateur", "Comité du Pas-de-Calais")
    window.on_map_clicked(50.452, 2.80)
    assert not window.save()
    box = window.findChild(QMessageBox, BOX_NAME)
    assert box is not None and box.isVisible()
    assert "trail.cavalier" in box.text() and "rien n'a été enregistré" in box.text()
    assert project_store.open_project(path).event.organiser == "Comité du Pas-de-Calais"
    assert window.document.modified
    # « Enregistrer sous… » keeps the window's version beside the newer file.
    copy = tmp_path / "trail-fenetre.cavalier"
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName",
                        lambda *_args, **_kw: (str(copy), ""))
    save_as = next(b for b in box.buttons() if b.text() == "Enregistrer sous…")
    save_as.click()
    assert not window.document.modified and window.document.path == copy
    saved = project_store.open_project(copy)
    assert len(saved.event.formats[0].route.geometry) > 1
    assert project_store.open_project(path).event.organiser == "Comité du Pas-de-Calais"


def test_two_windows_on_one_file_the_second_save_is_refused(qtbot, window, settings,
                                                           tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.qt import QCoreApplication, QEvent
    from ui.workers import Runner

    path = tmp_path / "raid.cavalier"
    window.new_from_template("raid-bassin-minier", 2027)
    assert window.save_to(path)
    other = MainWindow(settings, runner=Runner(synchronous=True))  # no map needed to save
    try:
        assert other.open_project(path)
        other.document.edit_project(SetEventFields((("contact", "raid@rabm.fr"),)))
        assert other.save()
        dialog = _dialog(qtbot, window)
        dialog.contact.setText("06 12 34 56 78")
        _ok(dialog)
        assert not window.save()
        assert window.findChild(QMessageBox, BOX_NAME).isVisible()
        assert project_store.open_project(path).event.contact == "raid@rabm.fr"
        # the other window goes on saving its own edits
        other.document.edit_project(SetEventFields((("place", "Loisinord"),)))
        assert other.save()
        assert project_store.open_project(path).event.place == "Loisinord"
    finally:
        other.close()
        other.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
