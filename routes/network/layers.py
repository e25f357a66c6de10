"""The layer model: what kinds of features the Trame verte et bleue is made of.

A :class:`LayerSet` is the neutral form every source (embedded assets, GeoJSON/GeoPackage/Shapefile
files, OSM) is turned into before the graph is built: features in EPSG:4326 tagged with their kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from shapely.geometry.base import BaseGeometry


class LayerKind(StrEnum):
    POLE = "pole"
    TERRIL = "terril"
    CAVALIER = "cavalier"
    VELOROUTE = "veloroute"
    HIKING = "hiking"
    PATH = "path"
    RUPTURE = "rupture"
    SENSITIVE = "sensitive"
    COMMUNE = "commune"
    WATER = "water"  # rivers, canals, lakes a canoe can follow (lines)

    @property
    def label(self) -> str:
        return LABELS_FR[self]


LABELS_FR: dict[LayerKind, str] = {
    LayerKind.POLE: "pôles TVB",
    LayerKind.TERRIL: "terrils",
    LayerKind.CAVALIER: "cavaliers",
    LayerKind.VELOROUTE: "véloroute",
    LayerKind.HIKING: "randonnée",
    LayerKind.PATH: "chemins et routes",
    LayerKind.RUPTURE: "points de rupture",
    LayerKind.SENSITIVE: "zones sensibles",
    LayerKind.COMMUNE: "communes",
    LayerKind.WATER: "eau (rivières, canaux, plans d'eau)",
}

#: Kinds whose geometry is routed on.
LINE_KINDS = frozenset({LayerKind.CAVALIER, LayerKind.VELOROUTE, LayerKind.HIKING, LayerKind.PATH,
                        LayerKind.WATER})
#: Kinds that are places (points, or polygons reduced to a representative point).
PLACE_KINDS = frozenset({LayerKind.POLE, LayerKind.TERRIL, LayerKind.COMMUNE})


@dataclass(frozen=True)
class LayerFeature:
    """One feature of a layer, geometry in lon/lat (EPSG:4326)."""

    kind: LayerKind
    geometry: BaseGeometry
    ref: str = ""
    name: str = ""
    communes: tuple[str, ...] = ()
    props: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def label(self) -> str:
        if self.ref and self.name:
            return f"{self.ref} {self.name}"
        return self.ref or self.name or self.kind.label


@dataclass
class LayerSet:
    """Features of every kind, with the warnings raised while reading them."""

    features: list[LayerFeature] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def of(self, *kinds: LayerKind) -> Iterator[LayerFeature]:
        wanted = set(kinds)
        return (f for f in self.features if f.kind in wanted)

    def count(self, kind: LayerKind) -> int:
        return sum(1 for _ in self.of(kind))

    def extend(self, other: LayerSet) -> None:
        self.features.extend(other.features)
        self.warnings.extend(other.warnings)
        self.sources.extend(other.sources)

    @classmethod
    def merged(cls, parts: Iterable[LayerSet]) -> LayerSet:
        result = cls()
        for part in parts:
            result.extend(part)
        return result
