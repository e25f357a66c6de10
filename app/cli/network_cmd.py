"""``cavalier network info``: what a network is made of (``build``, ``download`` and
``add-tracks`` live in :mod:`app.cli.osm_cmd` and :mod:`app.cli.tracks_cmd`)."""

from __future__ import annotations

import argparse
from typing import Any

import networkx as nx

from app.cli.common import add_network_arguments, network_from_args
from app.cli.osm_cmd import register_network_subcommands
from app.cli.tracks_cmd import register_tracks_subcommand
from routes.frenchfmt import km, number, percent
from routes.network.crossing_status import rupture_count_text
from routes.network.layers import LayerKind
from routes.network.model import Network

_LAYER_LABELS = {"cavalier": "cavaliers", "veloroute": "véloroute", "hiking": "randonnée",
                 "terril": "sur terrils", "access": "accès aux lieux",
                 "liaison": "liaisons ajoutées", "chemin": "autres chemins"}


def register(subparsers: Any) -> None:
    network = subparsers.add_parser("network", help="informations sur un réseau")
    actions = network.add_subparsers(dest="action", metavar="ACTION")
    info = actions.add_parser("info", help="comptes, composantes et km par couche")
    add_network_arguments(info)
    info.set_defaults(handler=run_info)
    network.set_defaults(handler=lambda _: network.print_help() or 2)
    register_network_subcommands(actions)
    register_tracks_subcommand(actions)


def describe(net: Network) -> list[str]:
    graph = net.graph
    report = net.report
    places = net.places.places
    lines = [f"Réseau : {net.name}",
             f"Nœuds : {number(graph.number_of_nodes(), 0)} — arêtes : "
             f"{number(graph.number_of_edges() // 2, 0)} (dans les deux sens : "
             f"{number(graph.number_of_edges(), 0)})",
             f"Composantes connexes : {nx.number_weakly_connected_components(graph)}"]
    counts = {kind: sum(1 for p in places if p.kind == kind.value)
              for kind in (LayerKind.TERRIL, LayerKind.POLE, LayerKind.COMMUNE)}
    lines.append("Lieux : " + ", ".join(f"{n} {k.label}" for k, n in counts.items()))
    ruptures = sum(1 for _, d in graph.nodes(data=True) if d.get("rupture"))
    lines.append(f"Points de rupture sur le réseau : {rupture_count_text(graph, ruptures)}")
    lines.append("Longueur par couche :")
    for layer, length in sorted(net.km_per_layer().items(), key=lambda kv: -kv[1]):
        lines.append(f"  {_LAYER_LABELS.get(layer, layer):<20} {km(length * 1000)}")
    if report.cavalier_km:
        lines.append(f"Part des cavaliers dans la plus grande composante : "
                     f"{percent(report.cavalier_share_largest, 1)} par jonction à la tolérance, "
                     f"{percent(report.cavalier_share_largest_linked, 1)} avec les liaisons")
    if report.liaisons:
        lines.append(f"Liaisons ajoutées entre parties séparées : {report.liaisons} "
                     f"({km(report.liaison_km * 1000)}), à vérifier sur le terrain")
    lines.extend(f"Avertissement : {w}" for w in report.warnings)
    return lines


def run_info(args: argparse.Namespace) -> int:
    print("\n".join(describe(network_from_args(args))))
    return 0
