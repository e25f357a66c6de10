"""Read an OSM extract (.osm.pbf, .osm, .osm.bz2) with pyosmium into ways, route flags and terrils.

One streaming pass with node locations: kept ways (see :mod:`routes.osm.tags`) are stored with
their coordinates, route relations are remembered and applied to their member ways at the end, and
spoil heaps (nodes, closed ways, multipolygons) become :class:`OsmTerril` places.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

import numpy as np
import osmium
import osmium.filter
import osmium.geom
import shapely
from shapely.geometry import Point, Polygon

from routes.osm import tags as osm_tags
from routes.osm.errors import OsmImportError
from routes.osm.ways import WayRecord
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report

OsmObject: TypeAlias = (
    osmium.osm.Node | osmium.osm.Way | osmium.osm.Relation | osmium.osm.Area
    | osmium.osm.Changeset
)
SUPPORTED_SUFFIXES = (".osm.pbf", ".pbf", ".osm", ".osm.bz2", ".osm.gz", ".xml")
# Rough size of one element in each format, to turn a count into a progress fraction.
BYTES_PER_ELEMENT = {"pbf": 22.0, "bz2": 11.0, "gz": 15.0, "xml": 110.0}
REPORT_EVERY = 5_000
#: Untagged nodes are dropped in C++ (their locations are still stored for the ways): about this
#: share of a file's elements reach Python.
TAGGED_SHARE = 0.17
WKB_FACTORY = osmium.geom.WKBFactory()
_UNDEFINED = 2**31 - 1  # osmium's coordinate of a location never given


@dataclass
class OsmTerril:
    """A spoil heap found in OSM: ``ref`` is "osm:n<id>", "osm:w<id>" or "osm:r<id>"."""

    ref: str
    name: str
    lon: float
    lat: float
    height_m: float | None = None
    ele_m: float | None = None
    footprint: Polygon | None = None


@dataclass
class OsmExtract:
    """What one pass over an OSM file yields."""

    ways: list[WayRecord] = field(default_factory=list)
    #: Railways in use (``railway=rail``): not routed, but crossed by courses.
    railways: list[WayRecord] = field(default_factory=list)
    #: Nodes tagged as level crossings ("rail") or road crossings ("road"), by OSM id.
    crossing_nodes: dict[int, str] = field(default_factory=dict)
    #: Whether the file has roads of the crossing classes or railways (crossings are computable).
    has_roads: bool = False
    terrils: list[OsmTerril] = field(default_factory=list)
    #: Canoeable waterways (:func:`routes.osm.tags.is_canoe_waterway`), keys still OSM node ids.
    waterways: list[WayRecord] = field(default_factory=list)
    #: Weirs, dams, lock gates on waterways (« seuil », « barrage »…), by OSM node id.
    water_obstacles: dict[int, str] = field(default_factory=dict)
    elements: int = 0
    skipped_ways: int = 0
    invalid_nodes: int = 0  # way nodes with coordinates out of range (not merely missing)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def elements_per_second(self) -> float:
        return self.elements / self.seconds if self.seconds > 0 else 0.0


def check_osm_path(path: Path) -> str:
    """Validate the file name and size; return the format key used for progress estimates."""
    name = path.name.lower()
    if not path.exists():
        raise OsmImportError(f"Fichier OSM introuvable : {path}")
    if not name.endswith(SUPPORTED_SUFFIXES):
        raise OsmImportError(
            f"Extension non reconnue pour {path.name} : attendu .osm.pbf, .osm ou .osm.bz2"
        )
    if path.stat().st_size == 0:
        raise OsmImportError(f"Le fichier OSM {path} est vide")
    if name.endswith(".pbf"):
        return "pbf"
    if name.endswith(".bz2"):
        return "bz2"
    if name.endswith(".gz"):
        return "gz"
    return "xml"


def read_osm(
    path: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> OsmExtract:
    """Read ``path`` in one pass; raise :class:`OsmImportError` (French) on unreadable input."""
    try:
        return _read_osm(Path(path), progress=progress, cancel=cancel)
    except UnicodeDecodeError as exc:  # a tag that is not UTF-8 (damaged or foreign PBF)
        raise OsmImportError(f"Fichier OSM illisible : {path} (étiquette qui n'est pas du texte "
                             "UTF-8 : fichier endommagé)") from exc


def _read_osm(path: Path, *, progress: ProgressCallback | None,
              cancel: CancelCallback | None) -> OsmExtract:
    kind = check_osm_path(path)
    expected = max(1.0, TAGGED_SHARE * path.stat().st_size / BYTES_PER_ELEMENT[kind])
    extract = OsmExtract()
    route_members: dict[int, set[tuple[str, str]]] = {}
    started = time.perf_counter()
    spoil_filter = osmium.filter.TagFilter(*osm_tags.SPOIL_TAGS)
    for obj in _stream(path, spoil_filter):
        extract.elements += 1
        if extract.elements % REPORT_EVERY == 0:
            check_cancel(cancel, f"Import OSM de {path.name}")
            report(progress, 0.9 * min(1.0, extract.elements / expected),
                   f"Lecture de {path.name} : {extract.elements} éléments")
        if isinstance(obj, osmium.osm.Node):
            if not obj.tags:
                continue
            if not obj.location.valid():  # no or out-of-range coordinates: never read them
                extract.invalid_nodes += 1
                continue
            if osm_tags.is_spoil_heap(obj.tags):
                extract.terrils.append(_terril(f"osm:n{obj.id}", obj.tags, Point(
                    obj.location.lon, obj.location.lat)))
            kind = osm_tags.crossing_node_kind(obj.tags)
            if kind:
                extract.crossing_nodes[obj.id] = kind
            obstacle = osm_tags.water_obstacle(obj.tags)
            if obstacle:
                extract.water_obstacles[obj.id] = obstacle
        elif isinstance(obj, osmium.osm.Way):
            _read_way(obj, extract)
        elif isinstance(obj, osmium.osm.Relation):
            flag = osm_tags.route_flag(obj.tags)
            if flag is not None:
                label = osm_tags.tag(obj.tags, "name") or osm_tags.tag(obj.tags, "ref")
                for member in obj.members:
                    if member.type == "w":
                        route_members.setdefault(member.ref, set()).add((flag, label))
        elif isinstance(obj, osmium.osm.Area) and not obj.from_way():
            footprint = _area_polygon(obj)
            if footprint is not None:
                extract.terrils.append(_terril(f"osm:r{obj.orig_id()}", obj.tags, footprint))
    extract.seconds = time.perf_counter() - started
    for way in extract.ways:
        routes = route_members.get(way.osm_id, set())
        for flag, _ in routes:
            way.attrs[flag] = True
        way.attrs["route_names"] = "; ".join(sorted({label for _, label in routes if label}))
    if extract.elements == 0:
        raise OsmImportError(f"Le fichier OSM {path} ne contient aucun élément")
    if extract.invalid_nodes:
        extract.warnings.append(
            f"{path.name} : {extract.invalid_nodes} nœud(s) aux coordonnées hors limites "
            "ignoré(s) (les voies sont coupées à ces nœuds)")
    report(progress, 0.9, f"{path.name} lu : {extract.elements} éléments, "
           f"{len(extract.ways)} voies retenues")
    return extract


def _stream(path: Path, area_filter: osmium.filter.TagFilter) -> Iterator[OsmObject]:
    """The file's objects; osmium's parse errors become :class:`OsmImportError`."""
    try:
        untagged_nodes = osmium.filter.EmptyTagFilter()
        untagged_nodes.enable_for(osmium.osm.NODE)
        iterator = iter(osmium.FileProcessor(str(path)).with_locations().with_areas(area_filter)
                        .with_filter(untagged_nodes))
    except (RuntimeError, OSError) as exc:
        raise OsmImportError(
            f"Impossible d'ouvrir le fichier OSM {path} ({_osmium_reason(exc)})") from exc
    while True:
        try:
            obj = next(iterator)
        except StopIteration:
            return
        except osmium.InvalidLocationError as exc:
            raise OsmImportError(
                f"Fichier OSM refusé : {path} (coordonnée de nœud invalide : NaN, infini ou "
                "nombre mal écrit)") from exc
        except (RuntimeError, OSError, ValueError) as exc:
            raise OsmImportError(
                f"Fichier OSM illisible ou tronqué : {path} ({_osmium_reason(exc)})") from exc
        yield obj


def _osmium_reason(exc: Exception) -> str:
    """A French reason for osmium's (English) parse errors."""
    text = str(exc)
    where = re.search(r"line (\d+), column (\d+)", text)
    at = f" à la ligne {where.group(1)}, colonne {where.group(2)}" if where else ""
    if "XML" in text:
        return f"XML mal formé ou tronqué{at}"
    if "PBF" in text or "pbf" in text:
        return "données PBF endommagées ou d'un autre type"
    if isinstance(exc, OSError):
        return "lecture du fichier impossible"
    return "contenu illisible"


