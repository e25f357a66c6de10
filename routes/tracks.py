"""Recce tracks recorded on the ground → clean centrelines, in metres (Lambert-93).

1. **Cleaning** of each pass (:func:`clean_pass`): repeated fixes and out-and-back GPS spikes go
   (:func:`routes.gpx.clean.clean_points`), then jumps at an impossible speed (timed tracks) or far
   longer than the track's usual step (untimed ones), then pauses: a run of fixes that stays within
   :data:`PAUSE_RADIUS_M` of its first fix for :data:`PAUSE_MIN_S` seconds (or
   :data:`PAUSE_MIN_POINTS` fixes when untimed) becomes one point, their mean.
2. **Merging** (:func:`merge_passes`): passes are resampled every :data:`STEP_M` metres and taken
   longest first. Samples of a pass that lie within :data:`CORRIDOR_M` of a centreline already
   found, running in the same (or opposite) direction for at least :data:`MIN_SHARED_M`, are added
   to that centreline; the other stretches start new centrelines. Each centreline is then fitted to
   all its samples as a lateral offset from a reference line: a Gaussian-weighted mean along the
   line (σ = :data:`SMOOTH_M`), samples farther than 3 robust deviations (MAD) from the fit
   rejected and the fit repeated, the result becoming the next reference (twice). GPS jitter
   averages out along the line and across passes; the fit follows bends because only the offset is
   smoothed, not the positions.

No Qt here; the window and ``cavalier network add-tracks`` call the same code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import LineString, STRtree

from routes.geodesy import metric_xy
from routes.gpx.clean import clean_points
from routes.gpx.errors import GpxError
from routes.gpx.reader import GpxPoint, read_gpx
from routes.progress import CancelCallback, ProgressCallback, Task

FloatArray = NDArray[np.float64]

#: A recce on foot or by bike never goes faster than this between two fixes (m/s).
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
STEP_M = 5.0
CORRIDOR_M = 15.0
MIN_SHARED_M = 40.0
#: A new stretch shorter than this (a pass wobbling out of the corridor) is dropped.
MIN_NEW_M = 30.0
SMOOTH_M = 30.0
#: Smoothing of a pass's own positions: its first reference line and its directions.
REFERENCE_SMOOTH_M = 30.0
_ALIGNED_COS = 0.7
_FIT_ROUNDS = 2


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


@dataclass(frozen=True)
class Centreline:
    geometry: LineString  # metres
    passes: int  # how many passes contributed
    names: tuple[str, ...]
    sources: tuple[str, ...]


# -- cleaning -----------------------------------------------------------------------------------
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
                for xy in clean_pass(segment, report):
                    passes.append(RecordedPass(name, Path(path).name, xy))
    return passes


# -- resampling and fitting ---------------------------------------------------------------------
def resample(xy: FloatArray, step: float = STEP_M) -> FloatArray:
    """Points every ``step`` metres along the polyline (both ends kept)."""
    line = LineString(xy)
    count = max(int(np.ceil(line.length / step)), 1)
    stations = np.linspace(0.0, line.length, count + 1)
    return np.asarray(shapely.get_coordinates(shapely.line_interpolate_point(line, stations)))


def _gaussian_smooth(values: FloatArray, sigma_samples: float) -> FloatArray:
    """Gaussian-weighted mean along the first axis, weights renormalised at the ends."""
    radius = int(np.ceil(3 * sigma_samples))
    offsets = np.arange(-radius, radius + 1)
    kernel = np.exp(-0.5 * (offsets / sigma_samples) ** 2)
    n = len(values)
    out = np.empty_like(values)
    for i in range(n):
        lo, hi = max(i - radius, 0), min(i + radius + 1, n)
        weights = kernel[lo - i + radius:hi - i + radius]
        out[i] = (weights[:, None] * values[lo:hi].reshape(hi - lo, -1)).sum(axis=0).reshape(
            values[i].shape) / weights.sum()
    return out


def _frame(reference: LineString, stations: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Points of ``reference`` at ``stations`` and the unit normals (left) there."""
    length = reference.length
    ahead = np.clip(stations + STEP_M / 2, 0.0, length)
    behind = np.clip(stations - STEP_M / 2, 0.0, length)
    a = shapely.get_coordinates(shapely.line_interpolate_point(reference, behind))
    b = shapely.get_coordinates(shapely.line_interpolate_point(reference, ahead))
    tangent = b - a
    norm = np.hypot(*tangent.T)
    norm[norm == 0] = 1.0
    tangent /= norm[:, None]
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    points = shapely.get_coordinates(shapely.line_interpolate_point(reference, stations))
    return np.asarray(points), normal


