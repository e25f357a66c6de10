"""Canoeable OSM waterways in the routing graph: water lines a canoe leg follows, apart from the
land ways.

A waterway shares no node with a path or a road (a bridge or a ford over a river is not a way
into the water): its vertices get keys of their own (:func:`water_key`), so the canoe profile
follows the water only and no foot or bike course ever enters it. Weirs, dams and lock gates
on a waterway split it and mark their node ``obstacle`` (« seuil », « barrage »…: a portage).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from routes.osm.ways import WayRecord

#: Water vertex keys are ``-(WATER_KEY_OFFSET + OSM node id)``: never an OSM id, a key of the
#: osmnx conversion's inner vertices or a node added later (those count up from the largest).
WATER_KEY_OFFSET = 10**15


def water_key(osm_node: int) -> int:
    return -(WATER_KEY_OFFSET + int(osm_node))


def water_ways(ways: Iterable[WayRecord]) -> list[WayRecord]:
    """The waterways with their vertices moved to the water key space."""
    return [WayRecord(keys=[water_key(k) for k in way.keys], lons=way.lons, lats=way.lats,
                      attrs=way.attrs, osm_id=way.osm_id) for way in ways]


def water_obstacles(obstacles: Mapping[int, str]) -> dict[int, str]:
    """Obstacle names by water vertex key."""
    return {water_key(node): name for node, name in obstacles.items()}


def mark_obstacles(graph: nx.MultiDiGraph, obstacles: Mapping[int, str]) -> int:
    """Set ``obstacle`` on the water nodes of ``obstacles`` (water keys); returns how many."""
    marked = 0
    for node, name in obstacles.items():
        if node in graph:
            graph.nodes[node]["obstacle"] = name
            marked += 1
    return marked


def is_water_edge(data: Mapping[str, object]) -> bool:
    return bool(data.get("water"))


def water_nodes(graph: nx.MultiDiGraph) -> set[int]:
    """Nodes every edge of which is water (nodes of the water lines alone)."""
    water = {u for u, _, d in graph.edges(data=True) if d.get("water")}
    return {n for n in water
            if all(d.get("water") for _, _, d in graph.edges(n, data=True))}


def land_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph without its water lines (a read-only view; the graph itself when it has
    none)."""
    water = water_nodes(graph)
    if not water and not any(d.get("water") for _, _, d in graph.edges(data=True)):
        return graph
    return nx.subgraph_view(graph, filter_node=lambda n: n not in water,
                            filter_edge=lambda u, v, k: not graph[u][v][k].get("water"))
