"""OSM highway lines from a GIS file (e.g. osm2pgsql-style GeoJSON) -> routing graph.

Vertices are matched by their coordinates (rounded to ~1 cm) since such layers carry no node ids;
the graph is then built exactly like the one from a .pbf (:func:`routes.osm.ways.graph_from_ways`).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import shapely

from routes.osm import tags as osm_tags
from routes.osm.errors import OsmImportError
from routes.osm.ways import WayRecord, graph_from_ways

COORD_DECIMALS = 7
TAG_COLUMNS = ("highway", "surface", "name", "tracktype", "smoothness", "mtb:scale", "sac_scale",
               "foot", "bicycle", "access", "railway", "historic")


def _tags(row: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for column in TAG_COLUMNS:
        if column in row.index:
            value = row[column]
            if isinstance(value, str) and value:
                found[column] = value
    return found


def graph_from_highway_lines(frame: Any, *, name: str = "lignes OSM",
                             source: str = "osm-lines") -> nx.MultiDiGraph:
    """Build the contract graph from a GeoDataFrame of OSM highway lines (any CRS)."""
    import geopandas as gpd

    if not isinstance(frame, gpd.GeoDataFrame):
        raise TypeError("graph_from_highway_lines attend un GeoDataFrame")
    if frame.crs is None:
        raise OsmImportError(f"La couche {name} n'a pas de système de coordonnées")
    if frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    interned: dict[tuple[float, float], int] = {}
    ways: list[WayRecord] = []
    for _, row in frame.iterrows():
        tags = _tags(row)
        if not osm_tags.is_kept_way(tags):
            continue
        attrs = osm_tags.edge_attributes(tags)
        for part in shapely.get_parts(row.geometry) if row.geometry is not None else []:
            if part.geom_type != "LineString" or len(part.coords) < 2:
                continue
            keys: list[int] = []
            lons: list[float] = []
            lats: list[float] = []
            for x, y, *_ in part.coords:
                key = (round(x, COORD_DECIMALS), round(y, COORD_DECIMALS))
                keys.append(interned.setdefault(key, len(interned) + 1))
                lons.append(x)
                lats.append(y)
            ways.append(WayRecord(keys=keys, lons=lons, lats=lats, attrs=dict(attrs)))
    if not ways:
        raise OsmImportError(f"La couche {name} ne contient aucune voie (highway) utilisable")
    return graph_from_ways(ways, name=name, source=source)
