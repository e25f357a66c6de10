"""Saved networks: a routing graph in a compact binary file that reloads fast.

The file is an uncompressed numpy ``.npz`` archive (a zip of arrays):

- ``header``: UTF-8 JSON ``{"format": "cavalier-network", "version": 1, "graph": {...},
  "node_columns": {...}, "edge_columns": {...}}`` — each column maps an attribute name to its kind
  (``bool``, ``int``, ``float``, ``str`` interned in a string table, or ``json`` for anything else);
- ``node_id``, ``node_x``, ``node_y``; ``edge_u``, ``edge_v``, ``edge_key``;
- ``geom_coords`` (all edge vertices, N x 2 lon/lat) and ``geom_offsets`` (edge i uses rows
  offsets[i]:offsets[i+1]; an edge without geometry has an empty range and ``geom_present`` False);
- per attribute ``n:<name>`` / ``e:<name>`` values, ``...:strings`` for string tables and
  ``...:present`` when some elements lack the attribute;
- ``node_order``: the node ids in the route engine's contraction order
  (:mod:`routes.network.node_order`), computed when the network is saved so no user waits for it
  at start-up. A file without it (saved by an older version) gets it once, computed in the
  background after loading.

Reloading creates the geometries in one vectorised shapely call and fills networkx in bulk, and
keeps the edges as arrays for the route engine (:mod:`routes.network.edge_columns`).
"""

from __future__ import annotations

import gc
import json
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import LineString

from routes.atomic import atomic_output, os_error_reason
from routes.errors import CavalierError
from routes.network import edge_columns, node_order
from routes.progress import ProgressCallback

FORMAT = "cavalier-network"
VERSION = 1
SUFFIX = ".cavnet"


class NetworkFileError(CavalierError, ValueError):
    """A saved network file is missing, damaged, of another format or of an unsupported version."""


def _kind(values: Iterable[Any]) -> str:
    kinds = {type(value) for value in values}
    if not kinds:
        return "str"
    if kinds <= {bool, np.bool_}:
        return "bool"
    if kinds <= {int, np.int64, np.int32}:
        return "int"
    if kinds <= {int, float, np.float64, np.float32, np.int64}:
        return "float"
    if kinds == {str}:
        return "str"
    return "json"


def _encode_column(
    prefix: str, name: str, rows: list[Mapping[str, Any]], arrays: dict[str, np.ndarray],
) -> str:
    present = np.fromiter((name in row for row in rows), dtype=bool, count=len(rows))
    values = [row[name] for row in rows if name in row]
    kind = _kind(values)
    missing_default: Any = {"bool": False, "int": 0, "float": 0.0, "str": "", "json": None}[kind]
    full = [row.get(name, missing_default) for row in rows]
    base = f"{prefix}:{name}"
    if kind == "bool":
        arrays[base] = np.array(full, dtype=bool)
    elif kind == "int":
        arrays[base] = np.array(full, dtype=np.int64)
    elif kind == "float":
        arrays[base] = np.array(full, dtype=np.float64)
    else:
        texts = full if kind == "str" else [json.dumps(value) for value in full]
        table, index = np.unique(np.array(texts, dtype=object).astype(str), return_inverse=True)
        arrays[base] = index.astype(np.int32)
        arrays[f"{base}:strings"] = table
    if not present.all():
        arrays[f"{base}:present"] = present
    return kind


