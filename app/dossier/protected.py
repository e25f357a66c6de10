"""Protected areas crossed by each format: length inside, incidence evaluation, nesting season.

Layers: any polygon file the user names (Natura 2000, ENS, ZNIEFF...), read by
:mod:`routes.network.gis_import`, and the basin's néo-natural spaces shipped in
``assets/protected/espaces-neonaturels.geojson`` (made by ``tools/make_protected_asset.py`` from
the Mission Bassin Minier layers, Licence Ouverte / Etalab 2.0).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from app.sheet.segments import Segments
from routes.network.gis_import import read_layer_file
from routes.network.layers import LayerKind
from routes.network.roles import RoleMapping, RoleRule

NATURA_2000 = "natura2000"
KINDS = {NATURA_2000: "Natura 2000", "ens": "Espace naturel sensible", "znieff": "ZNIEFF",
         "neonaturel": "Espace néo-naturel (Bassin minier)", "autre": "Zone protégée"}
#: People (organisers + participants + public) from which a Natura 2000 crossing needs an
#: incidence evaluation (rules.NATURA_2000).
INCIDENCE_PEOPLE = 300
NESTING_MONTHS = range(3, 8)  # March to July (rules.NESTING)
SHIPPED = "espaces-neonaturels.geojson"
ATTRIBUTION = ("Espaces néo-naturels : Mission Bassin Minier / UNESCO, Licence Ouverte Etalab 2.0 "
               "(via github.com/rlespinasse/bassin-minier-unesco).")


@dataclass(frozen=True)
class ProtectedArea:
    name: str
    kind: str
    geometry: BaseGeometry  # lon/lat
    source: str


@dataclass(frozen=True)
class AreaCrossing:
    area: ProtectedArea
    length_m: float


def shipped_areas() -> list[ProtectedArea]:
    text = resources.files("assets").joinpath("protected", SHIPPED).read_text(encoding="utf-8")
    data = json.loads(text)
    return [ProtectedArea(str(f["properties"].get("nom") or "Espace néo-naturel"), "neonaturel",
                          shape(f["geometry"]), ATTRIBUTION) for f in data["features"]]


def read_areas(path: Path, kind: str) -> list[ProtectedArea]:
    """Every polygon of a user's file, whatever its attributes (one file = one kind)."""
    mapping = RoleMapping((RoleRule(LayerKind.SENSITIVE, "*"),))
    layers = read_layer_file(path, mapping)
    areas = [ProtectedArea(f.name or f.ref or path.stem, kind, f.geometry, path.name)
             for f in layers.features if "Polygon" in f.geometry.geom_type]
    return areas


def crossings(areas: Sequence[ProtectedArea], segments: Segments) -> list[AreaCrossing]:
    """The areas the course (its :class:`Segments`, on the sheet's geodesic axis) enters, with
    the length inside (a stretch run out and back counts twice)."""
    found = []
    for area in areas:
        inside, _ = segments.inside(area.geometry)
        if inside > 0:
            found.append(AreaCrossing(area, inside))
    return found


def incidence_needed(crossed: Sequence[AreaCrossing], people: int) -> bool:
    return people > INCIDENCE_PEOPLE and any(c.area.kind == NATURA_2000 for c in crossed)


def nesting_season(day: dt.date) -> bool:
    return day.month in NESTING_MONTHS
