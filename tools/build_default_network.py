"""Build Cavalier's default network (``assets/network/``) from the open layers in ../shared.

Usage (from the repository root)::

    python3 tools/build_default_network.py --shared /work/shared --out assets/network

Sources (see ``assets/network/README.md``):

- ``data/bassin-minier-unesco``: Mission Bassin Minier / UNESCO layers, Licence Ouverte Etalab 2.0:
  cavalier lines (``zt-cavaliers``), terril outlines (``terrils`` + ``zt-terrils``), commune
  polygons (``communes-mbm``), footprints of the néo-natural spaces and mining buildings that are
  poles, the basin outline;
- ``data/eurovelo5-gpx/gpx_eurovelo5.gpx``: EuroVelo 5, OpenStreetMap route relation 5245117,
  © OpenStreetMap contributors, ODbL 1.0 — kept only where it runs in or near the basin.

Geometry is the source geometry (already simplified at ~10 m upstream), cleaned (null and
degenerate parts dropped, duplicate vertices removed), rounded to 6 decimals (~0.1 m). The GeoJSON
output is deterministic: features sorted by key, fixed key order, no timestamp.

Then the routing graph is built from those files by the one builder
(``routes.network.builder.build_graph`` with ``EMBEDDED_OPTIONS``: noding, gap repair, place
attachment, every connector flagged) and saved as ``default.cavnet`` (derived data, same licences)
with a digest of the layers it came from, so the application reloads it instead of rebuilding it
at every start (``routes/network/prebuilt.py``). ``--no-graph`` skips that step. After changing the
builder, run the script again: ``tests/test_prebuilt_network.py`` fails while the shipped graph
differs from the one the builder makes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import gpxpy
import shapely
from shapely.geometry import LineString, MultiLineString, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from routes.geodesy import to_lonlat, to_metric
from routes.network.model import write_prebuilt
from routes.network.prebuilt import PREBUILT_NAME

UNESCO = ("data", "bassin-minier-unesco")
EV5 = ("data", "eurovelo5-gpx", "gpx_eurovelo5.gpx")
#: EV5 is kept where it runs within this distance of the basin outline.
EV5_NEAR_BASIN_M = 1000.0
#: The EV5 export has a vertex every ~30 m; 5 m simplification keeps its shape.
EV5_SIMPLIFY_M = 5.0
DECIMALS = 6

#: Known facts about terrils that the layers do not carry (sources in README.md).
TERRIL_FACTS: dict[str, dict[str, Any]] = {
    "T002": {"name": "Terril 6 de Bruay Est", "summit_alt_m": 180.0,
             "shape": "grand terril moderne"},
    "T074": {"name": "Terril jumeau du 11/19 (est)", "summit_alt_m": 186.0, "shape": "conique"},
    "T074a": {"name": "Terril jumeau du 11/19 (ouest)", "summit_alt_m": 186.0,
              "shape": "conique"},
}

SHAPES = {
    "plat": "plat", "conique": "conique", "tronqué": "tronconique", "arasé": "arasé",
    "arasé construit": "arasé", "arasé route": "arasé", "arasé parc": "arasé",
    "arasé agricole": "arasé", "grand terril moderne": "grand terril moderne",
    "typologie particulière": "particulier", "bassin de décantation": "bassin de décantation",
    "terrasses": "en terrasses", "cavalier": "cavalier",
}

#: Poles: (id, name, communes, category, footprint) where the footprint is
#: ("file", "attribute", "value") of a real polygon, ("terril", ref) for a pole that is a terril,
#: or (lon, lat) for a place with no footprint in the layers (a point, said in README.md).
POLES: tuple[tuple[str, str, tuple[str, ...], str, tuple[Any, ...]], ...] = (
    ("argales", "Base de loisirs des Argales", ("Rieulay",), "base de loisirs",
     ("espace-neonaturel", "id_unesco", "27A")),
    ("mare-a-goriaux", "Mare à Goriaux", ("Raismes", "Wallers"), "espace naturel",
     ("espace-neonaturel", "id_unesco", "15C")),
    ("amaury", "Étang d'Amaury", ("Hergnies", "Vieux-Condé"), "base de loisirs",
     ("espace-neonaturel", "id_unesco", "5B")),
    ("chabaud-latour", "Étangs de Chabaud-Latour et de la Digue Noire",
     ("Condé-sur-l'Escaut", "Thivencelle"), "espace naturel",
     ("espace-neonaturel", "id_unesco", "8B")),
    ("wingles", "Parc de Wingles et étangs d'affaissement", ("Wingles",), "parc",
     ("espace-neonaturel", "id_unesco", "63J")),
    ("calonnix", "Calonnix – Parc de la Clarence", ("Marles-les-Mines", "Calonne-Ricouart"),
     "parc", ("zt-espaces-neonaturels", "id", "ENZT01")),
    ("parc-lawe", "Parc de la Lawe", ("Bruay-la-Buissière",), "parc",
     ("zt-espaces-neonaturels", "id", "ENZT02")),
    ("pays-a-part", "Site du Pays à part", ("Haillicourt", "Ruitz"), "espace naturel",
     ("zt-espaces-neonaturels", "id", "ENZT03")),
    ("fossette", "Parc de la Fossette", ("Barlin",), "parc",
     ("zt-espaces-neonaturels", "id", "ENZT04")),
    ("val-de-souchez", "Val de Souchez", ("Liévin", "Éleu-dit-Leauwette", "Avion"),
     "espace naturel", ("zt-espaces-neonaturels", "id", "ENZT06")),
    ("glissoire", "Parc de la Glissoire", ("Avion", "Lens"), "parc",
     ("zt-espaces-neonaturels", "id", "ENZT07")),
    ("9-9bis", "Site du 9-9bis", ("Oignies",), "site minier", ("batis", "nom", "Fosse 9-9bis")),
    ("base-11-19", "Base 11/19", ("Loos-en-Gohelle",), "site minier",
     ("batis", "nom", "Fosse 11-19")),
    ("lewarde", "Centre historique minier", ("Lewarde",), "site minier",
     ("batis", "nom", "Fosse Delloye")),
    ("arenberg", "Arenberg Creative Mine", ("Wallers",), "site minier",
     ("batis", "nom", "Fosse d'Arenberg")),
    ("sabatier", "Chevalement Sabatier", ("Raismes",), "site minier",
     ("batis", "nom", "Chevalement Sabatier")),
    ("ledoux", "Site minier Ledoux", ("Condé-sur-l'Escaut",), "site minier",
     ("batis", "nom", "Chevalement Ledoux")),
    ("dutemple", "Chevalement de la fosse Dutemple", ("Valenciennes",), "site minier",
     ("batis", "nom", "Chevalement Dutemple")),
    ("escarpelle-9", "Chevalement de la fosse n°9 de l'Escarpelle", ("Roost-Warendin",),
     "site minier", ("batis", "nom", "Chevalement n°9")),
    ("fosse-mathilde", "Fosse Mathilde", ("Denain",), "site minier",
     ("batis", "nom", "Fosse Mathilde")),
    ("loisinord", "Loisinord (piste de ski sur terril)", ("Nœux-les-Mines",), "base de loisirs",
     ("terril", "T042")),
    ("terril-sainte-marie", "Espace naturel du terril Sainte-Marie", ("Auberchicourt",),
     "espace naturel", ("terril", "T125")),
    ("natura-sport", "Parc Natura Sport (lavoir de Fouquières)",
     ("Fouquières-lès-Lens", "Hénin-Beaumont"), "parc", ("terril", "T260")),
    ("olhain", "Parc départemental d'Olhain", ("Maisnil-lès-Ruitz",), "base de loisirs",
     (2.588, 50.437)),
    ("louvre-lens", "Louvre-Lens et son parc", ("Lens",), "parc", (2.8045, 50.431)),
    ("annelles-lains", "Espace naturel Annelles, Lains et Pont Pinnet", ("Roost-Warendin",),
     "espace naturel", (3.094, 50.413)),
    ("parc-des-iles", "Parc des Îles (ancienne cokerie de Drocourt)",
     ("Hénin-Beaumont", "Drocourt", "Rouvroy"), "parc", (2.928, 50.4035)),
)


def read_features(path: Path) -> list[tuple[BaseGeometry, dict[str, Any]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(shape(f["geometry"]), dict(f["properties"] or {})) for f in data["features"]
            if f.get("geometry")]


def rounded(geom: BaseGeometry) -> BaseGeometry:
    fixed = shapely.set_precision(geom, 10.0 ** -DECIMALS)
    return fixed if fixed.is_valid else fixed.buffer(0)


def feature(geom: BaseGeometry, props: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": dict(props), "geometry": mapping(geom)}


def communes_of(props: Mapping[str, Any], fields: Iterable[str]) -> list[str]:
    return [str(props[f]).strip() for f in fields if props.get(f)]


def cavaliers(folder: Path) -> list[dict[str, Any]]:
    out = []
    for geom, props in read_features(folder / "zt-cavaliers.geojson"):
        parts = geom.geoms if isinstance(geom, MultiLineString) else [geom]
        for index, part in enumerate(parts):
            line = rounded(part)
            if not isinstance(line, LineString) or line.is_empty or line.length == 0:
                continue
            ident = str(props.get("id_troncon") or "")
            out.append(feature(line, {
                "layer": "cavalier", "id": f"{ident}-{index}" if len(parts) > 1 else ident,
                "name": str(props.get("nom") or ""),
                "communes": communes_of(props, ("commune_1", "commune_2", "commune_3",
                                                "commune_4")),
            }))
    return sorted(out, key=lambda f: (f["properties"]["id"], f["geometry"]["coordinates"][0]))


def radius_m(geom: BaseGeometry) -> int:
    """Radius of the disc of the same area, rounded to 10 m (elevation estimate)."""
    area = float(to_metric(geom).area)
    return int(round((area / 3.141592653589793) ** 0.5 / 10.0) * 10)


def terrils(folder: Path) -> tuple[list[dict[str, Any]], dict[str, BaseGeometry]]:
    found: dict[str, tuple[BaseGeometry, dict[str, Any], bool]] = {}
    rows = [(g, p, "no_terril", True) for g, p in read_features(folder / "terrils.geojson")]
    rows += [(g, p, "id", False) for g, p in read_features(folder / "zt-terrils.geojson")]
    for geom, props, ref_field, unesco in rows:
        ref = str(props[ref_field]).strip()
        if ref in found:
            previous, old_props, was_unesco = found[ref]
            found[ref] = (unary_union([previous, geom]), old_props, was_unesco or unesco)
        else:
            found[ref] = (geom, props, unesco)
    out = []
    outlines = {}
    for ref in sorted(found):
        geom, props, unesco = found[ref]
        polygon = rounded(geom)
        outlines[ref] = polygon
        facts = TERRIL_FACTS.get(ref, {})
        name = str(props.get("nom_usuel") or props.get("nom") or "").strip()
        forme = str(props.get("forme") or "").strip().casefold()
        out.append(feature(polygon, {
            "layer": "terril", "ref": ref, "name": facts.get("name", name),
            "communes": communes_of(props, ("commune_1", "commune_2", "commune_3")),
            "shape": facts.get("shape", SHAPES.get(forme, forme)),
            "height_m": facts.get("height_m"), "summit_alt_m": facts.get("summit_alt_m"),
            "radius_m": radius_m(polygon), "unesco": unesco,
        }))
    return out, outlines


def communes(folder: Path) -> list[dict[str, Any]]:
    out = [feature(rounded(geom), {"layer": "commune", "insee": str(props["insee"]),
                                   "name": str(props["nom"])})
           for geom, props in read_features(folder / "communes-mbm.geojson")]
    return sorted(out, key=lambda f: f["properties"]["insee"])


def poles(folder: Path, outlines: Mapping[str, BaseGeometry]) -> list[dict[str, Any]]:
    cache: dict[str, list[tuple[BaseGeometry, dict[str, Any]]]] = {}
    out = []
    for ident, name, where, category, footprint in POLES:
        props: dict[str, Any] = {"layer": "pole", "id": ident, "name": name,
                                 "communes": list(where), "category": category}
        if footprint[0] == "terril":
            geom = outlines[footprint[1]]
            props["footprint"] = f"terril {footprint[1]}"
        elif isinstance(footprint[0], str):
            file, attribute, value = footprint
            rows = cache.setdefault(file, read_features(folder / f"{file}.geojson"))
            matches = [g for g, p in rows if str(p.get(attribute)) == value]
            if len(matches) != 1:
                raise SystemExit(f"{file}: {attribute}={value!r} trouvé {len(matches)} fois")
            geom = rounded(matches[0])
            props["footprint"] = file
        else:
            geom = shapely.Point(footprint)
            props["footprint"] = "point"
        out.append(feature(geom, props))
    return out


def veloroute(shared: Path, basin: BaseGeometry) -> list[dict[str, Any]]:
    with (shared.joinpath(*EV5)).open(encoding="utf-8") as stream:
        gpx = gpxpy.parse(stream)
    near = to_metric(basin).buffer(EV5_NEAR_BASIN_M)
    parts: list[LineString] = []
    for track in gpx.tracks:
        for segment in track.segments:
            coords = [(p.longitude, p.latitude) for p in segment.points]
            if len(coords) < 2:
                continue
            clipped = to_metric(LineString(coords)).intersection(near)
            pieces = getattr(clipped, "geoms", [clipped])
            parts.extend(p for p in pieces if isinstance(p, LineString) and p.length > 50)
    merged = shapely.line_merge(shapely.MultiLineString(parts)) if parts else None
    lines = list(getattr(merged, "geoms", [merged])) if merged is not None else []
    out = []
    for index, line in enumerate(sorted(lines, key=lambda g: tuple(g.coords[0]))):
        simple = rounded(to_lonlat(line.simplify(EV5_SIMPLIFY_M)))
        out.append(feature(simple, {"layer": "veloroute", "id": f"EV5-{index + 1}",
                                    "name": "EuroVelo 5 (Via Romea Francigena)", "ref": "EV5"}))
    return out


def write(path: Path, features: list[dict[str, Any]]) -> int:
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"))
    path.write_text(text.replace('},{"type":"Feature"', '},\n{"type":"Feature"') + "\n",
                    encoding="utf-8")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True, help="dossier ../shared")
    parser.add_argument("--out", type=Path, required=True, help="dossier assets/network")
    parser.add_argument("--no-graph", action="store_true",
                        help=f"ne pas construire le graphe {PREBUILT_NAME} (couches seules)")
    args = parser.parse_args(argv)
    folder = args.shared.joinpath(*UNESCO)
    if not folder.is_dir():
        parser.error(f"couches introuvables : {folder}")
    basin = unary_union([g for g, _ in read_features(folder / "bassin-minier.geojson")])
    terril_features, outlines = terrils(folder)
    layers = {
        "cavaliers": cavaliers(folder),
        "terrils": terril_features,
        "communes": communes(folder),
        "poles": poles(folder, outlines),
        "veloroute": veloroute(args.shared, basin),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in ("hiking", "ruptures", "sensitive"):
        (args.out / f"{stale}.geojson").unlink(missing_ok=True)
    total = 0
    for name, features in layers.items():
        size = write(args.out / f"{name}.geojson", features)
        total += size
        print(f"{name}.geojson : {len(features)} entités, {size / 1e6:.2f} Mo")
    print(f"total : {total / 1e6:.2f} Mo")
    if not args.no_graph:
        graph_file = write_prebuilt(args.out)
        size = graph_file.stat().st_size
        print(f"{graph_file.name} : graphe prêt à charger, {size / 1e6:.2f} Mo")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
