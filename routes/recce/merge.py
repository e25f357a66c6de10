"""Several passes over the same path merge into one centreline, in metres (Lambert-93).

Passes come cleaned from :mod:`routes.recce.clean` (duplicates, spikes, pauses removed).
:func:`merge_passes` resamples them every :data:`STEP_M` metres and takes them longest first.
Samples of a pass lying within :data:`CORRIDOR_M` of a centreline already found and running along
it (either way) for at least :data:`MIN_SHARED_M` join that centreline; the other stretches start
new centrelines. Each centreline is then fitted to all its samples as a lateral offset from a
reference line (first: the longest pass, smoothed): a Gaussian-weighted mean along the line
(σ = :data:`SMOOTH_M`), samples farther than 3 robust deviations (MAD) from the fit rejected and the
fit repeated; the result is the next reference (:data:`_FIT_ROUNDS` rounds). Its ends are the median
of the passes' ends. GPS jitter averages out along the line and across passes; bends are followed
because the offset is smoothed, not the positions — but switchbacks tighter than about σ in radius
come out rounded.

Measured on two passes with σ ≈ 3.5 m GPS noise (``tests/routes/test_tracks.py``): the centreline
lies at most 3.7–4.8 m and on average 1.1–1.5 m from the true line.
No Qt here; the window and ``cavalier network add-tracks`` call the same code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import LineString, STRtree

from routes.gpx.errors import GpxError
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.recce.clean import CleanReport, FloatArray, RecordedPass, read_passes

__all__ = ["Centreline", "CleanReport", "RecordedPass", "merge_passes", "read_and_merge"]

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
class Centreline:
    geometry: LineString  # metres
    passes: int  # how many passes contributed
    names: tuple[str, ...]
    sources: tuple[str, ...]


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
