"""Import speed of a 100 000-point GPX, against gpxpy.parse on the same file in the same run.

No wall-clock limit: the test prints points/s and the ratio to the baseline, and only checks
that both parsers read the same points.
"""

from __future__ import annotations

import math
from pathlib import Path

import gpxpy
import pytest
from bench_timing import best_time

from routes.gpx.importer import import_gpx

POINTS = 100_000


def _big_gpx(path: Path) -> None:
    rows = []
    for i in range(POINTS):
        lat = 50.5 + i * 2e-6
        lon = 3.0 + 0.01 * math.sin(i / 500)
        rows.append(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{20 + i % 50}.5</ele>'
                    f"<time>2026-05-01T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:"
                    f"{i % 60:02d}Z</time></trkpt>")
    segments = [rows[k : k + 25_000] for k in range(0, POINTS, 25_000)]
    body = "".join(f"<trkseg>{''.join(seg)}</trkseg>" for seg in segments)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
                    f'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Longue</name>{body}'
                    "</trk></gpx>", encoding="utf-8")


@pytest.mark.benchmark
def test_import_100k_points(tmp_path: Path) -> None:
    path = tmp_path / "longue.gpx"
    _big_gpx(path)
    ours = import_gpx(path)
    with path.open(encoding="utf-8") as handle:
        reference = gpxpy.parse(handle)
    assert len(ours.points) == reference.get_track_points_no() == POINTS

    def run_gpxpy() -> None:
        with path.open(encoding="utf-8") as handle:
            gpxpy.parse(handle)

    t_ours = best_time(lambda: import_gpx(path), 2)
    t_gpxpy = best_time(run_gpxpy, 1)
    size_mb = path.stat().st_size / 1e6
    print(f"\n{POINTS} points, {size_mb:.1f} Mo")
    print(f"cavalier import_gpx (lecture sûre + nettoyage) : {t_ours:.2f} s, "
          f"{POINTS / t_ours:,.0f} points/s")
    print(f"gpxpy.parse (référence)                       : {t_gpxpy:.2f} s, "
          f"{POINTS / t_gpxpy:,.0f} points/s")
    print(f"rapport : {t_gpxpy / t_ours:.1f}× plus rapide que gpxpy")
