"""Round 3 losses: no command writes over one of its inputs or a device, a typo never locks a
project, every save is revision-checked, and a failed or killed command leaves its input as it
was (recovery, migration)."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from hostile.project_samples import digest, sample_project, saved_sample

from app import project_store
from app.cli import main
from app.project_store import (
    ProjectFileError,
    autosave,
    open_project,
    restore_autosave,
    save_project,
)
from routes import atomic
from routes.errors import CavalierError

GPX = ('<?xml version="1.0"?><gpx version="1.1" creator="t" '
       'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Boucle</name><trkseg>'
       '<trkpt lat="50.445" lon="2.783"/><trkpt lat="50.43" lon="2.79"/>'
       '<trkpt lat="50.405" lon="2.8"/></trkseg></trk></gpx>')


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return saved_sample(tmp_path / "trail.cavalier")


def _unchanged(path: Path, before: str) -> None:
    assert (path.is_file() and not path.is_symlink()) or path.is_symlink()
    assert digest(path) == before


@pytest.mark.parametrize("argv", [
    ["budget", "export", "{p}", "{p}"],
    ["budget", "export", "{p}", "{link}"],
    ["roadbook", "{p}", "{p}"],
    ["roadbook", "{p}", "{link}"],
    ["dossier", "{p}", "{p}"],
    ["dossier", "{p}", "x.pdf", "--xlsx", "{link}"],
])
def test_no_command_writes_over_its_own_input(project: Path, argv: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    link = project.with_name("lien.cavalier")
    link.symlink_to(project.name)
    before = digest(project)
    code = main([a.format(p=project, link=link) for a in argv])
    err = capsys.readouterr().err
    assert code == 1 and "refusée" in err and "Traceback" not in err
    assert digest(project) == before and link.is_symlink()


def test_gpx_export_refuses_its_input_as_output(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "trace.gpx"
    source.write_text(GPX, encoding="utf-8")
    before = digest(source)
    assert main(["gpx", "export", str(source), str(source), "--event", "Raid"]) == 1
    assert "lu par la commande" in capsys.readouterr().err
    assert digest(source) == before


def test_an_export_never_replaces_a_project(project: Path) -> None:
    """Even outside the command line (a save dialog in the window)."""
    before = digest(project)
    with pytest.raises(CavalierError, match="projet Cavalier"):
        atomic.write_bytes(project, b"PK\x03\x04")
    assert digest(project) == before


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/zero"])
def test_no_writer_renames_over_a_device(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} absent")
    with pytest.raises(CavalierError, match="pas un fichier ordinaire"):
        atomic.write_bytes(device, b"x")
    assert stat.S_ISCHR(Path(device).stat().st_mode)


@pytest.mark.parametrize("argv", [
    ["budget", "export", "{p}", "/dev/full"],
    ["roadbook", "{p}", "/dev/full"],
    ["gpx", "export", "{gpx}", "/dev/full", "--event", "Raid"],
])
def test_commands_refuse_a_device_as_output(project: Path, argv: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full absent")
    source = project.with_name("t.gpx")
    source.write_text(GPX, encoding="utf-8")
    assert main([a.format(p=project, gpx=source) for a in argv]) == 1
    assert "pas un fichier ordinaire" in capsys.readouterr().err
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_folder_is_not_an_output_file(tmp_path: Path) -> None:
    with pytest.raises(CavalierError, match="c'est un dossier"):
        atomic.write_bytes(tmp_path, b"x")


# --- a typo never locks a project ------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["event", "{p}", "--debut", "01/01/9999"],
    ["event", "{p}", "--debut", "01/01/1800"],
    ["plan", "{p}", "--format", "1", "--from", "A", "--to", "B", "--marshals", "-1"],
    ["plan", "{p}", "--format", "1", "--from", "A", "--to", "B", "--marshals", "1000000000"],
    ["allure", "{p}", "--format", "1", "--allure", "1e308/1/1"],
    ["allure", "{p}", "--format", "1", "--allure", "9/6/-600"],
])
def test_out_of_range_values_are_refused_where_they_enter(
        project: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(project)
    with pytest.raises(SystemExit) if "--allure" not in argv else _no_exit():
        code = main([a.format(p=project) for a in argv])
        assert code == 1
    err = capsys.readouterr().err
    assert ("attendu" in err or "il faut" in err) and "Traceback" not in err
    assert digest(project) == before


class _no_exit:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_new_refuses_a_year_no_command_could_open(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--template", "trail-pyramides-noires", "--year", "1800",
              str(tmp_path / "p.cavalier")])
    assert not (tmp_path / "p.cavalier").exists()


def _store(path: Path, sql: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(sql)
        conn.commit()


@pytest.mark.parametrize("sql", [
    "UPDATE events SET start_date = '9999-01-01', end_date = '9999-01-01'",
    "UPDATE events SET start_date = '1800-01-01'",
    "UPDATE formats SET marshals_override = -1",
    "UPDATE formats SET marshals_override = 1000000000",
])
def test_a_stored_typo_still_opens_and_the_fixing_command_runs(
        project: Path, sql: str, capsys: pytest.CaptureFixture[str]) -> None:
    _store(project, sql)
    assert main(["budget", "show", str(project)]) == 0
    assert "Attention" in capsys.readouterr().err
    assert main(["event", str(project), "--debut", "04/10/2027"]) == 0
    with closing(sqlite3.connect(project)) as conn:
        assert conn.execute("SELECT start_date FROM events").fetchone()[0] == "2027-10-04"


# --- every writer is revision-checked --------------------------------------------------------

def test_allure_refuses_to_save_over_another_commands_change(
        project: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    stale = open_project(project)
    save_project(project, replace(stale, event=replace(stale.event, place="Loos")))
    monkeypatch.setattr("app.cli.common._open_project", lambda path: stale)
    assert main(["allure", str(project), "--format", "1", "--allure", "9/6/600"]) == 1
    assert "modifié par une autre commande" in capsys.readouterr().err
    assert open_project(project).event.place == "Loos"


def test_a_save_without_base_revision_is_checked_too(project: Path) -> None:
    stale = open_project(project)
    save_project(project, stale)
    with pytest.raises(project_store.StaleProjectError):
        save_project(project, stale)


# --- a failed or killed command leaves its input as it was -----------------------------------

def test_recovery_that_fails_leaves_the_project_in_place(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    autosave(project, replace(sample_project(), event=replace(sample_project().event,
                                                                place="Récupéré")))
    before = digest(project)

    def killed(*_a: object, **_k: object) -> int:
        raise KeyboardInterrupt  # as a kill in the middle of the write

    monkeypatch.setattr(project_store, "_write_checked", killed)
    with pytest.raises(KeyboardInterrupt):
        restore_autosave(project)
    assert project.is_file() and digest(project) == before
    monkeypatch.undo()
    assert restore_autosave(project).event.place == "Récupéré"


@pytest.mark.parametrize("version", [0, -1])
def test_a_reset_user_version_does_not_rerun_migrations(project: Path, version: int) -> None:
    _store(project, f"PRAGMA user_version = {version}")
    assert open_project(project).event.name == sample_project().event.name
    save_project(project, open_project(project))
    with closing(sqlite3.connect(project)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == project_store.SCHEMA_VERSION


def test_an_old_file_that_fails_to_read_is_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "ancien.cavalier"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        project_store.migrate(conn, upto=1)  # schema 1, no event at all
    before = digest(path)
    with pytest.raises(ProjectFileError, match="aucun événement"):
        open_project(path)
    assert digest(path) == before
    assert list(tmp_path.iterdir()) == [path]


_SLOW_RECOVER = """
import sys, time
from pathlib import Path
from app import project_store
write = project_store._write_checked
def slow(*args, **kwargs):
    time.sleep(0.2)  # widen the window a kill -9 can hit
    return write(*args, **kwargs)
