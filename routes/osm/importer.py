"""OSM file -> routing graph: read, clip, split at intersections, mark spoil heaps as terrils."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import shapely

from routes.osm.crossings import add_layer_crossings, find_crossings, mark_crossings, rail_nodes
from routes.osm.errors import OsmImportError
from routes.osm.fusion import PlaceRef, attach_places, flag_cavaliers, keep_unmatched_cavaliers
from routes.osm.reader import OsmTerril, read_osm
from routes.osm.water import mark_obstacles, water_obstacles, water_ways
from routes.osm.ways import Clip, clip_polygon, clip_ways, graph_from_ways
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report


@dataclass
class OsmNetwork:
    """The imported graph, the spoil heaps found, and figures for the user."""

    graph: nx.MultiDiGraph
    terrils: list[OsmTerril] = field(default_factory=list)
    elements: int = 0
    elements_per_second: float = 0.0
    incomplete_ways: int = 0
    unattached: list[PlaceRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    crossings: int = 0
    #: Length of cavalier lines with no OSM way along them, kept as layer edges (m).
    unmatched_cavalier_m: float = 0.0

    @property
    def terril_heights(self) -> dict[str, float]:
        """Height (m, OSM ``height`` tag) of the spoil heaps that have one, by place ref."""
        return {t.ref: t.height_m for t in self.terrils if t.height_m is not None}


def import_osm(
    path: Path | str,
    *,
    clip: Clip = None,
    cavalier_lines: list[shapely.Geometry] | None = None,
    places: list[PlaceRef] | None = None,
    communes: list[tuple[str, shapely.Geometry]] | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> OsmNetwork:
    """Import ``path`` (.osm.pbf/.osm/.osm.bz2) clipped to ``clip`` (polygon or W,S,E,N bbox; None
    keeps everything). OSM spoil heaps and the given TVB ``places`` get a node with ``place`` and
    access edges from the land ways; edges along ``cavalier_lines`` are flagged cavalier.
    At-grade crossings with roads and railways become rupture points (see
    :mod:`routes.osm.crossings`), named with the commune of ``communes`` (name, polygon) they lie
    in. Canoeable waterways are water lines joined to no land way (:mod:`routes.osm.water`)."""
    path = Path(path)
    extract = read_osm(path, progress=progress, cancel=cancel)
    check_cancel(cancel, f"Import OSM de {path.name}")
    report(progress, 0.92, "Découpage et construction du graphe")
    ways = clip_ways(extract.ways, clip)
    if not ways:
        raise OsmImportError(
            f"Aucun chemin ni route utilisable dans {path}"
            + (" à l'intérieur de la zone demandée" if clip is not None else "")
        )
    rails = rail_nodes(extract.railways)
    # canoeable waterways: lines of their own, joined to no land way
    water = clip_ways(water_ways(extract.waterways), clip)
    obstacles = water_obstacles(extract.water_obstacles)
    graph = graph_from_ways([*ways, *water], name=path.name, source=f"osm:{path.name}",
                            split_at=rails.keys() | extract.crossing_nodes.keys()
                            | obstacles.keys())
    mark_obstacles(graph, obstacles)
    crossings = find_crossings(graph, rails=rails, crossing_nodes=extract.crossing_nodes,
                               communes=communes or [])
    mark_crossings(graph, crossings, known=extract.has_roads)
    crossings_count = len(crossings)
    terrils = _clip_terrils(extract.terrils, clip)
    check_cancel(cancel, f"Import OSM de {path.name}")
    report(progress, 0.96, "Fusion avec les couches TVB")
    unmatched_m = 0.0
    if cavalier_lines:
        flag_cavaliers(graph, cavalier_lines)
        unmatched_m = keep_unmatched_cavaliers(graph, cavalier_lines,
                                               area=clip_polygon(clip))
        if unmatched_m:
            crossings_count += add_layer_crossings(graph, extract.railways, communes or [])
    to_attach = [PlaceRef(t.ref, t.lon, t.lat, t.name) for t in terrils] + list(places or [])
    unattached = attach_places(graph, to_attach)
    report(progress, 1.0, f"Réseau construit : {graph.number_of_nodes()} nœuds, "
           f"{graph.number_of_edges()} arcs")
    return OsmNetwork(
        graph=graph, terrils=terrils, elements=extract.elements,
        elements_per_second=extract.elements_per_second,
        incomplete_ways=extract.skipped_ways, unattached=unattached,
        warnings=list(extract.warnings), crossings=crossings_count,
        unmatched_cavalier_m=unmatched_m,
    )


def _clip_terrils(terrils: list[OsmTerril], clip: Clip) -> list[OsmTerril]:
    area = clip_polygon(clip)
    if area is None:
        return terrils
    return [t for t in terrils if area.intersects(shapely.Point(t.lon, t.lat))]
