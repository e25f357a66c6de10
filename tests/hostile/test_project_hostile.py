"""Damaged project files, stale writes, corrupt autosaves and full disks."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from hostile.project_samples import digest, sample_project, saved_sample

from app import project_store
from app.cli import main
from app.project_store import (
    ProjectFileError,
    StaleProjectError,
    autosave,
    autosave_path,
    open_project,
    save_project,
)

# A typo stored by an older Cavalier (a year, a count out of range): the project opens with the
# value flagged so the command that fixes it can run.
FLAGGED = [
    ("events", "edition_year", "9999", "Édition 9999"),
    ("events", "start_date", "'1800-01-01'", "Date de début 01/01/1800"),
    ("events", "end_date", "'9999-12-31'", "Date de fin 31/12/9999"),
    ("formats", "max_participants", "-5", "participants au plus -5"),
    ("formats", "marshals_override", "1000000000", "signaleurs 1000000000"),
    ("formats", "marshals_override", "-1", "signaleurs -1"),
    ("formats", "pace", "'[1e308, 1, 1]'", "allure enregistrée"),
    ("formats", "distance_km", "5000", "distance visée 5000 km"),
]
DAMAGES = [
    ("events", "edition_year", "'deux mille'"),
    ("events", "start_date", "'hier'"),
    ("events", "name", "x'00ff'"),
    ("formats", "discipline", "'parapente'"),
    ("formats", "fee", "'gratuit'"),
    ("formats", "fee", "'NaN'"),
    ("formats", "distance_km", "9e999"),
    ("formats", "distance_km", "'loin'"),
    ("formats", "day", "'2027-02-30'"),
    ("formats", "start_time", "'25:00'"),
    ("waypoints", "lon", "9e999"),
    ("waypoints", "lat", "95.0"),
    ("waypoints", "kind", "'bivouac'"),
    ("routes", "geometry", "'[[NaN, 50.1, 3]]'"),
    ("routes", "geometry", "'[[2.8'"),
    ("routes", "stops", "'[1, 2]'"),
    ("routes", "stats", "'[]'"),
    ("budgets", "targets", "'{\"public\": \"beaucoup\"}'"),
    ("budgets", "format_names", "'{'"),
    ("budget_lines", "amount", "'douze'"),
    ("budget_lines", "amount", "'NaN'"),
    ("budget_lines", "amount", "'1e400'"),
    ("budget_lines", "actual", "'-Infinity'"),
    ("budget_lines", "category", "'bidon'"),
    ("budget_lines", "account", "'99'"),
    ("network", "layers", "'5'"),
]


def damage(path: Path, table: str, field: str, value: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"UPDATE {table} SET {field} = {value} WHERE id = "
                     f"(SELECT MIN(id) FROM {table})")
        conn.commit()


@pytest.mark.parametrize(("table", "field", "value", "flag"), FLAGGED)
def test_a_stored_typo_is_flagged_and_can_be_fixed(tmp_path: Path, table: str, field: str,
                                                   value: str, flag: str) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    damage(path, table, field, value)
    project = open_project(path)
    assert any(flag in problem for problem in project.problems), project.problems
    # every command still runs; the one that fixes the value saves
    fixed = sample_project()
    save_project(path, replace(fixed, problems=project.problems), base_revision=project.revision)
    assert open_project(path).problems == ()


def test_a_save_adds_no_new_broken_value(tmp_path: Path) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    project = open_project(path)
    fmt = replace(project.event.formats[0], marshals_override=-1)
    broken = replace(project, event=replace(project.event, formats=(fmt,)))
    before = digest(path)
    with pytest.raises(ProjectFileError, match="signaleurs -1"):
        save_project(path, broken)
    assert digest(path) == before


@pytest.mark.parametrize(("table", "field", "value"), DAMAGES)
def test_damaged_values_name_table_and_field(tmp_path: Path, table: str, field: str,
                                             value: str) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    damage(path, table, field, value)
    with pytest.raises(ProjectFileError) as caught:
        open_project(path)
    message = str(caught.value)
    assert "trail.cavalier" in message
    assert f"table « {table} », champ « {field} »" in message


@pytest.mark.parametrize("command", [["budget", "show"], ["budget", "sync"],
                                     ["budget", "export", "{out}/b.xlsx"], ["export", "{out}/x"],
                                     ["duplicate", "{out}/n.cavalier"], ["recover"]])
def test_every_command_reports_a_damaged_project(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 command: list[str]) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    damage(path, "budget_lines", "amount", "'NaN'")
    if command == ["recover"]:
        autosave(path, sample_project())
        damage(autosave_path(path), "budget_lines", "amount", "'NaN'")
    before = digest(path)
    argv = [command[0], *command[1:2], str(path), *(c.format(out=tmp_path) for c in command[2:])]
    if command[0] in ("export", "duplicate"):
        argv = [command[0], str(path), *(c.format(out=tmp_path) for c in command[1:])]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and "table « budget_lines », champ « amount »" in err
    assert digest(path) == before


def test_recover_keeps_the_previous_file_and_refuses_a_corrupt_autosave(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    good = open_project(path)
    autosave(path, replace(good, event=replace(good.event, organiser="Club VTT")))
    assert main(["recover", str(path)]) == 0
    assert open_project(path).event.organiser == "Club VTT"
    kept = project_store.previous_path(path)
    assert open_project(kept) == good and open_project(kept).revision == good.revision
    # a corrupt autosave: refused, the project and the autosave stay as they are
    autosave(path, replace(good, event=replace(good.event, organiser="Autre")))
    damage(autosave_path(path), "routes", "geometry", "'[[NaN, 50.1, 3]]'")
    before = digest(path)
    assert main(["recover", str(path)]) == 1
    assert "sauvegarde automatique" in capsys.readouterr().err
    assert digest(path) == before and autosave_path(path).exists()


def test_a_stale_write_fails_between_two_store_handles(tmp_path: Path) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    first, second = open_project(path), open_project(path)
    save_project(path, replace(first, event=replace(first.event, organiser="A")),
                 base_revision=first.revision)
    with pytest.raises(StaleProjectError, match="modifié par une autre commande"):
        save_project(path, replace(second, event=replace(second.event, organiser="B")),
                     base_revision=second.revision)
    assert open_project(path).event.organiser == "A"
    again = open_project(path)
    save_project(path, replace(again, event=replace(again.event, organiser="C")),
                 base_revision=again.revision)
    assert open_project(path).event.organiser == "C"


_SLOW_WRITER = """
import sys
from dataclasses import replace
from pathlib import Path
from app.cli import main
from app import project_store
path = Path(sys.argv[1])
real_open = project_store.open_project
def open_then_wait(p):
    project = real_open(p)
    print("lu", flush=True)
    sys.stdin.readline()  # the other command writes meanwhile
    return project
