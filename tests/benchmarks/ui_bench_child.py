"""Timings of the desktop application, run in a fresh process by tests/benchmarks/test_ui_bench.py.

``python tests/benchmarks/ui_bench_child.py`` opens the main window on the embedded network
(offscreen), prints
``ready <seconds since the process started>`` when the map is interactive, then moves a route point
repeatedly (routing in the worker thread, as in use) and prints ``edit <ms>`` for each edit: from
the edit to the page's confirmation that the new route is drawn.

``--from-layers``: the shipped prebuilt graph is ignored and the embedded network is built from
its layers, as every start did before ``assets/network/default.cavnet`` (the benchmark's
baseline).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

EDITS = 12


def main() -> int:
    started = time.perf_counter() - _process_age()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QSG_RHI_BACKEND", "null")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    import tempfile

    if "--from-layers" in sys.argv:
        _ignore_prebuilt_graph()
    from app.editing import Move
    from ui.application import create_application
    from ui.main_window import MainWindow
    from ui.qt import QTimer
    from ui.settings import Settings

    folder = tempfile.mkdtemp(prefix="cavalier-bench-")
    app, settings = create_application([sys.argv[0]], Settings.at(Path(folder) / "s.ini"))
    window = MainWindow(settings)
    window.resize(1400, 900)
    state = {"edit": 0, "t": 0.0, "waiting": False}

    def ready() -> None:
        print(f"ready {time.perf_counter() - started:.3f}", flush=True)
        window.on_place_clicked("T074")
        window.on_place_clicked("pole:base-11-19")

    def updated(_seq: int) -> None:
        doc = window.document
        if doc.record is None:
            return
        if state["waiting"]:
            print(f"edit {(time.perf_counter() - state['t']) * 1000:.1f}", flush=True)
            state["waiting"] = False
        if state["edit"] >= EDITS:
            window.document.set_modified(False)
            app.exit(0)
            return
        QTimer.singleShot(50, next_edit)

    def next_edit() -> None:
        state["edit"] += 1
        offset = 0.0005 * (state["edit"] % 4)
        target = doc_stop()
        state["t"] = time.perf_counter()
        state["waiting"] = True
        window.document.edit(Move("s", 1, target[0] + offset, target[1] + offset))

    base: list[tuple[float, float]] = []

    def doc_stop() -> tuple[float, float]:
        if not base:
            stop = window.document.plan.stops[1]
            base.append((stop.lon, stop.lat))
        return base[0]

    window.map_ready.connect(ready)
    window.map_updated.connect(updated)
    QTimer.singleShot(120_000, lambda: app.exit(1))
    window.show()
    window.start()
    code = int(app.exec())
    window.close()
    return code


def _ignore_prebuilt_graph() -> None:
    from routes.network import prebuilt

    prebuilt.read = lambda *args, **kwargs: None


def _process_age() -> float:
    """Seconds since this process started (Linux /proc; 0 elsewhere)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))


if __name__ == "__main__":
    sys.exit(main())
