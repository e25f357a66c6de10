"""A hand-made OSM scene west of Loos-en-Gohelle, written as a real PBF with pyosmium's writer.

The « Chemin du Cavalier » (a track, then a path) runs west to east and meets:

- the D943 (secondary, « Route de Béthune ») at grade: the two ways share node 3;
- the A21 (motorway) on a bridge (``bridge=yes``, ``layer=1``) over the path: no shared node;
- the Lens–Béthune railway (``railway=rail``) at a level crossing: shared node 8, tagged
  ``railway=level_crossing``;
- a residential street joining at node 11 (not a crossing: no main road, no railway).

Without ``roads=True`` only the paths are written (a network without roads).
"""

from __future__ import annotations

from pathlib import Path

import osmium
from osmium.osm.mutable import Node, Way
from shapely.geometry import box

LAT = 50.4440
# id: (lon, lat)
NODES: dict[int, tuple[float, float]] = {
    1: (2.7600, LAT), 2: (2.7640, LAT), 3: (2.7680, LAT), 4: (2.7720, LAT), 5: (2.7760, LAT),
    6: (2.7800, LAT), 7: (2.7840, LAT), 8: (2.7880, LAT), 9: (2.7920, LAT), 10: (2.7960, LAT),
    11: (2.8000, LAT),
    # D943, north-south through node 3
    20: (2.7680, 50.4400), 21: (2.7680, 50.4480),
    # A21 bridge, north-south over the path between nodes 5 and 6 (no shared node)
    30: (2.7780, 50.4380), 31: (2.7780, 50.4420), 32: (2.7780, 50.4460), 33: (2.7780, 50.4500),
    # railway through node 8
    40: (2.7870, 50.4400), 41: (2.7890, 50.4480),
    # residential street from node 11 northwards
    50: (2.8000, 50.4480),
    # (optional) the D58, north-south east of the path's end, where only the old line runs
    60: (2.8040, 50.4400), 61: (2.8040, 50.4480),
}
NODE_TAGS: dict[int, dict[str, str]] = {
    8: {"railway": "level_crossing", "crossing:barrier": "full"},
}
PATH_WAYS: dict[int, tuple[list[int], dict[str, str]]] = {
    100: ([1, 2, 3, 4, 5], {"highway": "track", "tracktype": "grade2",
                            "name": "Chemin du Cavalier"}),
    101: ([5, 6, 7, 8, 9, 10, 11], {"highway": "path", "name": "Chemin du Cavalier",
                                    "bicycle": "yes"}),
    102: ([11, 50], {"highway": "residential", "name": "Rue Émile Basly"}),
}
ROAD_WAYS: dict[int, tuple[list[int], dict[str, str]]] = {
    200: ([20, 3, 21], {"highway": "secondary", "ref": "D943", "name": "Route de Béthune"}),
    201: ([30, 31], {"highway": "motorway", "ref": "A21"}),
    202: ([31, 32], {"highway": "motorway", "ref": "A21", "bridge": "yes", "layer": "1"}),
    203: ([32, 33], {"highway": "motorway", "ref": "A21"}),
    204: ([40, 8, 41], {"railway": "rail", "name": "Lens – Béthune", "usage": "main"}),
}
COMMUNE = ("Loos-en-Gohelle", box(2.75, 50.43, 2.81, 50.46))


EAST_ROAD: dict[int, tuple[list[int], dict[str, str]]] = {
    205: ([60, 61], {"highway": "tertiary", "ref": "D58", "name": "Rue de Vermelles"}),
}


def write_scene(path: Path, *, roads: bool = True, east_road: bool = False) -> Path:
    """Write the scene to ``path`` (.osm.pbf); nodes are written only when a way uses them."""
    ways = {**PATH_WAYS, **(ROAD_WAYS if roads else {}), **(EAST_ROAD if east_road else {})}
    used = {ref for refs, _ in ways.values() for ref in refs}
    path.unlink(missing_ok=True)
    with osmium.SimpleWriter(str(path)) as writer:
        for node_id in sorted(used):
            writer.add_node(Node(id=node_id, version=1, location=NODES[node_id],
                                 tags=NODE_TAGS.get(node_id, {}) if roads else {}))
        for way_id, (refs, tags) in sorted(ways.items()):
            writer.add_way(Way(id=way_id, version=1, nodes=refs, tags=tags))
    return path
