"""Round 3 hangs: a 10 MB label made ``roadbook`` and ``dossier`` lay out for ever. Text that
enters a document is bounded, with a message naming the text, before any layout."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hostile.project_samples import digest, saved_sample

from app.cli import main
from app.project_store import open_project

HUGE = 10_000_000


@pytest.mark.parametrize(("sql", "where"), [
    (f"UPDATE waypoints SET label = printf('%.{HUGE}c', 'x')", "point"),
    (f"UPDATE formats SET name = printf('%.{HUGE}c', 'F')", "nom"),
    (f"UPDATE events SET name = printf('%.{HUGE}c', 'E')", "Événement : nom"),
])
@pytest.mark.parametrize("command", ["roadbook", "dossier"])
def test_a_huge_label_is_refused_before_layout(tmp_path: Path, sql: str, where: str,
                                               command: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project = saved_sample(tmp_path / "trail.cavalier")
    with closing(sqlite3.connect(project)) as conn:
        conn.execute(sql)
        conn.commit()
    before = digest(project)
    # Refused before any layout (and before the network loads: its data here is damaged).
    assert main([command, str(project), str(tmp_path / "sortie.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Texte trop long" in err and where in err and "caractères" in err
    assert len(err) < 5000  # the message names the text, it does not print it
    assert not (tmp_path / "sortie.pdf").exists() and digest(project) == before
    assert any("caractères" in p for p in open_project(project).problems)
