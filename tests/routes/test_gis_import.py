"""Reading GIS files: formats, CRS, role mapping and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely import LineString, Point

from routes.errors import LayerFileError
from routes.network.builder import build_graph
from routes.network.gis_import import read_layer_file, read_layers
from routes.network.layers import LayerKind
from routes.network.roles import RoleMapping, RoleRule, parse_role

LOOS = (2.78, 50.44)


def _frame(crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    lines = [LineString([LOOS, (2.79, 50.44)]), LineString([(2.785, 50.435), (2.785, 50.445)])]
    frame = gpd.GeoDataFrame({"layer": ["cavalier", "hiking"], "nom": ["A", "B"]},
                             geometry=lines, crs="EPSG:4326")
    return frame.to_crs(crs)


@pytest.mark.parametrize(("suffix", "driver"), [(".geojson", "GeoJSON"), (".gpkg", "GPKG"),
                                                (".shp", "ESRI Shapefile")])
def test_formats_and_crs_are_read_back_in_wgs84(tmp_path: Path, suffix: str, driver: str) -> None:
    path = tmp_path / f"lignes{suffix}"
    _frame("EPSG:2154").to_file(path, driver=driver, engine="pyogrio")
    layers = read_layer_file(path)
    assert [f.kind for f in layers.features] == [LayerKind.CAVALIER, LayerKind.HIKING]
    assert layers.features[0].geometry.coords[0] == pytest.approx(LOOS, abs=1e-7)
    assert layers.features[0].name == "A"


def test_mixed_crs_files_build_one_network(tmp_path: Path) -> None:
    frame = _frame()
    frame.iloc[[0]].to_crs("EPSG:3857").to_file(tmp_path / "a.geojson", engine="pyogrio")
    frame.iloc[[1]].to_crs("EPSG:2154").to_file(tmp_path / "b.gpkg", engine="pyogrio")
    graph, report = build_graph(read_layers([tmp_path]))
    assert report.components == 1
    assert max(d for _, d in graph.degree()) == 8  # the crossing, both directions


def test_role_by_file_name_and_by_attribute(tmp_path: Path) -> None:
    frame = _frame().drop(columns="layer").assign(type=["gr", "vélo"])
    frame.to_file(tmp_path / "sentiers.geojson", engine="pyogrio")
    mapping = RoleMapping().with_rules_first([
        parse_role("sentiers:type=gr=hiking"), RoleRule(LayerKind.VELOROUTE, "sent*")])
    kinds = [f.kind for f in read_layer_file(tmp_path / "sentiers.geojson", mapping).features]
    assert kinds == [LayerKind.HIKING, LayerKind.VELOROUTE]


def test_unmapped_features_are_reported(tmp_path: Path) -> None:
    _frame().drop(columns="layer").to_file(tmp_path / "inconnu.geojson", engine="pyogrio")
    layers = read_layer_file(tmp_path / "inconnu.geojson")
    assert layers.features == []
    assert "aucune entité ne correspond à un rôle" in layers.warnings[0]


def test_empty_and_null_geometries_are_dropped(tmp_path: Path) -> None:
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"layer": "cavalier"}, "geometry": None},
        {"type": "Feature", "properties": {"layer": "cavalier"},
         "geometry": {"type": "LineString", "coordinates": []}},
        {"type": "Feature", "properties": {"layer": "terril", "ref": "T1"},
         "geometry": {"type": "Point", "coordinates": list(LOOS)}},
    ]}
    path = tmp_path / "vides.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    layers = read_layer_file(path)
    assert [f.ref for f in layers.features] == ["T1"]
    assert "2 entité(s) sans géométrie valide" in layers.warnings[0]


@pytest.mark.parametrize("content", ['{"type": "FeatureCollection", "features": [',
                                     "pas du json", ""])
def test_broken_geojson_names_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "casse.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LayerFileError, match=r"casse\.geojson"):
        read_layer_file(path)


def test_wrong_extension_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "trace.kml").write_text("<kml/>", encoding="utf-8")
    with pytest.raises(LayerFileError, match="format non pris en charge"):
        read_layers([tmp_path / "trace.kml"])
    with pytest.raises(LayerFileError, match="introuvable"):
        read_layers([tmp_path / "absent.geojson"])
    (tmp_path / "vide").mkdir()
    with pytest.raises(LayerFileError, match="aucune couche"):
        read_layers([tmp_path / "vide"])


def test_bad_role_rule() -> None:
    with pytest.raises(LayerFileError, match="Règle de rôle invalide"):
        parse_role("sentiers=autoroute")


def test_point_layers_keep_references(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"no_terril": ["T074"], "nom": ["11/19"], "commune_1": ["Loos"]},
                             geometry=[Point(LOOS)], crs="EPSG:4326")
    frame.to_file(tmp_path / "terrils.geojson", engine="pyogrio")
    (feature,) = read_layer_file(tmp_path / "terrils.geojson").features
    assert (feature.kind, feature.ref, feature.name, feature.communes) == (
        LayerKind.TERRIL, "T074", "11/19", ("Loos",))