def _extended(line: LineString, by: float) -> LineString:
    """The line prolonged straight by ``by`` metres at both ends (smoothing shortens ends)."""
    coords = np.asarray(line.coords, dtype=float)
    head, tail = coords[0] - coords[1], coords[-1] - coords[-2]
    head /= float(np.hypot(*head)) or 1.0
    tail /= float(np.hypot(*tail)) or 1.0
    return LineString(np.vstack([coords[0] + by * head, coords, coords[-1] + by * tail]))


def _ends(reference: LineString, runs: Sequence[FloatArray]) -> tuple[float, float]:
    """Where the centreline starts and ends: the median of the runs' ends near each end."""
    first, last = [], []
    for run in runs:
        at = np.asarray(shapely.line_locate_point(reference, shapely.points(run[[0, -1]])))
        first.append(float(at.min()))
        last.append(float(at.max()))
    low, high = min(first), max(last)
    start = float(np.median([f for f in first if f <= low + 2 * SMOOTH_M]))
    end = float(np.median([e for e in last if e >= high - 2 * SMOOTH_M]))
    return start, end


def _fit(reference: LineString, runs: Sequence[FloatArray]) -> LineString:
    """Robust Gaussian fit of the samples' lateral offsets from ``reference`` (module docstring)."""
    reference = _extended(reference, 3 * SMOOTH_M)
    samples = np.vstack(runs)
    stations = np.asarray(shapely.line_locate_point(reference, shapely.points(samples)))
    base, normal = _frame(reference, stations)
    offset = ((samples - base) * normal).sum(axis=1)
    bins = np.arange(0.0, reference.length + STEP_M, STEP_M)
    which = np.clip(np.rint(stations / STEP_M).astype(int), 0, len(bins) - 1)
    good = np.ones(len(samples), dtype=bool)
    sigma = SMOOTH_M / STEP_M
    fitted = np.zeros(len(bins))
    weight = np.zeros(len(bins))
    for _ in range(3):
        sums = np.bincount(which[good], offset[good], minlength=len(bins))
        counts = np.bincount(which[good], minlength=len(bins)).astype(float)
        smoothed = _gaussian_smooth(np.column_stack([sums, counts]), sigma)
        weight = smoothed[:, 1]
        fitted = np.divide(smoothed[:, 0], weight, out=np.zeros_like(weight), where=weight > 0)
        residual = offset - np.interp(stations, bins, fitted)
        mad = float(np.median(np.abs(residual[good] - np.median(residual[good]))))
        spread = max(1.4826 * mad, 1.0)
        now = np.abs(residual) <= 3 * spread
        if (now == good).all():
            break
        good = now
    start, end = _ends(reference, runs)
    keep = (bins > start) & (bins < end)
    at = np.concatenate([[start], bins[keep], [end]])
    offsets = np.interp(at, bins, fitted)
    points, normals = _frame(reference, at)
    return LineString(points + normals * offsets[:, None])


# -- grouping passes into centrelines -----------------------------------------------------------
@dataclass
class _Group:
    reference: LineString
    samples: list[FloatArray]
    passes: set[int]


def _directions(xy: FloatArray) -> FloatArray:
    d = np.gradient(xy, axis=0)
    norm = np.hypot(*d.T)
    norm[norm == 0] = 1.0
    return np.asarray(d / norm[:, None])


