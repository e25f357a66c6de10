"""Whether a network edge is paved, from its OSM ``surface`` and ``highway`` tags."""

from __future__ import annotations

from collections.abc import Mapping

PAVED_SURFACES = frozenset({"paved", "asphalt", "concrete", "concrete:plates", "concrete:lanes",
                            "paving_stones", "sett", "chipseal", "metal", "wood"})
UNPAVED_SURFACES = frozenset({"unpaved", "gravel", "fine_gravel", "compacted", "dirt", "earth",
                              "ground", "grass", "mud", "sand", "pebblestone", "rock", "woodchips"})
PAVED_BY_DEFAULT = frozenset({"motorway", "trunk", "primary", "secondary", "tertiary",
                              "unclassified", "residential", "living_street", "service"})



def surface_of(edge: Mapping[str, object]) -> bool | None:
    """True when paved, False when not, None when the network does not say."""
    surface = str(edge.get("surface") or "").strip().lower()
    if surface in PAVED_SURFACES:
        return True
    if surface in UNPAVED_SURFACES:
        return False
    if str(edge.get("highway") or "").strip().lower() in PAVED_BY_DEFAULT:
        return True
    return None
