"""Read GIS files (GeoJSON, GeoPackage, Shapefile; any CRS) into a :class:`LayerSet`.

Files are read with pyogrio through geopandas, reprojected to EPSG:4326 and sorted into layer kinds
by a :class:`RoleMapping`. Broken files raise :class:`LayerFileError` naming the file; empty or
invalid geometries are dropped with a warning.
"""

from __future__ import annotations

import json
import math
import warnings as pywarnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from routes.geodesy import reproject

if TYPE_CHECKING:
    import geopandas as gpd

from routes.atomic import os_error_reason
from routes.errors import LayerFileError, french_reason
from routes.network.geo_sanity import check_area_of_use, crs_label, region_warnings
from routes.network.layers import LayerFeature, LayerKind, LayerSet
from routes.network.roles import RoleMapping

SUPPORTED_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")

_REF_FIELDS = ("ref", "no_terril", "id", "id_troncon", "insee")
_NAME_FIELDS = ("name", "nom", "nom_usuel", "denomination")
_COMMUNE_FIELDS = ("commune", "commune_1", "commune_2", "commune_3", "commune_4")


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus the supported files inside folders named (sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                raise LayerFileError(f"Le dossier « {path} » ne contient aucune couche SIG "
                                     f"({', '.join(SUPPORTED_SUFFIXES)}).")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise LayerFileError(
                    f"« {path.name} » : format non pris en charge "
                    f"({path.suffix or 'sans extension'}) ; formats acceptés : "
                    f"{', '.join(SUPPORTED_SUFFIXES)}."
                )
            files.append(path)
        else:
            raise LayerFileError(f"Couche introuvable : « {path} ».")
    return files


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _communes(props: Mapping[str, Any]) -> tuple[str, ...]:
    listed = props.get("communes")
    if isinstance(listed, list | tuple):
        return tuple(_clean(c) for c in listed if _clean(c))
    names = [_clean(props.get(f)) for f in _COMMUNE_FIELDS]
    return tuple(n for n in names if n)


def feature_from(kind: LayerKind, geom: BaseGeometry, props: Mapping[str, Any],
                 source: str) -> LayerFeature:
    ref = next((_clean(props.get(f)) for f in _REF_FIELDS if _clean(props.get(f))), "")
    name = next((_clean(props.get(f)) for f in _NAME_FIELDS if _clean(props.get(f))), "")
    return LayerFeature(kind=kind, geometry=geom, ref=ref, name=name, communes=_communes(props),
                        props=dict(props), source=source)


RawFeature = tuple[BaseGeometry | None, dict[str, Any]]


def _read_geojson(path: Path) -> tuple[list[RawFeature], CRS | None]:
    """GeoJSON without geopandas (fast start-up); honours a legacy ``crs`` member."""
    try:
        data = json.loads(path.read_bytes())
    except RecursionError as exc:
        raise LayerFileError(f"Impossible de lire « {path.name} » : imbrication trop profonde "
                             "(fichier piégé ou endommagé).") from exc
    except UnicodeDecodeError as exc:
        raise LayerFileError(f"Impossible de lire « {path.name} » : ce n'est pas du texte UTF-8 "
                             f"(octet {exc.start}).") from exc
    except json.JSONDecodeError as exc:
        raise LayerFileError(f"Impossible de lire « {path.name} » : JSON mal formé ou tronqué "
                             f"(ligne {exc.lineno}, colonne {exc.colno}).") from exc
    except OSError as exc:
        raise LayerFileError(
            f"Impossible de lire « {path.name} » : {os_error_reason(exc)}.") from exc
    if not isinstance(data, dict) or data.get("type") not in {"FeatureCollection", "Feature"}:
        raise LayerFileError(f"« {path.name} » n'est pas un GeoJSON (FeatureCollection attendue).")
    features = data.get("features", []) if data["type"] == "FeatureCollection" else [data]
    if not isinstance(features, list):
        raise LayerFileError(f"« {path.name} » : membre « features » invalide.")
    source_crs = _declared_crs(path, data)
    rows: list[RawFeature] = []
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        raw_geom = feature.get("geometry") if isinstance(feature, dict) else None
        try:
            with pywarnings.catch_warnings():  # NaN coordinates: counted below, not printed
                pywarnings.simplefilter("ignore", RuntimeWarning)
                geom = shape(raw_geom) if raw_geom else None
        except RecursionError as exc:
            raise LayerFileError(f"« {path.name} » : imbrication trop profonde dans une "
                                 "géométrie (fichier piégé ou endommagé).") from exc
        except (ValueError, TypeError, AttributeError, KeyError, IndexError,
                shapely.errors.ShapelyError):
            geom = None
        if geom is not None and source_crs is not None and not geom.is_empty:
            geom = reproject(geom, source_crs.to_string())
        rows.append((geom, dict(props) if isinstance(props, dict) else {}))
    return rows, source_crs


def _declared_crs(path: Path, data: dict[str, Any]) -> CRS | None:
    """The CRS named by the file, or None for WGS84 (the GeoJSON default)."""
    member = data.get("crs")
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    if not name:
        return None
    try:
        crs = CRS.from_user_input(name)
    except CRSError as exc:
        raise LayerFileError(
            f"« {path.name} » : système de coordonnées inconnu « {name} ».") from exc
    if crs.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return None
    return crs


def _read_with_gdal(path: Path) -> tuple[list[RawFeature], CRS | None]:
    frame, crs = _read_frame(path)
    columns = [c for c in frame.columns if c != "geometry"]
    return [(geom, {c: v for c, v in zip(columns, values, strict=True)
                    if not (isinstance(v, float) and math.isnan(v))})
            for geom, *values in zip(frame.geometry, *(frame[c] for c in columns), strict=True)
            ], crs


def _read_frame(path: Path) -> tuple[gpd.GeoDataFrame, CRS | None]:
    """The file's features in lon/lat, and the CRS it declared (None: none or WGS84)."""
    import geopandas as gpd  # slow to import: only for GeoPackage and Shapefile

    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            frame = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio/GDAL raise many types, in English; all mean "unreadable"
        raise LayerFileError(f"Impossible de lire « {path.name} » : "
                             f"{_gdal_reason(exc)}.") from exc
    if "geometry" not in frame or not isinstance(frame, gpd.GeoDataFrame):
        raise LayerFileError(f"« {path.name} » ne contient pas de géométrie.")
    try:
        declared = None if frame.crs is None or frame.crs.equals("EPSG:4326") \
            else CRS(frame.crs)
    except CRSError as exc:
        raise LayerFileError(f"« {path.name} » : système de coordonnées illisible (fichier .prj "
                             "endommagé ?) ; corrigez-le ou supprimez-le.") from exc
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    elif not frame.crs.equals("EPSG:4326"):
        try:
            frame = frame.to_crs("EPSG:4326")
        except Exception as exc:  # pyproj raises several types; all mean "cannot reproject"
            raise LayerFileError(
                f"« {path.name} » : reprojection impossible depuis {crs_label(declared)} ; "
                "vérifiez le système de coordonnées du fichier.") from exc
    return frame, declared


def _gdal_reason(exc: Exception) -> str:
    if isinstance(exc, OSError | MemoryError | RecursionError | UnicodeError):
        return french_reason(exc)
    text = str(exc).lower()
    if ".dbf" in text or "dbf" in text:
        return "table attributaire (.dbf) absente, tronquée ou endommagée"
    if ".shx" in text or ".shp" in text:
        return "fichier de formes (.shp/.shx) absent, tronqué ou endommagé"
    if "not recognized" in text or "not a supported" in text:
        return "format SIG non reconnu (fichier d'un autre type ou endommagé)"
    if "crs" in text or "projection" in text or "prj" in text:
        return "système de coordonnées illisible (fichier .prj endommagé ?)"
    return "fichier SIG illisible, tronqué ou endommagé"


def read_layer_file(path: Path, mapping: RoleMapping | None = None) -> LayerSet:
    """One file to a LayerSet; features with no role are counted in a warning."""
    mapping = (mapping or RoleMapping()).for_file(path.stem)
    rows, declared = _read_rows(path)
    check_area_of_use(path, [g for g, _ in rows], declared)
    result = LayerSet(sources=[str(path)])
    unmapped = dropped = non_finite = 0
    for index, (geom, props) in enumerate(rows):
        kind = mapping.kind_of(path.stem, props)
        if kind is None:
            unmapped += 1
            continue
        if geom is None or geom.is_empty:
            dropped += 1
            continue
        if not _finite(geom):  # before any GEOS operation: NaN makes them raise or crash
            non_finite += 1
            continue
        fixed = repaired(geom)
        if fixed is None:
            dropped += 1
            continue
        result.features.append(feature_from(kind, fixed, props, f"{path.name}#{index}"))
    if non_finite:
        result.warnings.append(f"« {path.name} » : {non_finite} entité(s) aux coordonnées non "
                               "finies (NaN, infini) refusée(s).")
    result.warnings.extend(region_warnings(path, [f.geometry for f in result.features]))
    if dropped:
        result.warnings.append(
            f"« {path.name} » : {dropped} entité(s) sans géométrie valide ignorée(s).")
    if unmapped and not result.features:
        result.warnings.append(f"« {path.name} » : aucune entité ne correspond à un rôle ; "
                               "fichier ignoré.")
    elif unmapped:
        result.warnings.append(f"« {path.name} » : {unmapped} entité(s) sans rôle ignorée(s).")
    return result


MAX_LAYER_BYTES = 2_000_000_000  # a layer of the basin is a few MB; 2 GB is not a layer
MAX_VERTICES = 5_000_000  # per feature: beyond, a geometry is a trap, not a path


def _read_rows(path: Path) -> tuple[list[RawFeature], CRS | None]:
    """The one way a GIS file's features are read (GeoJSON ourselves, others with GDAL)."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise LayerFileError(f"« {path.name} » : format non pris en charge "
                             f"({path.suffix or 'sans extension'}) ; formats acceptés : "
                             f"{', '.join(SUPPORTED_SUFFIXES)}.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LayerFileError(f"Impossible de lire « {path.name} » : {os_error_reason(exc)}.") \
            from exc
    if size > MAX_LAYER_BYTES:
        raise LayerFileError(f"« {path.name} » : fichier de {size // 1_000_000} Mo, trop grand "
                             "pour une couche (2 Go au plus).")
    is_json = path.suffix.lower() in {".geojson", ".json"}
    return _read_geojson(path) if is_json else _read_with_gdal(path)


def repaired(geom: BaseGeometry) -> BaseGeometry | None:
    """A finite geometry made safe for GEOS: invalid polygons repaired, lines with fewer than two
    distinct points and oversized geometries dropped (None)."""
    try:
        if len(shapely.get_coordinates(geom)) > MAX_VERTICES:
            return None
        if "Line" in geom.geom_type:
            parts = [p for p in shapely.get_parts(geom)
                     if len(np.unique(shapely.get_coordinates(p), axis=0)) >= 2]
            if not parts:
                return None
            geom = parts[0] if len(parts) == 1 and geom.geom_type == "LineString" \
                else shapely.multilinestrings(parts) if len(parts) > 1 else parts[0]
        elif "Polygon" in geom.geom_type and not geom.is_valid:
            # buffer(0), not make_valid: GEOS's make_valid took a minute on a 400-vertex
            # self-crossing ring found by the fuzz; buffer(0) repairs it in a millisecond
            geom = geom.buffer(0)
        return None if geom.is_empty else geom
    except (shapely.errors.ShapelyError, ValueError, TypeError):
        return None


def read_checked_frame(path: Path) -> tuple[Any, list[str]]:
    """A GIS file as a GeoDataFrame in lon/lat, after the checks every layer reader applies.

    The same checks as :func:`read_layer_file` (``network info``), for the readers that need a
    frame (OSM highway lines, the TVB layers of the OSM fusion, a clip polygon): supported
    format, bounded size, declared CRS whose area of use holds the coordinates, finite
    coordinates, valid geometries (repaired or dropped) — all before any native geometry
    operation. Returns (frame, warnings); raises :class:`LayerFileError`.
    """
    import geopandas as gpd

    if not path.is_file():
        raise LayerFileError(f"Couche introuvable : « {path} ».")
    rows, declared = _read_rows(path)
    check_area_of_use(path, [g for g, _ in rows], declared)
    kept: list[BaseGeometry] = []
    props: list[dict[str, Any]] = []
    bad = 0
    for geom, row in rows:
        fixed = repaired(geom) if geom is not None and not geom.is_empty and _finite(geom) \
            else None
        if fixed is None:
            bad += 1
            continue
        kept.append(fixed)
        props.append(row)
    warnings = [f"« {path.name} » : {bad} entité(s) sans géométrie valide et finie ignorée(s)."
                ] if bad else []
    warnings += region_warnings(path, kept)
    frame = gpd.GeoDataFrame(props, geometry=kept, crs="EPSG:4326") if kept \
        else gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    return frame, warnings


def _finite(geom: BaseGeometry) -> bool:
    coords = shapely.get_coordinates(geom)
    return bool(len(coords)) and bool((np.isfinite(coords) & (np.abs(coords) < 1e9)).all())


def read_layers(paths: Sequence[str | Path], mapping: RoleMapping | None = None) -> LayerSet:
    """Read every file (folders are expanded) into one LayerSet."""
    return LayerSet.merged(read_layer_file(p, mapping) for p in expand_paths(paths))
