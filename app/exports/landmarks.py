"""Road crossings and terrils a format's route passes, read from the network it was planned on."""

from __future__ import annotations

from app.exports.courses import Landmark
from app.model import Format
from routes.errors import UnknownPlaceError
from routes.network.model import Network
from routes.outputs.stats import rupture_points


def landmarks_of(fmt: Format, network: Network) -> list[Landmark]:
    """The rupture points (graph nodes with a ``rupture`` attribute) the route crosses, then the
    terrils it visits (their summit point in the terril layer)."""
    if fmt.route is None:
        return []
    marks = [Landmark("traversee", label, lon, lat, crossing)
             for label, crossing, lon, lat in rupture_points(network, fmt.route.ruptures_crossed)]
    for ref in fmt.route.terrils_visited:
        try:
            place = network.places.resolve(ref)
        except UnknownPlaceError:
            continue
        if place.kind == "terril":
            marks.append(Landmark("terril", place.label, place.lon, place.lat,
                                  "sommet du terril"))
    return marks
