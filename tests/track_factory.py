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
