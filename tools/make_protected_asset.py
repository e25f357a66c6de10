"""Build ``assets/protected/espaces-neonaturels.geojson`` from the Mission Bassin Minier layers.

    python3 tools/make_protected_asset.py ../shared/data/bassin-minier-unesco

Merges the néo-natural spaces of the UNESCO property (``espace-neonaturel.geojson``) and of its
buffer zone (``zt-espaces-neonaturels.geojson``) into one layer with a name, an identifier, the
part of the listing they come from and the source, coordinates rounded to 1e-5 degree (~1 m).
Data: Mission Bassin Minier / UNESCO, Licence Ouverte / Etalab 2.0.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parents[1] / "assets" / "protected" / "espaces-neonaturels.geojson"
INPUTS = (("espace-neonaturel.geojson", "bien inscrit", "id_unesco"),
          ("zt-espaces-neonaturels.geojson", "zone tampon", "id"))


def build(folder: Path) -> dict[str, Any]:
    features = []
    for name, part, id_field in INPUTS:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        for feature in data["features"]:
            if not feature.get("geometry"):
                continue
            props = feature["properties"]
            geometry = shapely.set_precision(shape(feature["geometry"]), 1e-5)
            features.append({"type": "Feature",
                             "properties": {"nom": props.get("nom"), "id": props.get(id_field),
                                            "partie": part, "source": name},
                             "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "name": "espaces-neonaturels",
            "attribution": "Mission Bassin Minier / UNESCO - Licence Ouverte Etalab 2.0 - "
                           "github.com/rlespinasse/bassin-minier-unesco",
            "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(Path(argv[0])), ensure_ascii=False), encoding="utf-8")
    print(f"Écrit : {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