def _read_way(way: osmium.osm.Way, extract: OsmExtract) -> None:
    tags = way.tags
    kept = osm_tags.is_kept_way(tags)
    rail = not kept and osm_tags.is_rail(tags)
    water = not kept and not rail and osm_tags.is_canoe_waterway(tags)
    spoil = osm_tags.is_spoil_heap(tags) and way.is_closed()
    if not kept and not spoil and not rail and not water:
        return
    keys: list[int] = []
    lons: list[float] = []
    lats: list[float] = []
    runs: list[tuple[int, int]] = []
    run_start = 0
    coords = _way_coordinates(way)
    if coords is not None:
        keys = [node.ref for node in way.nodes]
        lons, lats = coords
        runs.append((0, len(keys)))
        run_start = len(keys)
    for node in way.nodes if coords is None else ():
        location = node.location
        if not location.valid():
            # Node missing from the file (cut extract) or out of range: the way is kept in
            # valid pieces.
            if location.x != _UNDEFINED:
                extract.invalid_nodes += 1
            if len(keys) > run_start:
                runs.append((run_start, len(keys)))
            run_start = len(keys)
            continue
        keys.append(node.ref)
        lons.append(location.lon)
        lats.append(location.lat)
    if len(keys) > run_start:
        runs.append((run_start, len(keys)))
    if len(runs) != 1 or runs[0] != (0, len(way.nodes)):
        extract.skipped_ways += 1
    if rail:
        extract.has_roads = True
        extract.railways.append(WayRecord(keys=keys, lons=lons, lats=lats, attrs={
            "name": osm_tags.tag(tags, "name"), "ref": osm_tags.tag(tags, "ref"),
            "bridge": osm_tags.is_bridge(tags), "tunnel": osm_tags.is_tunnel(tags),
            "layer": osm_tags.layer_of(tags)}, osm_id=way.id))
        return
    if water:
        attrs = {**osm_tags.water_attributes(tags), "osmid": way.id}
        extract.waterways.extend(
            WayRecord(keys=keys[start:end], lons=lons[start:end], lats=lats[start:end],
                      attrs=attrs, osm_id=way.id) for start, end in runs if end - start >= 2)
        return
    if kept:
        attrs = osm_tags.edge_attributes(tags)
        if attrs["highway"] in osm_tags.CROSSING_ROAD_CLASSES:
            extract.has_roads = True
        attrs["osmid"] = way.id
        for start, end in runs:
            if end - start >= 2:
                extract.ways.append(WayRecord(
                    keys=keys[start:end], lons=lons[start:end], lats=lats[start:end],
                    attrs=attrs, osm_id=way.id))
    if spoil and len(keys) >= 4 and len(keys) == len(way.nodes):
        footprint = _largest_polygon(shapely.make_valid(Polygon(zip(lons, lats, strict=True))))
        if footprint is not None:
            extract.terrils.append(_terril(f"osm:w{way.id}", tags, footprint))


