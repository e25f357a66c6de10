"""From / via / to routing on a :class:`Network` with a profile.

:class:`Router` resolves stops (names or coordinates), finds the cheapest path between consecutive
stops with a path engine, and returns a :class:`Route` with its geometry, length, share per layer,
rupture points crossed, terrils visited and the stretches on unsurveyed edges (read from each
edge's provenance flag, :func:`routes.provenance.is_surveyed`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from routes.errors import RouteRequestError, UnreachableError
from routes.frenchfmt import number
from routes.network.model import Network, edge_layers
from routes.network.places import Place
from routes.provenance import SOURCE_ACCESS, SOURCE_CONNECTOR, is_surveyed
from routes.search.profiles import Profile, edge_cost, get_profile

if TYPE_CHECKING:
    from routes.search.engine import PathResult

EdgeId = tuple[int, int, int]


class PathEngine(Protocol):
    def shortest_path(self, source: int, target: int, *,
                      avoid_edges: Collection[EdgeId] = ()) -> PathResult: ...


EngineFactory = Callable[[nx.MultiDiGraph, Profile], PathEngine]


@dataclass(frozen=True)
class Stop:
    label: str
    lon: float
    lat: float
    node: int
    place_key: str = ""


StopInput = str | tuple[float, float] | Place | Stop


@dataclass(frozen=True)
class RuptureCrossing:
    ident: str
    label: str
    crossing: str
    lon: float
    lat: float


@dataclass(frozen=True)
class UnsurveyedStretch:
    """A run of consecutive unsurveyed edges of a route (metres from its start)."""

    start_m: float
    end_m: float
    source: str
    coords: tuple[tuple[float, float], ...] = ()

    @property
    def length_m(self) -> float:
        return self.end_m - self.start_m


@dataclass
class Route:
    profile: str
    stops: list[Stop]
    nodes: list[int]
    keys: list[int]
    coords: list[tuple[float, float]]
    length_m: float
    cost: float
    layer_lengths: dict[str, float] = field(default_factory=dict)
    ruptures: list[RuptureCrossing] = field(default_factory=list)
    terrils: list[str] = field(default_factory=list)
    unsurveyed: list[UnsurveyedStretch] = field(default_factory=list)

    @property
    def unsurveyed_m(self) -> float:
        return sum(s.length_m for s in self.unsurveyed)

    def share(self, layer: str) -> float:
        return self.layer_lengths.get(layer, 0.0) / self.length_m if self.length_m else 0.0

    @property
    def edges(self) -> list[EdgeId]:
        return [(u, v, k) for u, v, k in zip(self.nodes, self.nodes[1:], self.keys, strict=False)]

    def to_geojson(self) -> dict[str, Any]:
        line = {"type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [list(c) for c in self.coords]},
                "properties": {"role": "parcours", "profile": self.profile,
                               "length_m": round(self.length_m, 1),
                               "layer_lengths_m": {k: round(v, 1)
                                                   for k, v in self.layer_lengths.items()},
                               "terrils": self.terrils,
                               "ruptures": [r.ident for r in self.ruptures],
                               "unsurveyed_m": round(self.unsurveyed_m, 1)}}
        stops = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
                  "properties": {"role": "etape", "name": s.label, "order": i}}
                 for i, s in enumerate(self.stops)]
        ruptures = [{"type": "Feature",
                     "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                     "properties": {"role": "rupture", "id": r.ident, "name": r.label,
                                    "crossing": r.crossing}} for r in self.ruptures]
        unsurveyed = [{"type": "Feature",
                       "geometry": {"type": "LineString",
                                    "coordinates": [list(c) for c in s.coords]},
                       "properties": {"role": "non_releve", "source": s.source, "surveyed": False,
                                      "start_m": round(s.start_m, 1), "end_m": round(s.end_m, 1),
                                      "length_m": round(s.length_m, 1)}}
                      for s in self.unsurveyed if len(s.coords) > 1]
        return {"type": "FeatureCollection",
                "features": [line, *unsurveyed, *stops, *ruptures]}


def route_from_path(network: Network, profile: str | Profile, nodes: list[int], keys: list[int],
                    stops: Sequence[Stop], cost: float | None = None) -> Route:
    """Assemble a Route (geometry, statistics) from a node path and the edge keys taken."""
    graph = network.graph
    coords: list[tuple[float, float]] = []
    layers: dict[str, float] = {}
    terrils: list[str] = []
    unsurveyed: list[UnsurveyedStretch] = []
    length = 0.0
    total_cost = 0.0
    p = get_profile(profile)
    for u, v, k in zip(nodes, nodes[1:], keys, strict=False):
        data = graph[u][v][k]
        if not is_surveyed(data):
            unsurveyed.append(_extend(unsurveyed, length, data))
        length += data["length"]
        total_cost += edge_cost(data, p) or 0.0
        for layer in edge_layers(data):
            layers[layer] = layers.get(layer, 0.0) + data["length"]
        points = [(float(x), float(y)) for x, y in data["geometry"].coords]
        coords.extend(points[1:] if coords else points)
        if data.get("terril") and data["terril"] not in terrils:
            terrils.append(data["terril"])
    if not coords and nodes:
        only = graph.nodes[nodes[0]]
        coords = [(only["x"], only["y"])]
    return Route(p.name, list(stops), list(nodes), list(keys), coords, length,
                 total_cost if cost is None else cost, layers, _ruptures(graph, nodes), terrils,
                 unsurveyed)


def _extend(stretches: list[UnsurveyedStretch], at_m: float,
            data: dict[str, Any]) -> UnsurveyedStretch:
    """The stretch after one more unsurveyed edge starting ``at_m``: the previous stretch grown
    when the edge follows it directly (it is then popped from ``stretches``), else a new one."""
    points = tuple((float(x), float(y)) for x, y in data["geometry"].coords)
    end = at_m + float(data["length"])
    source = str(data.get("source")
                 or (SOURCE_ACCESS if data.get("access") else SOURCE_CONNECTOR))
    if stretches and abs(stretches[-1].end_m - at_m) < 1e-6:
        last = stretches.pop()
        return UnsurveyedStretch(last.start_m, end, last.source, last.coords + points[1:])
    return UnsurveyedStretch(at_m, end, source, points)


def _ruptures(graph: nx.MultiDiGraph, nodes: list[int]) -> list[RuptureCrossing]:
    crossings: list[RuptureCrossing] = []
    for n in nodes:
        data = graph.nodes[n]
        ident = data.get("rupture")
        if ident and (not crossings or crossings[-1].ident != ident):
            crossings.append(RuptureCrossing(ident, data.get("rupture_label", ident),
                                             data.get("crossing", ""), data["x"], data["y"]))
    return crossings


class Router:
    """Routes on one network; engines are built once per profile and reused."""

    def __init__(self, network: Network, engine_factory: EngineFactory | None = None) -> None:
        self.network = network
        self._factory: EngineFactory = engine_factory or default_engine_factory()
        self._engines: dict[str, PathEngine] = {}

    def engine(self, profile: str | Profile) -> PathEngine:
        p = get_profile(profile)
        if p.name not in self._engines:
            self._engines[p.name] = self._factory(self.network.graph, p)
        return self._engines[p.name]

    def stop(self, value: StopInput) -> Stop:
        if isinstance(value, Stop):
            return value
        if isinstance(value, tuple):
            lon, lat = value
            place = Place(key="", name=f"{lat:.5f}, {lon:.5f}", kind="coordonnees",
                          lon=lon, lat=lat)
        elif isinstance(value, Place):
            place = value
        else:
            place = self.network.places.resolve(value)
        return Stop(place.label, place.lon, place.lat, self.network.node_of(place), place.key)

    def route(self, stops: Sequence[StopInput], profile: str | Profile, *,
              avoid_edges: Collection[EdgeId] = ()) -> Route:
        if len(stops) < 2:
            raise UnreachableError("Un parcours demande au moins un départ et une arrivée.")
        p = get_profile(profile)
        resolved = [self.stop(s) for s in stops]
        if len({s.node for s in resolved}) == 1:
            raise RouteRequestError(
                f"Départ et arrivée identiques (« {resolved[0].label} ») sans étape entre les "
                "deux : le parcours ferait 0 km. Pour une boucle, ajoutez au moins une étape "
                "entre les deux (--via en ligne de commande) ou générez-la (bouton « Boucle » "
                "de la fenêtre, « cavalier loop »).")
        engine = self.engine(p)
        nodes: list[int] = [resolved[0].node]
        keys: list[int] = []
        cost = 0.0
        for a, b in itertools.pairwise(resolved):
            if a.node == b.node:
                continue
            try:
                leg = engine.shortest_path(a.node, b.node, avoid_edges=avoid_edges)
            except UnreachableError as exc:
                raise UnreachableError(explain_unreachable(self.network, a, b, p)) from exc
            nodes.extend(leg.nodes[1:])
            keys.extend(leg.keys)
            cost += leg.cost
        return route_from_path(self.network, p, nodes, keys, resolved, cost)


def explain_unreachable(network: Network, a: Stop, b: Stop, profile: Profile) -> str:
    """French explanation naming the separate parts the two stops are on."""
    graph = network.graph
    usable = nx.MultiDiGraph()
    usable.add_nodes_from(graph.nodes)
    usable.add_edges_from((u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
                          if edge_cost(d, profile) is not None)
    components = {n: i for i, comp in enumerate(nx.weakly_connected_components(usable))
                  for n in comp}
    whole = {n: i for i, comp in enumerate(nx.weakly_connected_components(graph)) for n in comp}

    def describe(stop: Stop) -> str:
        members = [n for n, c in components.items() if c == components[stop.node]]
        km = sum(d["length"] for _, _, d in graph.subgraph(members).edges(data=True)) / 2000
        places = [graph.nodes[n]["label"] for n in members if "label" in graph.nodes[n]]
        near = f", avec {', '.join(sorted(places)[:3])}" if places else ""
        return f"« {stop.label} » est sur une partie de {number(km, 1)} km{near}"

    reason = (f"aucun chemin praticable en {profile.label.lower()} : les seules liaisons passent "
              "par des voies interdites à ce profil (escaliers, zones sensibles, voies rapides…)"
              if whole[a.node] == whole[b.node]
              else "le réseau n'a aucune liaison entre ces deux parties")
    return f"{describe(a)} ; {describe(b)} ; {reason}."


def default_engine_factory() -> EngineFactory:
    """The route engine (contraction hierarchies on the graph's arrays), shared per graph and
    profile."""
    from routes.search.engine import engine_for  # imports scipy: only when the first route is asked

    return engine_for
