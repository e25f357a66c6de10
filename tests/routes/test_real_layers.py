"""The real Mission Bassin Minier / UNESCO layers in ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from routes.network.model import Network, load_network
from routes.search.routing import Router


@pytest.fixture(scope="module")
def real(request: pytest.FixtureRequest) -> Network:
    from shared_data import shared_path

    return load_network(layers=[shared_path("data", "bassin-minier-unesco")])


def test_real_cavaliers_are_noded_and_bridged(real: Network) -> None:
    report = real.report
    assert report.cavalier_km == pytest.approx(795, rel=0.02)
    # Raw layer: separate railway lines simplified at ~10 m; noding alone cannot join them.
    assert report.cavalier_share_largest < 0.5
    assert report.cavalier_share_largest_linked >= 0.95
    assert report.liaison_km < 0.03 * report.cavalier_km
    assert any("sans géométrie valide" in w for w in report.warnings)


def test_loos_to_oignies_follows_the_real_cavaliers(real: Network) -> None:
    route = Router(real).route(["T074", "9-9bis"], "trail")
    assert route.stops[0].place_key == "T074"
    assert 18_000 < route.length_m < 40_000  # 19 km as the crow flies
    assert route.share("cavalier") > 0.85
    assert route.share("liaison") < 0.05
    assert "T074" in route.terrils


def test_names_from_the_real_layers(real: Network) -> None:
    assert real.places.resolve("T074a").kind == "terril"
    assert real.places.resolve("Oignies").kind == "commune"
    assert "9-9bis" in real.places.resolve("9-9bis").name


def test_unesco_dir_fixture_points_to_layers(unesco_dir: Path) -> None:
    assert (unesco_dir / "zt-cavaliers.geojson").is_file()
