"""A race request asking for several candidates gets the best race first, then close alternatives
through other terrils, each within the length tolerance."""

from __future__ import annotations

import pytest

from routes.courses.generate import RACE_TOLERANCE, CourseRequest, generate
from routes.courses.races import Race
from routes.network.model import Network, load_network


@pytest.fixture(scope="module")
def network() -> Network:
    return load_network()


def test_race_alternatives_visit_other_terrils_within_tolerance(network: Network) -> None:
    request = CourseRequest("race", "trail", "T144", 30_000.0, finish="T171", count=3)
    found = generate(network, request)
    assert len(found) == 3
    races = [f.course for f in found]
    assert all(isinstance(r, Race) for r in races)
    best_alone = generate(network, CourseRequest("race", "trail", "T144", 30_000.0,
                                                 finish="T171"))
    assert [f.course.terrils for f in best_alone] == [races[0].terrils]  # type: ignore[union-attr]
    visited = {frozenset(r.terrils) for r in races}  # type: ignore[union-attr]
    assert len(visited) == 3
    for race in races:
        assert abs(race.length_error) <= RACE_TOLERANCE
        assert len(race.terrils) == len(races[0].terrils)  # type: ignore[union-attr]


def test_required_terrils_stay_in_every_alternative(network: Network) -> None:
    request = CourseRequest("race", "trail", "T074", 40_000.0, finish="T116",
                            required=["T109"], count=3)
    for found in generate(network, request):
        assert "T109" in found.course.terrils  # type: ignore[union-attr]
