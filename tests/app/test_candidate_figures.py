"""A generated candidate lists the figures its course sheet prints (length, climb, share on the
cavaliers, unsurveyed length), computed without the rest of the sheet."""

from __future__ import annotations

import pytest

from app.editing import VIA, MapPoint, Plan
from app.generation import generate
from app.model import route_record
from app.route_stats import route_figures
from app.sheet.figures import course_figures
from routes.courses.generate import CourseRequest
from routes.courses.generate import generate as generate_courses
from routes.network.model import load_network


def test_candidate_figures_are_the_sheet_s() -> None:
    network = load_network()
    start, finish = (network.places.resolve(name) for name in ("Gosnay", "9-9bis"))
    request = CourseRequest("race", "trail", start, 105_000.0, finish=finish, count=2)
    found = generate_courses(network, request)
    assert found
    for course in found:
        figures = course_figures(network, route_record(course.route))
        sheet = route_figures(network, course.route)
        assert figures.length_m == sheet.length_m
        assert figures.climb.d_plus == sheet.climb_m
        assert figures.climb.d_minus == sheet.descent_m
        assert figures.climb.estimated == sheet.climb_estimated
        assert figures.cavalier_share == sheet.cavalier_share
        assert figures.unsurveyed_m == pytest.approx(sheet.unsurveyed_m, abs=1e-9)
    plan = Plan("trail", tuple(MapPoint(VIA, p.lon, p.lat, p.label, p.key)
                               for p in (start, finish)))
    shown = generate(network, "race", plan, (), 105.0).candidates[0]
    assert shown.length_m == route_figures(network, found[0].route).length_m
