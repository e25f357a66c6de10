"""D+/D− on synthetic terril DEMs with a known climb, with and without DEM noise."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from dem_samples import metres_to_lonlat, write_terril_dem

from routes.elevation import climb, open_dem, raw_climb
from routes.elevation.climb import hysteresis_climb, profile_on_dem, smooth

HEIGHT = 100.0


def _crossing(xs: list[float]) -> list[tuple[float, float]]:
    return [metres_to_lonlat(x, 0.0) for x in xs]


def _route_climb(dem_path: Path, xs: list[float]) -> tuple[tuple[float, float],
                                                            tuple[float, float]]:
    profile = profile_on_dem(_crossing(xs), open_dem(dem_path))
    assert not np.isnan(profile.elevations).any()
    return climb(profile.elevations), raw_climb(profile.elevations)


def test_clean_cone_gives_its_height(tmp_path: Path) -> None:
    dem = tmp_path / "terril.tif"
    write_terril_dem(dem, terrils=[(0.0, 0.0, HEIGHT)])
    (d_plus, d_minus), _ = _route_climb(dem, [-1500.0, 1500.0])
    assert d_plus == pytest.approx(HEIGHT, rel=0.005)
    assert d_minus == pytest.approx(HEIGHT, rel=0.005)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_noisy_dem_climb_within_two_percent(tmp_path: Path, seed: int) -> None:
    dem = tmp_path / "terril-bruit.tif"
    write_terril_dem(dem, terrils=[(0.0, 0.0, HEIGHT)], noise=1.0, seed=seed)
    (d_plus, d_minus), (raw_plus, raw_minus) = _route_climb(dem, [-1800.0, 1800.0])
    assert abs(d_plus - HEIGHT) / HEIGHT < 0.02, d_plus
    assert abs(d_minus - HEIGHT) / HEIGHT < 0.02, d_minus
    # Plain summation of every rise, as naive tools do, overestimates by far more than 20 %.
    assert raw_plus > 1.2 * HEIGHT and raw_minus > 1.2 * HEIGHT
    print(f"seed {seed}: D+ {d_plus:.1f} m (erreur {100 * (d_plus / HEIGHT - 1):+.1f} %), "
          f"somme brute {raw_plus:.1f} m ({100 * (raw_plus / HEIGHT - 1):+.0f} %)")


def test_two_terrils_and_a_return_trip(tmp_path: Path) -> None:
    dem = tmp_path / "jumeaux.tif"
    write_terril_dem(dem, terrils=[(-600.0, 0.0, 80.0), (600.0, 0.0, 120.0)], noise=0.8)
    # West to east over both terrils, then back over the eastern one only.
    (d_plus, d_minus), _ = _route_climb(dem, [-1500.0, 1500.0, 0.0])
    assert d_plus == pytest.approx(80 + 120 + 120, rel=0.02)
    assert d_minus == pytest.approx(80 + 120 + 120 - 0, rel=0.02)


def test_flat_noisy_route_has_almost_no_climb(tmp_path: Path) -> None:
    dem = tmp_path / "plat.tif"
    write_terril_dem(dem, terrils=[], noise=1.0)
    (d_plus, _), (raw_plus, _) = _route_climb(dem, [-1800.0, 1800.0])
    assert d_plus < 3.0
    assert raw_plus > 50.0


def test_hysteresis_counts_real_rises_only() -> None:
    profile = np.array([0, 1, 2, 3, 2.5, 3.5, 1, 0, 0.5, 0.2, 5])
    assert hysteresis_climb(profile, 1.0) == pytest.approx((8.5, 3.5))
    assert hysteresis_climb(np.array([5.0]), 1.0) == (0.0, 0.0)


def test_smoothing_keeps_ends_and_linear_slopes() -> None:
    ramp = np.arange(0.0, 50.0, 0.5)
    assert smooth(ramp) == pytest.approx(ramp[:], abs=1.5)
    assert smooth(ramp)[5:-5] == pytest.approx(ramp[5:-5])
