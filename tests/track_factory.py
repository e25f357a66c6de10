"""Synthetic recce tracks: a known true line walked or ridden with realistic GPS noise.

Noise is white (σ 3 m) plus a slowly wandering bias (AR(1), σ 1.8 m, 30 s correlation), about
3.5 m in all, as a phone or a sports watch records under trees. Positions are local metres
east/north of :data:`layer_factory.LON0`, :data:`layer_factory.LAT0` turned into lon/lat with
:func:`layer_factory.at`, so the true line and the tracks share one exact frame.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from layer_factory import at
from shapely import LineString

WHITE_SIGMA_M = 3.0
BIAS_SIGMA_M = 1.8
BIAS_CORRELATION_S = 30.0
START = datetime(2026, 10, 4, 9, 0, tzinfo=UTC)


@dataclass
class PassSpec:
    speed_ms: float = 4.0
    interval_s: float = 1.0
    reverse: bool = False
    timed: bool = True
    pause_at: float | None = None  # fraction of the line where the rider stops
    pause_s: float = 60.0
    spikes_at: Sequence[float] = field(default_factory=tuple)  # fractions of the line
    spike_m: float = 120.0
    seed: int = 0


def true_line(points_m: Sequence[tuple[float, float]]) -> LineString:
    """The line in local metres."""
    return LineString(points_m)


def lonlat_line(line_m: LineString) -> LineString:
    return LineString([at(x, y) for x, y in line_m.coords])


def wavy_path(length_m: float = 1200.0) -> LineString:
    """A forest path: a gentle S with two tighter bends (radius ≈ 60 m)."""
    t = np.linspace(0.0, 1.0, 200)
    x = t * length_m * 0.85
    y = 120 * np.sin(2 * math.pi * t) + 40 * np.sin(6 * math.pi * t)
    return LineString(np.column_stack([x, y]))


def record(line_m: LineString, spec: PassSpec) -> list[tuple[float, float, datetime | None]]:
    """Noisy fixes (lon, lat, time) of one pass along ``line_m`` (local metres)."""
    rng = np.random.default_rng(spec.seed)
    step = spec.speed_ms * spec.interval_s
    stations = [*np.arange(0.0, line_m.length, step).tolist(), line_m.length]
    if spec.reverse:
        stations = [line_m.length - s for s in stations]
    times: list[float] = [i * spec.interval_s for i in range(len(stations))]
    if spec.pause_at is not None:
        k = int(spec.pause_at * len(stations))
        stay = int(spec.pause_s / spec.interval_s)
        stations = stations[:k] + [stations[k]] * stay + stations[k:]
        times = [i * spec.interval_s for i in range(len(stations))]
    rho = math.exp(-spec.interval_s / BIAS_CORRELATION_S)
    bias = rng.normal(0.0, BIAS_SIGMA_M, 2)
    fixes: list[tuple[float, float, datetime | None]] = []
    spike_index = {int(f * len(stations)) for f in spec.spikes_at}
    for i, (s, t) in enumerate(zip(stations, times, strict=True)):
        bias = rho * bias + math.sqrt(1 - rho * rho) * rng.normal(0.0, BIAS_SIGMA_M, 2)
        p = line_m.interpolate(s)
        x, y = p.x + bias[0] + rng.normal(0.0, WHITE_SIGMA_M), p.y + bias[1] + rng.normal(
            0.0, WHITE_SIGMA_M)
        if i in spike_index:
            angle = rng.uniform(0, 2 * math.pi)
            x, y = x + spec.spike_m * math.cos(angle), y + spec.spike_m * math.sin(angle)
        lon, lat = at(x, y)
        fixes.append((lon, lat, START + timedelta(seconds=t) if spec.timed else None))
    return fixes


def gpx_text(tracks: Sequence[tuple[str, Sequence[tuple[float, float, datetime | None]]]]) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="tests" '
             'xmlns="http://www.topografix.com/GPX/1/1">']
    for name, fixes in tracks:
        parts.append(f"<trk><name>{name}</name><trkseg>")
        for lon, lat, time in fixes:
            when = f"<time>{time.isoformat().replace('+00:00', 'Z')}</time>" if time else ""
            parts.append(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>60</ele>{when}</trkpt>')
        parts.append("</trkseg></trk>")
    parts.append("</gpx>\n")
    return "\n".join(parts)


def write_gpx(path: Path,
              tracks: Sequence[tuple[str, Sequence[tuple[float, float, datetime | None]]]]
              ) -> Path:
    path.write_text(gpx_text(tracks), encoding="utf-8")
    return path


# -- a terril with recce tracks --------------------------------------------------------------------
#: Terril T074's outline (local metres): about 1.1 km × 0.9 km, 80 ha, like the big twin heaps.
TERRIL_OUTLINE_M = [(900, 1800), (1500, 1720), (2050, 1850), (2150, 2300), (1950, 2700),
                    (1450, 2780), (950, 2600), (820, 2200)]
#: Terril T075: a small heap east of the cavalier with no path on it.
BARE_TERRIL_M = [(2600, 600), (2900, 620), (2880, 900), (2620, 880)]


def _closed(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    return [*points, points[0]]


def terril_paths() -> dict[str, LineString]:
    """Recce paths on T074 (local metres): a ring 40 m inside the outline, three east–west and
    three north–south trails across it, and the way up from the cavalier."""
    from shapely import Polygon

    outline = Polygon(TERRIL_OUTLINE_M)
    ring = outline.buffer(-40.0, join_style="mitre").exterior
    start = ring.interpolate(ring.project(shapely_point(1500, 1700)))
    ring_coords = list(ring.coords)[:-1]
    k = min(range(len(ring_coords)), key=lambda i: (ring_coords[i][0] - start.x) ** 2
            + (ring_coords[i][1] - start.y) ** 2)
    ring_line = LineString(_closed(ring_coords[k:] + ring_coords[:k]))
    paths = {"Tour du terril": ring_line, "Montée depuis le cavalier": LineString(
        [(1480, 1500), (1490, 1650), (start.x, start.y - 10)])}
    for n, y in enumerate((2000, 2250, 2480), start=1):
        cut = outline.buffer(-30.0).intersection(LineString([(0, y), (4000, y + 60)]))
        paths[f"Traverse est-ouest {n}"] = _wiggle(cut, seed=n)
    for n, x in enumerate((1150, 1480, 1800), start=1):
        cut = outline.buffer(-30.0).intersection(LineString([(x, 1000), (x - 80, 3500)]))
        paths[f"Traverse nord-sud {n}"] = _wiggle(cut, seed=10 + n)
    return paths


def shapely_point(x: float, y: float) -> object:
    from shapely import Point

    return Point(x, y)


def _wiggle(line: object, seed: int) -> LineString:
    """A trail meanders: ±15 m bends every ~120 m along a straight cut."""
    assert isinstance(line, LineString)
    rng = np.random.default_rng(seed)
    count = max(int(line.length / 40), 2)
    stations = np.linspace(0, line.length, count + 1)
    a, b = np.asarray(line.coords[0]), np.asarray(line.coords[-1])
    direction = (b - a) / line.length
    normal = np.array([-direction[1], direction[0]])
    phase = rng.uniform(0, 2 * math.pi)
    offsets = 15 * np.sin(2 * math.pi * stations / 240 + phase)
    offsets[0] = offsets[-1] = 0.0
    return LineString([a + s * direction + o * normal for s, o in zip(stations, offsets,
                                                                          strict=True)])


def write_terril_layers(folder: Path) -> Path:
    """A user's ``--layers`` folder: a cavalier south of T074, T074's and T075's outlines."""
    import geopandas as gpd
    from shapely import Polygon

    folder.mkdir(parents=True, exist_ok=True)
    lines = gpd.GeoDataFrame(
        {"layer": ["cavalier"], "nom": ["Cavalier du terril"]},
        geometry=[LineString([at(0, 1500), at(3000, 1500), at(3000, 300)])], crs="EPSG:4326")
    terrils = gpd.GeoDataFrame(
        {"layer": ["terril", "terril"], "ref": ["T074", "T075"],
         "nom": ["Terril des traces", "Terril nu"]},
        geometry=[Polygon([at(x, y) for x, y in TERRIL_OUTLINE_M]),
                  Polygon([at(x, y) for x, y in BARE_TERRIL_M])], crs="EPSG:4326")
    lines.to_file(folder / "cavaliers.geojson", engine="pyogrio")
    terrils.to_file(folder / "terrils.geojson", engine="pyogrio")
    return folder


def write_terril_recce(folder: Path) -> list[Path]:
    """One GPX per recce outing on T074; the ring and one traverse were ridden twice."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for index, (name, path) in enumerate(terril_paths().items()):
        passes = [(name, record(path, PassSpec(seed=100 + index, pause_at=0.5 if index % 2
                                               else None)))]
        if index in (0, 3):
            passes.append((f"{name} (retour)", record(path, PassSpec(
                speed_ms=2.5, interval_s=2.0, reverse=True, seed=200 + index))))
        slug = f"reco-{index + 1:02d}.gpx"
        files.append(write_gpx(folder / slug, passes))
    return files
