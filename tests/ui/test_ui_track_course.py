"""An imported GPX becomes the course of a format: matched on the network, its exact path is
kept (re-routing through sampled points could take another way, up to +38 % on these)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.editing import Plan
from app.generation import track_course
from routes.gpx.importer import import_gpx
from routes.outputs.course import write_route_gpx
from routes.search.routing import Router
from ui.document import compute_route


@pytest.mark.parametrize(("start", "finish"), [("T074", "9-9bis"), ("T075", "T116"),
                                               ("T144", "T171")])
def test_matched_track_keeps_its_path(network, tmp_path: Path, start: str,
                                      finish: str) -> None:
    router = Router(network)
    recorded = router.route([start, finish], "trail")
    gpx = write_route_gpx(network, recorded, tmp_path / "course.gpx", event="Test")
    edit = track_course(network, import_gpx(gpx, network=network.graph))
    plan = edit.apply(Plan(profile="trail"))[0]
    assert plan.course_nodes and len(plan.stops) >= 2
    again = compute_route(network, router, plan, 0).route
    assert again.length_m == pytest.approx(recorded.length_m, rel=0.005)


def test_track_off_the_network_falls_back_to_points_along_it(network, tmp_path: Path) -> None:
    gpx = tmp_path / "hors-reseau.gpx"
    gpx.write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="t" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        + "".join(f'<trkpt lat="{50.0 + i * 0.002:.4f}" lon="1.0"/>' for i in range(20))
        + "</trkseg></trk></gpx>", encoding="utf-8")
    track = import_gpx(gpx, network=network.graph)
    plan = track_course(network, track).apply(Plan())[0]
    assert not plan.course_nodes
    assert len(plan.stops) >= 2
