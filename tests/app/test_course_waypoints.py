"""Waypoints against a course: distance along it, or how far off it."""

from __future__ import annotations

import pytest

from app.course_waypoints import OFF_COURSE_M, locate_waypoints
from routes.geodesy import haversine_m

# A straight 2 km stretch along the parallel 50.45 N (about 0.028° of longitude).
WEST, EAST, LAT = (2.80, 50.45), (2.828, 50.45), 50.45
DEG_LAT_M = 111_200.0


def test_near_waypoints_get_their_km_and_far_ones_are_off() -> None:
    length = haversine_m(*WEST, *EAST)
    middle = (2.814, LAT + 20 / DEG_LAT_M)  # 20 m north of the middle
    away = (2.814, LAT + 300 / DEG_LAT_M)  # 300 m north
    near, far = locate_waypoints([WEST, EAST], [middle, away])
    assert not near.off_course and near.off_m == pytest.approx(20, abs=2)
    assert near.along_m == pytest.approx(length / 2, rel=0.01)
    assert far.off_course and far.off_m == pytest.approx(300, abs=5) and far.off_m > OFF_COURSE_M


def test_a_waypoint_at_a_stop_off_the_line_is_on_the_course() -> None:
    """A start on a terril stands at the place, 120 m from the node the line starts at: the
    start's aid station placed there is on the course, at km 0."""
    terril = (WEST[0], LAT - 120 / DEG_LAT_M)
    (start_aid,) = locate_waypoints([WEST, EAST], [terril], stops=[terril, EAST])
    assert not start_aid.off_course and start_aid.along_m == pytest.approx(0, abs=1)
    (alone,) = locate_waypoints([WEST, EAST], [terril])
    assert alone.off_course


def test_no_course_no_positions() -> None:
    assert locate_waypoints([WEST], [WEST]) == []
