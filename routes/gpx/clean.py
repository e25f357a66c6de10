"""Cleaning of a recorded track: duplicate fixes and GPS spikes go, the rest stays as recorded."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from routes.gpx.geo import segment_lengths
from routes.gpx.reader import GpxPoint

SPIKE_MIN_M = 150.0  # a spike jumps at least this far away…
SPIKE_RETURN_RATIO = 0.25  # …and comes back to within this share of the jump


@dataclass(frozen=True)
class CleanStats:
    duplicates: int
    spikes: int


def clean_points(points: list[GpxPoint]) -> tuple[list[GpxPoint], CleanStats]:
    """Drop repeated positions and isolated out-and-back jumps (vectorised for long tracks)."""
    if len(points) < 2:
        return list(points), CleanStats(0, 0)
    lat = np.fromiter((p.lat for p in points), float, len(points))
    lon = np.fromiter((p.lon for p in points), float, len(points))
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = (lat[1:] != lat[:-1]) | (lon[1:] != lon[:-1])
    duplicates = int((~keep).sum())
    idx = np.flatnonzero(keep)
    lat, lon = lat[idx], lon[idx]
    spikes = 0
    if len(idx) >= 3:
        step = segment_lengths(lat, lon)
        jump, back = step[:-1], step[1:]
        across = segment_lengths(lat[::2], lon[::2])  # i-1 -> i+1 for odd i
        across_odd = segment_lengths(lat[1::2], lon[1::2])  # for even i
        skip = np.empty(len(idx) - 2)
        skip[0::2] = across[: len(skip[0::2])]
        skip[1::2] = across_odd[: len(skip[1::2])]
        shortest = np.minimum(jump, back)
        spike = (shortest >= SPIKE_MIN_M) & (skip <= SPIKE_RETURN_RATIO * shortest)
        spikes = int(spike.sum())
        mask = np.ones(len(idx), dtype=bool)
        mask[1:-1] = ~spike
        idx = idx[mask]
    return [points[i] for i in idx], CleanStats(duplicates, spikes)
