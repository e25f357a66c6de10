"""Routing profiles: how much each kind of way costs for each discipline.

Edge cost = length × (most favourable factor among the edge's classes) × surface factor
× sensitive-zone factor, + a fixed penalty when the edge enters a rupture point, rounded to the
centimetre (:data:`COST_DECIMALS`: the route engine works on integer centimetres, so its path costs
are exactly the sums of these costs). A factor below 1
makes a way preferred, above 1 avoided; ``None`` forbids it. If any class of an edge is forbidden
the edge is forbidden. All numbers live in the tables below, one row per class of way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from routes.cost_attributes import SIGNATURE_FLAGS, SIGNATURE_TEXTS
from routes.errors import ProfileError

#: Edge costs are rounded to this many decimals of a metre (the engine's integer unit).
COST_DECIMALS = 2
_CENTS = 10.0 ** COST_DECIMALS

PROFILE_NAMES = ("trail", "vtt", "raid", "rando", "velo", "canoe")

# Class of way:          trail  vtt   raid  rando velo  canoe
_FACTORS: dict[str, tuple[float | None, ...]] = {
    "cavalier":         (0.80, 0.80, 0.85, 0.80, 0.90, None),
    "veloroute":        (1.00, 1.00, 0.90, 1.10, 0.70, None),
    "hiking":           (0.75, 0.90, 1.00, 0.70, 1.60, None),
    "terril":           (0.70, 0.65, 0.90, 0.80, None, None),
    "sentier":          (0.85, 0.85, 1.00, 0.80, 1.50, None),  # OSM path, track, footway, bridleway
    "cyclable":         (1.10, 1.00, 0.90, 1.20, 0.75, None),  # OSM cycleway
    "route_locale":     (1.40, 1.50, 1.20, 1.40, 1.20, None),  # residential, service, unclassified…
    "route_principale": (2.50, 3.00, 2.00, 2.50, 2.20, None),  # tertiary, secondary, primary
    "voie_rapide":      (None, None, None, None, None, None),  # trunk, motorway
    "escalier":         (1.20, None, None, 1.00, None, None),
    "acces":            (1.00, 1.00, 1.00, 1.00, 1.00, None),  # connector to a terril or pole
    "liaison":          (2.00, 2.00, 1.80, 2.00, 1.80, None),  # gap bridged by the builder
    "autre":            (1.30, 1.30, 1.20, 1.30, 1.30, None),
    "eau":              (None, None, None, None, None, 1.00),  # waterway, canal, lake (water layer)
}

# Per profile:            trail  vtt   raid  rando velo  canoe
_UNPAVED_FACTOR =        (0.95, 0.90, 1.00, 0.95, 1.30, 1.00)
_PAVED_FACTOR =          (1.05, 1.10, 1.00, 1.05, 0.95, 1.00)
_SENSITIVE_FACTOR =      (3.00, None, 3.00, 2.00, None, 2.00)
_RUPTURE_PENALTY_M =     (400.0, 400.0, 300.0, 500.0, 300.0, 0.0)
# OSM access tags that close a way to the profile's users (foot for trail/rando, bicycle for bikes,
# boat for the canoe).
_USER_TAG =              ("foot", "bicycle", "bicycle", "foot", "bicycle", "boat")

_HIGHWAY_CLASS = {
    **dict.fromkeys(("path", "track", "footway", "bridleway", "pedestrian"), "sentier"),
    "cycleway": "cyclable",
    **dict.fromkeys(("residential", "service", "unclassified", "living_street", "road"),
                    "route_locale"),
    **dict.fromkeys(("tertiary", "tertiary_link", "secondary", "secondary_link", "primary",
                     "primary_link"), "route_principale"),
    **dict.fromkeys(("trunk", "trunk_link", "motorway", "motorway_link"), "voie_rapide"),
    "steps": "escalier",
}
_FLAG_CLASS = {"cavalier": "cavalier", "veloroute": "veloroute", "hiking": "hiking",
               "access": "acces", "liaison": "liaison"}
_CLOSED = frozenset({"no", "private"})
_BIKE_SAC_LIMIT = frozenset({"demanding_mountain_hiking", "alpine_hiking",
                             "demanding_alpine_hiking", "difficult_alpine_hiking"})


@dataclass(frozen=True)
class Profile:
    name: str
    index: int
    label: str

    @property
    def rupture_penalty_m(self) -> float:
        return _RUPTURE_PENALTY_M[self.index]

    @property
    def min_factor(self) -> float:
        """Lowest cost per metre any edge can have: scales the A* heuristic."""
        best = min(row[self.index] or 1e9 for row in _FACTORS.values())
        surface = min(_UNPAVED_FACTOR[self.index], _PAVED_FACTOR[self.index], 1.0)
        return best * surface


PROFILES: dict[str, Profile] = {
    name: Profile(name, i, label)
    for i, (name, label) in enumerate(zip(
        PROFILE_NAMES,
        ("Trail", "VTT", "Raid multisport", "Randonnée", "Vélo (véloroute)",
         "Canoë-kayak (voies d'eau seulement)"), strict=True))
}


def get_profile(name: str | Profile) -> Profile:
    if isinstance(name, Profile):
        return name
    try:
        return PROFILES[name.strip().lower()]
    except KeyError:
        raise ProfileError(
            f"Profil inconnu « {name} » ; profils disponibles : {', '.join(PROFILE_NAMES)}."
        ) from None


def edge_classes(data: Mapping[str, Any]) -> list[str]:
    if data.get("water"):  # a water line (river, canal, lake crossing) is only water
        return ["eau"]
    classes = [cls for flag, cls in _FLAG_CLASS.items() if data.get(flag)]
    if data.get("terril"):
        classes.append("terril")
    highway = _HIGHWAY_CLASS.get(str(data.get("highway") or ""))
    if highway:
        classes.append(highway)
    return classes or ["autre"]


def _closed_to(data: Mapping[str, Any], profile: Profile) -> bool:
    if str(data.get("access_tag") or "") in _CLOSED and not data.get(_USER_TAG[profile.index]):
        return True
    user_tag = str(data.get(_USER_TAG[profile.index]) or "")
    if user_tag in _CLOSED:
        return True
    bike = _USER_TAG[profile.index] == "bicycle"
    return bike and str(data.get("sac_scale") or "") in _BIKE_SAC_LIMIT


Signature = tuple[bool | str, ...]


def cost_signature(data: Mapping[str, Any]) -> Signature:
    """What an edge's cost depends on besides its length, as a hashable value: edges of one kind
    share it, so costs are worked out once per kind (:func:`signature_factor`)."""
    get = data.get
    return (bool(get("cavalier")), bool(get("veloroute")), bool(get("hiking")),
            bool(get("access")), bool(get("liaison")), bool(get("terril")),
            bool(get("sensitive")), bool(get("rupture")), bool(get("water")),
            str(get("highway") or ""), str(get("surface") or ""), str(get("access_tag") or ""),
            str(get("foot") or ""), str(get("bicycle") or ""), str(get("boat") or ""),
            str(get("sac_scale") or ""))


@cache
def signature_factor(signature: Signature, profile: Profile) -> tuple[float, float] | None:
    """(cost per metre, fixed penalty) of the edges of one kind for a profile, or None when the
    profile may not use them."""
    data = dict(zip((*SIGNATURE_FLAGS, *SIGNATURE_TEXTS), signature, strict=True))
    i = profile.index
    factors = [_FACTORS[cls][i] for cls in edge_classes(data)]
    if any(f is None for f in factors) or _closed_to(data, profile):
        return None
    factor = min(f for f in factors if f is not None)
    surface = data["surface"]
    if surface == "unpaved":
        factor *= _UNPAVED_FACTOR[i]
    elif surface == "paved":
        factor *= _PAVED_FACTOR[i]
    if data["sensitive"]:
        sensitive = _SENSITIVE_FACTOR[i]
        if sensitive is None:
            return None
        factor *= sensitive
    return factor, (profile.rupture_penalty_m if data["rupture"] else 0.0)


def to_centimetres(cost: float) -> float:
    """``cost`` rounded to the centimetre, half up (numpy's ``floor(x * 100 + 0.5) / 100`` gives
    the same bits, so vectorised costs equal these)."""
    return math.floor(cost * _CENTS + 0.5) / _CENTS


def edge_cost(data: Mapping[str, Any], profile: str | Profile) -> float | None:
    """Cost of one edge for a profile, or None when the profile may not use it."""
    found = signature_factor(cost_signature(data), get_profile(profile))
    if found is None:
        return None
    return to_centimetres(float(data["length"]) * found[0] + found[1])


def factor_table() -> list[tuple[str, tuple[float | None, ...]]]:
    """The class × profile table, for display (``cavalier network info --profiles``)."""
    return list(_FACTORS.items())
