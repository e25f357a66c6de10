"""The event's properties (place, organiser, contact, author of the files, web site): checked
edits, saved and reopened (older files too), signed into the GPX, shown by ``cavalier event``;
one-day events read as one day."""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from app.cli import project_cmd
from app.dates import event_days, french_date, sentence_start
from app.exports.courses import course_of_format, format_meta
from app.model import (
    ORGANISER_PLACEHOLDER,
    Event,
    EventFieldError,
    Format,
    RouteRecord,
    Stop,
    edited_event,
)
from app.project_store import (
    SCHEMA_VERSION,
    Project,
    StaleProjectError,
    migrate,
    open_project,
    save_project,
)
from app.sheet import sheet_of_track
from app.templates import build_template
from routes.gpx.model import CourseTrack
from routes.gpx.writer import gpx_xml

GPX = "{http://www.topografix.com/GPX/1/1}"


@pytest.mark.parametrize(("start", "end", "text"), [
    (dt.date(2027, 10, 3), dt.date(2027, 10, 3), "le dimanche 3 octobre 2027"),
    (dt.date(2027, 10, 2), dt.date(2027, 10, 3), "du samedi 2 au dimanche 3 octobre 2027"),
    (dt.date(2027, 10, 31), dt.date(2027, 11, 1),
     "du dimanche 31 octobre au lundi 1er novembre 2027"),
    (dt.date(2026, 12, 31), dt.date(2027, 1, 1),
     "du jeudi 31 décembre 2026 au vendredi 1er janvier 2027"),
])
def test_event_days_say_one_day_once(start: dt.date, end: dt.date, text: str) -> None:
    assert event_days(start, end) == text


def test_french_dates() -> None:
    assert french_date(dt.date(2027, 5, 1)) == "samedi 1er mai 2027"
    assert sentence_start(event_days(dt.date(2027, 5, 1), dt.date(2027, 5, 1))) == \
        "Le samedi 1er mai 2027"
    with pytest.raises(ValueError, match="fin précède"):
        event_days(dt.date(2027, 5, 2), dt.date(2027, 5, 1))


def _project() -> Project:
    event, budgets = build_template("trail-pyramides-noires", 2027)
    route = RouteRecord(
        "trail", (Stop("Départ 11/19", 2.783, 50.445), Stop("Arrivée", 2.8, 50.405)),
        ((2.783, 50.445, 70.0), (2.79, 50.43, 140.5), (2.8, 50.405, 60.0)),
        {"length_m": 4870.5, "climb_m": 160.0, "unsurveyed_m": 0.0, "unsurveyed_spans": []})
    first = replace(event.formats[0], route=route)
    return Project(replace(event, formats=(first, *event.formats[1:])), budgets)


def test_edits_are_checked_and_dates_move_the_edition() -> None:
    event = _project().event
    assert not event.organiser_known and event.files_author == ""
    edited = edited_event(event, organiser="  Club  Athlétique\nde Loos ", contact="06 12 34 56 78")
    assert edited.organiser == "Club Athlétique de Loos"
    assert edited.organiser_known and edited.files_author == "Club Athlétique de Loos"
    assert edited_event(edited, author="Ligue HdF").files_author == "Ligue HdF"
    moved = edited_event(event, start=dt.date(2028, 6, 10), end=dt.date(2028, 6, 11))
    assert (moved.edition_year, moved.one_day) == (2028, False)
    with pytest.raises(EventFieldError, match=r"fin .* précède"):
        edited_event(event, end=event.start_date - dt.timedelta(days=1))
    with pytest.raises(EventFieldError, match="nom"):
        edited_event(event, name="   ")
    with pytest.raises(EventFieldError, match="https://"):
        edited_event(event, website="www.club.fr")
    with pytest.raises(EventFieldError, match="inconnue"):
        edited_event(event, template="x")


def test_properties_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "trail.cavalier"
    project = _project()
    event = edited_event(project.event, place="Loos-en-Gohelle", organiser="CA Loos",
                         contact="trail@ca-loos.fr", author="Ligue des Hauts-de-France",
                         website="https://ca-loos.fr/trail")
    save_project(path, replace(project, event=event))
    assert open_project(path).event == event


