"""The embedded network's graph, built once by ``tools/build_default_network.py`` and shipped as
``assets/network/default.cavnet`` (the saved-network format of :mod:`routes.network.store`).

Building the graph from the layers (noding, gap repair, place attachment) takes seconds; reloading
the saved graph takes tens of milliseconds, so the window opens fast. The saved graph records a
digest of the GeoJSON layers and build options it was made from: when the shipped layers or
options differ (a stale file), the loader ignores it and the network is built from the layers, as
before. A test rebuilds the graph from the layers and checks the shipped one is identical.

Layer files holding only lines (cavaliers, véloroute) are wholly in the graph: with the prebuilt
graph they are not read again, and the network's ``layers`` hold the places and areas only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from routes.network import store as netstore
from routes.network.builder import BuildOptions, BuildReport

PREBUILT_NAME = "default.cavnet"
_DIGEST_KEY = "assets_digest"
_REPORT_KEY = "build_report"
_GRAPH_ONLY_KEY = "graph_only_files"


def assets_folder() -> Traversable:
    return resources.files("assets") / "network"


def layer_entries(folder: Traversable) -> list[Traversable]:
    """The embedded layer files, in the order the network is built from them."""
    return sorted((e for e in folder.iterdir() if e.name.endswith(".geojson")),
                  key=lambda e: e.name)


def assets_digest(files: Iterable[tuple[str, bytes]], options: BuildOptions) -> str:
    """SHA-256 of the layer files (name and content) and of the build options."""
    digest = hashlib.sha256()
    for name, content in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + str(len(content)).encode() + b"\0")
        digest.update(content)
    digest.update(json.dumps(dataclasses.asdict(options), sort_keys=True).encode("utf-8"))
    digest.update(f"store {netstore.VERSION}".encode())
    return digest.hexdigest()


def current_digest(options: BuildOptions, folder: Traversable | None = None) -> str:
    entries = layer_entries(folder or assets_folder())
    return assets_digest(((e.name, e.read_bytes()) for e in entries), options)


def embedded_sources(folder: Traversable | None = None) -> str:
    """The graph's ``source``: the asset files by name (no path of the machine that built it)."""
    return ";".join(f"assets/network/{e.name}" for e in layer_entries(folder or assets_folder()))


@dataclasses.dataclass(frozen=True)
class Prebuilt:
    graph: nx.MultiDiGraph
    report: BuildReport
    #: Layer files whose features are all lines, wholly in the graph: not read again at load.
    graph_only_files: frozenset[str] = frozenset()


def write(graph: nx.MultiDiGraph, report: BuildReport, digest: str, path: Path,
          graph_only_files: Iterable[str] = ()) -> Path:
    """Save ``graph`` with its build report, the digest of what it was built from and the layer
    files it holds whole."""
    saved = graph.copy(as_view=False)
    saved.graph[_DIGEST_KEY] = digest
    saved.graph[_REPORT_KEY] = dataclasses.asdict(report)
    saved.graph[_GRAPH_ONLY_KEY] = sorted(graph_only_files)
    return netstore.save(saved, path)


def read(options: BuildOptions, folder: Traversable | None = None) -> Prebuilt | None:
    """The shipped graph and its report, or None when absent, unreadable or stale."""
    folder = folder or assets_folder()
    entry = folder / PREBUILT_NAME
    if not entry.is_file():
        return None
    try:
        with resources.as_file(entry) as path:
            graph = netstore.load(Path(path))
    except netstore.NetworkFileError:
        return None
    if graph.graph.pop(_DIGEST_KEY, None) != current_digest(options, folder):
        return None
    report = report_from(graph.graph.pop(_REPORT_KEY, None))
    only = graph.graph.pop(_GRAPH_ONLY_KEY, [])
    return Prebuilt(graph, report, frozenset(str(name) for name in only)
                    if isinstance(only, list) else frozenset())


def line_files(folder: Traversable | None = None) -> frozenset[str]:
    """The layer files the shipped graph holds whole (read from its header only; empty when the
    file is absent or unreadable)."""
    entry = (folder or assets_folder()) / PREBUILT_NAME
    try:
        with entry.open("rb") as stream, np.load(stream, allow_pickle=False) as archive:
            header = json.loads(archive["header"].tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
        return frozenset()
    names = header.get("graph", {}).get(_GRAPH_ONLY_KEY, []) if isinstance(header, dict) else []
    return frozenset(str(n) for n in names) if isinstance(names, list) else frozenset()


def report_from(data: Any) -> BuildReport:
    if not isinstance(data, dict):
        return BuildReport()
    names = {f.name for f in dataclasses.fields(BuildReport)}
    return BuildReport(**{k: v for k, v in data.items() if k in names})
