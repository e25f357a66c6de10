"""Print a summary of the embedded network: features per file, asset size, the build report.

Usage: python3 tools/check_embedded_network.py   (from the repository root)
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from routes.network.model import load_network
from routes.provenance import is_surveyed


def main() -> int:
    folder = files("assets") / "network"
    total = 0
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".geojson"):
            data = entry.read_bytes()
            total += len(data)
            count = len(json.loads(data)["features"])
            print(f"{entry.name:20s} {count:5d} entités  {len(data) / 1e6:5.2f} Mo")
    print(f"{'total':20s}        {total / 1e6:11.2f} Mo")
    network = load_network()
    report = network.report
    print(f"nœuds {report.nodes}, arêtes {report.edges}, composantes {report.components}")
    print(f"cavaliers {report.cavalier_km:.1f} km ; plus grande composante "
          f"{report.cavalier_share_largest:.1%} par jonction, "
          f"{report.cavalier_share_largest_linked:.1%} avec les liaisons")
    print(f"liaisons {report.liaisons} ({report.liaison_km:.1f} km) ; lieux reliés "
          f"{report.places_linked}, non reliés {len(report.places_unlinked)}")
    unsurveyed = sum(d["length"] for _, _, d in network.graph.edges(data=True)
                     if not is_surveyed(d)) / 2000.0
    print(f"non relevé (liaisons et accès) : {unsurveyed:.1f} km")
    for layer, km in sorted(network.km_per_layer().items()):
        print(f"  {layer:10s} {km:7.1f} km")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
