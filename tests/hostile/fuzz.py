"""A fuzzer for every reader: generated and mutated inputs, one oracle.

Each reader gets small valid seed files (a GPX near the 11/19, a layer, an OSM extract, a DEM, a
budget workbook, a project, recce tracks, a ``.cavnet``, an MBTiles) and mutations of them: bytes
flipped, inserted, deleted, duplicated or truncated, numbers replaced by hostile ones (NaN, 1e308,
-1, swapped), dictionary tokens, and structure-aware changes (workbook cells, SQLite values); GPX
and GeoJSON readers also get generated files (random walks in the basin, random points anywhere,
shuffled points, random names, random CRS). Every input must end as one of:

- ``error``: a :class:`CavalierError` whose message is French (no English, no exception class);
- ``accepted``: the reader returned a result that passes the reader's sanity check.

Anything else is a finding: ``traceback`` (another exception), ``cryptic`` (a CavalierError in
English or naming an exception), ``silent`` (accepted with an absurd result), ``crash`` (the
process died on a signal) or ``hang``. Readers that hand bytes to native code (GDAL, rasterio,
osmium) run in a child process (``python -m hostile.fuzz WORKER ...``), restarted after a crash.

Case ``i`` of reader ``r`` under seed ``s`` is a pure function of (s, r, i): any finding can be
replayed, and is saved under ``tests/hostile/fuzz_cases/`` as a new corpus case.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FOUND = HERE / "fuzz_cases"
OUTCOMES = ("error", "accepted", "traceback", "cryptic", "silent", "crash", "hang")
FINDINGS = ("traceback", "cryptic", "silent", "crash", "hang")
CASE_TIMEOUT_S = 10

ENGLISH = re.compile(r"\b(error|invalid|cannot|could not|unable|expecting|expected|failed|"
                     r"no such|not a|is not|line \d+ column|unexpected|traceback|warning|"
                     r"file|directory|permission|denied|space left)\b|[A-Z][a-z]+Error\b|"
                     r"Exception\b", re.IGNORECASE)
# French words that the English pattern would catch as false friends.
_FRENCH_FALSE_FRIENDS = re.compile(r"\b(invalide|invalides)\b", re.IGNORECASE)

NUMBERS = [b"NaN", b"nan", b"Infinity", b"-Infinity", b"inf", b"1e308", b"-1e308", b"1e999",
           b"-1", b"0", b"-0", b"99999999999", b"4294967296", b"-5000", b"1e-400", b"0x10",
           b"1,5", b"", b" ", b"9" * 40, b"2.5e6", b"-90.0001", b"180.5", b"6.5e6"]
TOKENS = [b"\x00", b"\xff\xfe", b"<", b">", b"&", b"&amp;", b"]]>", b"\"", b"'", b"{", b"}",
          b"[", b"]", b"=HYPERLINK(\"x\")", b"=1+1", b"\n", b"\r\n", b"\xc3", b"\xef\xbb\xbf",
          b"<!DOCTYPE x [<!ENTITY a \"b\">]>", b"&a;", b"<a>" * 40, b"[" * 200, b"\t"]
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


# --- mutators --------------------------------------------------------------------------------

def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """A few random byte-level and token-level changes."""
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        op = rng.random()
        if not out:
            out += rng.choice(TOKENS)
            continue
        i = rng.randrange(len(out))
        if op < 0.30:  # replace a number by a hostile one (coordinates, elevations, amounts)
            numbers = list(_NUMBER.finditer(bytes(out)))
            if numbers:
                m = rng.choice(numbers)
                out[m.start():m.end()] = rng.choice(NUMBERS)
        elif op < 0.45:
            out[i] = rng.randrange(256)
        elif op < 0.55:
            out[i:i] = rng.choice(TOKENS)
        elif op < 0.65:
            del out[i:i + rng.randrange(1, 64)]
        elif op < 0.72:
            j = rng.randrange(i, min(len(out), i + 256))
            out[j:j] = out[i:j] * rng.randrange(1, 4)
        elif op < 0.78:
            del out[i:]
        elif op < 0.86:  # swap two numbers (lat/lon order, min/max)
            numbers = list(_NUMBER.finditer(bytes(out)))
            if len(numbers) >= 2:
                a, b = sorted(rng.sample(numbers, 2), key=lambda m: m.start())
                out[a.start():b.end()] = (bytes(out[b.start():b.end()])
                                          + bytes(out[a.end():b.start()])
                                          + bytes(out[a.start():a.end()]))
        elif op < 0.93:  # scale every number (a projected CRS, centimetres, 1e300)
            factor = rng.choice((100000.0, 1e300, -1.0, 0.0))

            def scaled(m: re.Match[bytes], factor: float = factor) -> bytes:
                try:
                    return repr(float(m.group()) * factor).encode()
                except (ValueError, OverflowError):
                    return m.group()
            out = bytearray(_NUMBER.sub(scaled, bytes(out)))
        else:
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(out)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """Structure-aware for xlsx: mutate one member's XML (cells, shared strings) and re-zip; now
    and then the raw archive bytes."""
    if rng.random() < 0.2:
        return mutate_bytes(data, rng)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = [(info, source.read(info)) for info in source.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError):
        return mutate_bytes(data, rng)
    xml_members = [i for i, (info, _) in enumerate(members)
                   if (info.filename.endswith(".xml") and "sheet" in info.filename)
                   or info.filename.endswith("sharedStrings.xml")]
    index = rng.choice(xml_members or list(range(len(members))))
    info, content = members[index]
    members[index] = (info, mutate_bytes(content, rng))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in members:
            target.writestr(info.filename, content)
    return buffer.getvalue()


SQL_VALUES = ["NULL", "-1", "0", "1e308", "-1e308", "'NaN'", "9e999", "-9e999", "'9999-12-31'",
              "'1800-01-01'", "'2027-02-30'", "''", "'x'", "x'00ff'", "x'c3'", "1000000000",
              "-5000", "'[]'", "'{}'", "'[[1e308, 95, 3]]'", "'[1, 2]'",
              "'{\"length_m\": -5000}'", "'{\"length_m\": 1e308}'", "printf('%.300c', 'x')",
              "'=HYPERLINK(\"x\")'", "'[9, 6, 600]'", "'[1e308, 1, 1]'", "4294967296"]


def mutate_sqlite(data: bytes, rng: random.Random, tmp: Path) -> bytes:
    """Structure-aware for SQLite files: set one to three stored values to hostile ones, change
    the schema version, drop a table or column; now and then raw page bytes."""
    if rng.random() < 0.25:
        return mutate_bytes(data, rng)
    path = tmp / f"mut-{rng.randrange(1 << 30)}.sqlite"
    path.write_bytes(data)
    try:
        with closing(sqlite3.connect(path)) as conn:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
            for _ in range(rng.randrange(1, 4)):
                op = rng.random()
                table = rng.choice(tables)
                columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
                if op < 0.75 and columns:
                    column = rng.choice(columns)
                    conn.execute(f"UPDATE {table} SET {column} = {rng.choice(SQL_VALUES)} "
                                 f"WHERE rowid IN (SELECT rowid FROM {table} LIMIT 1)")
                elif op < 0.85:
                    conn.execute(f"PRAGMA user_version = {rng.choice((-1, 0, 1, 3, 99))}")
                elif op < 0.92:
                    conn.execute(f"DELETE FROM {table}")
                else:
                    conn.execute(f"DROP TABLE {table}")
                    tables.remove(table)
                    if not tables:
                        break
            conn.commit()
    except sqlite3.Error:
        pass
    mutated = path.read_bytes()
    path.unlink()
    return mutated


# --- seeds -----------------------------------------------------------------------------------

LINE = [(50.4450, 2.7850), (50.4435, 2.7875), (50.4420, 2.7900), (50.4405, 2.7930),
        (50.4390, 2.7960)]


def gpx_seed(points: list[tuple[float, float]] = LINE, *, name: str = "Boucle du 11/19") -> bytes:
    pts = "".join(f'<trkpt lat="{lat}" lon="{lon}"><ele>{35 + i}.5</ele>'
                  f"<time>2027-10-03T09:{i:02d}:00Z</time></trkpt>"
                  for i, (lat, lon) in enumerate(points))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="fuzz" '
            'xmlns="http://www.topografix.com/GPX/1/1">'
            '<wpt lat="50.442" lon="2.79"><ele>40</ele><name>Ravito</name><sym>Food</sym></wpt>'
            f"<trk><name>{name}</name><trkseg>{pts}</trkseg></trk>"
            '<rte><name>Route</name><rtept lat="50.445" lon="2.785"/>'
            '<rtept lat="50.439" lon="2.796"/></rte></gpx>').encode()


def geojson_seed(*, crs: str | None = None) -> bytes:
    coords = [[lon, lat] for lat, lon in LINE]
    data: dict[str, Any] = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nom": "Cavalier 1", "highway": "track",
                                           "id_troncon": "001_01"},
         "geometry": {"type": "LineString", "coordinates": coords}},
        {"type": "Feature", "properties": {"nom": "Terril 74", "ref": "T074"},
         "geometry": {"type": "Polygon", "coordinates": [[[2.7915, 50.4535], [2.7925, 50.4535],
                                                          [2.7925, 50.4540], [2.7915, 50.4535]]]}},
        {"type": "Feature", "properties": {"nom": "Pôle"},
         "geometry": {"type": "Point", "coordinates": [2.792, 50.4537]}}]}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(data).encode()


def osm_seed() -> bytes:
    nodes = "\n".join(f' <node id="{i + 1}" lat="{lat}" lon="{lon}" version="1"/>'
                      for i, (lat, lon) in enumerate(LINE))
    refs = "".join(f'<nd ref="{i + 1}"/>' for i in range(len(LINE)))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n{nodes}\n'
            ' <node id="99" lat="50.4537" lon="2.792" version="1"><tag k="man_made" '
            'v="spoil_heap"/><tag k="name" v="Terril 74"/></node>\n'
            f' <way id="10" version="1">{refs}<tag k="highway" v="track"/>'
            '<tag k="surface" v="gravel"/></way>\n</osm>\n').encode()


def pbf_seed(folder: Path) -> bytes:
    import osmium

    xml = folder / "seed.osm"
    xml.write_bytes(osm_seed())
    path = folder / "seed.osm.pbf"
    path.unlink(missing_ok=True)
    # uncompressed blocks, so that mutations reach the nodes and ways, not only zlib
    writer = osmium.SimpleWriter(osmium.io.File(str(path), "pbf,pbf_compression=none"))
    try:
        for obj in osmium.FileProcessor(str(xml)):
            if isinstance(obj, osmium.osm.Node):
                writer.add_node(obj)
            elif isinstance(obj, osmium.osm.Way):
                writer.add_way(obj)
    finally:
        writer.close()
    return path.read_bytes()


def _gdal_seed(suffix: str, folder: Path) -> bytes:
    import geopandas as gpd
    from shapely.geometry import LineString

    path = folder / f"seed{suffix}"
    frame = gpd.GeoDataFrame({"nom": ["Chemin", "Cavalier"], "highway": ["track", "path"]},
                             geometry=[LineString([(lon, lat) for lat, lon in LINE]),
                                       LineString([(2.79, 50.45), (2.80, 50.455)])],
                             crs="EPSG:4326")
    frame.to_file(path)
    return path.read_bytes()


def dem_seed(folder: Path) -> bytes:
    import rasterio
    from affine import Affine

    path = folder / "seed.tif"
    heights = (40 + 10 * np.sin(np.arange(64 * 64).reshape(64, 64) / 50)).astype(np.float32)
    with rasterio.open(path, "w", driver="GTiff", width=64, height=64, count=1, dtype="float32",
                       crs="EPSG:4326", transform=Affine(0.0005, 0, 2.78, 0, -0.0005, 50.46),
                       nodata=-9999.0) as out:
        out.write(heights, 1)
    return path.read_bytes()


def budget_seed(folder: Path) -> bytes:
    from app.budget_xlsx import export_budgets
    from app.templates import build_template

    event, budgets = build_template("trail-pyramides-noires", 2027)
    path = folder / "budget.xlsx"
    export_budgets(path, event, budgets[:1])
    return path.read_bytes()


def project_seed(folder: Path) -> bytes:
    from hostile.project_samples import sample_project

    from app.project_store import save_project

    path = folder / "seed.cavalier"
    project = sample_project()
    save_project(path, project.__class__(project.event, project.budgets, None))
    return path.read_bytes()


def cavnet_seed(folder: Path) -> bytes:
    from routes.network.model import load_network
    from routes.network.roles import parse_role
    from routes.network.store import save

    layer = folder / "cavaliers.geojson"
    layer.write_bytes(geojson_seed())
    path = folder / "seed.cavnet"
    save(load_network(layers=[str(layer)], roles=[parse_role("*=hiking")]).graph, path)
    return path.read_bytes()


def mbtiles_seed(folder: Path) -> bytes:
    path = folder / "seed.mbtiles"
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(
            "CREATE TABLE metadata (name TEXT, value TEXT);"
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
            "tile_data BLOB);"
            "INSERT INTO metadata VALUES ('name', 'Bassin'), ('format', 'png'), "
            "('maxzoom', '14'), ('attribution', 'IGN');"
            "INSERT INTO tiles VALUES (8, 130, 170, x'89504e47');")
        conn.commit()
    return path.read_bytes()


# --- generated inputs (well-formed files with random content) ---------------------------------

def _random_number(rng: random.Random, low: float, high: float) -> str:
    roll = rng.random()
    if roll < 0.75:
        return repr(rng.uniform(low, high))
    if roll < 0.9:
        return repr(rng.uniform(-1e3, 1e3) * rng.choice((1.0, 1e5, 1e300)))
    return rng.choice(NUMBERS).decode()


def _random_line(rng: random.Random) -> list[tuple[str, str]]:
    """(lat, lon) texts: mostly a walk in the basin, sometimes anywhere or absurd."""
    count = rng.choice((0, 1, 2, 3, 10, 50, 400))
    lat, lon = rng.uniform(50.2, 50.7), rng.uniform(2.3, 3.6)
    points = []
    for _ in range(count):
        lat += rng.gauss(0, 0.0005)
        lon += rng.gauss(0, 0.0008)
        if rng.random() < 0.03:
            points.append((_random_number(rng, -90, 90), _random_number(rng, -180, 180)))
        else:
            points.append((repr(lat), repr(lon)))
    if rng.random() < 0.1:
        rng.shuffle(points)
    return points


def _random_text(rng: random.Random) -> str:
    alphabet = "abcdeé ÉàÀ-_'\"=+@<>&;/\\€ñ中\u202f\t"
    return "".join(rng.choice(alphabet) for _ in range(rng.choice((0, 3, 20, 250))))


def generate_gpx(rng: random.Random) -> bytes:
    from xml.sax.saxutils import escape

    tracks = []
    for _ in range(rng.choice((0, 1, 1, 2, 5))):
        segments = "".join(
            "<trkseg>" + "".join(
                f'<trkpt lat="{lat}" lon="{lon}"><ele>{_random_number(rng, -50, 300)}</ele>'
                + (f"<time>2027-10-03T09:{rng.randrange(60):02d}:00"
                   f"{rng.choice(('Z', '', '+02:00'))}</time>" if rng.random() < 0.5 else "")
                + "</trkpt>" for lat, lon in _random_line(rng)) + "</trkseg>"
            for _ in range(rng.choice((1, 1, 2))))
        tracks.append(f"<trk><name>{escape(_random_text(rng))}</name>{segments}</trk>")
    wpts = "".join(f'<wpt lat="{lat}" lon="{lon}"><name>{escape(_random_text(rng))}</name></wpt>'
                   for lat, lon in _random_line(rng)[:rng.choice((0, 2, 30))])
    return ('<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="fuzz" '
            f'xmlns="http://www.topografix.com/GPX/1/1">{wpts}{"".join(tracks)}</gpx>').encode()


def generate_geojson(rng: random.Random) -> bytes:
    features = []
    for _ in range(rng.choice((0, 1, 2, 5))):
        coords = [[float(lon), float(lat)] for lat, lon in _random_line(rng)
                  if _is_float(lat) and _is_float(lon)]
        kind = rng.choice(("LineString", "LineString", "MultiLineString", "Point", "Polygon"))
        geometry: Any = {"type": kind, "coordinates": coords}
        if kind == "MultiLineString":
            geometry["coordinates"] = [coords, coords[::-1]]
        elif kind == "Point":
            geometry["coordinates"] = coords[0] if coords else []
        elif kind == "Polygon":
            geometry["coordinates"] = [coords + coords[:1]]
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {"nom": _random_text(rng), "highway": "track"}})
    data: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if rng.random() < 0.2:
        data["crs"] = {"type": "name", "properties": {"name": rng.choice(
            ("EPSG:2154", "EPSG:4326", "EPSG:3857", "urn:ogc:def:crs:EPSG::27561", "bidon"))}}
    return json.dumps(data).encode()


def _is_float(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


GENERATORS: dict[str, Callable[[random.Random], bytes]] = {
    "gpx": generate_gpx, "reconnaissance": generate_gpx, "geojson-ligne": generate_geojson,
    "geojson-couche": generate_geojson,
}
GENERATED_SHARE = 0.3  # of the inputs of a reader that has a generator


# --- readers and their sanity checks ---------------------------------------------------------

def _finite_lonlat(xy: np.ndarray) -> str | None:
    if len(xy) and not np.isfinite(xy).all():
        return "coordonnées non finies acceptées"
    if len(xy) and ((np.abs(xy[:, 0]) > 180).any() or (np.abs(xy[:, 1]) > 90).any()):
        return "coordonnées hors des degrés acceptées"
    return None


def _track_sanity(latlons: list[tuple[float, float]], name: str = "") -> str | None:
    from routes.plausible import MAX_COURSE_M, MAX_JUMP_M, length_m

    arr = np.asarray(latlons, dtype=float).reshape(-1, 2)
    problem = _finite_lonlat(arr[:, ::-1])
    if problem:
        return problem
    if len(name) > 200:
        return f"nom de {len(name)} caractères accepté"
    total = length_m(arr)
    if total > MAX_COURSE_M:
        return f"trace de {total / 1000:.0f} km acceptée"
    if len(arr) >= 2:
        from routes.plausible import _steps
        if _steps(arr[:, 0], arr[:, 1]).max() > MAX_JUMP_M:
            return "saut de plus de 50 km accepté"
    return None


def read_gpx_import(path: Path, tmp: Path) -> str | None:
    from routes.gpx.importer import import_gpx

    imported = import_gpx(path)
    for wp in imported.waypoints:
        if len(wp.name) > 200 or not (math.isfinite(wp.lat) and math.isfinite(wp.lon)):
            return "point d'intérêt aberrant accepté"
    if any(p.ele is not None and not -500 <= p.ele <= 9000 for p in imported.points):
        return "altitude impossible acceptée"
    return _track_sanity([(p.lat, p.lon) for p in imported.points], imported.name)


def read_geojson_line(path: Path, tmp: Path) -> str | None:
    from routes.gpx.convert import read_geojson_course

    course = read_geojson_course(path)
    if any(e is not None and not -500 <= e <= 9000 for _, _, e in course.points):
        return "altitude impossible acceptée"
    return _track_sanity([(lat, lon) for lat, lon, _ in course.points], course.name)


def _layer_sanity(geometries: list[Any], warnings_: list[str]) -> str | None:
    import shapely

    from routes.plausible import distance_outside_region_m

    for geom in geometries:
        xy = shapely.get_coordinates(geom)
        problem = _finite_lonlat(xy)
        if problem:
            return problem
        if len(xy) and distance_outside_region_m(xy[:, 1], xy[:, 0]) > 100_000 \
                and not any("hors du Nord" in w or "inversées" in w for w in warnings_):
            return "entité loin du bassin acceptée sans avertissement"
    return None


def read_layer(path: Path, tmp: Path) -> str | None:
    from routes.network.gis_import import read_layer_file
    from routes.network.roles import RoleMapping, parse_role

    result = read_layer_file(path, RoleMapping((parse_role("*=hiking"),)))
    for text in result.warnings:
        if _english(text):
            return f"avertissement en anglais : {text[:120]}"
    return _layer_sanity([f.geometry for f in result.features], result.warnings)


def read_highway_frame(path: Path, tmp: Path) -> str | None:
    from routes.network.gis_import import read_checked_frame

    frame, found = read_checked_frame(path)
    return _layer_sanity(list(frame.geometry), found)


def read_osm_xml(path: Path, tmp: Path) -> str | None:
    from routes.osm.reader import read_osm

    extract = read_osm(path)
    for text in extract.warnings:
        if _english(text):
            return f"avertissement en anglais : {text[:120]}"
    return None


def read_dem(path: Path, tmp: Path) -> str | None:
    from routes.elevation.dem import open_dem

    dem = open_dem(path)
    heights = dem.heights[np.isfinite(dem.heights)]
    if len(heights) and ((heights < -500).any() or (heights > 9000).any()):
        return "altitude impossible acceptée"
    if not all(math.isfinite(v) for v in (dem.x0, dem.y0, dem.dx, dem.dy)) or not dem.dx:
        return "grille non finie acceptée"
    return None


def read_budget(path: Path, tmp: Path) -> str | None:
    from app.budget import MAX_AMOUNT
    from app.budget_import import import_budget_workbook
    from app.templates import build_template

    _, budgets = build_template("trail-pyramides-noires", 2027)
    result = import_budget_workbook(budgets[:1], path)
    for budget in result.imported:
        for line in budget.lines:
            for value in (line.amount, line.actual, line.unit_price):
                if value is not None and (not value.is_finite() or abs(value) > MAX_AMOUNT):
                    return f"montant {value} accepté"
    return None


def read_project(path: Path, tmp: Path) -> str | None:
    from app.project_store import open_project, project_problems

    project = open_project(path)
    missing = [p for p in project_problems(project) if p not in project.problems]
    if missing:
        return f"valeur hors règle non signalée : {missing[0][:120]}"
    for fmt in project.event.formats:
        if fmt.route is not None:
            length = fmt.route.stats.get("length_m", 0.0)
            if not isinstance(length, int | float) or not 0 <= length <= 2_000_000:
                return f"longueur enregistrée {length!r} acceptée"
    return None


def read_recce(path: Path, tmp: Path) -> str | None:
    from routes.recce.clean import CleanReport, read_passes

    for recorded in read_passes([path], CleanReport()):
        xy = np.asarray(recorded.xy, dtype=float)
        if not np.isfinite(xy).all():
            return "trace de reconnaissance non finie acceptée"
    return None


def read_cavnet(path: Path, tmp: Path) -> str | None:
    from routes.network.store import load

    graph = load(path)
    for node, data in graph.nodes(data=True):
        x, y = data.get("x"), data.get("y")
        if not (isinstance(x, int | float) and isinstance(y, int | float)
                and math.isfinite(x) and math.isfinite(y) and abs(x) <= 180 and abs(y) <= 90):
            return f"nœud {node} aux coordonnées aberrantes accepté"
    for *_, length in graph.edges(data="length"):
        if length is not None and not (isinstance(length, int | float)
                                       and math.isfinite(length) and 0 <= length <= 2e6):
            return f"arc de longueur {length!r} accepté"
    return None


def read_mbtiles(path: Path, tmp: Path) -> str | None:
    from app.offline_tiles import read_offline_map

    offline = read_offline_map(path)
    if not 0 <= offline.max_zoom <= 22:
        return f"zoom {offline.max_zoom} accepté"
    if len(offline.label) > 200 or len(offline.attribution) > 2000:
        return "métadonnée démesurée acceptée"
    return None


@dataclass(frozen=True)
class Reader:
    name: str
    suffix: str
    seeds: Callable[[Path], list[bytes]]
    read: Callable[[Path, Path], str | None]  # None: sane; else what is absurd
    count: int  # inputs per run
    native: bool = False  # hands bytes to native code: run in a child process
    mutate: str = "bytes"  # bytes, zip, sqlite


# Counts: about 10 400 inputs in under three minutes on two shared cores (the slow native
# readers get fewer, the pure-Python ones more).
READERS: tuple[Reader, ...] = (
    Reader("gpx", ".gpx", lambda d: [gpx_seed(), gpx_seed(LINE[::-1], name="Retour")],
           read_gpx_import, 3300),
    Reader("geojson-ligne", ".geojson", lambda d: [geojson_seed()], read_geojson_line, 1500),
    Reader("geojson-couche", ".geojson",
           lambda d: [geojson_seed(), geojson_seed(crs="urn:ogc:def:crs:OGC:1.3:CRS84")],
           read_layer, 1500),
    Reader("gpkg", ".gpkg", lambda d: [_gdal_seed(".gpkg", d)], read_highway_frame, 150,
           native=True),
    Reader("shapefile", ".shp", lambda d: [_gdal_seed(".shp", d)], read_highway_frame, 150,
           native=True),
    Reader("osm-xml", ".osm", lambda d: [osm_seed()], read_osm_xml, 300, native=True),
    Reader("osm-pbf", ".osm.pbf", lambda d: [pbf_seed(d)], read_osm_xml, 150, native=True),
    Reader("mnt", ".tif", lambda d: [dem_seed(d)], read_dem, 150, native=True),
    Reader("budget-xlsx", ".xlsx", lambda d: [budget_seed(d)], read_budget, 200, mutate="zip"),
    Reader("projet", ".cavalier", lambda d: [project_seed(d)], read_project, 800,
           mutate="sqlite"),
    Reader("reconnaissance", ".gpx", lambda d: [gpx_seed()], read_recce, 1500),
    Reader("cavnet", ".cavnet", lambda d: [cavnet_seed(d)], read_cavnet, 300, mutate="zip"),
    Reader("mbtiles", ".mbtiles", lambda d: [mbtiles_seed(d)], read_mbtiles, 400,
           mutate="sqlite"),
)
BY_NAME = {r.name: r for r in READERS}


# --- one case --------------------------------------------------------------------------------

def _english(message: str) -> bool:
    return bool(ENGLISH.search(_FRENCH_FALSE_FRIENDS.sub("", message)))


def case_bytes(reader: Reader, seeds: list[bytes], seed: int, index: int, tmp: Path) -> bytes:
    rng = random.Random(f"{seed}:{reader.name}:{index}")
    generate = GENERATORS.get(reader.name)
    if generate is not None and rng.random() < GENERATED_SHARE:
        data = generate(rng)
        return data if rng.random() < 0.5 else mutate_bytes(data, rng)
    data = rng.choice(seeds)
    if reader.mutate == "zip":
        return mutate_zip(data, rng)
    if reader.mutate == "sqlite":
        return mutate_sqlite(data, rng, tmp)
    return mutate_bytes(data, rng)


class _Timeout(BaseException):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def run_case(reader: Reader, data: bytes, tmp: Path) -> tuple[str, str]:
    """(outcome, detail) of one input."""
    from routes.errors import CavalierError

    path = tmp / f"entree{reader.suffix}"
    for leftover in tmp.glob("entree*"):
        leftover.unlink()
    path.write_bytes(data)
    if reader.suffix == ".shp":  # a shapefile is three files: mutate the main one only
        for other, content in _SHP_SIDECARS.items():
            path.with_suffix(other).write_bytes(content)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_TIMEOUT_S)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            problem = reader.read(path, tmp)
    except _Timeout:
        return "hang", f"plus de {CASE_TIMEOUT_S} s"
    except CavalierError as exc:
        message = str(exc)
        if _english(message) or not message.strip():
            return "cryptic", message[:300]
        return "error", ""
    except (Exception, RecursionError) as exc:
        return "traceback", f"{type(exc).__name__}: {str(exc)[:300]}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return ("silent", problem) if problem else ("accepted", "")


_SHP_SIDECARS: dict[str, bytes] = {}


def prepare(reader: Reader, folder: Path) -> list[bytes]:
    seeds = reader.seeds(folder)
    if reader.suffix == ".shp":
        for other in (".shx", ".dbf", ".prj", ".cpg"):
            sidecar = folder / f"seed{other}"
            if sidecar.exists():
                _SHP_SIDECARS[other] = sidecar.read_bytes()
    return seeds


# --- runs ------------------------------------------------------------------------------------

@dataclass
class ReaderStats:
    counts: Counter[str] = field(default_factory=Counter)
    findings: list[tuple[int, str, str]] = field(default_factory=list)  # (index, outcome, detail)
    seconds: float = 0.0


def run_in_process(reader: Reader, seed: int, count: int, tmp: Path) -> ReaderStats:
    stats = ReaderStats()
    started = time.perf_counter()
    seeds = prepare(reader, tmp)
    for index in range(count):
        data = case_bytes(reader, seeds, seed, index, tmp)
        outcome, detail = run_case(reader, data, tmp)
        stats.counts[outcome] += 1
        if outcome in FINDINGS:
            stats.findings.append((index, outcome, detail))
            save_finding(reader, data, outcome, detail)
    stats.seconds = time.perf_counter() - started
    return stats


def run_in_child(reader: Reader, seed: int, count: int, tmp: Path) -> ReaderStats:
    """Run the cases in child processes; a case during which the child died is a crash."""
    stats = ReaderStats()
    started = time.perf_counter()
    start = 0
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    while start < count:
        results = tmp / f"resultats-{start}.jsonl"
        child = subprocess.run(
            [sys.executable, "-m", "hostile.fuzz", "worker", reader.name, str(seed), str(start),
             str(count), str(results)], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=600, check=False)
        done = [json.loads(line) for line in results.read_text().splitlines()] \
            if results.exists() else []
        for index, outcome, detail in done:
            stats.counts[outcome] += 1
            if outcome in FINDINGS:
                stats.findings.append((index, outcome, detail))
        start = done[-1][0] + 1 if done else start
        if child.returncode != 0 and start < count:
            why = (f"signal {-child.returncode}" if child.returncode < 0
                   else f"code {child.returncode} : {child.stderr[-300:]}")
            stats.counts["crash"] += 1
            stats.findings.append((start, "crash", why))
            with tempfile.TemporaryDirectory() as scratch:
                seeds = prepare(reader, Path(scratch))
                save_finding(reader, case_bytes(reader, seeds, seed, start, Path(scratch)),
                             "crash", why)
            start += 1
    stats.seconds = time.perf_counter() - started
    return stats


def worker(name: str, seed: int, start: int, count: int, results: Path) -> None:
    reader = BY_NAME[name]
    with tempfile.TemporaryDirectory() as folder, results.open("a") as out:
        tmp = Path(folder)
        seeds = prepare(reader, tmp)
        for index in range(start, count):
            data = case_bytes(reader, seeds, seed, index, tmp)
            outcome, detail = run_case(reader, data, tmp)
            if outcome in FINDINGS:
                save_finding(reader, data, outcome, detail)
            out.write(json.dumps([index, outcome, detail]) + "\n")
            out.flush()


def save_finding(reader: Reader, data: bytes, outcome: str, detail: str) -> Path:
    """Keep a failing input as a corpus case (replayed by test_fuzz_corpus)."""
    folder = FOUND / reader.name
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    path = folder / f"{outcome}-{digest}{reader.suffix}"
    path.write_bytes(data)
    path.with_name(path.name + ".txt").write_text(f"{outcome}: {detail}\n", encoding="utf-8")
    return path


# The last run in this process, for the terminal summary (tests/hostile/conftest.py).
LAST_RUN: dict[str, Any] = {}


def default_seed() -> int:
    """``CAVALIER_FUZZ_SEED`` when set (to replay a run), else a new seed each day."""
    fixed = os.environ.get("CAVALIER_FUZZ_SEED")
    return int(fixed) if fixed else int(time.strftime("%Y%m%d"))


def summary_lines(seed: int, results: dict[str, ReaderStats], seconds: float) -> list[str]:
    totals: Counter[str] = Counter()
    for stats in results.values():
        totals.update(stats.counts)
    tried = sum(totals.values())
    lines = [f"Fuzz des lecteurs : {tried} entrées, graine {seed}, {seconds:.0f} s — "
             f"erreurs propres {totals['error']}, acceptées {totals['accepted']}, "
             f"tracebacks {totals['traceback']}, messages obscurs {totals['cryptic']}, "
             f"silencieuses {totals['silent']}, plantages {totals['crash']}, "
             f"blocages {totals['hang']} (rejouer : CAVALIER_FUZZ_SEED={seed})"]
    for name, stats in results.items():
        c = stats.counts
        lines.append(f"  {name:15} {sum(c.values()):5} entrées {stats.seconds:5.1f} s : "
                     f"erreurs {c['error']:5}  acceptées {c['accepted']:4}  "
                     f"anomalies {sum(c[o] for o in FINDINGS)}")
    return lines


def run_all(seed: int, scale: float = 1.0) -> dict[str, ReaderStats]:
    found: dict[str, ReaderStats] = {}
    for reader in READERS:
        count = max(1, int(reader.count * scale))
        with tempfile.TemporaryDirectory() as folder:
            runner = run_in_child if reader.native else run_in_process
            found[reader.name] = runner(reader, seed, count, Path(folder))
    return found


def replay(path: Path, reader: Reader) -> tuple[str, str]:
    """Run a saved case (its file) through its reader, in a child process if native."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        prepare(reader, tmp)
        return run_case(reader, path.read_bytes(), tmp)


def replay_isolated(path: Path, reader: Reader) -> tuple[str, str]:
    """:func:`replay`, in a child process for a native reader (a crash is then an outcome)."""
    if not reader.native:
        return replay(path, reader)
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    child = subprocess.run([sys.executable, "-m", "hostile.fuzz", "replay", reader.name,
                            str(path)], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120, check=False)
    if child.returncode != 0:
        return "crash", f"code {child.returncode} : {child.stderr[-300:]}"
    outcome, _, detail = child.stdout.partition("\n")
    return outcome.strip(), detail.strip()


if __name__ == "__main__":
    if sys.argv[1] == "worker":
        worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
               Path(sys.argv[6]))
    elif sys.argv[1] == "replay":
        print(*replay(Path(sys.argv[3]), BY_NAME[sys.argv[2]]), sep="\n")
