"""Desktop application speed: cold start to an interactive map, and map update after an edit.

Runs ``tests/benchmarks/ui_bench_child.py`` in a fresh process (a cold start is a new process).
Prints both
figures with their ratio to the issue's targets (3 s, 150 ms) and, as baselines measured in the
same run, the bare start of a Python process importing Qt's web engine and the same cold start
building the embedded network from its layers instead of reloading the shipped prebuilt graph
(``--from-layers``). No wall-clock limit.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import pytest
from shared_data import REPO

CHILD = REPO / "tests" / "benchmarks" / "ui_bench_child.py"

COLD_START_TARGET_S = 3.0
MAP_UPDATE_TARGET_MS = 150.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QSG_RHI_BACKEND", "null")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    env["PYTHONPATH"] = str(REPO)
    return env


@pytest.mark.benchmark
def test_cold_start_and_map_update() -> None:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import ui.qt"], check=True, env=_env(), cwd=REPO,
                   timeout=120)
    baseline = time.perf_counter() - start
    from_layers, _ = _run_child("--from-layers")
    cold, edits = _run_child()
    median = statistics.median(edits)
    print(f"\nbaseline (process start + Qt web engine import): {baseline:.2f} s")
    print(f"cold start to interactive map: {cold:.2f} s (target {COLD_START_TARGET_S:.0f} s, "
          f"ratio {cold / COLD_START_TARGET_S:.2f}; {cold / baseline:.1f}× the baseline)")
    print(f"same cold start building the network from its layers: {from_layers:.2f} s "
          f"(prebuilt graph: ratio {cold / from_layers:.2f})")
    print(f"map updated after a waypoint edit: median {median:.0f} ms, max {max(edits):.0f} ms "
          f"over {len(edits)} edits (target {MAP_UPDATE_TARGET_MS:.0f} ms, "
          f"ratio {median / MAP_UPDATE_TARGET_MS:.2f})")


def _run_child(*args: str) -> tuple[float, list[float]]:
    """(seconds to an interactive map, edit times in ms) of one fresh window process."""
    result = subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True,
                            env=_env(), cwd=REPO, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.split("\n")
    ready = [float(line.split()[1]) for line in lines if line.startswith("ready ")]
    edits = [float(line.split()[1]) for line in lines if line.startswith("edit ")]
    assert len(ready) == 1 and edits
    return ready[0], edits