project_store._write_checked = slow
print("prêt", flush=True)
project_store.restore_autosave(Path(sys.argv[1]))
print("fini", flush=True)
"""


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4])
def test_kill_9_during_recover_never_loses_the_project(tmp_path: Path, delay: float) -> None:
    import signal
    import subprocess
    import sys
    import time

    project = saved_sample(tmp_path / "trail.cavalier")
    autosave(project, replace(sample_project(), event=replace(sample_project().event,
                                                                place="Récupéré")))
    with subprocess.Popen([sys.executable, "-c", _SLOW_RECOVER, str(project)],
                          cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE,
                          text=True) as child:
        assert child.stdout is not None and child.stdout.readline().strip() == "prêt"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert project.is_file()
    assert open_project(project).event.place in ("", "Récupéré")


def test_saving_as_another_existing_project_is_explicitly_unchecked(tmp_path: Path) -> None:
    first = saved_sample(tmp_path / "a.cavalier")
    other = saved_sample(tmp_path / "b.cavalier")
    save_project(other, open_project(other))  # b is now at another revision than a
    project = open_project(first)
    save_project(other, project, base_revision=None)  # « Enregistrer sous » over b
    assert open_project(other).event == project.event


def _old_schema_file(path: Path) -> Path:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        project_store.migrate(conn, upto=1)
        conn.executescript(
            """
            INSERT INTO events VALUES (1, 'Trail ancien', 2024, '2024-10-06', '2024-10-06',
                                       'Club', 0, '');
            INSERT INTO formats VALUES (1, 1, 0, '21 km', 'trail', 21.0, 300, 250, '12',
                                        '2024-10-06', '09:30', NULL, '');
            INSERT INTO budgets VALUES (1, 1, 0, 'Budget', '{"inscriptions": "0.5"}', '[]');
            INSERT INTO budget_lines VALUES (1, 1, 0, '62', 'Secours', '3000', NULL, NULL,
                                             'autre', 'fixe', '');
            """)
    return path


@pytest.mark.parametrize("argv", [
    ["budget", "show", "{p}"],  # succeeds, reads only
    ["budget", "export", "{p}", "/dev/full"],  # fails after reading
    ["roadbook", "{p}", "{p}"],  # refused
])
def test_reading_an_old_schema_file_never_writes_it(tmp_path: Path, argv: list[str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _old_schema_file(tmp_path / "ancien.cavalier")
    before = digest(path)
    main([a.format(p=path) for a in argv])
    capsys.readouterr()
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ancien.cavalier"]
    save_project(path, open_project(path))  # the next save migrates, keeping the old file
    assert (tmp_path / "ancien.cavalier.v1.bak").is_file()
