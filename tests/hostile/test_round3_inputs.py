"""Round 3 tracebacks, cryptic messages and silent absurdities, each a corpus case run through
the real command: a French error (or a sane result), never a traceback or an English reason."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from hostile.fuzz import gpx_seed
from hostile.project_samples import saved_sample

from app.cli import main
from app.project_store import open_project

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("Error", "No such", "Read-only", "No space", "LookupError", "ValueError",
           "OperationalError", "Traceback", "invalid ", "Exception")
BASIN = [(50.4450 - i * 0.0015, 2.7850 + i * 0.0025) for i in range(6)]


def _gpx(path: Path, points: list[tuple[float, float]] = BASIN, *, name: str = "Boucle",
         ele: str = "35.5") -> Path:
    data = gpx_seed(points, name=name).decode()
    path.write_text(data.replace("<ele>35.5</ele>", f"<ele>{ele}</ele>"), encoding="utf-8")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _french_error(code: int, err: str, *words: str) -> None:
    assert code == 1, err
    assert err.startswith("Erreur : "), err
    for word in ENGLISH:
        assert word not in err, err
    for word in words:
        assert word in err, err


@pytest.mark.parametrize("ele", ["1e308", "-1e7", "-1e308"])
def test_fit_export_with_impossible_elevations(tmp_path: Path, ele: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = _gpx(tmp_path / "trace.gpx", ele=ele)
    code, _out, err = _run(["gpx", "export", source, tmp_path / "out.gpx", "--event", "Raid",
                           "--fit", tmp_path / "out.fit"], capsys)
    assert code == 0, err
    assert (tmp_path / "out.fit").stat().st_size > 0
    assert "1e308" not in (tmp_path / "out.gpx").read_text(encoding="utf-8")


def test_deeply_nested_geojson_given_to_gpx_export(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "piege.geojson"
    source.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    code, _, err = _run(["gpx", "export", source, tmp_path / "o.gpx", "--event", "R"], capsys)
    _french_error(code, err, "piege.geojson", "imbriqué")


def test_gpx_streamed_from_dev_zero_is_bounded() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("/dev/zero absent")
    run = subprocess.run([sys.executable, "-c", (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30));"
        "from app.cli import main; sys.exit(main(['gpx', 'import', '/dev/zero']))")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stderr[-1000:]
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr
    assert "trop volumineux" in run.stderr


def test_a_one_megabyte_track_name_is_refused(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source = _gpx(tmp_path / "nom.gpx", name="x" * 1_000_000)
    code, _, err = _run(["network", "add-tracks", source, "--out", tmp_path / "r.cavnet",
                         "--quiet"], capsys)
    _french_error(code, err, "nom.gpx", "caractères")
    assert len(err) < 2000


@pytest.mark.parametrize(("head", "words"), [
    ('<?xml version="1.0" encoding="bogus"?>', ("« bogus » inconnu", "UTF-8")),
    ('<?xml version="1.0" encoding="Shift-JIS"?>', ("Shift-JIS", "UTF-8")),
    ('<?xml version="1.0" encoding="UTF-32"?>', ("UTF-8",)),
    ('<?xml version="1.0" encoding="cp500"?>', ("UTF-8",)),
])
def test_unknown_encodings_are_named_in_french(tmp_path: Path, head: str,
                                               words: tuple[str, ...],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "enc.gpx"
    body = gpx_seed(BASIN).decode().split("?>", 1)[1]
    data = head + body
    source.write_bytes(data.encode("utf-32") if "32" in head else
                       data.encode("cp500") if "cp500" in head else data.encode())
    code, _, err = _run(["gpx", "import", source], capsys)
    _french_error(code, err, "enc.gpx", *words)


def test_a_missing_gpx_is_said_in_french(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["gpx", "import", tmp_path / "absent.gpx"], capsys)
    _french_error(code, err, "absent.gpx", "introuvable")


@pytest.mark.parametrize(("points", "words"), [
    ([(0.0, 0.0), *BASIN], ("saut de",)),  # one (0, 0) fix (in the middle: a spike, removed)
    ([BASIN[i] if i % 2 else (BASIN[i][0] + 0.6, BASIN[i][1]) for i in range(6)],
     ("saut de",)),  # points far apart in turn: a shuffled file
])
def test_absurd_tracks_are_refused_not_exported(tmp_path: Path, points: list[tuple[float, float]],
                                                words: tuple[str, ...],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = _gpx(tmp_path / "absurde.gpx", points)
    for argv in (["gpx", "import", source],
                 ["gpx", "export", source, tmp_path / "p.gpx", "--event", "R"],
                 ["gpx", "bundle", tmp_path / "p.zip", source, "--event", "R"]):
        code, _, err = _run(argv, capsys)
        _french_error(code, err, "absurde.gpx", *words)
    assert not (tmp_path / "p.gpx").exists() and not (tmp_path / "p.zip").exists()


def test_ten_thousand_one_point_tracks_are_not_joined(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    tracks = "".join(f'<trk><trkseg><trkpt lat="{50 + (i % 97) * 0.01}" '
                     f'lon="{2 + (i % 89) * 0.02}"/></trkseg></trk>' for i in range(10_000))
    source = tmp_path / "points.gpx"
    source.write_text('<?xml version="1.0"?><gpx version="1.1" creator="x" '
                      f'xmlns="http://www.topografix.com/GPX/1/1">{tracks}</gpx>',
                      encoding="utf-8")
    code, _, err = _run(["gpx", "import", source], capsys)
    _french_error(code, err, "points.gpx")


def test_recce_tracks_far_from_the_basin_are_refused(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    source = _gpx(tmp_path / "provence.gpx", [(43.5 + i * 0.001, 5.4) for i in range(6)])
    code, _, err = _run(["network", "add-tracks", source, "--out", tmp_path / "r.cavnet",
                         "--quiet"], capsys)
    _french_error(code, err, "provence.gpx", "du Nord–Pas-de-Calais")


def test_gpx_import_prints_french_decimals(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["gpx", "import", _gpx(tmp_path / "t.gpx")], capsys)
    assert code == 0 and "Longueur : 1,22 km" in out


def test_a_layer_with_some_nan_coordinates(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    good = [[lon, lat] for lat, lon in BASIN]
    layer = tmp_path / "couche.geojson"
    layer.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nom": f"c{i}"},
         "geometry": {"type": "LineString", "coordinates": line}}
        for i, line in enumerate([good, [[2.79, 50.44], [float("nan"), 50.45]],
                                  [[float("inf"), 50.44], [2.8, 50.45]]])]}),
        encoding="utf-8")
    _code, out, err = _run(["network", "info", "--layers", layer, "--role", "*=hiking"], capsys)
    assert "Traceback" not in err
    for absurd in ("nan km", "inf km", "nan %", "nan\n", "inf\n"):
        assert absurd not in out.lower(), out
    assert "non finies" in out + err


def test_a_project_whose_text_is_not_utf8(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = saved_sample(tmp_path / "p.cavalier")
    with closing(sqlite3.connect(project)) as conn:
        conn.execute("UPDATE events SET name = CAST(x'c3283f' AS TEXT)")
        conn.commit()
    code, _, err = _run(["budget", "show", project], capsys)
    _french_error(code, err, "p.cavalier")


@pytest.mark.parametrize("length", ["-5000", "1e308", "'NaN'"])
def test_stored_route_lengths_are_flagged_not_printed(tmp_path: Path, length: str) -> None:
    project = saved_sample(tmp_path / "p.cavalier")
    with closing(sqlite3.connect(project)) as conn:
        conn.execute(f"UPDATE routes SET stats = json_set(stats, '$.length_m', {length})")
        conn.commit()
    opened = open_project(project)
    route = opened.event.formats[0].route
    assert route is not None and 0 < route.length_km < 10
    assert any("longueur enregistrée" in p for p in opened.problems)


def test_an_edited_budget_name_does_not_add_a_second_budget(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    project = saved_sample(tmp_path / "p.cavalier")
    before = len(open_project(project).budgets)
    book_path = tmp_path / "budget.xlsx"
    assert main(["budget", "export", str(project), str(book_path)]) == 0
    book = load_workbook(book_path)
    for sheet in book.worksheets:
        if sheet["I1"].value:
            sheet["J1"] = "Budget renommé"
    book.save(book_path)
    capsys.readouterr()
    code, _, err = _run(["budget", "import", project, book_path], capsys)
    _french_error(code, err, "Budget renommé", "ne correspond à aucun budget")
    assert len(open_project(project).budgets) == before


@pytest.mark.parametrize("argv", [
    ["gpx", "import", "t.gpx", "--radius", "-5"],
    ["dossier", "p.cavalier", "d.pdf", "--public", "1000000000000"],
    ["dossier", "p.cavalier", "d.pdf", "--delai-secours", "-1"],
    ["map", "prepare-offline", "--max-zoom", "99", "--out", "c.mbtiles"],
    ["map", "prepare-offline", "--min-zoom", "-3", "--out", "c.mbtiles"],
    ["route", "--from", "A", "--to", "B", "--tolerance", "1e308"],
    ["route", "--from", "A", "--to", "B", "--liaison-max", "inf"],
    ["loop", "--start", "11/19", "--length", "1e308"],
    ["loop", "--start", "11/19", "--length", "10km", "--count", "100000"],
    ["race", "--from", "A", "--to", "B", "--terrils", "-2", "--length", "20km"],
    ["new", "--template", "raid-bassin-minier", "--year", "99999", "p.cavalier"],
    ["export", "p.cavalier", "dossier", "--adresse-site", "https://x.fr/" + "a" * 5000],
    ["export", "p.cavalier", "dossier", "--adresse-site", "javascript:alert(1)"],
])
def test_options_are_range_checked_where_they_are_parsed(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "erreur : argument" in err and ("attendu" in err or "au plus" in err), err
    assert "invalid" not in err and "Traceback" not in err
