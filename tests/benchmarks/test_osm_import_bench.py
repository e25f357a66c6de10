"""OSM import throughput (elements/s) on pyrosm's Helsinki extract, against a bare osmium scan."""

from __future__ import annotations

from pathlib import Path

import osmium
import pytest
from bench_timing import best_time

from routes.osm import import_osm

pyrosm = pytest.importorskip("pyrosm")


def _scan(path: Path) -> int:
    """Baseline: osmium reading every object with node locations, doing nothing with them."""
    count = 0
    for _ in osmium.FileProcessor(str(path)).with_locations():
        count += 1
    return count


@pytest.mark.benchmark
def test_import_throughput() -> None:
    path = Path(pyrosm.get_data("helsinki_pbf"))
    elements = _scan(path)
    scan_s = best_time(lambda: _scan(path))
    import_s = best_time(lambda: import_osm(path))
    network = import_osm(path)
    ours = elements / import_s
    baseline = elements / scan_s
    print(f"\nimport OSM : {elements} éléments, {network.graph.number_of_edges()} arcs")
    print(f"import throughput: {ours:,.0f} elements/s (full import: read, split, graph) ; "
          f"bare osmium scan {baseline:,.0f} elements/s ; ratio {ours / baseline:.2f}")
    assert ours / baseline > 0.05
