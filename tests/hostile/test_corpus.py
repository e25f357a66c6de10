"""Run the generated hostile corpus through the real readers and commands.

Every case must end in one of three ways: a clean error (a CavalierError, French, naming the file),
accepted with warnings, or accepted. Never a traceback, never a silent change to a project.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hostile.corpus import Case, all_cases

from app.cli import main
from app.project_store import open_project
from routes.elevation.dem import open_dem
from routes.errors import CavalierError
from routes.gpx.reader import read_gpx
from routes.network.gis_import import read_layer_file
from routes.network.roles import RoleMapping, parse_role
from routes.osm.reader import read_osm

MAPPING = RoleMapping((parse_role("*=hiking"),))
# Words of third-party English messages that must not reach a French user.
ENGLISH = re.compile(r"\b(error|invalid|cannot|could not|unable|expecting|expected|failed|"
                     r"no such|not a|is not|line \d+ column|unexpected|traceback|warning)\b",
                     re.IGNORECASE)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run_cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def _check_message(case: Case, message: str) -> None:
    assert case.name in message, f"{case.name}: the message does not name the file: {message}"
    assert not ENGLISH.search(message), f"{case.name}: English text: {message}"


def _outcome(case: Case, path: Path, project: Path) -> str:
    """'error', 'warning' or 'accepted'; any other exception escapes (a test failure)."""
    if case.kind in ("xlsx", "project"):
        target = project if case.kind == "xlsx" else path
        before = _digest(target)
        argv = (["budget", "import", str(project), str(path)] if case.kind == "xlsx"
                else ["budget", "show", str(path)])
        code, err = _run_cli(argv)
        if code:
            assert err.startswith("Erreur : "), f"{case.name}: {err}"
            _check_message(case, err)
            assert _digest(target) == before, f"{case.name}: project changed by a failed command"
            return "error"
        if case.kind == "project":
            assert _digest(target) == before, f"{case.name}: a read-only command changed it"
            open_project(path)
        else:
            assert _digest(target) != before  # an accepted import is saved, and said so
        return "accepted"
    try:
        if case.kind == "gpx":
            read_gpx(path)
            warnings: list[str] = []
        elif case.kind == "geojson":
            warnings = read_layer_file(path, MAPPING).warnings
        elif case.kind == "osm":
            warnings = read_osm(path).warnings
        else:
            warnings = open_dem(path).warnings
    except CavalierError as exc:
        _check_message(case, str(exc))
        return "error"
    for warning in warnings:
        _check_message(case, warning)
    return "warning" if warnings else "accepted"


def test_hostile_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = all_cases()
    assert len(cases) >= 300
    template = tmp_path / "modele.cavalier"
    assert _run_cli(["new", "--template", "raid-bassin-minier", "--year", "2027",
                     str(template)])[0] == 0
    counts: Counter[tuple[str, str]] = Counter()
    failures: list[str] = []
    for case in cases:
        folder = tmp_path / case.kind
        folder.mkdir(exist_ok=True)
        path = folder / case.name
        case.write(path)
        project = folder / "raid.cavalier"
        shutil.copyfile(template, project)
        try:
            counts[case.kind, _outcome(case, path, project)] += 1
        except Exception as exc:  # every failure is listed below, not just the first
            failures.append(f"{case.name}: {type(exc).__name__}: {exc}"[:400])
    kinds = sorted({k for k, _ in counts})
    totals = Counter(outcome for (_, outcome) in counts.elements())
    with capsys.disabled():
        print(f"\nCorpus hostile : {len(cases)} cas — {totals['error']} erreurs propres, "
              f"{totals['warning']} avertissements, {totals['accepted']} acceptés")
        for kind in kinds:
            print(f"  {kind:8} erreurs {counts[kind, 'error']:3}  avertissements "
                  f"{counts[kind, 'warning']:3}  acceptés {counts[kind, 'accepted']:3}")
    assert not failures, f"{len(failures)} case(s) failed:\n" + "\n".join(failures)
    for kind in kinds:  # the corpus holds both good and bad files of every kind
        assert counts[kind, "error"] > 0 and counts[kind, "accepted"] + counts[kind, "warning"] > 0
