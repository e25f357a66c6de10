"""Online download of an area through osmnx/Overpass — only on the user's explicit request.

Responses are cached on disk (osmnx's HTTP cache in the user cache folder) and the converted network
is saved with :mod:`routes.network.store`. Nothing else in Cavalier touches the network; tests
never call
:func:`download_bbox`. Route relations are not part of osmnx's download, so a downloaded network has
no véloroute/GR flags (import a Geofabrik extract for those). A second query
(:data:`WATERWAY_FILTER`) brings the rivers, canals and streams canoe legs follow.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from routes.network import store as netstore
from routes.osm import tags as osm_tags
from routes.osm.crossings import mark_road_crossings
from routes.osm.errors import OsmImportError
from routes.osm.water import water_ways
from routes.osm.ways import BBox, WayRecord, graph_from_ways
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report

OSMNX_WAY_TAGS = ("highway", "surface", "tracktype", "smoothness", "mtb:scale", "sac_scale",
                  "access", "foot", "bicycle", "name", "railway", "historic", "ref", "bridge",
                  "tunnel", "layer", "waterway", "canoe", "boat")
#: The Overpass filter of the second query: the waterways a canoe leg may follow (which of them
#: are kept is :func:`routes.osm.tags.is_canoe_waterway`'s decision, as for an extract).
WATERWAY_FILTER = '["waterway"~"^(river|canal|stream)$"]'

MAX_BBOX_DEGREES = 1.0


def cache_dir() -> Path:
    """Cavalier's user cache folder for downloads (XDG_CACHE_HOME or ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cavalier" / "osm"


def parse_bbox(text: str) -> BBox:
    """"W,S,E,N" in degrees, checked; French :class:`OsmImportError` when malformed."""
    parts = text.replace(" ", "").split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError as exc:
        raise OsmImportError(
            f"Emprise invalide « {text} » : attendu ouest,sud,est,nord en degrés "
            "(par exemple 2.75,50.40,2.85,50.46)"
        ) from exc
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise OsmImportError(
            f"Emprise invalide « {text} » : il faut ouest < est et sud < nord, en degrés"
        )
    return west, south, east, north


def _value(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value is not None else ""


def graph_from_osmnx(source: nx.MultiDiGraph, *, name: str, origin: str,
                     waterways: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """Convert an osmnx graph (simplified or not) into the contract graph; the canoeable ways
    of ``waterways`` (a second download) become water lines joined to no land way."""
    ways = _osmnx_ways(source, osm_tags.is_kept_way, osm_tags.edge_attributes, first_key=0)
    if not ways:
        raise OsmImportError(f"Aucune voie utilisable dans {name}")
    water = (water_ways(_osmnx_ways(waterways, osm_tags.is_canoe_waterway,
                                    osm_tags.water_attributes, first_key=len(ways)))
             if waterways is not None else [])
    graph = graph_from_ways([*ways, *water], name=name, source=origin)
    mark_road_crossings(graph)
    return graph


def _osmnx_ways(source: nx.MultiDiGraph, keep: Callable[[dict[str, str]], bool],
                attributes: Callable[[dict[str, str]], dict[str, object]], *,
                first_key: int) -> list[WayRecord]:
    ways: list[WayRecord] = []
    seen: set[tuple[int, int, str]] = set()
    for u, v, data in source.edges(data=True):
        signature = (min(u, v), max(u, v), _value(data, "osmid"))
        if signature in seen:
            continue  # osmnx stores two-way streets in both directions; we add both ourselves
        seen.add(signature)
        tags = {key: _value(data, key) for key in OSMNX_WAY_TAGS if _value(data, key)}
        if not keep(tags):
            continue
        geometry = data.get("geometry")
        if geometry is not None:
            coords = list(geometry.coords)
        else:
            coords = [(source.nodes[u]["x"], source.nodes[u]["y"]),
                      (source.nodes[v]["x"], source.nodes[v]["y"])]
        # Inner vertices get keys no OSM node uses, so only u and v can join other ways.
        number = first_key + len(ways)
        inner = [-(number * 100_000 + i + 1) for i in range(len(coords) - 2)]
        ways.append(WayRecord(
            keys=[int(u), *inner, int(v)], lons=[c[0] for c in coords],
            lats=[c[1] for c in coords], attrs=attributes(tags),
        ))
    return ways


def download_bbox(
    bbox: BBox,
    *,
    out: Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> Path:
    """Download the paths of ``bbox`` (W,S,E,N) and save them as a network; returns its path."""
    import osmnx as ox

    west, south, east, north = bbox
    if east - west > MAX_BBOX_DEGREES or north - south > MAX_BBOX_DEGREES:
        raise OsmImportError(
            f"Emprise trop grande pour un téléchargement ({east - west:.2f}° × "
            f"{north - south:.2f}°) : utilisez un extrait Geofabrik avec « network build --osm »"
        )
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    ox.settings.use_cache = True
    ox.settings.cache_folder = str(folder / "http")
    ox.settings.useful_tags_way = list(OSMNX_WAY_TAGS)
    report(progress, 0.05, "Téléchargement des chemins depuis OpenStreetMap (Overpass)…")
    check_cancel(cancel, "Téléchargement OSM")
    try:
        source = ox.graph_from_bbox(bbox, network_type="all", simplify=True, retain_all=True)
    except Exception as exc:  # network failures come as many types (requests, osmnx, ValueError)
        raise OsmImportError(
            f"Téléchargement OSM impossible pour l'emprise {bbox} : {exc}"
        ) from exc
    check_cancel(cancel, "Téléchargement OSM")
    report(progress, 0.5, "Téléchargement des cours d'eau et canaux (canoë)…")
    waterways = _download_waterways(ox, bbox)
    check_cancel(cancel, "Téléchargement OSM")
    report(progress, 0.8, "Conversion du réseau téléchargé")
    label = f"osm-{west:.4f}_{south:.4f}_{east:.4f}_{north:.4f}"
    graph = graph_from_osmnx(source, name=label, origin="overpass", waterways=waterways)
    target = out if out is not None else folder / f"{label}{netstore.SUFFIX}"
    netstore.save(graph, target)
    report(progress, 1.0, f"Réseau téléchargé enregistré dans {target}")
    return target


def _download_waterways(ox: Any, bbox: BBox) -> nx.MultiDiGraph | None:
    """The rivers, canals and streams of ``bbox`` (:data:`WATERWAY_FILTER`), None when there
    are none (osmnx raises when a query finds nothing)."""
    try:
        found: nx.MultiDiGraph = ox.graph_from_bbox(
            bbox, custom_filter=WATERWAY_FILTER, simplify=True, retain_all=True)
    except ox._errors.InsufficientResponseError:
        return None
    except Exception as exc:  # network failures come as many types (requests, osmnx, ValueError)
        raise OsmImportError(
            f"Téléchargement des cours d'eau impossible pour l'emprise {bbox} : {exc}"
        ) from exc
    return found
