"""Where each edge's geometry comes from, and whether anyone surveyed it.

Every edge of a routing graph carries two attributes, set once by whoever builds the edge and
read by statistics, map style, GPX descriptions and the roadbook (none of them recomputes them):

- ``source``: one of the ``SOURCE_*`` values below;
- ``surveyed``: ``True`` when the geometry was recorded on the ground or drawn from a surveyed layer
  (the Mission Bassin Minier layers, OpenStreetMap, a recce track), ``False`` for geometry nobody
  surveyed (a straight builder connector, an access spur, a sketch).

An old railway line known only from the TVB layer, with no OSM way along it, stays ``surveyed``
(its line is real) but carries ``practicability = "unknown"``: « ancien tracé, praticabilité
inconnue ».
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: A line of a GIS layer (the Mission Bassin Minier / UNESCO layers, a user's file).
SOURCE_LAYER = "layer"
#: An OpenStreetMap way.
SOURCE_OSM = "osm"
#: A recce track recorded on the ground and merged into the network.
SOURCE_TRACK = "track"
#: A straight connector made by the builder to bridge a gap between parts of the network.
SOURCE_CONNECTOR = "connector"
#: A straight spur from a place (terril, pole) to the nearest line.
SOURCE_ACCESS = "access"
#: A line drawn by hand by the organiser (a canoe leg on water the network does not know).
SOURCE_HAND = "hand"

SOURCES = (SOURCE_LAYER, SOURCE_OSM, SOURCE_TRACK, SOURCE_CONNECTOR, SOURCE_ACCESS, SOURCE_HAND)
UNSURVEYED_SOURCES = frozenset({SOURCE_CONNECTOR, SOURCE_ACCESS, SOURCE_HAND})

#: ``practicability`` of an old railway line with no OSM way along it.
PRACTICABILITY_UNKNOWN = "unknown"
PRACTICABILITY_UNKNOWN_LABEL = "ancien tracé, praticabilité inconnue"

#: No access spur longer than this: the place stays unlinked, with a message.
ACCESS_SPUR_MAX_M = 300.0

UNSURVEYED_LABEL = "non relevé"


def provenance(source: str, *, surveyed: bool | None = None) -> dict[str, Any]:
    """The two provenance attributes of an edge built from ``source``."""
    if source not in SOURCES:
        raise ValueError(f"source inconnue : {source!r}")
    if surveyed is None:
        surveyed = source not in UNSURVEYED_SOURCES
    return {"source": source, "surveyed": surveyed}


def is_surveyed(edge: Mapping[str, Any]) -> bool:
    """Whether an edge's geometry was surveyed (edges built before provenance existed: by flags)."""
    if "surveyed" in edge:
        return bool(edge["surveyed"])
    return not (edge.get("liaison") or edge.get("access"))


def unsurveyed_length_m(edges: Iterable[Mapping[str, Any]]) -> float:
    """Length of the edges nobody surveyed, in metres."""
    return sum(float(e.get("length", 0.0)) for e in edges if not is_surveyed(e))
