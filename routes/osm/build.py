"""The whole ``network build`` pipeline: OSM source, clip, TVB fusion, elevations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from routes.elevation import open_dems, set_elevations
from routes.network.gis_import import read_checked_frame
from routes.osm.crossings import add_layer_crossings, mark_road_crossings
from routes.osm.errors import OsmImportError
from routes.osm.fusion import (
    PlaceRef,
    attach_places,
    flag_cavaliers,
    keep_unmatched_cavaliers,
)
from routes.osm.importer import import_osm
from routes.osm.lines import graph_from_highway_lines
from routes.osm.tvb import FusionInputs, load_fusion_inputs
from routes.osm.ways import Clip
from routes.progress import CancelCallback, ProgressCallback, report


@dataclass
class BuildReport:
    graph: nx.MultiDiGraph
    elements: int = 0
    elements_per_second: float = 0.0
    incomplete_ways: int = 0
    osm_terrils: int = 0
    cavalier_edges: int = 0
    unattached: list[PlaceRef] = field(default_factory=list)
    elevation_nodes: int = 0
    warnings: list[str] = field(default_factory=list)
    crossings: int = 0
    unmatched_cavalier_m: float = 0.0


def build_network(
    *,
    osm: Path | None = None,
    highway_lines: Path | None = None,
    clip: Clip = None,
    layers: Path | None = None,
    dems: list[Path] | None = None,
    allow_partial_dem: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> BuildReport:
    """Build a routable network from an OSM file (or a GIS layer of OSM highway lines)."""
    if (osm is None) == (highway_lines is None):
        raise OsmImportError("Indiquez une source : un fichier OSM ou une couche de lignes OSM")
    inputs = load_fusion_inputs(layers) if layers is not None else FusionInputs()
    if osm is not None:
        network = import_osm(osm, clip=clip, cavalier_lines=inputs.cavalier_lines,
                             places=inputs.places, communes=inputs.communes,
                             progress=progress, cancel=cancel)
        result = BuildReport(
            graph=network.graph, elements=network.elements,
            elements_per_second=network.elements_per_second,
            incomplete_ways=network.incomplete_ways, osm_terrils=len(network.terrils),
            unattached=network.unattached, warnings=list(network.warnings),
            crossings=network.crossings, unmatched_cavalier_m=network.unmatched_cavalier_m,
        )
    else:
        assert highway_lines is not None
        read_warnings: list[str] = []
        graph = graph_from_highway_lines(_read_lines(highway_lines, read_warnings),
                                         name=highway_lines.name,
                                         source=f"osm-lines:{highway_lines.name}")
        crossings = mark_road_crossings(graph, inputs.communes)
        report(progress, 0.8, "Fusion avec les couches TVB")
        unmatched_m = 0.0
        if inputs.cavalier_lines:
            flag_cavaliers(graph, inputs.cavalier_lines)
            unmatched_m = keep_unmatched_cavaliers(graph, inputs.cavalier_lines)
            if unmatched_m:
                crossings += add_layer_crossings(graph, communes=inputs.communes)
        result = BuildReport(graph=graph, unattached=attach_places(graph, inputs.places),
                             crossings=crossings, unmatched_cavalier_m=unmatched_m,
                             warnings=read_warnings)
    result.cavalier_edges = sum(1 for *_, c in result.graph.edges(data="cavalier") if c)
    if dems:
        report(progress, 0.98, "Altitudes depuis le MNT")
        dem = open_dems(dems)
        result.warnings.extend(w for tile in dem.dems for w in tile.warnings)
        result.elevation_nodes = set_elevations(result.graph, dem, source=dem.sources,
                                                allow_partial=allow_partial_dem)
    report(progress, 1.0, "Réseau prêt")
    return result


def _read_lines(path: Path, warnings: list[str]) -> object:
    """The highway lines through the checks every layer reader applies (the same as
    ``network info``: CRS and its area of use, finite and valid geometries), before any of
    their coordinates reach native code."""
    if not path.is_file():
        raise OsmImportError(f"Couche de lignes OSM introuvable : {path}")
    frame, found = read_checked_frame(path)
    warnings.extend(found)
    return frame
