"""Whether a network knows its crossings: the app says « traversées inconnues », never « 0 ».

Kept apart from :mod:`routes.osm.crossings` (which computes them) so statistics and the window
read the status without importing the OSM reader.
"""

from __future__ import annotations

import weakref

import networkx as nx

UNKNOWN_MESSAGE = "traversées inconnues (réseau sans routes)"


#: OSM ``highway`` values of roads open to motor traffic: a course crossing one needs a marshal.
MOTOR_ROADS = frozenset({"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified",
                         "residential", "living_street", "motorway_link", "trunk_link",
                         "primary_link", "secondary_link", "tertiary_link"})


_MOTOR: weakref.WeakKeyDictionary[nx.MultiDiGraph, bool] = weakref.WeakKeyDictionary()


def has_motor_roads(graph: nx.MultiDiGraph) -> bool:
    """Whether any edge is a road open to motor traffic (computed once per graph)."""
    found = _MOTOR.get(graph)
    if found is None:
        found = _MOTOR[graph] = any(
            str(data.get("highway") or "").strip().lower() in MOTOR_ROADS
            for _, _, data in graph.edges(data=True))
    return found


def crossings_known(graph: nx.MultiDiGraph) -> bool:
    """Whether the network knows every road crossing: it says so (``crossings_known``, set by
    the builders), or it holds the open roads themselves (OSM), so crossings and turns onto
    roads can be found on them. Rupture points alone (the TVB's inventory) are not every
    crossing."""
    known = graph.graph.get("crossings_known")
    if known is not None:
        return bool(known)
    return has_motor_roads(graph)


def rupture_count_text(graph: nx.MultiDiGraph, count: int) -> str:
    """The number of crossings as shown to the user: never « 0 » when it cannot be known."""
    return str(count) if crossings_known(graph) else UNKNOWN_MESSAGE
