"""Place names: terrils by number or name, poles, communes, and raw coordinates.

:meth:`Gazetteer.resolve` turns what a user types ("T074", "Base 11/19", "Oignies",
"50.43, 2.83") into a :class:`Place`. Matching ignores case, accents and punctuation. An unknown
name raises :class:`UnknownPlaceError` listing the closest names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from shapely.geometry.base import BaseGeometry

from routes.errors import UnknownPlaceError
from routes.network.layers import LayerFeature, LayerKind

#: Median ground altitude of the basin's 579 mine shafts with a recorded "cote" (Mission Bassin
#: Minier layer): turns a terril's summit altitude into a height above its surroundings.
BASIN_GROUND_ALT_M = 35.0

_KIND_PRIORITY = {"pole": 0, "terril": 1, "commune": 2}
_COORDS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,; ]\s*(-?\d+(?:\.\d+)?)\s*$")
_TERRIL_REF = re.compile(r"^t\s*0*(\d+)\s*([a-z]?)$")


def normalize(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: « Base 11/19 » → "base 11 19"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def terril_ref_key(text: str) -> str | None:
    """"T74", "t074", "T 074a" → "t74a"-style key; None when not a terril number."""
    match = _TERRIL_REF.match(normalize(text).replace(" ", ""))
    return f"t{int(match.group(1))}{match.group(2)}" if match else None


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    kind: str  # "terril", "pole", "commune" or "coordonnees"
    lon: float
    lat: float
    communes: tuple[str, ...] = ()
    footprint: BaseGeometry | None = None  # lon/lat polygon of a terril
    height_m: float | None = None
    node: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "terril" and self.name and self.name != self.key:
            return f"{self.key} {self.name}"
        return self.name or self.key


class Gazetteer:
    """All named places of a network."""

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self._places: list[Place] = []
        self._by_name: dict[str, list[Place]] = {}
        self._by_ref: dict[str, Place] = {}
        for place in places:
            self.add(place)

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterable[Place]:
        return iter(self._places)

    @property
    def places(self) -> list[Place]:
        return list(self._places)

    def add(self, place: Place) -> None:
        self._places.append(place)
        ref = terril_ref_key(place.key) if place.kind == "terril" else None
        if ref:
            self._by_ref.setdefault(ref, place)
        names = {normalize(place.name), normalize(place.key.split(":", 1)[-1])}
        for name in names - {""}:
            self._by_name.setdefault(name, []).append(place)

    def get(self, key: str) -> Place | None:
        return next((p for p in self._places if p.key == key), None)

    def resolve(self, text: str) -> Place:
        query = text.strip()
        coords = _COORDS.match(query)
        if coords:
            return _coordinates(query, float(coords.group(1)), float(coords.group(2)))
        ref = terril_ref_key(query)
        if ref and ref in self._by_ref:
            return self._by_ref[ref]
        wanted = normalize(query)
        if not wanted:
            raise UnknownPlaceError("Lieu vide : indiquez un nom, un numéro de terril ou des "
                                    "coordonnées « lat, lon ».")
        exact = self._by_name.get(wanted)
        if exact:
            return _best(exact)
        tokens = set(wanted.split())
        # A query without a letter (« -1 », « 9 ») is a number, not part of a name.
        partial = [p for name, ps in self._by_name.items() if tokens <= set(name.split())
                   for p in ps] if re.search(r"[a-z]", wanted) else []
        if partial:
            return _best(partial)
        raise self._unknown(query)

    def _unknown(self, query: str) -> UnknownPlaceError:
        labels = {normalize(p.label): p.label for p in self._places}
        labels.update({normalize(p.key): p.key for p in self._places if p.kind == "terril"})
        close = difflib.get_close_matches(normalize(query), list(labels), n=6, cutoff=0.5)
        suggestions = [labels[c] for c in close]
        hint = (" Lieux les plus proches : " + ", ".join(suggestions) + ".") if suggestions else (
            " Essayez un numéro de terril (T074), un pôle (Base 11/19), une commune ou "
            "des coordonnées « 50.43, 2.83 ».")
        return UnknownPlaceError(f"Lieu inconnu : « {query} ».{hint}", suggestions)


def _best(candidates: list[Place]) -> Place:
    return min(candidates, key=lambda p: (_KIND_PRIORITY.get(p.kind, 9), len(p.name)))


def _coordinates(text: str, first: float, second: float) -> Place:
    lat, lon = first, second
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UnknownPlaceError(f"Coordonnées hors limites : « {text} » (attendu « lat, lon », "
                                "par ex. « 50.43, 2.83 »).")
    return Place(key=f"{lat:.6f},{lon:.6f}", name=f"{lat:.5f}, {lon:.5f}", kind="coordonnees",
                 lon=lon, lat=lat)


def known_height(props: Mapping[str, Any]) -> float | None:
    """A terril's height: ``height_m``, or ``summit_alt_m`` above the basin's ground."""
    height = props.get("height_m")
    summit = props.get("summit_alt_m")
    if not isinstance(height, int | float) and isinstance(summit, int | float):
        height = summit - BASIN_GROUND_ALT_M
    return float(height) if isinstance(height, int | float) else None


def place_from_feature(feature: LayerFeature, key: str, lon: float, lat: float,
                       node: int | None) -> Place:
    height = known_height(feature.props)
    footprint = feature.geometry if feature.geometry.geom_type.endswith("Polygon") else None
    name = feature.name or feature.ref
    if feature.kind is LayerKind.POLE and feature.ref and normalize(feature.ref) not in normalize(
            name):
        name = name or feature.ref
    return Place(key=key, name=name, kind=feature.kind.value, lon=lon, lat=lat,
                 communes=feature.communes, footprint=footprint,
                 height_m=height, node=node)
