"""GIS sanity: coordinates that cannot be where the file says, NaN, deep nesting, absurd DEMs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hostile.gis_samples import LAMBERT93_LINE, WGS84_LINE, geojson, geotiff, osm_nodes

from routes.elevation.dem import open_dem
from routes.elevation.errors import ElevationError
from routes.errors import LayerFileError
from routes.network.gis_import import read_layer_file
from routes.network.roles import RoleMapping, parse_role
from routes.osm.errors import OsmImportError
from routes.osm.reader import read_osm

MAPPING = RoleMapping((parse_role("*=hiking"),))


def test_plain_wgs84_and_declared_lambert93_are_read(tmp_path: Path) -> None:
    for path in (geojson(tmp_path / "wgs.geojson", [WGS84_LINE]),
                 geojson(tmp_path / "l93.geojson", [LAMBERT93_LINE], crs="EPSG:2154")):
        layers = read_layer_file(path, MAPPING)
        assert len(layers.features) == 1 and layers.warnings == []
        x, y = layers.features[0].geometry.coords[0]
        assert 2.7 < x < 2.9 and 50.4 < y < 50.5


def test_lambert93_numbers_without_a_crs_are_refused(tmp_path: Path) -> None:
    path = geojson(tmp_path / "sentiers.geojson", [LAMBERT93_LINE])
    with pytest.raises(LayerFileError, match=r"sentiers\.geojson.*WGS 84.*Lambert-93"):
        read_layer_file(path, MAPPING)


def test_wgs84_declared_as_lambert93_is_refused(tmp_path: Path) -> None:
    path = geojson(tmp_path / "faux.geojson", [WGS84_LINE], crs="EPSG:2154")
    with pytest.raises(LayerFileError, match=r"faux\.geojson.*Lambert-93.*EPSG:2154"):
        read_layer_file(path, MAPPING)


def test_swapped_lat_lon_is_a_warning(tmp_path: Path) -> None:
    path = geojson(tmp_path / "inverse.geojson", [[[y, x] for x, y in WGS84_LINE]])
    layers = read_layer_file(path, MAPPING)
    assert any("inversées" in w and "inverse.geojson" in w for w in layers.warnings)


def test_outside_the_region_is_a_warning(tmp_path: Path) -> None:
    path = geojson(tmp_path / "lyon.geojson", [[[4.83, 45.76], [4.84, 45.77]]])
    layers = read_layer_file(path, MAPPING)
    assert any("hors du Nord" in w and "lyon.geojson" in w for w in layers.warnings)


def test_nan_and_inf_coordinates_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "nan.geojson"
    geojson(path, [WGS84_LINE, [[float("nan"), 50.4], [2.8, 50.41]],
                   [[2.8, float("inf")], [2.8, 50.41]]])
    layers = read_layer_file(path, MAPPING)
    assert len(layers.features) == 1
    assert any("2 entité(s) aux coordonnées non finies" in w for w in layers.warnings)


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deep_nesting_is_a_clean_error(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "profond.geojson"
    nested = "[" * depth + "]" * depth
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    f'"properties": {{}}, "geometry": {{"type": "LineString", "coordinates": '
                    f"{nested}}}}}]}}", encoding="utf-8")
    with pytest.raises(LayerFileError, match=r"profond\.geojson.*imbrication"):
        read_layer_file(path, MAPPING)


@pytest.mark.parametrize("props", [{}, {"name": None}, {"nom": 12}, {"autre": "x"}])
def test_a_missing_attribute_is_never_a_key_error(tmp_path: Path, props: dict[str, object]) -> None:
    path = geojson(tmp_path / "attributs.geojson", [WGS84_LINE], props=props)
    rules = RoleMapping((parse_role("*:nom=GR,PR=hiking"), parse_role("*=path")))
    layers = read_layer_file(path, rules)
    assert len(layers.features) == 1


def test_osm_nan_node_is_a_french_error(tmp_path: Path) -> None:
    path = osm_nodes(tmp_path / "nan.osm", [("50.43", "2.83"), ("NaN", "2.84"), ("50.45", "2.85")])
    with pytest.raises(OsmImportError, match=r"nan\.osm.*coordonnée") as caught:
        read_osm(path)
    assert "wrong format" not in str(caught.value)


def test_osm_out_of_range_nodes_are_counted(tmp_path: Path) -> None:
    path = osm_nodes(tmp_path / "loin.osm", [("50.43", "2.83"), ("95", "2.84"), ("50.45", "2.85"),
                                            ("50.46", "2.86")])
    extract = read_osm(path)
    assert extract.invalid_nodes == 1
    assert any("loin.osm" in w and "1 nœud" in w for w in extract.warnings)


def test_dem_full_of_inf_is_refused(tmp_path: Path) -> None:
    path = geotiff(tmp_path / "inf.tif", np.full((20, 20), np.inf))
    with pytest.raises(ElevationError, match=r"inf\.tif.*aucune altitude"):
        open_dem(path)


def test_dem_absurd_values_and_nodata_are_ignored_with_a_warning(tmp_path: Path) -> None:
    heights = np.full((20, 20), 42.0)
    heights[0, :5] = 1e30
    heights[1, :3] = -9999.0
    heights[2, :2] = np.nan
    heights[3, :4] = -32000.0  # declared no-data
    dem = open_dem(geotiff(tmp_path / "mnt.tif", heights, nodata=-32000.0))
    assert np.isnan(dem.heights).sum() == 14
    assert any("mnt.tif" in w and "8 valeur(s)" in w for w in dem.warnings)
    assert np.nanmax(dem.heights) == 42.0


def test_terril_layer_without_names_or_numbers(tmp_path: Path) -> None:
    import json

    from routes.osm.tvb import load_fusion_inputs

    point = {"type": "Point", "coordinates": [2.79, 50.45]}
    features = [{"type": "Feature", "properties": {"no_terril": "T074"}, "geometry": point},
                {"type": "Feature", "properties": {"no_terril": None}, "geometry": point}]
    (tmp_path / "terrils.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    places = load_fusion_inputs(tmp_path).places
    assert [(p.ref, p.name) for p in places] == [("T074", "")]
    for feature in features:
        feature["properties"] = {"nom": "Sans numéro"}
    (tmp_path / "terrils.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    with pytest.raises(OsmImportError, match=r"terrils\.geojson.*no_terril"):
        load_fusion_inputs(tmp_path)
