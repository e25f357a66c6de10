"""Noding of hand-made geometries (metres)."""

from __future__ import annotations

import pytest
from shapely import LineString, Point

from routes.network.noding import Anchor, InputLine, node_lines


def _line(*coords: tuple[float, float], **attrs: bool) -> InputLine:
    return InputLine(LineString(coords), attrs)


def _degree(result, node: int) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for s in result.segments if node in (s.u, s.v))


def _node_at(result, x: float, y: float, tol: float = 1.0) -> int:  # type: ignore[no-untyped-def]
    for i, (nx_, ny) in enumerate(result.nodes):
        if abs(nx_ - x) <= tol and abs(ny - y) <= tol:
            return i
    raise AssertionError(f"no node near {(x, y)}")


def test_crossing_lines_get_a_shared_node() -> None:
    result = node_lines([_line((0, 0), (100, 0)), _line((50, -50), (50, 50))])
    centre = _node_at(result, 50, 0)
    assert _degree(result, centre) == 4
    assert len(result.segments) == 4
    assert sum(s.geometry.length for s in result.segments) == pytest.approx(200.0)


def test_near_miss_end_joins_within_tolerance_only() -> None:
    near = node_lines([_line((0, 0), (100, 0)), _line((50, 10), (50, 80))], tolerance=15)
    assert _degree(near, _node_at(near, 50, 5, tol=6)) == 3
    far = node_lines([_line((0, 0), (100, 0)), _line((50, 20), (50, 80))], tolerance=15)
    assert len(far.segments) == 2  # nothing joined: 20 m > 15 m


def test_end_to_end_gap_is_closed() -> None:
    result = node_lines([_line((0, 0), (100, 0)), _line((108, 3), (200, 0))], tolerance=15)
    assert len(result.segments) == 2
    first, second = ({s.u, s.v} for s in result.segments)
    assert len(first & second) == 1


def test_duplicates_are_merged_with_their_flags() -> None:
    result = node_lines([_line((0, 0), (100, 0), cavalier=True),
                         _line((100, 0), (0, 0), veloroute=True)])
    assert len(result.segments) == 1
    assert result.segments[0].attrs == {"cavalier": True, "veloroute": True}
    assert any("double" in w for w in result.warnings)


def test_closed_ring_is_split_so_it_can_be_routed() -> None:
    ring = _line((0, 0), (100, 0), (100, 100), (0, 100), (0, 0))
    result = node_lines([ring])
    assert len(result.segments) >= 3
    assert all(s.u != s.v for s in result.segments)


def test_anchor_splits_the_nearest_line() -> None:
    result = node_lines([_line((0, 0), (100, 0))],
                        [Anchor(Point(30, 40), 100.0), Anchor(Point(30, 400), 100.0)])
    node = result.anchor_nodes[0]
    assert node is not None
    assert tuple(result.nodes[node]) == pytest.approx((30, 0))
    assert result.anchor_distances[0] == pytest.approx(40)
    assert result.anchor_nodes[1] is None


def test_segment_geometry_ends_on_its_nodes() -> None:
    result = node_lines([_line((0, 0), (100, 0)), _line((104, 2), (200, 0)),
                         _line((50, -50), (50, 50))])
    for seg in result.segments:
        assert seg.geometry.coords[0] == pytest.approx(tuple(result.nodes[seg.u]))
        assert seg.geometry.coords[-1] == pytest.approx(tuple(result.nodes[seg.v]))