def save(graph: nx.MultiDiGraph, path: Path | str, *,
         progress: ProgressCallback | None = None) -> Path:
    """Write ``graph`` (contract graph: int node ids, LineString geometries) to ``path``, with
    the route engine's node order (computed now when the graph has none: ``progress`` reports)."""
    path = Path(path)
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    try:
        node_id = np.array([n for n, _ in nodes], dtype=np.int64)
        edge_key = np.array([k for _, _, k, _ in edges], dtype=np.int64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise NetworkFileError(
            f"Impossible d'enregistrer le réseau dans {path} : identifiants non entiers"
        ) from exc
    arrays: dict[str, np.ndarray] = {
        "node_id": node_id,
        "node_x": np.array([d.get("x", np.nan) for _, d in nodes], dtype=np.float64),
        "node_y": np.array([d.get("y", np.nan) for _, d in nodes], dtype=np.float64),
        "edge_u": np.array([u for u, _, _, _ in edges], dtype=np.int64),
        "edge_v": np.array([v for _, v, _, _ in edges], dtype=np.int64),
        "edge_key": edge_key,
        "node_order": _order_of(graph, progress),
    }
    node_rows = [d for _, d in nodes]
    edge_rows = [d for _, _, _, d in edges]
    node_names = sorted({k for row in node_rows for k in row} - {"x", "y"})
    edge_names = sorted({k for row in edge_rows for k in row} - {"geometry"})
    node_columns = {name: _encode_column("n", name, node_rows, arrays) for name in node_names}
    edge_columns = {name: _encode_column("e", name, edge_rows, arrays) for name in edge_names}
    _encode_geometries(edge_rows, arrays)
    header = {
        "format": FORMAT, "version": VERSION,
        "graph": {k: v for k, v in graph.graph.items() if _jsonable(v)},
        "node_columns": node_columns, "edge_columns": edge_columns,
    }
    arrays["header"] = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    with atomic_output(path, error=NetworkFileError) as temporary, temporary.open("wb") as stream:
        savez: Any = np.savez  # numpy's stub types **kwds as its allow_pickle flag
        savez(stream, **arrays)
    return path


def _order_of(graph: nx.MultiDiGraph, progress: ProgressCallback | None) -> np.ndarray:
    order = node_order.stored(graph)
    if order is None or not node_order.matches(graph, order):
        order = node_order.compute(graph, progress)
        node_order.attach(graph, order)
    return order


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _encode_geometries(edge_rows: list[Mapping[str, Any]], arrays: dict[str, np.ndarray]) -> None:
    geometries = [row.get("geometry") for row in edge_rows]
    present = np.array([isinstance(g, LineString) for g in geometries], dtype=bool)
    lines = np.array([g if isinstance(g, LineString) else None for g in geometries], dtype=object)
    counts = shapely.get_num_coordinates(lines)
    offsets = np.zeros(len(lines) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    coords = shapely.get_coordinates(lines[present]) if present.any() else np.zeros((0, 2))
    arrays["geom_coords"] = coords.astype(np.float64)
    arrays["geom_offsets"] = offsets
    arrays["geom_present"] = present


def _read_header(archive: Any, path: Path) -> dict[str, Any]:
    if "header" not in archive.files:
        raise NetworkFileError(f"{path} n'est pas un réseau Cavalier (en-tête absent)")
    try:
        header: dict[str, Any] = json.loads(archive["header"].tobytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise NetworkFileError(f"En-tête illisible dans le réseau {path}") from exc
    if header.get("format") != FORMAT:
        raise NetworkFileError(
            f"{path} n'est pas un réseau Cavalier (format {header.get('format')!r})"
        )
    if header.get("version") != VERSION:
        raise NetworkFileError(
            f"Le réseau {path} est en version {header.get('version')!r}, cette version de Cavalier "
            f"lit la version {VERSION} : reconstruisez-le avec « cavalier network build »"
        )
    return header


def _decode_column(archive: Any, base: str, kind: str, count: int) -> tuple[list[Any], Any]:
    values = archive[base]
    if kind in {"str", "json"}:
        table = archive[f"{base}:strings"].tolist()
        if kind == "json":
            table = [json.loads(text) for text in table]
        decoded: list[Any] = [table[i] for i in values.tolist()]
    else:
        decoded = values.tolist()
    present_name = f"{base}:present"
    present = archive[present_name] if present_name in archive.files else None
    if len(decoded) != count:
        raise ValueError(f"colonne {base} de taille {len(decoded)} au lieu de {count}")
    return decoded, present


def _rows(archive: Any, prefix: str, columns: dict[str, str], count: int) -> list[dict[str, Any]]:
    names: list[str] = []
    full: list[list[Any]] = []
    partial: list[tuple[str, list[Any], Any]] = []
    for name, kind in columns.items():
        values, present = _decode_column(archive, f"{prefix}:{name}", kind, count)
        if present is None:
            names.append(name)
            full.append(values)
        else:
            partial.append((name, values, present))
    rows = [dict(zip(names, row, strict=True)) for row in zip(*full, strict=True)] if full else [
        {} for _ in range(count)]
    for name, values, present in partial:
        for index in np.flatnonzero(present).tolist():
            rows[index][name] = values[index]
    return rows


def load(path: Path | str, *, order_progress: ProgressCallback | None = None
         ) -> nx.MultiDiGraph:
    """Read a network written by :func:`save`; raise :class:`NetworkFileError` (French) if the file
    is missing, damaged, of another format or version. A file without the route engine's node
    order gets it computed in a background thread (``order_progress`` reports)."""
    path = Path(path)
    if not path.is_file():
        raise NetworkFileError(f"Fichier réseau introuvable : {path}")
    try:
        # Opening the file ourselves: np.load leaks its handle when the zip is damaged.
        with path.open("rb") as stream, np.load(stream, allow_pickle=False) as archive:
            # Hundreds of thousands of new dicts would trigger many useless cyclic-GC passes.
            enabled = gc.isenabled()
            gc.disable()
            try:
                graph = _load_archive(archive, path)
            finally:
                if enabled:
                    gc.enable()
    except NetworkFileError:
        raise
    except Exception as exc:  # numpy, json, zipfile, shapely: every failure means "damaged"
        raise NetworkFileError(
            f"Fichier réseau illisible ou endommagé : {path} ({_why_unreadable(exc)})") from exc
    if node_order.stored(graph) is None and graph.number_of_nodes():
        node_order.prepare_in_background(graph, order_progress)
    return graph


def _why_unreadable(exc: Exception) -> str:
    """A French reason: numpy's and zipfile's messages are English."""
    if isinstance(exc, OSError):
        return os_error_reason(exc)
    if "pickle" in str(exc):
        return "il contient des objets Python sérialisés, refusés par sécurité"
    if isinstance(exc, zipfile.BadZipFile | EOFError):
        return "archive tronquée ou d'un autre type"
    if isinstance(exc, KeyError):
        return "une partie obligatoire manque"
    return "contenu invalide"


def _check_lon_lat(x: Any, y: Any) -> None:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or not (np.isfinite(x).all() and np.isfinite(y).all()
                                  and (np.abs(x) <= 180).all() and (np.abs(y) <= 90).all()):
        raise ValueError("coordonnées non finies ou hors des degrés")


def _load_archive(archive: Any, path: Path) -> nx.MultiDiGraph:
    header = _read_header(archive, path)
    node_id = archive["node_id"].tolist()
    node_rows = _rows(archive, "n", header["node_columns"], len(node_id))
    for row, x, y in zip(node_rows, archive["node_x"].tolist(), archive["node_y"].tolist(),
                         strict=True):
        row["x"] = x
        row["y"] = y
    u = archive["edge_u"].tolist()
    edge_rows = _rows(archive, "e", header["edge_columns"], len(u))
    offsets = archive["geom_offsets"]
    present = archive["geom_present"]
    coords = archive["geom_coords"]
    _check_lon_lat(archive["node_x"], archive["node_y"])  # before shapely (native code)
    if len(coords):
        _check_lon_lat(coords[:, 0], coords[:, 1])
    if len(offsets) != len(u) + 1 or len(present) != len(u):
        raise ValueError("géométries incohérentes")
    # an edge without geometry has no coordinates: number the lines of the others only
    counts = np.diff(offsets)[present.astype(bool)]
    indices = np.repeat(np.arange(len(counts)), counts)
    geometries = shapely.linestrings(coords, indices=indices) if len(coords) else []
    present_rows = np.flatnonzero(present).tolist()
    if len(present_rows) != len(geometries):
        raise ValueError("géométries incohérentes")
    for index, geometry in zip(present_rows, geometries, strict=True):
        edge_rows[index]["geometry"] = geometry
    lengths = [row.get("length", 0.0) for row in edge_rows]
    if not all(isinstance(v, int | float) and 0.0 <= v <= 2e6 for v in lengths):  # NaN too
        raise ValueError("longueur d'arc négative, non finie ou démesurée")
    graph = nx.MultiDiGraph(**header["graph"])
    _fill(graph, node_id, node_rows,
          zip(u, archive["edge_v"].tolist(), archive["edge_key"].tolist(), edge_rows,
              strict=True))
    if "node_order" in archive.files:
        order = archive["node_order"]
        if len(order) == len(node_id):
            node_order.attach(graph, order.astype(np.int64))
    _remember_edge_columns(graph, archive, header["edge_columns"], edge_rows)
    return graph


def _remember_edge_columns(graph: nx.MultiDiGraph, archive: Any, columns: dict[str, str],
                           edge_rows: list[dict[str, Any]]) -> None:
    """Keep the edges as the route engine reads them (:mod:`routes.network.edge_columns`), when
    the file lists them as the graph does (distinct nodes and edges, in adjacency order)."""
    node_id = archive["node_id"].astype(np.int64)
    if (len(node_id) != graph.number_of_nodes() or columns.get("length") not in {"float", "int"}
            or "e:length:present" in archive.files):
        return
    tail = edge_columns.positions(node_id, archive["edge_u"].astype(np.int64))
    head = edge_columns.positions(node_id, archive["edge_v"].astype(np.int64))
    if not edge_columns.adjacency_ordered(tail, head, len(node_id)):
        return
    read = [(archive[f"e:{name}"], archive[f"e:{name}:present"]
             if f"e:{name}:present" in archive.files else None)
            for name in edge_columns.ATTRIBUTES if name in columns]
    if any(present is not None and len(present) != len(edge_rows) for _, present in read):
        return
    kind, first = edge_columns.kinds(read, len(edge_rows))
    samples = [{name: row[name] for name in edge_columns.ATTRIBUTES if name in row}
               for row in map(edge_rows.__getitem__, first.tolist())]
    edge_columns.remember(graph, edge_columns.EdgeColumns(
        tail=tail, head=head, key=archive["edge_key"].astype(np.int64),
        length=archive["e:length"].astype(np.float64), kind=kind, samples=samples,
        names=edge_columns.ATTRIBUTES, node_count=len(node_id), edge_count=len(edge_rows)))


def _fill(
    graph: nx.MultiDiGraph, node_id: list[int], node_rows: list[dict[str, Any]],
    edges: Iterable[tuple[int, int, int, dict[str, Any]]],
) -> None:
    """Fill networkx's adjacency dicts directly, as ``add_edge`` does (succ[u][v] and pred[v][u]
    share one key dict): five times faster than ``add_edges_from`` on large networks."""
    nodes, succ, pred = graph._node, graph._succ, graph._pred
    for node, row in zip(node_id, node_rows, strict=True):
        nodes[node] = row
        succ[node] = {}
        pred[node] = {}
    for u, v, key, row in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = {}
            pred[v][u] = keydict
        keydict[key] = row
