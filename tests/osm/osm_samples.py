"""Small hand-written OSM XML extracts for the import tests (around Loos-en-Gohelle), and the
``network`` command group run without the top-level error handler."""

from __future__ import annotations

import argparse
import bz2
from pathlib import Path

from app.cli.osm_cmd import register_network_subcommands

# id: (lat, lon)
NODES: dict[int, tuple[float, float]] = {
    1: (50.4500, 2.7900), 2: (50.4505, 2.7910), 3: (50.4510, 2.7920), 4: (50.4515, 2.7930),
    5: (50.4520, 2.7920), 6: (50.4530, 2.7920), 7: (50.4515, 2.7950), 8: (50.4515, 2.7970),
    9: (50.4515, 2.7990), 10: (50.4515, 2.8010),
    20: (50.4480, 2.7900), 21: (50.4480, 2.7905), 22: (50.4485, 2.7905),
    30: (50.4465, 2.7900), 31: (50.4465, 2.7930), 32: (50.4485, 2.7930), 33: (50.4485, 2.7900),
    50: (50.4420, 2.7960), 51: (50.4420, 2.7990), 52: (50.4440, 2.7990), 53: (50.4440, 2.7960),
    60: (50.4600, 2.8100), 61: (50.4610, 2.8110),
}
NODE_TAGS: dict[int, dict[str, str]] = {
    40: {"natural": "peak", "name": "Terril de Pinchonvalles", "ele": "140"},
    41: {"man_made": "spoil_heap"},
}
NODE_TAGS_POS: dict[int, tuple[float, float]] = {40: (50.4490, 2.7960), 41: (50.4490, 2.8000)}

WAYS: dict[int, tuple[list[int], dict[str, str]]] = {
    100: ([1, 2, 3, 4], {"highway": "track", "tracktype": "grade2", "surface": "gravel",
                         "name": "Chemin des Terrils", "smoothness": "bad"}),
    101: ([3, 5, 6], {"highway": "path", "sac_scale": "hiking", "mtb:scale": "1",
                      "foot": "designated", "bicycle": "yes", "access": "permissive"}),
    102: ([4, 7], {"highway": "residential", "surface": "asphalt", "name": "Rue Basly"}),
    103: ([7, 8, 9], {"railway": "abandoned", "name": "Ancien cavalier"}),
    104: ([9, 10], {"highway": "cycleway", "railway": "abandoned"}),
    105: ([20, 21, 22, 20], {"building": "yes"}),
    106: ([60, 61], {"highway": "construction"}),
    107: ([30, 31, 32, 33, 30], {"man_made": "spoil_heap", "name": "Terril 11/19",
                                 "height": "146"}),
    110: ([50, 51, 52], {}),
    111: ([52, 53, 50], {}),
}
RELATIONS: dict[int, tuple[list[tuple[str, int, str]], dict[str, str]]] = {
    200: ([("way", 102, ""), ("way", 104, "")],
          {"type": "route", "route": "bicycle", "name": "EuroVelo 5"}),
    201: ([("way", 101, "")], {"type": "route", "route": "hiking", "name": "GR 121"}),
    202: ([("way", 100, "")], {"type": "route", "route": "mtb"}),
    203: ([("way", 110, "outer"), ("way", 111, "outer")],
          {"type": "multipolygon", "man_made": "spoil_heap", "name": "Terril jumeau"}),
}


def _tags(tags: dict[str, str]) -> str:
    return "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())


def osm_xml(
    *, skip_nodes: frozenset[int] = frozenset(),
    ways: dict[int, tuple[list[int], dict[str, str]]] | None = None,
) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="tests">']
    for node_id, (lat, lon) in sorted({**NODES, **NODE_TAGS_POS}.items()):
        if node_id in skip_nodes:
            continue
        tags = NODE_TAGS.get(node_id, {})
        parts.append(f'<node id="{node_id}" version="1" lat="{lat}" lon="{lon}">'
                     f"{_tags(tags)}</node>")
    for way_id, (refs, tags) in sorted((ways if ways is not None else WAYS).items()):
        nds = "".join(f'<nd ref="{ref}"/>' for ref in refs)
        parts.append(f'<way id="{way_id}" version="1">{nds}{_tags(tags)}</way>')
    if ways is None:
        for rel_id, (members, tags) in sorted(RELATIONS.items()):
            mem = "".join(f'<member type="{t}" ref="{r}" role="{role}"/>'
                          for t, r, role in members)
            parts.append(f'<relation id="{rel_id}" version="1">{mem}{_tags(tags)}</relation>')
    parts.append("</osm>")
    return "\n".join(parts)


def write_sample(folder: Path, name: str = "sample.osm", **kwargs: object) -> Path:
    path = folder / name
    text = osm_xml(**kwargs)  # type: ignore[arg-type]
    if name.endswith(".bz2"):
        path.write_bytes(bz2.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def network_cli(argv: list[str]) -> int:
    """``cavalier network <argv>`` (build, download) with errors raised, not printed, so that
    tests can catch them."""
    parser = argparse.ArgumentParser(prog="cavalier")
    network = parser.add_subparsers().add_parser("network")
    register_network_subcommands(network.add_subparsers())
    args = parser.parse_args(["network", *argv])
    result: int = args.handler(args)
    return result
