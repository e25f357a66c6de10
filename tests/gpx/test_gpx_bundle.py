"""Participants' bundle: a zip per event, valid GPX per format, README in French."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
import xmlschema
from gpx_helpers import sample_course
from shared_data import shared_path

from routes.gpx.bundle import BundleCourse, readme_text, write_bundle
from routes.gpx.errors import GpxError
from routes.gpx.model import CourseTrack, GpxMeta


def _courses() -> list[BundleCourse]:
    long = sample_course("Grand parcours", n=800)
    long = CourseTrack(long.name, long.points, long.waypoints,
                       start_time=datetime(2027, 6, 6, 8, 30))
    short = sample_course("Petit/parcours", n=200)
    return [
        BundleCourse(long, GpxMeta("Trail des Terrils", "42 km — Élite", "Club", True)),
        BundleCourse(short, GpxMeta("Trail des Terrils", "10 km / découverte"), climb_m=95.0),
    ]


def test_bundle_holds_one_valid_gpx_per_format_and_a_readme(tmp_path: Path) -> None:
    schema = xmlschema.XMLSchema(str(shared_path("spec", "gpx-1.1.xsd")))
    target = write_bundle(tmp_path / "dossier.zip", "Trail des Terrils 2027", _courses())
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        assert names == ["Trail-des-Terrils-2027/10-km-decouverte.gpx",
                         "Trail-des-Terrils-2027/42-km-Elite.gpx",
                         "Trail-des-Terrils-2027/README.txt"]
        for name in names[:2]:
            schema.validate(archive.read(name).decode("utf-8"))
        readme = archive.read(names[2]).decode("utf-8")
    assert "42 km — Élite" in readme
    assert "Départ : 06/06/2027 à 08:30" in readme
    assert "Départ : à préciser" in readme
    assert "D+ : 95 m" in readme
    assert "Ravitaillements :\n  - Ravito du terril : km " in readme
    assert "OpenStreetMap" in readme
    assert list(tmp_path.glob(".bundle-*")) == []


def test_readme_figures_come_from_the_points() -> None:
    course = _courses()[0]
    text = readme_text("Essai", [course], ["a.gpx"])
    km = course.distance() / 1000
    assert f"Distance : {km:.1f} km".replace(".", ",") in text
    climb = course.climb()
    assert climb is not None and climb > 0
    aid = course.aid_stations()
    assert len(aid) == 1 and 0 < aid[0][1] < km


def test_empty_bundle_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GpxError, match="aucun parcours"):
        write_bundle(tmp_path / "x.zip", "Vide", [])


def test_cancelled_bundle_leaves_nothing(tmp_path: Path) -> None:
    from routes.errors import CavalierError

    with pytest.raises(CavalierError, match="annulé"):
        write_bundle(tmp_path / "x.zip", "Essai", _courses(), cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_readme_keeps_dots_in_names_and_puts_commas_in_numbers() -> None:
    course = _courses()[0]
    track = course.course
    renamed = [replace(w, name="Ravito St. Pierre") if w.kind == "ravitaillement" else w
               for w in track.waypoints]
    dotted = BundleCourse(replace(track, waypoints=renamed), course.meta)
    text = readme_text("Essai", [dotted], ["a.gpx"])
    assert re.search(r"  - Ravito St\. Pierre : km \d+,\d\n", text), text