def _labels(points: FloatArray, groups: list[_Group]) -> NDArray[np.int64]:
    """Group of each sample (−1: none): nearest centreline within the corridor, aligned."""
    labels = np.full(len(points), -1, dtype=np.int64)
    if not groups:
        return labels
    refs = [g.reference for g in groups]
    tree = STRtree(refs)
    geoms = shapely.points(points)
    index, dist = tree.query_nearest(geoms, max_distance=CORRIDOR_M, return_distance=True,
                                     all_matches=False)
    own = _directions(_gaussian_smooth(points, REFERENCE_SMOOTH_M / STEP_M))
    sample_idx, group_idx = index
    for s, g in zip(sample_idx.tolist(), group_idx.tolist(), strict=True):
        ref = refs[g]
        at = ref.project(geoms[s])
        a = np.asarray(ref.interpolate(max(at - STEP_M, 0.0)).coords[0])
        b = np.asarray(ref.interpolate(min(at + STEP_M, ref.length)).coords[0])
        t = b - a
        norm = float(np.hypot(*t)) or 1.0
        if abs(float(own[s] @ t) / norm) >= _ALIGNED_COS:
            labels[s] = g
    del dist
    return labels


def _runs(labels: NDArray[np.int64]) -> list[tuple[int, int, int]]:
    """(label, first, stop) runs of equal labels."""
    cuts = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate([[0], cuts])
    stops = np.concatenate([cuts, [len(labels)]])
    return [(int(labels[a]), int(a), int(b)) for a, b in zip(starts, stops, strict=True)]


def _split_runs(labels: NDArray[np.int64]) -> list[tuple[int, int, int]]:
    """Runs, with shared stretches shorter than MIN_SHARED_M turned into new stretches."""
    minimum = int(MIN_SHARED_M / STEP_M)
    relabeled = labels.copy()
    runs = _runs(labels)
    for k, (label, a, b) in enumerate(runs):  # a short wobble out of the corridor stays shared
        if (label < 0 and b - a < minimum and 0 < k < len(runs) - 1
                and runs[k - 1][0] == runs[k + 1][0] >= 0):
            relabeled[a:b] = runs[k - 1][0]
    runs = _runs(relabeled)
    for label, a, b in runs:
        if label >= 0 and b - a < minimum:
            relabeled[a:b] = -1
    return _runs(relabeled)


def merge_passes(passes: Sequence[RecordedPass], *, task: Task | None = None) -> list[Centreline]:
    """One centreline per path the passes went along (module docstring)."""
    order = sorted(range(len(passes)), key=lambda i: -passes[i].length_m)
    groups: list[_Group] = []
    for rank, i in enumerate(order):
        if task is not None:
            task.step(0.3 + 0.3 * rank / max(len(order), 1), "Fusion des passages…")
        points = resample(passes[i].xy)
        if len(points) < 2:
            continue
        for label, a, b in _split_runs(_labels(points, groups)):
            if label >= 0:
                groups[label].samples.append(points[a:b])
                groups[label].passes.add(i)
                continue
            lo, hi = max(a - 1, 0), min(b + 1, len(points))  # overlap the neighbours: a junction
            stretch = points[lo:hi]
            if (hi - lo - 1) * STEP_M < MIN_NEW_M:
                continue
            reference = LineString(_gaussian_smooth(stretch, REFERENCE_SMOOTH_M / STEP_M))
            groups.append(_Group(reference, [stretch], {i}))
    lines: list[Centreline] = []
    for group in groups:
        reference = group.reference
        for _ in range(_FIT_ROUNDS):
            reference = _fit(reference, group.samples)
        simplified = reference.simplify(0.5)
        if not isinstance(simplified, LineString) or simplified.length < MIN_NEW_M:
            continue
        members = sorted(group.passes)
        lines.append(Centreline(simplified, len(members),
                                tuple(dict.fromkeys(passes[m].name for m in members)),
                                tuple(dict.fromkeys(passes[m].source for m in members))))
    return lines


def read_and_merge(paths: Sequence[str | Path], *, progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None
                   ) -> tuple[list[Centreline], CleanReport, int]:
    """Read, clean and merge recce tracks: centrelines, the cleaning report, the pass count."""
    task = Task(progress, cancel)
    report = CleanReport()
    passes = read_passes(paths, report, task=task)
    if not passes:
        raise GpxError("Aucun passage exploitable dans les traces fournies (moins de deux points "
                       "après nettoyage).")
    centrelines = merge_passes(passes, task=task)
    if not centrelines:
        names = ", ".join(Path(p).name for p in paths)
        raise GpxError(f"{names} : aucun chemin d'au moins {MIN_NEW_M:.0f} m après nettoyage "
                       "(trace trop courte ou enregistrée à l'arrêt).")
    return centrelines, report, len(passes)
