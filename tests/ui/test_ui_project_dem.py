"""A DEM given in the window is recorded with the project: saved, reopened in another window,
its heights are applied again and the figures are the ones shown before."""

from __future__ import annotations

from pathlib import Path

from test_ui_elevation import _dem

from app import operations
from app.project_store import open_project


def test_window_dem_is_recorded_and_applied_on_reopen(qtbot, window, network,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    window.new_from_template("challenge-vtt-xc", 2027)
    dem = _dem(tmp_path / "mnt.tif")
    window.dem_loaded(operations.import_dem(network, [dem]))
    doc = window.document
    assert doc.project.network is not None and doc.project.network.dems == (str(dem.resolve()),)
    window.on_place_clicked("T074")
    window.on_map_clicked(50.433, 2.8177)
    qtbot.waitUntil(lambda: doc.stats is not None and doc.record is not None, timeout=10_000)
    shown = doc.stats
    assert shown.climb_m is not None and not shown.climb_estimated
    path = tmp_path / "manche.cavalier"
    assert window.save_to(path)
    assert open_project(path).network.dems == (str(dem.resolve()),)

    # Another start of the window: the network without heights, then the project opened.
    window.set_network(network)
    window.new_from_template("trail-pyramides-noires", 2027)
    with qtbot.waitSignal(window.operation_done, timeout=20_000):
        assert window.open_project(path)
    qtbot.waitUntil(lambda: doc.stats is not None and doc.stats.climb_m is not None,
                    timeout=10_000)
    assert doc.stats == shown
