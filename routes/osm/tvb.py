"""The TVB layers the OSM fusion needs: cavalier lines and terril places.

Reads the Mission Bassin Minier / UNESCO GeoJSON files of a layer folder directly (any CRS,
reprojected to lon/lat). Missing files are simply absent inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely

from routes.network.gis_import import read_checked_frame
from routes.osm.errors import OsmImportError
from routes.osm.fusion import PlaceRef, places_from_frame

# The Mission Bassin Minier names, then the embedded network's (assets/network). Only line
# geometries count as cavaliers (the UNESCO « cavaliers.geojson » holds polygons).
CAVALIER_FILES = ("zt-cavaliers.geojson", "cavaliers.geojson")
# (file, reference column, name column); a file is read with the first mapping whose columns exist
TERRIL_FILES = (("terrils.geojson", "no_terril", "nom"), ("zt-terrils.geojson", "id", "nom"),
                ("terrils.geojson", "ref", "name"))
LINE_TYPES = frozenset({"LineString", "MultiLineString"})


#: (file, name column) of commune polygons, to name the commune of each crossing.
COMMUNE_FILES = (("communes-mbm.geojson", "nom"), ("communes.geojson", "nom"),
                 ("communes.geojson", "name"))


@dataclass
class FusionInputs:
    cavalier_lines: list[shapely.Geometry] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    communes: list[tuple[str, shapely.Geometry]] = field(default_factory=list)


def _read(path: Path) -> Any:
    """A TVB layer through the checks every layer reader applies (CRS and its area of use,
    finite and valid geometries), in lon/lat."""
    frame, _ = read_checked_frame(path)
    return frame


def load_fusion_inputs(folder: Path | str) -> FusionInputs:
    """Cavalier lines and terril places (one per reference, first file wins) from ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise OsmImportError(f"Dossier de couches TVB introuvable : {folder}")
    known = {name for name in CAVALIER_FILES} | {name for name, *_ in TERRIL_FILES} \
        | {name for name, _ in COMMUNE_FILES}
    if not any((folder / name).is_file() for name in known):
        raise OsmImportError(
            f"Le dossier de couches TVB {folder} ne contient aucune des couches attendues "
            f"({', '.join(sorted(known))}) : rien à fusionner ; vérifiez le dossier")
    inputs = FusionInputs()
    for name in CAVALIER_FILES:
        if (folder / name).is_file() and not inputs.cavalier_lines:
            frame = _read(folder / name)
            inputs.cavalier_lines.extend(
                g for g in frame.geometry
                if g is not None and not g.is_empty and g.geom_type in LINE_TYPES
            )
    for name, name_column in COMMUNE_FILES:
        if (folder / name).is_file() and not inputs.communes:
            frame = _read(folder / name)
            if name_column in frame.columns:
                inputs.communes = [
                    (str(label), geometry) for label, geometry in zip(
                        frame[name_column], frame.geometry, strict=True)
                    if geometry is not None and geometry.geom_type in {"Polygon", "MultiPolygon"}
                ]
    seen: set[str] = set()
    read: set[str] = set()
    unreadable: dict[str, str] = {}  # file → the terril number column it lacks
    for name, ref_column, name_column in TERRIL_FILES:
        if (folder / name).is_file() and name not in read:
            frame = _read(folder / name)
            if ref_column not in frame.columns:
                unreadable.setdefault(name, ref_column)
                continue
            read.add(name)
            for place in places_from_frame(frame, ref_column, name_column):
                if place.ref not in seen:
                    seen.add(place.ref)
                    inputs.places.append(place)
    missing = sorted(set(unreadable) - read)
    if missing:
        raise OsmImportError(
            f"Couche {folder / missing[0]} : colonne « {unreadable[missing[0]]} » (numéro du "
            "terril) absente")
    return inputs


def read_clip_polygon(path: Path | str) -> shapely.Geometry:
    """The union of the polygons of a GIS file (e.g. the basin outline), in lon/lat."""
    frame = _read(Path(path))
    geometry = shapely.union_all([g for g in frame.geometry if g is not None])
    if geometry.is_empty or geometry.geom_type not in {"Polygon", "MultiPolygon"}:
        raise OsmImportError(f"Le fichier de découpe {path} ne contient aucun polygone")
    return geometry
