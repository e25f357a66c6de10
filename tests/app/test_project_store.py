"""Project files: round trip, migrations from older schemas, foreign files, autosave, recovery."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from app.budget import Column, totals
from app.model import RouteRecord, Stop
from app.project_store import (
    SCHEMA_VERSION,
    Autosaver,
    NetworkRef,
    Project,
    ProjectFileError,
    autosave,
    autosave_path,
    discard_recovery,
    duplicate_for_next_edition,
    migrate,
    open_project,
    recover,
    recovery_available,
    save_project,
)
from app.templates import build_template


def _project(key: str = "trail-pyramides-noires") -> Project:
    event, budgets = build_template(key, 2027)
    route = RouteRecord(
        "trail", (Stop("Départ 11/19", 2.783, 50.445), Stop("Arrivée", 2.8, 50.405)),
        ((2.783, 50.445, 70.0), (2.79, 50.43, 140.5), (2.8, 50.405, 60.0)),
        {"length_m": 4870.5, "climb_m": 160.0, "layer_share": {"cavalier": 0.7},
         "ruptures": ["R12", "R40"], "terrils": ["T074", "T075"]},
    )
    first = replace(event.formats[0], route=route)
    event = replace(event, formats=(first, *event.formats[1:]))
    return Project(event, budgets, NetworkRef("Bassin minier", "UNESCO + MBM",
                                              ("zt-cavaliers.geojson",), b"\x00graph\x01"))


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "trail.cavalier"
    project = _project()
    save_project(path, project)
    loaded = open_project(path)
    assert loaded == project
    route = loaded.event.formats[0].route
    assert route is not None and route.ruptures_crossed == ("R12", "R40")
    assert loaded.event.formats[0].marshals_needed == 2
    assert totals(loaded.budgets[0]).charges == Decimal(45000)


def test_series_round_trip_and_resave(tmp_path: Path) -> None:
    path = tmp_path / "vtt.cavalier"
    project = _project("challenge-vtt-xc")
    save_project(path, project)
    smaller = replace(project, budgets=project.budgets[:2], network=None)
    save_project(path, smaller)
    assert open_project(path) == smaller


def _write_v1_file(path: Path) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        assert migrate(conn, upto=1) == 1
        conn.executescript(
            """
            INSERT INTO events VALUES (1, 'Trail ancien', 2024, '2024-10-06', '2024-10-06',
                                       'Club', 0, '');
            INSERT INTO formats VALUES (1, 1, 0, '21 km', 'trail', 21.0, 300, 250, '12',
                                        '2024-10-06', '09:30', NULL, '');
            INSERT INTO waypoints VALUES (1, 1, 0, 'ravitaillement', 'Ravito', 2.78, 50.44,
                                          NULL, '');
            INSERT INTO budgets VALUES (1, 1, 0, 'Budget', '{"inscriptions": "0.5"}', '[]');
            INSERT INTO budget_lines VALUES (1, 1, 0, '62', 'Secours', '3000', NULL, NULL,
                                             'autre', 'fixe', '');
            INSERT INTO budget_lines VALUES (2, 1, 1, '70', 'Inscriptions — 21 km', '0', '250',
                                             '12', 'inscriptions', 'format', '21 km');
            INSERT INTO meta VALUES ('saved_at', '2024-01-01T00:00:00+00:00');
            """
        )


def test_migrates_a_version_1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.cavalier"
    _write_v1_file(path)
    project = open_project(path)
    assert project.event.name == "Trail ancien"
    assert project.event.formats[0].marshals_override is None
    assert project.event.formats[0].waypoints[0].label == "Ravito"
    assert project.network is None
    budget = project.budgets[0]
    assert [ln.actual for ln in budget.lines] == [None, None]
    assert totals(budget).produits == Decimal(3000)
    with closing(sqlite3.connect(path)) as conn:  # reading never writes: migrated by a save
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not (tmp_path / "old.cavalier.v1.bak").exists()
    # the file is migrated by its next save and takes the new columns
    done = replace(budget, lines=tuple(replace(ln, actual=Decimal(10)) for ln in budget.lines))
    save_project(path, replace(project, budgets=(done,)))
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    backup = tmp_path / "old.cavalier.v1.bak"
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert totals(open_project(path).budgets[0], Column.ACTUAL).charges == Decimal(10)


def test_migrates_a_version_2_file(tmp_path: Path) -> None:
    path = tmp_path / "v2.cavalier"
    _write_v1_file(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        assert migrate(conn, upto=2) == 2
        conn.execute("UPDATE budget_lines SET actual = '2900' WHERE id = 1")
    project = open_project(path)
    assert project.budgets[0].lines[0].actual == Decimal(2900)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a database at all" * 50, "pas un projet Cavalier"),
     (b"", "pas un projet Cavalier")],
    ids=["text", "empty"],
)
def test_foreign_files_give_french_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.cavalier"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError, match=message):
        open_project(path)


def test_other_sqlite_database_and_newer_schema(tmp_path: Path) -> None:
    other = tmp_path / "other.cavalier"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    with pytest.raises(ProjectFileError, match="base SQLite étrangère"):
        open_project(other)
    with pytest.raises(ProjectFileError, match="étrangère"):
        save_project(other, _project())
    newer = tmp_path / "newer.cavalier"
    save_project(newer, _project())
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ProjectFileError, match="plus récente"):
        open_project(newer)
    with pytest.raises(ProjectFileError, match="introuvable"):
        open_project(tmp_path / "absent.cavalier")


def test_autosave_recovery_and_discard(tmp_path: Path) -> None:
    path = tmp_path / "p.cavalier"
    project = _project()
    save_project(path, project)
    assert not recovery_available(path)
    edited = replace(project, event=replace(project.event, organiser="Comité du Pas-de-Calais"))
    autosave(path, edited)
    assert open_project(path) == project  # the project file itself is untouched
    assert recovery_available(path)
    assert recover(path) == edited
    save_project(path, recover(path))
    assert not autosave_path(path).exists()
    assert open_project(path) == edited
    autosave(path, project)
    discard_recovery(path)
    assert not recovery_available(path)


def test_autosaver_waits_for_its_interval(tmp_path: Path) -> None:
    now = [0.0]
    saver = Autosaver(tmp_path / "a.cavalier", interval_s=60, clock=lambda: now[0])
    project = _project()
    assert not saver.changed(project)
    now[0] = 61
    assert saver.changed(project)
    assert recover(tmp_path / "a.cavalier") == project
    assert not saver.flush()


def test_duplicate_for_next_edition(tmp_path: Path) -> None:
    source = tmp_path / "2027.cavalier"
    project = _project("raid-bassin-minier")
    budget = project.budgets[0]
    realised = replace(budget, lines=tuple(replace(ln, actual=ln.planned) for ln in budget.lines))
    save_project(source, replace(project, budgets=(realised,)))
    target = tmp_path / "2028.cavalier"
    duplicate_for_next_edition(source, target)
    nxt = open_project(target)
    assert nxt.event.edition_year == 2028
    assert nxt.event.start_date.weekday() == project.event.start_date.weekday() == 5
    assert nxt.event.start_date.year == 2028
    assert all(ln.actual is None for ln in nxt.budgets[0].lines)
    assert totals(nxt.budgets[0]) == totals(budget)
    assert nxt.network == project.network
    with pytest.raises(ProjectFileError, match="existe déjà"):
        duplicate_for_next_edition(source, target)
