"""Issue #25: canoeable OSM waterways become water lines, so a canoe leg routes on an OSM
network. A small extract written here (a canal with a towpath beside it, a river, streams with
and without canoe access, a culvert, a weir) goes through the real importer: the canal is
followed by the canoe, the towpath by the trail between the same points, and the water is never
joined to a land way, even where a way shares a node with it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import shapely
from pyproj import Geod

from app.leg_routing import route_legs
from app.model import Leg, LegKind, Stop
from routes.network.model import Network, gazetteer_for
from routes.osm import import_osm
from routes.osm.download import WATERWAY_FILTER, graph_from_osmnx
from routes.osm.tags import is_canoe_waterway
from routes.search.profiles import PROFILE_NAMES, edge_cost

GEOD = Geod(ellps="WGS84")
LAT_CANAL, LAT_PATH = 50.4500, 50.4503  # the towpath runs 33 m north of the canal
LONS = [2.7900 + 0.002 * i for i in range(8)]  # 8 vertices, about 1 km

# id: (lat, lon, tags)
NODES: dict[int, tuple[float, float, dict[str, str]]] = {
    **{1 + i: (LAT_CANAL, lon, {}) for i, lon in enumerate(LONS)},  # canal 1..8
    **{11 + i: (LAT_PATH, lon, {}) for i, lon in enumerate(LONS)},  # towpath 11..18
    4: (LAT_CANAL, LONS[3], {"waterway": "weir", "name": "Seuil du moulin"}),
    30: (50.4490, 2.7930, {}), 31: (50.4510, 2.7930, {}),  # a track across the canal at node 3
    40: (50.4460, 2.7900, {}), 41: (50.4460, 2.8040, {}),  # a river south
    50: (50.4440, 2.7900, {}), 51: (50.4440, 2.8040, {}),  # a stream, no canoe tag
    52: (50.4430, 2.7900, {}), 53: (50.4430, 2.8040, {}),  # a stream open to canoes
    54: (50.4420, 2.7900, {}), 55: (50.4420, 2.8040, {}),  # a river closed to boats
    56: (50.4410, 2.7900, {}), 57: (50.4410, 2.7910, {}),  # a culvert
}
WAYS: dict[int, tuple[list[int], dict[str, str]]] = {
    100: (list(range(1, 9)), {"waterway": "canal", "name": "Canal de la Deûle"}),
    101: (list(range(11, 19)), {"highway": "track", "name": "Chemin de halage"}),
    102: ([30, 3, 31], {"highway": "track", "name": "Gué"}),  # shares node 3 with the canal
    103: ([11, 30], {"highway": "path"}),
    104: ([40, 41], {"waterway": "river", "name": "Souchez"}),
    105: ([50, 51], {"waterway": "stream", "name": "Fossé"}),
    106: ([52, 53], {"waterway": "stream", "canoe": "yes", "name": "Ruisseau ouvert"}),
    107: ([54, 55], {"waterway": "river", "boat": "no", "name": "Rivière fermée"}),
    108: ([56, 57], {"waterway": "canal", "tunnel": "culvert"}),
}


def _tags(tags: dict[str, str]) -> str:
    return "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())


def _refs(refs: list[int]) -> str:
    return "".join(f'<nd ref="{n}"/>' for n in refs)


def write_extract(folder: Path) -> Path:
    nodes = "".join(f'<node id="{i}" version="1" lat="{lat}" lon="{lon}">{_tags(t)}</node>'
                    for i, (lat, lon, t) in NODES.items())
    ways = "".join(f'<way id="{i}" version="1">{_refs(refs)}{_tags(t)}</way>'
                   for i, (refs, t) in WAYS.items())
    path = folder / "canal.osm"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><osm version="0.6">{nodes}{ways}'
                    "</osm>", encoding="utf-8")
    return path


@cache
def _network(folder: str) -> Network:
    graph = import_osm(write_extract(Path(folder))).graph
    return Network(graph, gazetteer_for(graph, None), "canal (test)")


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Network:
    return _network(str(tmp_path_factory.mktemp("water")))


def _water_names(network: Network) -> set[str]:
    return {str(d.get("name")) for _, _, d in network.graph.edges(data=True) if d.get("water")}


def test_canoeable_waterways_are_water_lines(network: Network) -> None:
    assert _water_names(network) == {"Canal de la Deûle", "Souchez", "Ruisseau ouvert"}
    for _, _, data in network.graph.edges(data=True):
        if data.get("water"):
            assert data["highway"] == "" and not data["cavalier"]
            assert data["source"] == "osm"


@pytest.mark.parametrize(("tags", "kept"), [
    ({"waterway": "river"}, True), ({"waterway": "canal"}, True),
    ({"waterway": "stream"}, False), ({"waterway": "stream", "canoe": "permissive"}, True),
    ({"waterway": "stream", "canoe": "designated"}, True),
    ({"waterway": "stream", "boat": "yes"}, True), ({"waterway": "river", "canoe": "no"}, False),
    ({"waterway": "canal", "boat": "no"}, False),
    ({"waterway": "river", "tunnel": "culvert"}, False), ({"waterway": "ditch"}, False),
    ({"waterway": "weir"}, False), ({"highway": "path"}, False)])
def test_which_waterways_a_canoe_follows(tags: dict[str, str], kept: bool) -> None:
    assert is_canoe_waterway(tags) is kept


def test_the_water_shares_no_node_with_the_land(network: Network) -> None:
    graph = network.graph
    water = {n for u, v, d in graph.edges(data=True) if d.get("water") for n in (u, v)}
    land = {n for u, v, d in graph.edges(data=True) if not d.get("water") for n in (u, v)}
    assert water and land and not water & land  # the ford's node 3 is two nodes
    weirs = [d for n, d in graph.nodes(data=True) if d.get("obstacle")]
    assert [w["obstacle"] for w in weirs] == ["seuil"]  # the weir splits the canal there


def test_foot_and_bike_profiles_never_follow_water(network: Network) -> None:
    water_edge = next(d for _, _, d in network.graph.edges(data=True) if d.get("water"))
    for name in PROFILE_NAMES:
        allowed = edge_cost(water_edge, name) is not None
        assert allowed is (name == "canoe"), name


def _stop(label: str, lat: float, lon: float) -> Stop:
    return Stop(label, lon, lat)


def _off_canal_m(coords: list[tuple[float, ...]]) -> float:
    """Largest distance (m) from the course's points to the canal's latitude."""
    return max(abs(GEOD.inv(lon, lat, lon, LAT_CANAL)[2]) for lon, lat, *_ in coords)


def test_a_canoe_leg_follows_the_canal_and_a_trail_the_towpath(network: Network) -> None:
    # two landings on the towpath, 33 m from the water
    start, end = _stop("Ponton amont", LAT_PATH, LONS[0]), _stop("Ponton aval", LAT_PATH, LONS[-1])
    canoe, trail = route_legs((Leg(LegKind.CANOE, start=start, end=end),
                               Leg(LegKind.TRAIL, start=start, end=end)), network)
    assert canoe.route is not None and trail.route is not None
    assert canoe.route.profile == "canoe" and trail.route.profile == "trail"
    assert _off_canal_m(list(canoe.route.geometry)) < 1.0  # on the water all along
    assert canoe.route.stats["layer_share"].get("water") == pytest.approx(1.0)
    assert not canoe.route.stats.get("unsurveyed_m")  # routed, not drawn by hand
    assert "water" not in trail.route.stats["layer_share"]
    assert min(abs(GEOD.inv(lon, lat, lon, LAT_CANAL)[2])
               for lon, lat, *_ in trail.route.geometry) > 30.0  # never on the water
    towpath = shapely.LineString([(lon, LAT_PATH) for lon in LONS])
    assert canoe.route.length_km == pytest.approx(GEOD.geometry_length(towpath) / 1000, rel=0.02)


def test_the_overpass_download_asks_for_the_waterways() -> None:
    """The online download's second query (an osmnx graph here, as osmnx returns it): its
    canoeable ways become water lines, apart from the paths of the first."""
    import networkx as nx

    assert all(w in WATERWAY_FILTER for w in ("river", "canal", "stream"))
    paths = nx.MultiDiGraph()
    paths.add_node(1, x=2.79, y=LAT_PATH)
    paths.add_node(2, x=2.80, y=LAT_PATH)
    paths.add_edge(1, 2, osmid=101, highway="track", name="Chemin de halage")
    waters = nx.MultiDiGraph()
    waters.add_node(1, x=2.79, y=LAT_CANAL)  # a node id the paths use too
    waters.add_node(3, x=2.80, y=LAT_CANAL)
    waters.add_node(4, x=2.81, y=LAT_CANAL)
    waters.add_edge(1, 3, osmid=100, waterway="canal", name="Canal de la Deûle")
    waters.add_edge(3, 4, osmid=105, waterway="stream", name="Fossé")
    graph = graph_from_osmnx(paths, name="t", origin="test", waterways=waters)
    water = [d for _, _, d in graph.edges(data=True) if d.get("water")]
    assert {d["name"] for d in water} == {"Canal de la Deûle"}
    assert not any(d.get("water") for _, _, d in graph.edges(1, data=True))