project_store.open_project = open_then_wait
import app.cli.budget_cmd as budget_cmd
budget_cmd.open_project = open_then_wait
sys.exit(main(["budget", "sync", str(path)]))
"""


def test_two_real_processes_never_lose_an_update(tmp_path: Path) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    slow = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(path)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=Path.cwd())
    assert slow.stdout is not None and slow.stdin is not None
    assert slow.stdout.readline().strip() == "lu"
    project = open_project(path)
    assert main(["budget", "sync", str(path)]) == 0  # the fast command saves first
    renamed = open_project(path)
    save_project(path, replace(renamed, event=replace(renamed.event, organiser="Rapide")),
                 base_revision=renamed.revision)
    _out, err = slow.communicate("go\n", timeout=120)
    assert slow.returncode == 1
    assert "modifié par une autre commande" in err and "Traceback" not in err
    assert open_project(path).event.organiser == "Rapide"
    assert project.event.organiser != "Rapide"


def _tiny_disk(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    real = project_store._connect

    def connect(path: Path) -> sqlite3.Connection:
        conn = real(path)
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own « disk full »
        return conn

    monkeypatch.setattr(project_store, "_connect", connect)


def test_full_disk_on_a_new_project_leaves_nothing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _tiny_disk(monkeypatch, 3)
    path = tmp_path / "neuf.cavalier"
    with pytest.raises(ProjectFileError, match=r"neuf\.cavalier.*disque plein"):
        save_project(path, sample_project())
    assert list(tmp_path.iterdir()) == []


def test_full_disk_on_a_save_keeps_the_project(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    before = digest(path)
    with closing(sqlite3.connect(path)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    _tiny_disk(monkeypatch, pages)
    bigger = sample_project()
    bigger = replace(bigger, network=replace(bigger.network, data=b"\x01" * 200_000))
    with pytest.raises(ProjectFileError, match="disque plein"):
        save_project(path, bigger)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trail.cavalier"]


def test_recover_over_a_damaged_project(tmp_path: Path) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    good = open_project(path)
    autosave(path, replace(good, event=replace(good.event, organiser="Club VTT")))
    damaged = path.read_bytes()[:3000]
    path.write_bytes(damaged)
    assert main(["recover", str(path)]) == 0
    assert open_project(path).event.organiser == "Club VTT"
    assert project_store.previous_path(path).read_bytes() == damaged


@pytest.mark.parametrize("value", ["'pas une date'", "12", "NULL"])
def test_a_damaged_save_date_never_crashes_recover(tmp_path: Path, value: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = saved_sample(tmp_path / "trail.cavalier")
    autosave(path, open_project(path))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA ignore_check_constraints = 1")
        conn.execute(f"UPDATE meta SET value = {value} WHERE key = 'saved_at'"
                     if value != "NULL" else "DELETE FROM meta WHERE key = 'saved_at'")
        conn.commit()
    assert main(["recover", str(path)]) == 0
    assert "Travail récupéré" in capsys.readouterr().out


def test_a_new_project_follows_the_umask_and_creates_its_folder(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o027)
    try:
        path = saved_sample(tmp_path / "saison" / "2027" / "trail.cavalier")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["trail.cavalier"]
