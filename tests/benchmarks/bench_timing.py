"""Timing for the benchmarks: the best of a few runs (the least disturbed by other work)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(function: Callable[[], object], repeat: int = 3) -> float:
    """Seconds of the fastest of ``repeat`` calls."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best
