"""Derive the shipped basin outline (``assets/basin/bassin-minier.geojson``) from the Mission
Bassin Minier layer (Licence Ouverte Etalab 2.0).

The outline clips the OpenStreetMap download: it is widened by ``--buffer-m`` (paths along the
edge are kept whole) and simplified to ``--tolerance-m`` so that the asset stays a few kilobytes.

    python3 tools/make_basin_outline.py ../shared/data/bassin-minier-unesco/bassin-minier.geojson
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

ASSET = Path(__file__).resolve().parent.parent / "assets" / "basin" / "bassin-minier.geojson"
ATTRIBUTION = ("Périmètre du Bassin minier : Mission Bassin Minier Nord-Pas-de-Calais, "
               "Licence Ouverte Etalab 2.0 (élargi et simplifié par Cavalier)")


def derive(source: Path, *, buffer_m: float, tolerance_m: float) -> dict[str, object]:
    frame = json.loads(source.read_text(encoding="utf-8"))
    outline = shapely.union_all([shape(f["geometry"]) for f in frame["features"]
                                 if f.get("geometry")])
    to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    to_wgs = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
    metric = shapely.transform(outline, lambda c: np.column_stack(
        to_l93.transform(c[:, 0], c[:, 1])))
    widened = metric.buffer(buffer_m).simplify(tolerance_m)
    result = shapely.transform(widened, lambda c: np.column_stack(
        to_wgs.transform(c[:, 0], c[:, 1])))
    result = shapely.set_precision(result, 1e-5)
    return {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "license": "Licence Ouverte / Etalab 2.0",
        "source": "https://www.geo2france.fr/ (couche mission_bassin_minier:bassin_minier)",
        "features": [{"type": "Feature", "properties": {
            "nom": "Bassin minier du Nord-Pas-de-Calais", "buffer_m": buffer_m,
            "tolerance_m": tolerance_m}, "geometry": mapping(result)}],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="bassin-minier.geojson (Mission Bassin Minier)")
    parser.add_argument("--out", type=Path, default=ASSET)
    parser.add_argument("--buffer-m", type=float, default=1000.0)
    parser.add_argument("--tolerance-m", type=float, default=150.0)
    args = parser.parse_args(argv)
    collection = derive(args.source, buffer_m=args.buffer_m, tolerance_m=args.tolerance_m)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    print(f"{args.out} écrit ({args.out.stat().st_size} octets)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
