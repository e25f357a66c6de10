"""Pieces of the desktop application without the web view: page, edits, budget model, jobs,
settings, translations."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.editing import VIA, Insert, MapPoint, Move, Plan, Relabel, Remove, SetProfile
from app.project_edits import SetBudgetLine, SetFormatField
from app.project_store import Project
from app.templates import build_template
from routes.progress import OperationCancelled
from ui.budget_view import BudgetModel, edited_line
from ui.map_html import build_map_html, external_references
from ui.mapview import qwebchannel_js
from ui.qt import QDialogButtonBox, Qt
from ui.workers import Job, Runner


def test_map_page_loads_nothing_from_the_network(qapp) -> None:
    html = build_map_html((50.3, 2.5, 50.6, 3.2), qwebchannel_js())
    assert external_references(html) == []
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?:", html)
    assert "L.version" in html or "Leaflet" in html  # Leaflet inlined
    assert "new QWebChannel" in html and "var Cavalier" in html
    # Online tiles only as a string the user can switch on, never loaded by default.
    assert html.count("tile.openstreetmap.org") == 1


def test_external_references_are_found() -> None:
    assert external_references('<script src="https://cdn.example/x.js"></script>') == [
        "https://cdn.example/x.js"]
    assert external_references("<link rel=stylesheet href='http://a/b.css'>") == ["http://a/b.css"]


_points = st.builds(MapPoint, st.sampled_from([VIA, "ravitaillement", "secours"]),
                    st.floats(2.3, 3.6), st.floats(50.2, 50.7), st.text(max_size=5))
_plans = st.builds(Plan, st.sampled_from(["trail", "vtt"]),
                   st.lists(_points, max_size=4).map(tuple),
                   st.lists(_points, max_size=4).map(tuple))


@st.composite
def _plan_and_edit(draw):  # type: ignore[no-untyped-def]
    plan = draw(_plans)
    group = draw(st.sampled_from(["s", "w"]))
    size = len(plan.points(group))
    choices = [Insert(group, draw(st.integers(0, size)), draw(_points)),
               SetProfile(draw(st.sampled_from(["rando", "velo"])))]
    if size:
        index = draw(st.integers(0, size - 1))
        choices += [Remove(group, index), Move(group, index, 2.9, 50.5),
                    Relabel(group, index, "epreuve", "Tir à l'arc")]
    return plan, draw(st.sampled_from(choices))


@given(_plan_and_edit())
def test_every_plan_edit_is_undone_by_its_inverse(case) -> None:  # type: ignore[no-untyped-def]
    plan, edit = case
    changed, inverse = edit.apply(plan)
    restored, again = inverse.apply(changed)
    assert restored == plan
    assert again.apply(restored)[0] == changed


def test_project_edits_are_undone_by_their_inverse() -> None:
    event, budgets = build_template("trail-pyramides-noires", 2026)
    project = Project(event, budgets)
    for edit in (SetFormatField(1, "name", "Marathon des terrils"),
                 SetFormatField(0, "fee_eur", Decimal("48.00")),
                 SetBudgetLine(0, 2, replace(budgets[0].lines[2], label="Autre"))):
        changed, inverse = edit.apply(project)
        assert changed != project
        assert inverse.apply(changed)[0] == project
    renamed = SetFormatField(1, "name", "Marathon").apply(project)[0]
    old_name = event.formats[1].name
    assert all(ln.format_name != old_name for b in renamed.budgets for ln in b.lines)


def test_budget_model_requests_edits_and_refuses_bad_numbers(qapp) -> None:
    _, budgets = build_template("challenge-vtt-xc", 2026)
    model = BudgetModel()
    model.set_budget(budgets[0])
    requested: list[tuple[int, object]] = []
    refused: list[str] = []
    model.edit_requested.connect(lambda row, line: requested.append((row, line)))
    model.edit_refused.connect(refused.append)
    priced = next(i for i, ln in enumerate(budgets[0].lines) if ln.priced)
    assert not model.flags(model.index(priced, 4)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(priced, 2), "150")
    assert requested[-1][1].quantity == Decimal(150)
    assert model.setData(model.index(priced, 5), "1 234,50 €")
    assert requested[-1][1].actual == Decimal("1234.50")
    assert not model.setData(model.index(priced, 3), "douze")
    assert refused and "douze" in refused[-1]
    assert model.data(model.index(priced, 4)).endswith("€")


def test_edited_line_keeps_priced_lines_consistent() -> None:
    _, budgets = build_template("challenge-vtt-xc", 2026)
    fixed = next(ln for ln in budgets[0].lines if not ln.priced)
    with pytest.raises(ValueError, match="quantité"):
        edited_line(fixed, "quantity", "3")
    assert edited_line(fixed, "planned", "250").amount == Decimal(250)
    assert edited_line(fixed, "actual", "").actual is None


def test_jobs_report_results_progress_and_cancellation_in_the_gui_thread(qtbot) -> None:
    runner = Runner()
    results: list[object] = []

    def work(*, progress, cancel):  # type: ignore[no-untyped-def]
        progress(0.5, "moitié")
        return 42

    job = Job(work)
    job.succeeded.connect(results.append)
    messages: list[str] = []
    job.progressed.connect(lambda _f, m: messages.append(m))
    with qtbot.waitSignal(job.finished, timeout=5000):
        runner.start(job)
    assert results == [42] and messages == ["moitié"]

    def slow(*, progress, cancel):  # type: ignore[no-untyped-def]
        while not cancel():
            pass
        raise OperationCancelled()

    job = Job(slow)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        runner.start(job)
        job.cancel()

    def broken(*, progress, cancel):  # type: ignore[no-untyped-def]
        raise ValueError("fichier illisible")

    job = Job(broken)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        runner.start(job)
    assert blocker.args == ["fichier illisible"]
    runner.shutdown()


def test_settings_persist_and_online_tiles_are_off_by_default(tmp_path: Path) -> None:
    from ui.settings import Settings

    settings = Settings.at(tmp_path / "s.ini")
    assert settings.online_tiles is False
    settings.online_tiles = True
    settings.set_hidden_layers({"communes", "paths"})
    for name in ("a.cavalier", "b.cavalier", "a.cavalier"):
        settings.add_recent(tmp_path / name)
    settings.sync()
    again = Settings.at(tmp_path / "s.ini")
    assert again.online_tiles is True
    assert again.hidden_layers() == {"communes", "paths"}
    assert again.recent_files == [str(tmp_path / "a.cavalier"), str(tmp_path / "b.cavalier")]


def test_french_by_default_our_strings_and_qt_s_own(french_app) -> None:
    from ui.labels import kind_labels
    from ui.layers_panel import LayersPanel

    assert kind_labels()["ravitaillement"] == "Ravitaillement"
    panel = LayersPanel()
    assert panel.online.text() == "Fond de carte en ligne (OpenStreetMap)"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Save)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Annuler", "Enregistrer"}


def test_application_icon_is_read_from_the_assets(qapp) -> None:
    from ui.application import application_icon

    icon = application_icon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    # dark terril at the centre, pale sky in the top corner (the SVG really was rendered)
    assert image.pixelColor(32, 40).lightness() < 80
    assert image.pixelColor(12, 12).lightness() > 200


def test_every_catalogue_entry_is_translated() -> None:
    catalogue = (Path(__file__).resolve().parents[2] / "assets" / "i18n" / "cavalier_fr.ts")
    text = catalogue.read_text(encoding="utf-8")
    assert text.count("<message>") > 100
    assert 'type="unfinished"' not in text
    assert catalogue.with_suffix(".qm").is_file()


def _sources(ts_file: Path) -> set[str]:
    root = ElementTree.parse(ts_file).getroot()
    return {m.findtext("source", "") for m in root.iter("message")
            if m.find("translation") is not None
            and m.find("translation").get("type") not in ("vanished", "obsolete")}


def test_catalogue_holds_every_string_the_ui_translates(tmp_path: Path) -> None:
    """A tr() string missing from the catalogue shows in English to French users."""
    lupdate = shutil.which("pyside6-lupdate") or str(
        Path(sysconfig.get_path("scripts")) / "pyside6-lupdate")
    root = Path(__file__).resolve().parents[2]
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *sorted(str(p) for p in (root / "ui").glob("*.py")), "-ts",
                    str(fresh)], check=True, capture_output=True, timeout=120)
    missing = _sources(fresh) - _sources(root / "assets" / "i18n" / "cavalier_fr.ts")
    assert not missing, f"à traduire (pyside6-lupdate puis pyside6-lrelease) : {sorted(missing)}"


def test_self_test_command_exits_0() -> None:
    result = subprocess.run([sys.executable, "-m", "ui.launch", "--self-test"], capture_output=True,
                            text=True, timeout=180, check=False,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Auto-test réussi" in result.stdout
