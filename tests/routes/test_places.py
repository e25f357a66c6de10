"""Place name lookup."""

from __future__ import annotations

import pytest

from routes.errors import UnknownPlaceError
from routes.network.places import Gazetteer, Place, normalize, terril_ref_key


@pytest.fixture
def gazetteer() -> Gazetteer:
    return Gazetteer([
        Place("T074", "Terrils jumeaux (est)", "terril", 2.78, 50.44),
        Place("T074a", "Terrils jumeaux (ouest)", "terril", 2.77, 50.44),
        Place("pole:9-9bis", "Site du 9-9bis", "pole", 2.99, 50.46),
        Place("pole:base-11-19", "Base 11/19", "pole", 2.78, 50.45),
        Place("commune:62637", "Oignies", "commune", 2.99, 50.47),
        Place("commune:62528", "Loos-en-Gohelle", "commune", 2.79, 50.46),
    ])


def test_normalize() -> None:
    assert normalize("  Base 11/19 ") == "base 11 19"
    assert normalize("Fouquières-lès-Lens") == "fouquieres les lens"
    assert terril_ref_key("t 074A") == "t74a"
    assert terril_ref_key("Oignies") is None


@pytest.mark.parametrize(("query", "key"), [
    ("T074", "T074"), ("t74", "T074"), ("T074a", "T074a"), ("9-9bis", "pole:9-9bis"),
    ("Base 11/19", "pole:base-11-19"), ("base 11-19", "pole:base-11-19"),
    ("OIGNIES", "commune:62637"), ("loos en gohelle", "commune:62528"),
    ("site 9-9bis", "pole:9-9bis"),
])
def test_resolve(gazetteer: Gazetteer, query: str, key: str) -> None:
    assert gazetteer.resolve(query).key == key


def test_coordinates(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("50.4331, 2.7712")
    assert (place.lat, place.lon, place.kind) == (50.4331, 2.7712, "coordonnees")
    with pytest.raises(UnknownPlaceError, match="hors limites"):
        gazetteer.resolve("95, 2")


def test_unknown_lists_closest(gazetteer: Gazetteer) -> None:
    with pytest.raises(UnknownPlaceError) as err:
        gazetteer.resolve("Oignes")
    assert err.value.suggestions[0] == "Oignies"
    assert "Lieu inconnu : « Oignes »" in str(err.value)
    with pytest.raises(UnknownPlaceError, match="Lieu vide"):
        gazetteer.resolve("  ")
