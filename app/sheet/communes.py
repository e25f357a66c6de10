"""Commune INSEE codes of a network: from the commune layer (``insee`` property) or the places
index (``commune:INSEE`` keys); the département is their first two digits."""

from __future__ import annotations

from collections.abc import Mapping

from routes.network.layers import LayerKind
from routes.network.model import Network

_INSEE_FIELDS = ("insee", "code_insee", "INSEE_COM", "insee_com", "code")


def insee_codes(network: Network) -> dict[str, str]:
    """Commune name -> INSEE code, from the commune layer and the places index."""
    codes: dict[str, str] = {}
    for place in network.places.places:
        if place.kind == "commune" and place.key.startswith("commune:"):
            codes[place.name] = place.key.split(":", 1)[1]
    features = network.layers.of(LayerKind.COMMUNE) if network.layers else ()
    for feature in features:
        props: Mapping[str, object] = feature.props
        code = next((str(props[f]) for f in _INSEE_FIELDS if props.get(f)), "")
        if code and feature.name:
            codes.setdefault(feature.name, code)
    return codes