def _write_v4_file(path: Path) -> None:
    """A project as Cavalier wrote it before the event properties (schema 4)."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        assert migrate(conn, upto=4) == 4
        conn.executescript(
            """
            INSERT INTO events (id, name, edition_year, start_date, end_date, organiser,
                                is_series, template, stage_race)
                VALUES (1, 'Trail des Pyramides Noires', 2027, '2027-10-03', '2027-10-03',
                        'Comité d''organisation (à renseigner)', 0, 'trail-pyramides-noires', 0);
            INSERT INTO formats (id, event_id, position, name, discipline, distance_km,
                                 max_participants, expected_participants, fee, day, start_time,
                                 route_id, venue, marshals_override, pace)
                VALUES (1, 1, 0, '21 km', 'trail', 21.0, 300, 250, '12', '2027-10-03',
                        '09:30', NULL, '', NULL, '[9.0, 6.0, 600.0]');
            INSERT INTO meta VALUES ('saved_at', '2027-01-01T00:00:00+00:00');
            INSERT INTO meta VALUES ('revision', '3');
            """
        )


def test_a_file_from_before_the_properties_opens_and_takes_them(tmp_path: Path) -> None:
    path = tmp_path / "ancien.cavalier"
    _write_v4_file(path)
    project = open_project(path)
    event = project.event
    assert (event.place, event.contact, event.author, event.website) == ("", "", "", "")
    assert event.organiser == ORGANISER_PLACEHOLDER and event.one_day
    assert project.revision == 3
    with closing(sqlite3.connect(path)) as conn:  # reading never writes: migrated by a save
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    signed = edited_event(event, organiser="CA Loos", contact="06 12 34 56 78")
    save_project(path, replace(project, event=signed), base_revision=project.revision)
    assert open_project(path).event == signed
    with closing(sqlite3.connect(tmp_path / "ancien.cavalier.v4.bak")) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def _track(event: Event, fmt: Format) -> CourseTrack:
    """The GPX track of ``fmt`` (its sheet measured on its own points: no network needed)."""
    assert fmt.route is not None
    return course_of_format(event, fmt, sheet_of_track(fmt.name, fmt.route.geometry)).track


def _metadata(xml: str) -> SafeET.Element:
    metadata = SafeET.fromstring(xml.encode("utf-8")).find(f"{GPX}metadata")
    assert metadata is not None
    return metadata


def test_gpx_is_signed_by_the_author_with_contact_and_site() -> None:
    project = _project()
    fmt = project.event.formats[0]
    unsigned = _metadata(gpx_xml([_track(project.event, fmt)],
                                 format_meta(project.event, fmt, osm=False)))
    assert unsigned.find(f"{GPX}author") is None
    assert "renseigner" not in (unsigned.findtext(f"{GPX}desc") or "")
    event = edited_event(project.event, organiser="CA Loos", contact="trail@ca-loos.fr",
                         author="Ligue & Co <HdF>", website="https://ca-loos.fr/?a=1&b=2")
    xml = gpx_xml([_track(event, fmt)], format_meta(event, fmt, osm=False))
    author = _metadata(xml).find(f"{GPX}author")
    assert author is not None
    assert author.findtext(f"{GPX}name") == "Ligue & Co <HdF>"
    email = author.find(f"{GPX}email")
    assert email is not None and (email.get("id"), email.get("domain")) == ("trail", "ca-loos.fr")
    link = author.find(f"{GPX}link")
    assert link is not None and link.get("href") == "https://ca-loos.fr/?a=1&b=2"
    desc = _metadata(xml).findtext(f"{GPX}desc") or ""
    assert "Organisation : CA Loos" in desc and "Contact : trail@ca-loos.fr" in desc
    # a phone number is a contact, not an e-mail
    phone = edited_event(event, contact="06 12 34 56 78")
    phone_xml = gpx_xml([_track(phone, fmt)], format_meta(phone, fmt, osm=False))
    assert _metadata(phone_xml).find(f"{GPX}author/{GPX}email") is None
    assert "Contact : 06 12 34 56 78" in (_metadata(phone_xml).findtext(f"{GPX}desc") or "")


def cavalier(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="cavalier")
    project_cmd.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    result: int = args.handler(args)
    return result


def test_cli_sets_the_properties_and_one_day_reads_as_one_day(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "trail.cavalier"
    assert cavalier("new", "--template", "trail-pyramides-noires", "--year", "2027",
                    str(path)) == 0
    assert "Le dimanche 3 octobre 2027, 4 format(s)" in capsys.readouterr().out
    assert cavalier("event", str(path), "--organisateur", "CA Loos", "--contact",
                    "trail@ca-loos.fr", "--auteur", "Ligue HdF", "--lieu", "Loos-en-Gohelle",
                    "--site", "https://ca-loos.fr", "--debut", "09/10/2027") == 0
    out = capsys.readouterr().out
    assert "Dates : le samedi 9 octobre 2027" in out
    assert "Auteur des fichiers : Ligue HdF" in out
    event = open_project(path).event
    assert (event.organiser, event.contact, event.author, event.place, event.website) == (
        "CA Loos", "trail@ca-loos.fr", "Ligue HdF", "Loos-en-Gohelle", "https://ca-loos.fr")
    assert (event.start_date, event.end_date) == (dt.date(2027, 10, 9), dt.date(2027, 10, 9))
    assert cavalier("event", str(path), "--fin", "10/10/2027") == 0
    assert "du samedi 9 au dimanche 10 octobre 2027" in capsys.readouterr().out
    with pytest.raises(EventFieldError, match="https://"):
        cavalier("event", str(path), "--site", "ca-loos.fr")
    assert open_project(path).event.website == "https://ca-loos.fr"  # nothing written


def test_cli_refuses_to_overwrite_a_newer_save(tmp_path: Path) -> None:
    path = tmp_path / "trail.cavalier"
    project = _project()
    save_project(path, project)
    read = open_project(path)
    save_project(path, replace(read, event=edited_event(read.event, organiser="A")),
                 base_revision=read.revision)
    with pytest.raises(StaleProjectError):
        save_project(path, replace(read, event=edited_event(read.event, organiser="B")),
                     base_revision=read.revision)
    assert open_project(path).event.organiser == "A"


def test_participants_page_says_the_day_place_and_contact() -> None:
    from app.exports.page import page_html

    event = _project().event
    unset = page_html(event, [], contact="", qr_names={}, skipped=[])
    assert "<p>Le dimanche 3 octobre 2027</p>" in unset
    assert "Organisation : à préciser" in unset and "renseigner" not in unset
    event = edited_event(event, organiser="CA Loos", contact="06 12 34 56 78",
                         place="Loos-en-Gohelle", website="https://ca-loos.fr/?a=1&b=2")
    page = page_html(event, [], contact=event.contact, qr_names={}, skipped=[])
    assert "<p>Le dimanche 3 octobre 2027, Loos-en-Gohelle</p>" in page
    assert "Organisation : CA Loos — contact : 06 12 34 56 78" in page
    assert 'href="https://ca-loos.fr/?a=1&amp;b=2"' in page


def test_recovered_work_saves_over_the_file_it_stands_for(tmp_path: Path) -> None:
    from app.project_store import autosave, recover

    path = tmp_path / "trail.cavalier"
    save_project(path, _project())
    read = open_project(path)
    save_project(path, read, base_revision=read.revision)  # another save since
    autosave(path, replace(read, event=edited_event(read.event, organiser="Récupéré")))
    recovered = recover(path)
    assert recovered.revision == open_project(path).revision
    save_project(path, recovered, base_revision=recovered.revision)
    assert open_project(path).event.organiser == "Récupéré"


@pytest.mark.shared
def test_signed_gpx_is_valid_gpx_1_1(tmp_path: Path) -> None:
    """The author block (name, e-mail, link), from the project and from ``cavalier gpx
    export``, validates against the GPX 1.1 schema."""
    import xmlschema
    from shared_data import shared_path

    from app.cli import gpx_cmd

    schema = xmlschema.XMLSchema(str(shared_path("spec", "gpx-1.1.xsd")))
    project = _project()
    fmt = project.event.formats[0]
    event = edited_event(project.event, organiser="CA Loos", contact="trail@ca-loos.fr",
                         author="Ligue & Co", website="https://ca-loos.fr/?a=1&b=2")
    xml = gpx_xml([_track(event, fmt)],
                  format_meta(event, fmt, osm=False), with_route=True)
    schema.validate(xml)
    source = tmp_path / "projet.gpx"
    source.write_text(xml, encoding="utf-8")
    out = tmp_path / "cli.gpx"
    parser = argparse.ArgumentParser(prog="cavalier")
    gpx_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["gpx", "export", str(source), str(out), "--event", "Trail",
                              "--organisateur", "CA Loos", "--auteur", "Ligue HdF",
                              "--contact", "trail@ca-loos.fr", "--site", "https://ca-loos.fr",
                              "--osm"])
    assert args.handler(args) == 0
    schema.validate(str(out))
    author = _metadata(out.read_text(encoding="utf-8")).find(f"{GPX}author")
    assert author is not None and author.findtext(f"{GPX}name") == "Ligue HdF"
    assert author.find(f"{GPX}link").get("href") == "https://ca-loos.fr"
