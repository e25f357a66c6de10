"""Every output file is written whole or not at all: a full disk (ENOSPC injected in the write
itself) leaves no partial file, keeps an existing file as it was and reports « disque plein » in
French; finished files follow the user's umask."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from gpx.gpx_helpers import grid_graph, sample_course
from reportlab.platypus import SimpleDocTemplate

from app.budget_xlsx import export_budgets
from app.exports.map import export_map
from app.roadbook.document import write_roadbook
from app.templates import build_template
from routes import atomic
from routes.errors import CavalierError
from routes.gpx.bundle import BundleCourse, write_bundle
from routes.gpx.model import GpxMeta
from routes.gpx.writer import write_gpx
from routes.network import store as netstore

EVENT, BUDGETS = build_template("raid-bassin-minier", 2027)


def _full_disk(path: Any, *_a: Any, **_k: Any) -> None:
    """Write a few bytes where the writer asked, then fail as a full disk does."""
    target = path if isinstance(path, str | Path) else getattr(path, "name", None)
    if isinstance(target, str | Path):
        with open(target, "wb") as partial:
            partial.write(b"PK\x03\x04 partial")
    elif hasattr(path, "write"):
        path.write(b"partial")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _xlsx(path: Path) -> None:
    export_budgets(path, EVENT, BUDGETS)


def _html(path: Path) -> None:
    export_map(path, EVENT, tiles=False)


def _gpx(path: Path) -> None:
    write_gpx(path, [sample_course(n=50)], GpxMeta("Raid"))


def _zip(path: Path) -> None:
    write_bundle(path, "Raid", [BundleCourse(sample_course(n=50), GpxMeta("Raid", "21 km"))])


def _pdf(path: Path) -> None:
    write_roadbook([], None, path)  # type: ignore[arg-type]


def _network(path: Path) -> None:
    netstore.save(grid_graph(3), path)


def _geojson(path: Path) -> None:
    atomic.write_text(path, '{"type": "FeatureCollection", "features": []}')


def _break_html(mp: pytest.MonkeyPatch) -> None:
    import branca.element
    mp.setattr(branca.element.Element, "save", lambda self, path, **k: _full_disk(path))


def _break_build(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(SimpleDocTemplate, "build",
               lambda self, *a, **k: _full_disk(self.filename))


def _break_writestr(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(zipfile.ZipFile, "writestr", lambda self, *a, **k: _full_disk(self.fp))


def _break_savez(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(np, "savez", lambda stream, **k: _full_disk(stream))


def _break_write_bytes(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(Path, "write_bytes", lambda self, data: _full_disk(self))


def _export_file(target: Path) -> None:  # the writer of GPX/FIT/KML/TCX/CSV/page exports
    from app.exports.files import write_atomic
    write_atomic(target, b"FIT")


def _dossier_file(target: Path) -> None:  # the writer call of the dossier (PDF and workbook)
    from app.dossier.export import _replace_atomically
    _replace_atomically(target, lambda p: p.write_bytes(b"%PDF-1.4"))


WRITERS: dict[str, tuple[Callable[[Path], None], Callable[[pytest.MonkeyPatch], None]]] = {
    "budget.xlsx": (_xlsx, _break_write_bytes),  # built in memory (values added), then written
    "carte.html": (_html, _break_html),
    "trace.gpx": (_gpx, _break_write_bytes),
    "dossier.zip": (_zip, _break_writestr),
    "roadbook.pdf": (_pdf, _break_build),
    "reseau.cavnet": (_network, _break_savez),
    "parcours.geojson": (_geojson, _break_write_bytes),
    "participants.fit": (_export_file, _break_write_bytes),
    "dossier-declaration.pdf": (_dossier_file, _break_write_bytes),
}


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask) and None
    os.umask(old)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          name: str) -> None:
    write, breaker = WRITERS[name]
    fresh = tmp_path / "neuf" / name
    existing = tmp_path / name
    existing.write_bytes(b"ancienne version")
    with monkeypatch.context() as mp:
        breaker(mp)
        for target in (fresh, existing):
            with pytest.raises(CavalierError) as caught:
                write(target)
            message = str(caught.value)
            assert "disque plein" in message and name in message
            assert "No space" not in message
    assert not fresh.exists()
    assert existing.read_bytes() == b"ancienne version"
    leftovers = [p.name for p in tmp_path.rglob("*") if p.is_file() and p != existing]
    assert leftovers == []


@pytest.mark.parametrize("name", sorted(WRITERS))
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_follow_the_umask_and_create_folders(tmp_path: Path, umask: Callable[[int], None],
                                                     name: str, mask: int, mode: int) -> None:
    write, _ = WRITERS[name]
    umask(mask)
    target = tmp_path / "sous" / "dossier" / name
    write(target)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in target.parent.iterdir()] == [name]
