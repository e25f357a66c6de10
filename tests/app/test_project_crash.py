"""A save killed with SIGKILL half-way leaves the last committed project intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from shared_data import REPO

from app.project_store import open_project

# Saves the same project again and again, each with a new organiser name "vN", and prints N once
# save_project has returned (so N is committed). The long route makes every save take a while.
CHILD = r"""
import sys, time
from dataclasses import replace
from pathlib import Path
from app.model import RouteRecord, Stop
from app.project_store import Project, save_project
from app.templates import build_template

event, budgets = build_template("trail-pyramides-noires", 2027)
geometry = tuple((2.7 + i * 1e-6, 50.4 + i * 1e-6, 50.0 + i % 90) for i in range(60000))
route = RouteRecord("trail", (Stop("A", 2.7, 50.4), Stop("B", 2.76, 50.46)), geometry,
                    {"length_m": 98000.0, "ruptures": ["R1"]})
formats = tuple(replace(f, route=route) for f in event.formats)
path = Path(sys.argv[1])
i = 0
while True:
    i += 1
    start = time.perf_counter()
    ev = replace(event, organiser=f"v{i}", formats=formats)
    save_project(path, Project(ev, budgets))
    print(i, time.perf_counter() - start, flush=True)
"""


def _run_and_kill(path: Path) -> int:
    """Start the saving child, let it commit a few saves, SIGKILL it mid-save. Last N printed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None
    last, durations = 0, []
    try:
        while last < 3:
            line = proc.stdout.readline()
            assert line, "le processus d'enregistrement s'est arrêté tout seul"
            number, seconds = line.split()
            last, durations = int(number), [*durations, float(seconds)]
        time.sleep(min(durations) / 2)  # inside the next save
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for line in proc.stdout:  # lines printed before the kill landed
            last = int(line.split()[0])
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return last


def test_sigkill_during_save_keeps_last_commit(tmp_path: Path) -> None:
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("SIGKILL n'existe pas sur ce système")
    interrupted = 0
    for attempt in range(5):
        path = tmp_path / f"crash{attempt}.cavalier"
        last = _run_and_kill(path)
        journal = path.with_name(path.name + "-journal")
        if journal.exists() and journal.stat().st_size > 0:
            interrupted += 1  # the kill landed inside a transaction: a hot journal is left
        project = open_project(path)  # rolls the hot journal back
        # committed saves are v1..v<last>; the killed one (v<last+1>) may have just committed
        assert project.event.organiser in {f"v{last}", f"v{last + 1}"}
        assert len(project.event.formats) == 4
        route = project.event.formats[3].route
        assert route is not None and len(route.geometry) == 60000
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if interrupted:
            break
    assert interrupted >= 1, "aucun arrêt n'est tombé au milieu d'un enregistrement"
