"""Cleaning of recce tracks recorded on the ground, in metres (Lambert-93).

Each recorded segment (:func:`clean_pass`) loses its repeated fixes and out-and-back GPS spikes
(:func:`routes.gpx.clean.clean_points`), then its jumps at an impossible speed (timed tracks) or far
longer than the track's usual step (untimed ones), then its pauses: a run of fixes that stays within
:data:`PAUSE_RADIUS_M` of its running mean for :data:`PAUSE_MIN_S` seconds (or
:data:`PAUSE_MIN_POINTS` fixes when untimed), with its two ends close, becomes one point, their
mean. A gap longer than :data:`GAP_M` starts a new pass. :mod:`routes.recce.merge` merges the
passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from routes.geodesy import metric_xy
from routes.gpx.clean import clean_points
from routes.gpx.errors import GpxError
from routes.gpx.reader import GpxPoint, read_gpx
from routes.plausible import check_track
from routes.progress import Task

FloatArray = NDArray[np.float64]

MAX_SPEED_MS = 25.0
#: Untimed tracks: a step this many times the median step (and at least SPIKE_MIN_JUMP_M) is a jump.
SPIKE_STEP_RATIO = 6.0
SPIKE_MIN_JUMP_M = 30.0
#: More rejected fixes in a row than this are not a spike but the track going on elsewhere.
_MAX_REJECTED_IN_A_ROW = 3
PAUSE_RADIUS_M = 12.0
PAUSE_MIN_S = 20.0
#: Over a pause the first and last fixes are at most this far apart per second.
PAUSE_MAX_DRIFT_MS = 0.3
PAUSE_MIN_POINTS = 12
#: Fixes farther apart than this break a pass in two (signal lost, device switched off).
GAP_M = 250.0

@dataclass(frozen=True)
class RecordedPass:
    """One cleaned pass: a continuous stretch of a recorded track."""

    name: str
    source: str
    xy: FloatArray  # (n, 2) Lambert-93 metres

    @property
    def length_m(self) -> float:
        return float(np.hypot(*np.diff(self.xy, axis=0).T).sum()) if len(self.xy) > 1 else 0.0


@dataclass
class CleanReport:
    files: int = 0
    tracks: int = 0
    points: int = 0
    duplicates: int = 0
    spikes: int = 0
    pause_points: int = 0
    pauses: int = 0
    warnings: list[str] = field(default_factory=list)


def _speed_spikes(points: list[GpxPoint], xy: FloatArray) -> NDArray[np.bool_]:
    """Fixes reached at an impossible speed (timed) or by an outsized jump, that come back."""
    n = len(points)
    keep = np.ones(n, dtype=bool)
    if n < 3:
        return keep
    step = np.hypot(*np.diff(xy, axis=0).T)
    median = float(np.median(step)) or 1.0
    limit_jump = max(SPIKE_MIN_JUMP_M, SPIKE_STEP_RATIO * median)
    times = [p.time for p in points]
    timed = all(t is not None for t in times)
    last = rejected = 0
    for i in range(1, n - 1):
        jump = float(np.hypot(*(xy[i] - xy[last])))
        if timed:
            seconds = (times[i] - times[last]).total_seconds()  # type: ignore[operator]
            too_fast = jump > MAX_SPEED_MS * max(seconds, 1.0)
        else:
            back = float(np.hypot(*(xy[i + 1] - xy[last])))
            too_fast = jump > limit_jump and back < 0.5 * jump
        if too_fast and rejected < _MAX_REJECTED_IN_A_ROW:
            keep[i] = False
            rejected += 1
        else:  # a true move (or a real jump the gap rule splits at): the new anchor
            last, rejected = i, 0
    return keep


def _pauses(points: list[GpxPoint], xy: FloatArray) -> tuple[list[int], list[list[int]]]:
    """Indices kept as they are, and groups of indices (pauses) each reduced to its mean.

    A pause is a run of fixes within :data:`PAUSE_RADIUS_M` of the run's running mean, long enough,
    whose two ends are close (a slow walk drifts away; a stopped rider's fixes only wander).
    """
    timed = all(p.time is not None for p in points)
    singles: list[int] = []
    groups: list[list[int]] = []
    i, n = 0, len(points)
    while i < n:
        total = xy[i].copy()
        j = i + 1
        while j < n and np.hypot(*(xy[j] - total / (j - i))) <= PAUSE_RADIUS_M:
            total += xy[j]
            j += 1
        drift = float(np.hypot(*(xy[j - 1] - xy[i])))
        if timed:
            first, last = points[i].time, points[j - 1].time
            seconds = (last - first).total_seconds()  # type: ignore[operator]
            is_pause = seconds >= PAUSE_MIN_S and drift <= PAUSE_MAX_DRIFT_MS * seconds
        else:
            is_pause = j - i >= PAUSE_MIN_POINTS and drift <= PAUSE_RADIUS_M
        if is_pause:
            groups.append(list(range(i, j)))
            i = j
        else:
            singles.append(i)
            i += 1
    return singles, groups


def clean_pass(points: list[GpxPoint], report: CleanReport) -> list[FloatArray]:
    """Cleaned metric polylines of one recorded segment (split at signal gaps)."""
    kept, stats = clean_points(points)
    report.duplicates += stats.duplicates
    report.spikes += stats.spikes
    if len(kept) < 2:
        return []
    xy = metric_xy(np.array([p.lon for p in kept]), np.array([p.lat for p in kept]))
    mask = _speed_spikes(kept, xy)
    report.spikes += int((~mask).sum())
    kept = [p for p, k in zip(kept, mask, strict=True) if k]
    xy = xy[mask]
    singles, groups = _pauses(kept, xy)
    report.pauses += len(groups)
    report.pause_points += sum(len(g) for g in groups)
    rows = [(i, xy[i]) for i in singles] + [(g[0], xy[g].mean(axis=0)) for g in groups]
    rows.sort(key=lambda r: r[0])
    cleaned = np.array([r[1] for r in rows], dtype=float).reshape(-1, 2)
    if len(cleaned) < 2:
        return []
    step = np.hypot(*np.diff(cleaned, axis=0).T)
    breaks = np.flatnonzero(step > GAP_M) + 1
    return [part for part in np.split(cleaned, breaks) if len(part) >= 2]


def read_passes(paths: Sequence[str | Path], report: CleanReport, *,
                task: Task | None = None) -> list[RecordedPass]:
    """Every track segment of the GPX files, cleaned; a bad file raises :class:`GpxError`."""
    passes: list[RecordedPass] = []
    for index, path in enumerate(paths):
        if task is not None:
            task.step(0.3 * index / max(len(paths), 1), f"Lecture de {Path(path).name}…")
        document = read_gpx(path)
        report.files += 1
        lines = [line for line in document.lines if line.kind == "track"] or document.lines
        if not any(line.point_count for line in lines):
            raise GpxError(f"{Path(path).name} : aucune trace (trk) ni route dans le fichier.")
        for number, line in enumerate(lines, start=1):
            report.tracks += 1
            name = line.name or document.name or f"{Path(path).stem} {number}"
            for segment in line.segments:
                report.points += len(segment)
                check_track([(p.lat, p.lon) for p in segment], Path(path).name, GpxError,
                            region=True)
                for xy in clean_pass(segment, report):
                    passes.append(RecordedPass(name, Path(path).name, xy))
    return passes


