"""The project and budget commands, run through their own sub-parsers."""

from __future__ import annotations

import argparse
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.budget import totals
from app.cli import budget_cmd, project_cmd
from app.exports.pack import export_pack
from app.model import RouteRecord, Stop
from app.project_store import (
    ProjectFileError,
    autosave,
    autosave_path,
    open_project,
    save_project,
)
from routes.errors import CavalierError
from routes.progress import OperationCancelled


def cavalier(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="cavalier")
    sub = parser.add_subparsers()
    project_cmd.register(sub)
    budget_cmd.register(sub)
    args = parser.parse_args(list(argv))
    result: int = args.handler(args)
    return result


def test_new_then_budget_export_gives_the_cerfa_workbook(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "raid.cavalier"
    assert cavalier("new", "--template", "raid-bassin-minier", "--year", "2027",
                    "--organiser", "Comité départemental du Pas-de-Calais", str(project)) == 0
    out = capsys.readouterr().out
    assert "300 participants attendus" in out and "45\u202f000,00 €" in out
    xlsx = tmp_path / "raid.xlsx"
    assert cavalier("budget", "export", str(project), str(xlsx)) == 0
    assert "Attention" not in capsys.readouterr().out
    ws = load_workbook(xlsx)["Budget"]
    assert ws["A1"].value == "Raid Bassin Minier 2027 — Budget de l'action"
    assert "Comité départemental du Pas-de-Calais" in str(ws["A3"].value)
    with pytest.raises(ProjectFileError, match="existe déjà"):
        cavalier("new", "--template", "raid-bassin-minier", str(project))
    assert cavalier("new", "--template", "trail-pyramides-noires", "--force", str(project)) == 0
    assert open_project(project).event.name == "Trail des Pyramides Noires"


def test_budget_import_updates_the_project(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "vtt.cavalier"
    cavalier("new", "--template", "challenge-vtt-xc", "--year", "2027", str(project))
    xlsx = tmp_path / "vtt.xlsx"
    cavalier("budget", "export", str(project), str(xlsx))
    wb = load_workbook(xlsx)
    ws = wb.worksheets[1]  # round 1, after the summary
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"B{r}"].value == "Secouristes")
    ws[f"F{row}"] = 260
    wb.save(xlsx)
    capsys.readouterr()
    assert cavalier("budget", "import", str(project), str(xlsx)) == 0
    assert capsys.readouterr().out.count("Importé") == 6
    loaded = open_project(project)
    assert len(loaded.budgets) == 6
    secours = next(ln for ln in loaded.budgets[0].lines if ln.label == "Secouristes")
    assert secours.actual == Decimal(260)
    assert cavalier("budget", "show", str(project)) == 0
    shown = capsys.readouterr().out
    assert "Série : charges 6\u202f000,00 €" in shown and "Tarif d'équilibre : 2,50 €" in shown


def test_export_folder_and_offline_map(tmp_path: Path) -> None:
    project = tmp_path / "trail.cavalier"
    cavalier("new", "--template", "trail-pyramides-noires", "--year", "2027", str(project))
    loaded = open_project(project)
    route = RouteRecord("trail", (Stop("A", 2.78, 50.44), Stop("B", 2.80, 50.41)),
                        ((2.78, 50.44), (2.79, 50.43), (2.80, 50.41)), {"length_m": 3500.0})
    fmt = replace(loaded.event.formats[0], route=route)
    save_project(project, replace(loaded, event=replace(loaded.event,
                                                        formats=(fmt, *loaded.event.formats[1:]))))
    outdir = tmp_path / "export"
    assert cavalier("export", str(project), str(outdir)) == 0
    names = sorted(p.name for p in outdir.iterdir())
    assert names == ["budget-trail-des-pyramides-noires-2027.xlsx",
                     "carte-trail-des-pyramides-noires-2027.html",
                     "feuille-de-route-trail-des-pyramides-noires-2027.csv",
                     "feuille-de-route-trail-des-pyramides-noires-2027.xlsx",
                     "gpx-trail-des-pyramides-noires-2027.zip",
                     "participants"]
    with zipfile.ZipFile(outdir / names[4]) as archive:
        files = archive.namelist()
        assert len(files) == 2 and files[-1].endswith("README.txt")  # only the ultra has a route
        gpx = archive.read(files[0]).decode("utf-8")
    assert "Ultra 100 km" in gpx and "<trkpt" in gpx
    assert "Ravitaillement — T074 11/19 de Lens Est (Loos-en-Gohelle)" in gpx
    with pytest.raises(OperationCancelled):
        export_pack(open_project(project), tmp_path / "annule", cancel=lambda: True)


def test_duplicate_and_recover(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "raid.cavalier"
    cavalier("new", "--template", "raid-bassin-minier", "--year", "2027", str(project))
    nxt = tmp_path / "raid-2028.cavalier"
    assert cavalier("duplicate", str(project), str(nxt)) == 0
    assert open_project(nxt).event.edition_year == 2028
    assert totals(open_project(nxt).budgets[0]).charges == Decimal(45000)
    capsys.readouterr()
    assert cavalier("recover", str(project)) == 0
    assert "Rien à récupérer" in capsys.readouterr().out
    loaded = open_project(project)
    autosave(project, replace(loaded, event=replace(loaded.event, organiser="Club VTT")))
    assert cavalier("recover", str(project)) == 0
    assert open_project(project).event.organiser == "Club VTT"
    assert not autosave_path(project).exists()


def test_user_errors_are_cavalier_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cavalier"
    bad.write_text("rien", encoding="utf-8")
    with pytest.raises(CavalierError, match="pas un projet Cavalier"):
        cavalier("budget", "export", str(bad), str(tmp_path / "x.xlsx"))
    project = tmp_path / "p.cavalier"
    cavalier("new", "--template", "raid-bassin-minier", str(project))
    with pytest.raises(CavalierError, match="pas un classeur Excel"):
        cavalier("budget", "import", str(project), str(bad))
    with pytest.raises(SystemExit):
        cavalier("new", "--template", "marathon-de-paris", str(project))


def test_budget_sync_follows_the_formats(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "trail.cavalier"
    cavalier("new", "--template", "trail-pyramides-noires", "--year", "2027", str(project))
    loaded = open_project(project)
    ultra = replace(loaded.event.formats[0], fee_eur=Decimal(70), expected_participants=120)
    save_project(project, replace(loaded, event=replace(
        loaded.event, formats=(ultra, *loaded.event.formats[1:]))))
    capsys.readouterr()
    assert cavalier("budget", "sync", str(project)) == 0
    assert "produits 45\u202f000,00 € → 47\u202f400,00 €" in capsys.readouterr().out
    t = totals(open_project(project).budgets[0])
    # registrations +2 400 (120 × 70 instead of 100 × 60); 20 more people: ravitaillement,
    # lots and chronométrage at 6 + 8 + 4 € each
    assert t.produits == Decimal(45000 + 2400)
    assert t.charges == Decimal(45000 + 20 * 18)
