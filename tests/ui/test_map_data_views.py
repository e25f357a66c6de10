"""Large networks on the map: merged line layers, paths sent by view (no Qt needed)."""

from __future__ import annotations

import shapely

from app import map_data
from app.map_data import PathIndex, network_layers
from routes.network.model import Network, load_network


def test_paths_by_view_and_merged_layers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    embedded = load_network()
    graph = embedded.graph.copy()
    for _, _, data in graph.edges(data=True):
        # The embedded network is old railway lines and the véloroute: make plain paths of the
        # lines around Lens and Loos-en-Gohelle.
        middle = data["geometry"].interpolate(0.5, normalized=True)
        if 2.70 < middle.x < 2.90:
            data["cavalier"] = data["hiking"] = False
    network = Network(graph, embedded.places, "essai")
    monkeypatch.setattr(map_data, "INLINE_EDGES_MAX", 100)
    assert map_data.is_large(network)
    inline = network_layers(network)
    by_view = network_layers(network, inline_paths=False)
    assert inline["paths"]["features"] and not by_view["paths"]["features"]
    # Line layers are merged into polylines: fewer features, same drawn length (± simplify).
    for key in ("cavaliers", "veloroute"):
        assert by_view[key]["features"], key
        assert 0 < len(by_view[key]["features"]) <= len(inline[key]["features"])
        lengths = [sum(shapely.geometry.shape(f["geometry"]).length for f in layers[key]
                       ["features"]) for layers in (inline, by_view)]
        assert abs(lengths[1] - lengths[0]) <= 0.01 * lengths[0]
    index = PathIndex(network)
    assert len(index) == sum(1 for u, v, d in network.graph.edges(data=True)
                             if u <= v and not d.get("access")
                             and map_data._edge_layer(d) == "paths")
    south, west, north, east = 50.43, 2.76, 50.46, 2.81  # around Loos-en-Gohelle
    view = index.view(south, west, north, east, 14)["features"]
    everything = index.view(50.0, 1.5, 51.0, 4.0, 14)["features"]
    assert 0 < len(view) < len(everything)
    box = shapely.box(west, south, east, north)
    assert all(shapely.geometry.shape(f["geometry"]).intersects(box.buffer(0.01))
               for f in view)
