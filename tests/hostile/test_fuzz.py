"""Fuzzing of every reader in CI: about 10 000 generated and mutated inputs (GPX, GeoJSON lines and
layers, GeoPackage, Shapefile, OSM XML, DEM, budget workbook, project file, recce tracks,
``.cavnet``, MBTiles), each ending in a French CavalierError or a sane result. The count and the
seed are printed in the terminal summary; findings are saved under ``fuzz_cases/`` and replayed
by :func:`test_saved_fuzz_cases_stay_fixed` on every run. ``CAVALIER_FUZZ_SEED=N`` replays a run,
``CAVALIER_FUZZ_SCALE=10`` runs ten times as many inputs (a longer hunt, outside CI)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hostile import fuzz


def test_every_reader_survives_the_fuzz() -> None:
    seed = fuzz.default_seed()
    started = time.perf_counter()
    results = fuzz.run_all(seed, float(os.environ.get("CAVALIER_FUZZ_SCALE", "1")))
    seconds = time.perf_counter() - started
    lines = fuzz.summary_lines(seed, results, seconds)
    fuzz.LAST_RUN.update(seed=seed, results=results, lines=lines)
    tried = sum(sum(r.counts.values()) for r in results.values())
    assert tried >= 10_000 or "CAVALIER_FUZZ_SCALE" in os.environ
    findings = [f"{name} n° {index} : {outcome} : {detail}"
                for name, stats in results.items() for index, outcome, detail in stats.findings]
    assert not findings, (f"{len(findings)} anomalie(s), graine {seed} (cas enregistrés dans "
                          f"{fuzz.FOUND}) :\n" + "\n".join(findings[:40]))
    for name, stats in results.items():  # each reader both refuses and accepts some inputs
        assert stats.counts["error"] and stats.counts["accepted"], (name, stats.counts)


def _saved() -> list[Path]:
    return sorted(p for p in fuzz.FOUND.glob("*/*") if p.suffix != ".txt") \
        if fuzz.FOUND.is_dir() else []


@pytest.mark.parametrize("case", _saved(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_fuzz_cases_stay_fixed(case: Path) -> None:
    reader = fuzz.BY_NAME[case.parent.name]
    outcome, detail = fuzz.replay_isolated(case, reader)
    assert outcome in ("error", "accepted"), f"{outcome} : {detail}"