def _way_coordinates(way: osmium.osm.Way) -> tuple[list[float], list[float]] | None:
    """Lon and lat lists of every vertex, built in C++ (WKB); None when a location is missing."""
    try:
        wkb = WKB_FACTORY.create_linestring(way, osmium.geom.ALL)
    except (osmium.InvalidLocationError, RuntimeError):
        return None
    # WKB linestring: byte order (1), type (4), count (4), then lon/lat doubles.
    raw = bytes.fromhex(wkb)
    if raw[0] != 1:
        return None
    coords = np.frombuffer(raw, dtype="<f8", offset=9).reshape(-1, 2)
    if len(coords) != len(way.nodes):
        return None
    return coords[:, 0].tolist(), coords[:, 1].tolist()


def _area_polygon(area: osmium.osm.Area) -> Polygon | None:
    try:
        rings = [[(node.lon, node.lat) for node in ring] for ring in area.outer_rings()]
    except osmium.InvalidLocationError:
        return None
    polygons = [Polygon(ring) for ring in rings if len(ring) >= 4]
    if not polygons:
        return None
    return max(polygons, key=lambda polygon: polygon.area)


def _largest_polygon(geometry: shapely.Geometry) -> Polygon | None:
    parts = [part for part in shapely.get_parts(geometry) if isinstance(part, Polygon)]
    return max(parts, key=lambda polygon: polygon.area) if parts else None


def _terril(ref: str, tags: osmium.osm.TagList, geometry: object) -> OsmTerril:
    shape = geometry if isinstance(geometry, shapely.Geometry) else Point(0, 0)
    point = shape if isinstance(shape, Point) else shape.representative_point()
    height = osm_tags.parse_metres(osm_tags.tag(tags, "height"))
    ele = osm_tags.parse_metres(osm_tags.tag(tags, "ele"))
    footprint = shape if isinstance(shape, Polygon) else None
    return OsmTerril(ref=ref, name=osm_tags.tag(tags, "name"), lon=point.x, lat=point.y,
                     height_m=height, ele_m=ele, footprint=footprint)
