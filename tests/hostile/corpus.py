"""A generated corpus of hostile input files: GPX, GeoJSON, OSM, DEM, budget xlsx and projects.

Each case is a small realistic file (a path near the 11/19 at Loos-en-Gohelle, a budget exported by
Cavalier, a saved project) with one deliberate fault: bad numbers (NaN, infinities, 1e308, out of
range, swapped), wrong coordinate systems, truncation, garbage bytes, XML bombs, deep nesting,
wrong types, formulas, damaged SQLite values. ``python -m hostile.corpus DIR`` (with ``tests`` on
the path) writes the files so they can be opened by hand; the test runs every case through the
real readers.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from hostile.gis_samples import LAMBERT93_LINE, WGS84_LINE, geotiff

SEED = 20261128
BAD_NUMBERS = ("NaN", "nan", "Infinity", "-Infinity", "inf", "1e308", "-1e308", "1e999", "95",
               "-200", "", " ", "abc", "0x10", "1,5", "--1", "1e-400", "١٢")


@dataclass(frozen=True)
class Case:
    kind: str  # gpx, geojson, osm, dem, xlsx, project
    name: str  # file name (unique in the corpus)
    write: Callable[[Path], None]  # writes the file at the given path


def _text(content: str | bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return write


# --- GPX -------------------------------------------------------------------------------------

def _gpx(points: list[tuple[str, str]], *, head: str = "", ele: str = "35.0") -> str:
    pts = "".join(f'<trkpt lat="{lat}" lon="{lon}"><ele>{ele}</ele></trkpt>' for lat, lon in points)
    return (f'<?xml version="1.0" encoding="UTF-8"?>{head}\n'
            '<gpx version="1.1" creator="hostile" xmlns="http://www.topografix.com/GPX/1/1">'
            f"<trk><name>Boucle du 11/19</name><trkseg>{pts}</trkseg></trk></gpx>")


_GOOD_PTS = [(f"{lat:.5f}", f"{lon:.5f}") for lon, lat in WGS84_LINE]


def gpx_cases(rng: random.Random) -> list[Case]:
    cases = [Case("gpx", "gpx-ok.gpx", _text(_gpx(_GOOD_PTS)))]
    for i, bad in enumerate(BAD_NUMBERS):
        pts = list(_GOOD_PTS)
        pts[1] = (bad, pts[1][1]) if i % 2 else (pts[1][0], bad)
        cases.append(Case("gpx", f"gpx-coord-{i}.gpx", _text(_gpx(pts))))
        cases.append(Case("gpx", f"gpx-ele-{i}.gpx", _text(_gpx(_GOOD_PTS, ele=bad))))
    cases.append(Case("gpx", "gpx-swapped.gpx",
                      _text(_gpx([(lon, lat) for lat, lon in _GOOD_PTS]))))
    bomb = ('<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    cases.append(Case("gpx", "gpx-bomb.gpx", _text(_gpx(_GOOD_PTS, head=bomb).replace(
        "Boucle du 11/19", "&c;"))))
    xxe = '<!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    cases.append(Case("gpx", "gpx-xxe.gpx", _text(_gpx(_GOOD_PTS, head=xxe).replace(
        "Boucle du 11/19", "&x;"))))
    good = _gpx(_GOOD_PTS).encode()
    for i in range(12):
        cut = rng.randrange(1, len(good) - 1)
        cases.append(Case("gpx", f"gpx-cut-{i}.gpx", _text(good[:cut])))
    for i in range(6):
        noisy = bytearray(good)
        for _ in range(8):
            noisy[rng.randrange(len(noisy))] = rng.randrange(256)
        cases.append(Case("gpx", f"gpx-noise-{i}.gpx", _text(bytes(noisy))))
    deep = "<extensions>" * 3000 + "</extensions>" * 3000
    cases += [
        Case("gpx", "gpx-empty.gpx", _text(b"")),
        Case("gpx", "gpx-deep.gpx", _text(_gpx(_GOOD_PTS).replace("</trk>", deep + "</trk>"))),
        Case("gpx", "gpx-kml.gpx", _text('<?xml version="1.0"?><kml><Document/></kml>')),
        Case("gpx", "gpx-latin1.gpx", _text(_gpx(_GOOD_PTS).encode("utf-8").replace(
            b"Boucle", b"Boucl\xe9"))),
        Case("gpx", "gpx-nopoint.gpx", _text(_gpx([]))),
        Case("gpx", "gpx-noattr.gpx", _text(_gpx(_GOOD_PTS).replace('lat="', 'lax="', 1))),
    ]
    return cases


# --- GeoJSON ---------------------------------------------------------------------------------

def _geojson(coords: object, *, crs: str | None = None, props: object = None,
             geometry_type: str = "LineString") -> str:
    data: dict[str, object] = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props if props is not None else {"nom": "Cavalier"},
         "geometry": {"type": geometry_type, "coordinates": coords}}]}
    if crs is not None:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(data)


def geojson_cases(rng: random.Random) -> list[Case]:
    cases = [Case("geojson", "geo-ok.geojson", _text(_geojson(WGS84_LINE))),
             Case("geojson", "geo-l93-declared.geojson",
                  _text(_geojson(LAMBERT93_LINE, crs="EPSG:2154"))),
             Case("geojson", "geo-l93-undeclared.geojson", _text(_geojson(LAMBERT93_LINE))),
             Case("geojson", "geo-wgs-as-l93.geojson",
                  _text(_geojson(WGS84_LINE, crs="EPSG:2154"))),
             Case("geojson", "geo-swapped.geojson",
                  _text(_geojson([[y, x] for x, y in WGS84_LINE]))),
             Case("geojson", "geo-lyon.geojson", _text(_geojson([[4.83, 45.76], [4.84, 45.77]]))),
             Case("geojson", "geo-unknown-crs.geojson",
                  _text(_geojson(WGS84_LINE, crs="EPSG:999999"))),
             Case("geojson", "geo-crs-garbage.geojson",
                  _text(_geojson(WGS84_LINE, crs="pas un CRS")))]
    for i, bad in enumerate(BAD_NUMBERS):
        line = [list(p) for p in WGS84_LINE]
        line[1][i % 2] = bad  # type: ignore[call-overload]
        text = _geojson(line)
        for raw in ("NaN", "Infinity", "-Infinity"):  # JSON itself has no such numbers
            text = text.replace(f'"{raw}"', raw)
        cases.append(Case("geojson", f"geo-coord-{i}.geojson", _text(text)))
    for depth in (100, 2_000, 50_000, 400_000):
        nested = "[" * depth + "]" * depth
        cases.append(Case("geojson", f"geo-deep-{depth}.geojson", _text(
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
            f'"geometry": {{"type": "LineString", "coordinates": {nested}}}}}]}}')))
    weird_geometries: list[object] = ["ligne", 12, [], [[]], [[2.8]], [[2.8, 50.4, 1, 2, 3]],
                                      {"a": 1}, [[True, False], [None, None]], [["2.8", "50.4"]]]
    for i, coords in enumerate(weird_geometries):
        cases.append(Case("geojson", f"geo-weird-{i}.geojson", _text(_geojson(coords))))
    for i, gtype in enumerate(("Polygon", "Point", "GeometryCollection", "Cercle", "")):
        cases.append(Case("geojson", f"geo-type-{i}.geojson",
                          _text(_geojson(WGS84_LINE, geometry_type=gtype))))
    for i, props in enumerate(("texte", 5, [], {"nom": None}, {"nom": 1e308},
                               {"nom": "=HYPERLINK(\"x\")"}, {"": ""})):
        cases.append(Case("geojson", f"geo-props-{i}.geojson", _text(_geojson(WGS84_LINE,
                                                                             props=props))))
    good = _geojson(WGS84_LINE).encode()
    for i in range(10):
        cases.append(Case("geojson", f"geo-cut-{i}.geojson",
                          _text(good[:rng.randrange(1, len(good) - 1)])))
    cases += [
        Case("geojson", "geo-empty.geojson", _text(b"")),
        Case("geojson", "geo-array.geojson", _text("[1, 2, 3]")),
        Case("geojson", "geo-features-dict.geojson",
             _text('{"type": "FeatureCollection", "features": {"a": 1}}')),
        Case("geojson", "geo-binary.geojson", _text(bytes(rng.randrange(256) for _ in range(300)))),
        Case("geojson", "geo-bom.geojson", _text(b"\xef\xbb\xbf" + good)),
        Case("geojson", "geo-utf16.geojson", _text(_geojson(WGS84_LINE).encode("utf-16"))),
    ]
    return cases


# --- OSM -------------------------------------------------------------------------------------

def _osm(coords: list[tuple[str, str]], *, head: str = "", extra: str = "") -> str:
    nodes = "".join(f'<node id="{i + 1}" lat="{lat}" lon="{lon}" version="1"/>'
                    for i, (lat, lon) in enumerate(coords))
    refs = "".join(f'<nd ref="{i + 1}"/>' for i in range(len(coords)))
    return (f'<?xml version="1.0" encoding="UTF-8"?>{head}<osm version="0.6">{nodes}'
            f'<way id="10" version="1">{refs}<tag k="highway" v="track"/>'
            f'<tag k="name" v="Chemin du 11/19"/></way>{extra}</osm>')


def osm_cases(rng: random.Random) -> list[Case]:
    good_pts = [(f"{lat:.5f}", f"{lon:.5f}") for lon, lat in WGS84_LINE]
    cases = [Case("osm", "osm-ok.osm", _text(_osm(good_pts)))]
    for i, bad in enumerate(BAD_NUMBERS):
        pts = list(good_pts)
        pts[1] = (bad, pts[1][1]) if i % 2 else (pts[1][0], bad)
        cases.append(Case("osm", f"osm-coord-{i}.osm", _text(_osm(pts))))
    good = _osm(good_pts).encode()
    for i in range(10):
        cases.append(Case("osm", f"osm-cut-{i}.osm", _text(good[:rng.randrange(1, len(good) - 1)])))
    bomb = ('<!DOCTYPE osm [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
    cases += [
        Case("osm", "osm-bomb.osm", _text(_osm(good_pts, head=bomb).replace("11/19", "&b;"))),
        Case("osm", "osm-missing-node.osm",
             _text(_osm(good_pts).replace('<nd ref="2"/>', '<nd ref="999"/>'))),
        Case("osm", "osm-dup-node.osm", _text(_osm(good_pts + good_pts[:1]).replace(
            'id="4"', 'id="1"'))),
        Case("osm", "osm-relation-loop.osm", _text(_osm(good_pts, extra=(
            '<relation id="5" version="1"><member type="relation" ref="5" role=""/>'
            '<tag k="type" v="route"/><tag k="route" v="hiking"/></relation>')))),
        Case("osm", "osm-empty.osm", _text(b"")),
        Case("osm", "osm-html.osm", _text("<html><body>429 Too Many Requests</body></html>")),
        Case("osm", "osm-garbage.osm.pbf", _text(bytes(rng.randrange(256) for _ in range(500)))),
        Case("osm", "osm-text.osm.pbf", _text("ceci n'est pas un pbf")),
        Case("osm", "osm-nothing.osm", _text('<?xml version="1.0"?><osm version="0.6"></osm>')),
        Case("osm", "osm-wrong-suffix.txt", _text(_osm(good_pts))),
    ]
    return cases


# --- DEM -------------------------------------------------------------------------------------

def _tif(heights: np.ndarray, *, nodata: float | None = None) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        geotiff(path, heights, nodata=nodata)
    return write


def _hgt(values: np.ndarray) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        values.astype(">i2").tofile(path)
    return write


def dem_cases(rng: random.Random) -> list[Case]:
    base = 30.0 + np.add.outer(np.arange(16.0), np.arange(16.0))
    cases = [Case("dem", "dem-ok.tif", _tif(base))]
    fills = (np.inf, -np.inf, np.nan, 1e30, -1e30, 99999.0, -9999.0, 3.4e38)
    for i, fill in enumerate(fills):
        full = np.full((16, 16), fill)
        cases.append(Case("dem", f"dem-full-{i}.tif", _tif(full)))
        some = base.copy()
        mask = np.zeros(some.shape, dtype=bool)
        mask.flat[rng.sample(range(some.size), 30)] = True
        some[mask] = fill
        cases.append(Case("dem", f"dem-some-{i}.tif", _tif(some)))
    nodata = base.copy()
    nodata[:4] = -32767.0
    cases += [Case("dem", "dem-nodata.tif", _tif(nodata, nodata=-32767.0)),
              Case("dem", "dem-all-nodata.tif", _tif(np.full((16, 16), -1.0), nodata=-1.0))]
    tile = np.full((1201, 1201), 40, dtype=np.int64)
    voids = tile.copy()
    voids[::7] = -32768
    spikes = tile.copy()
    spikes[100:110, 100:110] = 32000
    cases += [Case("dem", "N50E002.hgt", _hgt(tile)), Case("dem", "N50E003.hgt", _hgt(voids)),
              Case("dem", "N51E002.hgt", _hgt(spikes)),
              Case("dem", "N50E004.hgt", _hgt(np.full((1201, 1201), -32768))),
              Case("dem", "N50E005.hgt", _hgt(np.full((100, 100), 40))),
              Case("dem", "mauvais-nom.hgt", _hgt(tile))]
    good = bytearray()

    def truncated(path: Path, keep: float) -> None:
        geotiff(path, base)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)])

    for i, keep in enumerate((0.1, 0.5, 0.9)):
        cases.append(Case("dem", f"dem-cut-{i}.tif",
                          lambda p, k=keep: truncated(p, k)))  # type: ignore[misc]
    cases += [Case("dem", "dem-empty.tif", _text(bytes(good))),
              Case("dem", "dem-garbage.tif", _text(bytes(rng.randrange(256) for _ in range(900)))),
              Case("dem", "dem-text.tiff", _text("pas une image")),
              Case("dem", "dem.png", _text(b"\x89PNG\r\n"))]
    return cases


# --- budget xlsx -----------------------------------------------------------------------------

def _budget_xlsx(mutate: Callable[[Path], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from app.budget_xlsx import export_budgets
        from app.templates import build_template

        event, budgets = build_template("raid-bassin-minier", 2027)
        export_budgets(path, event, budgets)
        mutate(path)
    return write


def _set_cell(column: str, value: object) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        from openpyxl import load_workbook

        wb = load_workbook(path)
        ws = wb["Budget"]
        row = next(r for r in range(1, ws.max_row + 1)
                   if ws[f"I{r}"].value == "L" and ws[f"B{r}"].value)
        ws[f"{column}{row}"] = value
        wb.save(path)
    return mutate


def _raw(cell: str, raw: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        from hostile.xlsx_raw import set_raw_number

        set_raw_number(path, "Budget", cell, raw)
    return mutate


def _zip_edit(edit: Callable[[dict[str, bytes]], None]) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            members = {n: archive.read(n) for n in archive.namelist()}
        edit(members)
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    return mutate


def _truncate(keep: float) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)])
    return mutate


def xlsx_cases(rng: random.Random) -> list[Case]:
    cases = [Case("xlsx", "budget-ok.xlsx", _budget_xlsx(lambda p: None))]
    values: list[object] = [*BAD_NUMBERS, -1e12, 1e15, True, "=1/0", "12 €", "1 234,56",
                            "=HYPERLINK(\"http://x\")", "@SUM(A1)"]
    for column in "CDEFH":
        for i, value in enumerate(values):
            if rng.random() < 0.5 and column in "CD":
                continue  # quantity and price go by pairs: half of them is enough
            cases.append(Case("xlsx", f"budget-{column}-{i}.xlsx",
                              _budget_xlsx(_set_cell(column, value))))
    for i, raw in enumerate(("1e999", "-1e999", "1e308", "NaN", "INF", "1.5e10")):
        cases.append(Case("xlsx", f"budget-raw-{i}.xlsx", _budget_xlsx(_raw("E8", raw))))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst>&b;</sst>')
    cases += [
        Case("xlsx", "budget-tag-group.xlsx", _budget_xlsx(_set_cell("I", "G:99"))),
        Case("xlsx", "budget-tag-none.xlsx", _budget_xlsx(_set_cell("I", None))),
        Case("xlsx", "budget-category.xlsx", _budget_xlsx(_set_cell("H", "Loterie"))),
        Case("xlsx", "budget-formula.xlsx", _budget_xlsx(_set_cell("E", "=SUM(Z1:Z9)"))),
        Case("xlsx", "budget-bomb.xlsx", _budget_xlsx(_zip_edit(
            lambda m: m.__setitem__("xl/sharedStrings.xml", bomb)))),
        Case("xlsx", "budget-no-workbook.xlsx", _budget_xlsx(_zip_edit(
            lambda m: m.pop("xl/workbook.xml")))),
        Case("xlsx", "budget-bad-sheet-xml.xlsx", _budget_xlsx(_zip_edit(
            lambda m: m.__setitem__("xl/worksheets/sheet1.xml", b"<worksheet><oops>")))),
        Case("xlsx", "budget-not-zip.xlsx", _text("Compte;Intitulé;Prévu\n60;Achats;100\n")),
        Case("xlsx", "budget-empty.xlsx", _text(b"")),
        Case("xlsx", "budget.ods", _text(b"PK\x03\x04")),
    ]
    for i, keep in enumerate((0.05, 0.3, 0.6, 0.95)):
        cases.append(Case("xlsx", f"budget-cut-{i}.xlsx", _budget_xlsx(_truncate(keep))))
    return cases


# --- project ---------------------------------------------------------------------------------

PROJECT_DAMAGES: tuple[tuple[str, str, str], ...] = (
    ("events", "edition_year", "9999"), ("events", "edition_year", "'MMXXVII'"),
    ("events", "start_date", "'hier'"), ("events", "end_date", "'9999-12-31'"),
    ("events", "end_date", "'2000-01-01'"), ("events", "organiser", "12"),
    ("events", "name", "x'00ff'"), ("events", "is_series", "7"),
    ("formats", "discipline", "'parapente'"), ("formats", "fee", "'gratuit'"),
    ("formats", "fee", "'NaN'"), ("formats", "fee", "'1e999'"),
    ("formats", "distance_km", "9e999"), ("formats", "distance_km", "'loin'"),
    ("formats", "max_participants", "-5"), ("formats", "max_participants", "1.5"),
    ("formats", "day", "'2027-02-30'"), ("formats", "start_time", "'25:00'"),
    ("formats", "route_id", "424242"), ("formats", "expected_participants", "'beaucoup'"),
    ("waypoints", "lon", "9e999"), ("waypoints", "lat", "95.0"),
    ("waypoints", "kind", "'bivouac'"), ("waypoints", "discipline", "'trail'"),
    ("routes", "geometry", "'[[NaN, 50.1, 3]]'"), ("routes", "geometry", "'[[2.8'"),
    ("routes", "geometry", "'[[2.8, 50.4, 1e999]]'"), ("routes", "stops", "'[1, 2]'"),
    ("routes", "stops", "'[[\"A\", 200, 50]]'"), ("routes", "stats", "'[]'"),
    ("routes", "stats", "'{'"), ("budgets", "targets", "'{\"public\": \"beaucoup\"}'"),
    ("budgets", "targets", "'{\"loterie\": 0.5}'"), ("budgets", "format_names", "'{'"),
    ("budgets", "format_names", "'[1, 2]'"), ("budget_lines", "amount", "'douze'"),
    ("budget_lines", "amount", "'NaN'"), ("budget_lines", "amount", "'1e400'"),
    ("budget_lines", "amount", "'sNaN'"), ("budget_lines", "actual", "'-Infinity'"),
    ("budget_lines", "quantity", "'3'"), ("budget_lines", "category", "'bidon'"),
    ("budget_lines", "driver", "'lune'"), ("budget_lines", "account", "'99'"),
    ("network", "layers", "'5'"), ("network", "data", "'texte'"),
    ("meta", "value", "'pas une date'"),
)


def _damaged_project(table: str, field: str, value: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from hostile.project_samples import saved_sample

        saved_sample(path)
        with closing(sqlite3.connect(path)) as conn:
            conn.execute(f"UPDATE {table} SET {field} = {value} WHERE rowid = "
                         f"(SELECT MIN(rowid) FROM {table})")
            conn.commit()
    return write


def _project_bytes(edit: Callable[[bytearray], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from hostile.project_samples import saved_sample

        saved_sample(path)
        data = bytearray(path.read_bytes())
        edit(data)
        path.write_bytes(bytes(data))
    return write


def _pragma(statement: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from hostile.project_samples import saved_sample

        saved_sample(path)
        with closing(sqlite3.connect(path)) as conn:
            conn.execute(statement)
            conn.commit()
    return write


def project_cases(rng: random.Random) -> list[Case]:
    from hostile.project_samples import saved_sample

    cases = [Case("project", "projet-ok.cavalier", lambda p: saved_sample(p) and None)]
    for i, (table, field, value) in enumerate(PROJECT_DAMAGES):
        cases.append(Case("project", f"projet-{i}-{table}-{field}.cavalier",
                          _damaged_project(table, field, value)))
    for i in range(8):
        def cut(data: bytearray, keep: float = rng.uniform(0.02, 0.95)) -> None:
            del data[int(len(data) * keep):]
        cases.append(Case("project", f"projet-cut-{i}.cavalier", _project_bytes(cut)))
    for i in range(6):
        def scribble(data: bytearray, seed: int = rng.randrange(1 << 30)) -> None:
            local = random.Random(seed)
            start = local.randrange(100, len(data) - 600)
            data[start:start + 512] = bytes(local.randrange(256) for _ in range(512))
        cases.append(Case("project", f"projet-noise-{i}.cavalier", _project_bytes(scribble)))
    cases += [
        Case("project", "projet-foreign.cavalier", _pragma("PRAGMA application_id = 12345")),
        Case("project", "projet-future.cavalier", _pragma("PRAGMA user_version = 99")),
        Case("project", "projet-no-event.cavalier", _pragma("DELETE FROM waypoints")),
        Case("project", "projet-drop.cavalier", _pragma("DROP TABLE budget_lines")),
        Case("project", "projet-empty.cavalier", _text(b"")),
        Case("project", "projet-text.cavalier", _text("ceci n'est pas un projet")),
    ]
    return cases


def all_cases() -> list[Case]:
    rng = random.Random(SEED)
    cases = (gpx_cases(rng) + geojson_cases(rng) + osm_cases(rng) + dem_cases(rng)
             + xlsx_cases(rng) + project_cases(rng))
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "corpus file names must be unique"
    return cases


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-hostile")
    target.mkdir(parents=True, exist_ok=True)
    for case in all_cases():
        case.write(target / case.name)
    print(f"{len(all_cases())} fichiers écrits dans {target}")
