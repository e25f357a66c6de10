"""A routable network: the graph, its named places and how it was built.

:func:`load_network` is the one entry point the CLI and the UI use: the embedded basin network by
default, GIS layers with ``layers=[...]``, or a saved network file with ``network_path``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import networkx as nx
import numpy as np
import shapely
from shapely import STRtree

from routes.errors import UnreachableError
from routes.frenchfmt import km_text, number
from routes.geodesy import metric_xy, to_lonlat
from routes.network import prebuilt
from routes.network import store as netstore
from routes.network.builder import (
    BuildOptions,
    BuildReport,
    anchor_point,
    build_graph,
    place_key,
    terril_footprint,
)
from routes.network.gis_import import read_layer_file, read_layers
from routes.network.layers import LINE_KINDS, LayerKind, LayerSet
from routes.network.places import Gazetteer, Place, place_from_feature
from routes.network.roles import RoleMapping, RoleRule
from routes.progress import CancelCallback, ProgressCallback, Task

EMBEDDED_NAME = "Bassin minier (réseau embarqué)"
#: The embedded cavalier lines were simplified at ~10 m upstream: their ends miss each other by up
#: to ~20 m, and a few parts are separated by gaps the builder bridges with flagged liaisons.
EMBEDDED_OPTIONS = BuildOptions(tolerance_m=25.0, liaison_max_m=1000.0)
#: A stop farther than this from every node is refused rather than silently moved.
MAX_SNAP_M = 2500.0


@dataclass
class Network:
    graph: nx.MultiDiGraph
    places: Gazetteer
    name: str
    layers: LayerSet | None = None
    report: BuildReport = field(default_factory=BuildReport)

    @cached_property
    def _node_index(self) -> tuple[list[int], STRtree]:
        # a land point never snaps into the water: nodes of the water lines alone are left out
        # (a canoe leg puts its points in the water itself, app.leg_routing)
        graph = self.graph
        water = _water_only(graph)
        ids = [n for n, d in graph.nodes(data=True) if "place" not in d and n not in water]
        lon = np.array([self.graph.nodes[n]["x"] for n in ids], dtype=float)
        lat = np.array([self.graph.nodes[n]["y"] for n in ids], dtype=float)
        return ids, STRtree(shapely.points(metric_xy(lon, lat)))

    def nearest_node(self, lon: float, lat: float) -> tuple[int, float]:
        """Nearest way node and its distance in metres."""
        ids, tree = self._node_index
        point = shapely.points(metric_xy(np.array([lon]), np.array([lat])))[0]
        (index,), (distance,) = tree.query_nearest(point, return_distance=True, all_matches=False)
        return ids[int(index)], float(distance)

    def snap(self, lon: float, lat: float) -> int:
        node, distance = self.nearest_node(lon, lat)
        if distance > MAX_SNAP_M:
            raise UnreachableError(
                f"Le point (latitude {number(lat, 5)}, longitude {number(lon, 5)}) est à "
                f"{km_text(distance)} du réseau le plus proche (maximum {km_text(MAX_SNAP_M)}) : "
                "il est hors de la zone couverte."
            )
        return node

    def node_of(self, place: Place) -> int:
        return place.node if place.node is not None else self.snap(place.lon, place.lat)

    def km_per_layer(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for _, _, data in self.graph.edges(data=True):
            for layer in edge_layers(data):
                totals[layer] = totals.get(layer, 0.0) + data["length"] / 2000.0
        return totals


def _water_only(graph: nx.MultiDiGraph) -> set[int]:
    """The nodes every edge of which is a water line (nodes of the water alone), in one pass."""
    water: set[int] = set()
    land: set[int] = set()
    for u, _, flag in graph.edges(data="water"):
        (water if flag else land).add(u)
    return water - land


def edge_layers(data: dict[str, object]) -> list[str]:
    """Layer names an edge counts for in statistics (flags, terril, or "chemin")."""
    names = [flag for flag in ("cavalier", "veloroute", "hiking", "access", "liaison", "water")
             if data.get(flag)]
    if data.get("terril"):
        names.append("terril")
    return names or ["chemin"]


def embedded_layers(folder: Traversable | None = None, *,
                    skip: Collection[str] = ()) -> LayerSet:
    """The basin network shipped in ``assets/network`` (one GeoJSON file per layer), or the
    layer files of ``folder`` laid out the same way; files named in ``skip`` are not read."""
    return LayerSet.merged(_layer_files(folder, skip).values())


def _layer_files(folder: Traversable | None, skip: Collection[str] = ()) -> dict[str, LayerSet]:
    parts = {}
    for entry in prebuilt.layer_entries(folder or prebuilt.assets_folder()):
        if entry.name not in skip:
            with resources.as_file(entry) as path:
                parts[entry.name] = read_layer_file(Path(path))
    return parts


def embedded_network(options: BuildOptions = EMBEDDED_OPTIONS, *, use_prebuilt: bool = True,
                     progress: ProgressCallback | None = None,
                     cancel: CancelCallback | None = None) -> Network:
    """The embedded basin network: its graph reloaded from the shipped prebuilt file when that
    file matches the shipped layers and ``options`` (see :mod:`routes.network.prebuilt`; the
    network's ``layers`` then leave out the line files the graph holds whole), built from the
    layers otherwise."""
    task = Task(progress, cancel)
    task.step(0.0, "Lecture du réseau embarqué…")
    found = prebuilt.read(options) if use_prebuilt else None
    if found is None:
        layers = embedded_layers()
        graph, report = build_graph(layers, options, name=EMBEDDED_NAME, progress=progress,
                                    cancel=cancel)
    else:
        layers = embedded_layers(skip=found.graph_only_files)
        graph, report = found.graph, found.report
    graph.graph["source"] = prebuilt.embedded_sources()
    network = Network(graph, gazetteer_for(graph, layers), EMBEDDED_NAME, layers, report)
    task.step(1.0, "Réseau prêt.")
    return network


def write_prebuilt(folder: Path) -> Path:
    """Build the graph from the layer files in ``folder`` and save it there as the prebuilt
    embedded graph (``tools/build_default_network.py`` calls this after writing the layers)."""
    files = _layer_files(folder)
    graph, report = build_graph(LayerSet.merged(files.values()), EMBEDDED_OPTIONS,
                                name=EMBEDDED_NAME)
    graph.graph["source"] = prebuilt.embedded_sources(folder)
    lines_only = [name for name, part in files.items()
                  if part.features and all(f.kind in LINE_KINDS for f in part.features)]
    return prebuilt.write(graph, report, prebuilt.current_digest(EMBEDDED_OPTIONS, folder),
                          folder / prebuilt.PREBUILT_NAME, lines_only)


def gazetteer_for(graph: nx.MultiDiGraph, layers: LayerSet | None) -> Gazetteer:
    nodes = {d["place"]: n for n, d in graph.nodes(data=True) if "place" in d}
    gazetteer = Gazetteer()
    if layers is None:
        for key, node in nodes.items():
            data = graph.nodes[node]
            outline = data.get("footprint")  # WKT kept by a saved network (recce tracks import)
            label = str(data.get("label", key))
            if label.startswith(f"{key} "):  # the saved label is "T074 Name": keep the name
                label = label[len(key) + 1:]
            height = data.get("height_m")
            gazetteer.add(Place(key=key, name=label,
                                kind=str(data.get("kind", "pole")),
                                lon=float(data.get("anchor_x", data["x"])),
                                lat=float(data.get("anchor_y", data["y"])), node=node,
                                footprint=shapely.from_wkt(outline) if outline else None,
                                height_m=float(height) if height is not None else None))
        return gazetteer
    for feature in layers.of(LayerKind.POLE, LayerKind.TERRIL, LayerKind.COMMUNE):
        key = place_key(feature)
        point = anchor_point(feature)
        place = place_from_feature(feature, key, point.x, point.y, nodes.get(key))
        if feature.kind is LayerKind.TERRIL:
            place = Place(**{**place.__dict__, "footprint": to_lonlat(terril_footprint(feature))})
        gazetteer.add(place)
    return gazetteer


def network_from_layers(layers: LayerSet, options: BuildOptions | None = None, *, name: str,
                        progress: ProgressCallback | None = None,
                        cancel: CancelCallback | None = None) -> Network:
    graph, report = build_graph(layers, options, name=name, progress=progress, cancel=cancel)
    return Network(graph, gazetteer_for(graph, layers), name, layers, report)


def load_network(network_path: str | Path | None = None,
                 layers: Sequence[str | Path] | None = None, *,
                 tolerance_m: float | None = None,
                 liaison_max_m: float | None = None,
                 roles: Sequence[RoleRule] = (),
                 progress: ProgressCallback | None = None,
                 cancel: CancelCallback | None = None) -> Network:
    """Saved network file, GIS layers, or (neither given) the embedded basin network.

    ``tolerance_m`` and ``liaison_max_m`` default to 15 m and 1 km for layers, and to
    :data:`EMBEDDED_OPTIONS` for the embedded network."""
    if network_path is not None:
        graph = netstore.load(Path(network_path))
        places = gazetteer_for(graph, None)
        for place in gazetteer_for(graph, embedded_layers(skip=prebuilt.line_files())).places:
            if place.kind == "commune":
                places.add(place)
        return Network(graph, places, str(graph.graph.get("name", Path(network_path).stem)))
    if layers:
        mapping = RoleMapping().with_rules_first(roles)
        layer_set = read_layers(layers, mapping)
        options = BuildOptions(
            tolerance_m=BuildOptions.tolerance_m if tolerance_m is None else tolerance_m,
            liaison_max_m=1000.0 if liaison_max_m is None else liaison_max_m)
        label = ", ".join(Path(p).name for p in layers)
        return network_from_layers(layer_set, options, name=label, progress=progress,
                                   cancel=cancel)
    options = BuildOptions(
        tolerance_m=EMBEDDED_OPTIONS.tolerance_m if tolerance_m is None else tolerance_m,
        liaison_max_m=EMBEDDED_OPTIONS.liaison_max_m if liaison_max_m is None else liaison_max_m)
    return embedded_network(options, progress=progress, cancel=cancel)
