"""Whether a network knows its crossings: the app says « traversées inconnues », never « 0 ».

Kept apart from :mod:`routes.osm.crossings` (which computes them) so statistics and the window
read the status without importing the OSM reader.
"""

from __future__ import annotations

import networkx as nx

UNKNOWN_MESSAGE = "traversées inconnues (réseau sans routes)"


def crossings_known(graph: nx.MultiDiGraph) -> bool:
    """Whether the network could tell its crossings (networks of older builds: when they have
    rupture points)."""
    known = graph.graph.get("crossings_known")
    if known is not None:
        return bool(known)
    return any(data.get("rupture") for _, data in graph.nodes(data=True))


def rupture_count_text(graph: nx.MultiDiGraph, count: int) -> str:
    """The number of crossings as shown to the user: never « 0 » when it cannot be known."""
    return str(count) if crossings_known(graph) else UNKNOWN_MESSAGE
