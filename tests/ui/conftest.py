"""Fixtures for the desktop application tests (offscreen Qt, real QtWebEngine)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any QApplication: QtWebEngine without sandbox (root in containers) and without GPU.
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
os.environ.setdefault("QSG_RHI_BACKEND", "null")
# The tests never write to the user's configuration, data or cache (Qt's file dialogs keep
# their last folder in ~/.config/QtProject.conf, QtWebEngine its profile in ~/.local/share).
_SANDBOX = Path(tempfile.mkdtemp(prefix="cavalier-ui-tests-"))
for _variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = str(_SANDBOX / _variable.lower())

from ui.qt import QApplication, QCoreApplication, QEvent, QStandardPaths, Qt  # noqa: E402

QStandardPaths.setTestModeEnabled(True)

SLOW = 30_000  # ms: the first web page of a process starts Chromium

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

#: Messages QtWebEngine and the offscreen platform print about the machine (no GPU, no D-Bus,
#: no window manager); they say nothing about Cavalier, so they do not fail the tests.
ENVIRONMENT_MESSAGES = (
    r"Unable to detect GPU vendor",
    r"GPUInfo not initialized",
    r"QRhiGles2",
    r"Failed to create RHI",
    r"This plugin does not support",
    r"Failed to connect to the bus",
    r"QVulkanInstance",
    r"GBM is not supported",
)


@pytest.fixture(scope="session", autouse=True)
def _web_pages_die_before_the_application() -> Iterator[None]:
    """QtWebEngine crashes at exit when a page outlives its profile: delete every window (and so
    every page) the tests left behind before the interpreter tears QApplication down."""
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(*ENVIRONMENT_MESSAGES))


@pytest.fixture(scope="session")
def french_app(qapp: QApplication) -> QApplication:
    from ui.i18n import install_translators

    qapp.cavalier_translators = install_translators(qapp, "fr")  # type: ignore[attr-defined]
    return qapp


@pytest.fixture(scope="session")
def network():  # type: ignore[no-untyped-def]
    from routes.network.model import load_network

    return load_network()


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from ui.settings import Settings

    return Settings.at(tmp_path / "cavalier.ini")


@pytest.fixture
def window(qtbot, french_app, network, settings) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The main window on the embedded network, map loaded; routing runs synchronously."""
    from ui.main_window import MainWindow
    from ui.workers import Runner

    win = MainWindow(settings, runner=Runner(synchronous=True))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    with qtbot.waitSignal(win.map_ready, timeout=SLOW):
        win.show()
        win.start(network)
    # Modal questions would wait forever offscreen: closing discards, recovery is declined.
    win.maybe_save = lambda: True
    win._ask = lambda _title, _question: False
    win.warnings = []
    win.warn = lambda title, message: win.warnings.append(f"{title}: {message}")
    yield win
    # Delete the web page now: one left to interpreter exit outlives its profile and crashes.
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def challenge_round(qtbot, window):  # type: ignore[no-untyped-def]
    """Round 1 of the Challenge VTT routed T074 → a point on the cavalier → T075 (the
    window's document)."""
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    window.on_map_clicked(50.42308, 2.82039)
    window.on_place_clicked("T075")
    qtbot.waitUntil(lambda: doc.record is not None and len(doc.plan.stops) == 3, timeout=10_000)
    return doc


@pytest.fixture
def js(qtbot):  # type: ignore[no-untyped-def]
    """``js(view, script)``: run JavaScript in the page and return its result."""

    def run(view, script: str, timeout: int = 10_000):  # type: ignore[no-untyped-def]
        box: dict[str, object] = {}
        view.page().runJavaScript(script, 0, lambda result: box.setdefault("r", result))
        qtbot.waitUntil(lambda: "r" in box, timeout=timeout)
        return box["r"]

    return run
