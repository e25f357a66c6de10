"""A multisport stage's legs: each routed with its profile, chained in one timetable, stored in
the project, and shipped with the raid template."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from layer_factory import at, ladder, line, point

from app.cli import main
from app.leg_routing import route_legs, routed_stage
from app.legs import LEG_PACES, chained, joined_record, parse_duration, parse_leg, stage_legs
from app.model import Discipline, Event, Format, Leg, LegError, LegKind, Pace, Stop
from app.project_store import Project, ProjectFileError, migrate, open_project, save_project
from app.sheet import sheet_of
from app.templates import build_template
from routes.network.builder import BuildOptions
from routes.network.layers import LayerKind, LayerSet
from routes.network.model import Network, network_from_layers
from routes.outputs.stats import RouteLine

MIN = dt.timedelta(minutes=1)


@cache
def stairs_and_lake() -> Network:
    """Start A and park B 1 km apart, joined by a straight flight of steps (trail: yes, VTT:
    no) and by a cavalier bending 800 m north (the VTT's way); a lake shore line 100 m south
    of both, that only a canoe may follow."""
    layers = LayerSet(features=[
        line(LayerKind.PATH, (0, 0), (1000, 0), name="Escaliers du terril", highway="steps"),
        line(LayerKind.CAVALIER, (0, 0), (500, 800), (1000, 0), name="Cavalier du nord",
             surface="unpaved"),
        line(LayerKind.WATER, (-200, -100), (1200, -100), name="Étang"),
        point(LayerKind.POLE, 0, 0, ref="A", name="Base A"),
        point(LayerKind.POLE, 1000, 0, ref="B", name="Parc B"),
    ])
    return network_from_layers(layers, BuildOptions(liaison_max_m=0.0), name="escaliers")


def _stop(name: str, east: float, north: float) -> Stop:
    lon, lat = at(east, north)
    return Stop(name, lon, lat)


A, B = _stop("Base A", 0, 0), _stop("Parc B", 1000, 0)
VTT_PACE, TRAIL_PACE = Pace(15.0, 10.0, 500.0), Pace(9.0, 6.0, 600.0)


def _four_legs() -> tuple[Leg, ...]:
    return (Leg(LegKind.VTT, "boucle nord", start=A, end=B, pace=VTT_PACE),
            Leg(LegKind.TRANSITION, "parc à vélos", duration=10 * MIN),
            Leg(LegKind.TRAIL, "retour par les escaliers", end=A, pace=TRAIL_PACE),
            Leg(LegKind.EPREUVE, "Course d'orientation", duration=30 * MIN, limit=45 * MIN))


def _stage(legs: tuple[Leg, ...] = ()) -> Format:
    return Format("Étape 1", Discipline.RAID, 3.0, 100, Decimal(20), day=dt.date(2027, 6, 5),
                  start_time=dt.time(8, 0), legs=legs)


def test_each_leg_is_routed_with_its_profile() -> None:
    vtt, transition, trail, epreuve = route_legs(_four_legs(), stairs_and_lake())
    assert vtt.route is not None and trail.route is not None
    assert (vtt.route.profile, trail.route.profile) == ("vtt", "trail")
    # same two points, two ways: the VTT may not take the steps, the trail does
    assert trail.route.length_km == pytest.approx(1.0, abs=0.02)
    assert vtt.route.length_km == pytest.approx(1.89, abs=0.05)
    assert transition.start == B and epreuve.start == A  # chained: where the previous ends
    assert transition.route is None and epreuve.route is None


def test_the_stage_course_is_the_legs_joined() -> None:
    stage = routed_stage(_stage(), stairs_and_lake(), _four_legs())
    vtt, _, trail, _ = stage.legs
    assert stage.route is not None and vtt.route is not None and trail.route is not None
    legs_m = RouteLine(vtt.route.geometry).length_m + RouteLine(trail.route.geometry).length_m
    assert stage.route.length_km * 1000 == pytest.approx(legs_m, abs=0.5)  # geodesic, as the sheet
    assert stage.route.length_km == pytest.approx(vtt.route.length_km + trail.route.length_km,
                                                  rel=3e-3)
    sheet = sheet_of(None, stage, stairs_and_lake())
    assert sheet.length_m == pytest.approx(legs_m, abs=0.5)


def test_the_timetable_chains_legs_transitions_and_epreuves() -> None:
    network = stairs_and_lake()
    stage = routed_stage(_stage(), network, _four_legs())
    sheet = sheet_of(Event("Raid", 2027, dt.date(2027, 6, 5), dt.date(2027, 6, 5), "Club",
                           (stage,)), stage, network)
    table = sheet.timetable
    assert table is not None and [t.kind for t in table.legs] == [
        LegKind.VTT, LegKind.TRANSITION, LegKind.TRAIL, LegKind.EPREUVE]
    vtt, transition, trail, epreuve = table.legs
    # no elevation on this network: time = distance / speed, each leg at its own pace
    vtt_h = vtt.length_m / 1000 / 15.0
    assert vtt.head_start == dt.timedelta(0)
    assert vtt.head_end == pytest.approx(dt.timedelta(hours=vtt_h), abs=dt.timedelta(seconds=1))
    assert vtt.cutoff_end == pytest.approx(dt.timedelta(hours=vtt.length_m / 1000 / 10.0),
                                           abs=dt.timedelta(seconds=1))
    assert transition.head_start == vtt.head_end
    assert transition.head_end == vtt.head_end + 10 * MIN
    assert transition.cutoff_end == vtt.cutoff_end + 10 * MIN
    assert trail.head_start == transition.head_end
    assert trail.head_end - trail.head_start == pytest.approx(
        dt.timedelta(hours=trail.length_m / 1000 / 9.0), abs=dt.timedelta(seconds=1))
    assert trail.cutoff_end - trail.cutoff_start == pytest.approx(
        dt.timedelta(hours=trail.length_m / 1000 / 6.0), abs=dt.timedelta(seconds=1))
    assert epreuve.head_end == trail.head_end + 30 * MIN
    assert epreuve.cutoff_end == trail.cutoff_end + 45 * MIN
    # the stage's arrival comes after the épreuve; the clock reads from the stage's start
    assert (table.head_finish, table.cutoff_finish) == (epreuve.head_end, epreuve.cutoff_end)
    assert sheet.finish.head == epreuve.head_end and sheet.finish.cutoff == epreuve.cutoff_end
    assert sheet.clock(transition.head_end) == sheet.clock(vtt.head_end + 10 * MIN)
    # km per leg, and a point in the middle of the trail leg is timed at the trail's pace
    assert vtt.start_m == 0 and trail.end_m == pytest.approx(sheet.length_m)
    assert vtt.length_m + trail.length_m == pytest.approx(sheet.length_m)
    middle = (trail.start_m + trail.end_m) / 2
    head, cutoff = sheet.passage(middle)
    assert head == pytest.approx(trail.head_start + dt.timedelta(hours=trail.length_m / 2000 / 9),
                                 abs=dt.timedelta(seconds=1))
    assert cutoff == pytest.approx(trail.cutoff_start
                                   + dt.timedelta(hours=trail.length_m / 2000 / 6),
                                   abs=dt.timedelta(seconds=1))
    # the transition and the épreuve are points on the course, with their leg
    assert [p.name for p in transition.points] == ["Transition — parc à vélos"]
    assert [p.kind for p in epreuve.points] == ["epreuve"]
    assert transition.points[0].head == vtt.head_end


def test_a_format_without_legs_is_one_leg_with_the_same_times() -> None:
    network = stairs_and_lake()
    routed = routed_stage(_stage(), network, (Leg(LegKind.TRAIL, start=A, end=B),))
    single = Format("Trail 1 km", Discipline.TRAIL, 1.0, 100, Decimal(5), route=routed.route,
                    pace=Pace(9.0, 6.0, 600.0))
    sheet = sheet_of(None, single, network)
    assert sheet.timetable is not None and len(sheet.timetable.legs) == 1
    assert stage_legs(single)[0].route == single.route
    assert sheet.finish.head == sheet.pace.expected(sheet.length_m, None)  # type: ignore[union-attr]
    assert sheet.timetable.head_finish == sheet.finish.head


def test_a_canoe_leg_follows_water_only() -> None:
    network = stairs_and_lake()
    (canoe,) = route_legs((Leg(LegKind.CANOE, start=A, end=B),), network)
    assert canoe.route is not None and canoe.route.profile == "canoe"
    assert canoe.route.stats["layer_share"] == {"water": pytest.approx(1.0)}
    lats = [p[1] for p in canoe.route.geometry]
    assert max(lats) < at(0, -90)[1]  # on the shore line, 100 m south, never on the steps


def test_a_hand_drawn_canoe_leg_is_flagged_unsurveyed() -> None:
    network = stairs_and_lake()
    legs = (Leg(LegKind.TRAIL, start=A, end=B),
            Leg(LegKind.CANOE, "étang", via=(_stop("bouée", 1000, 300),), end=B,
                hand_drawn=True))
    stage = routed_stage(_stage(), network, legs)
    canoe = stage.legs[1].route
    assert canoe is not None and canoe.stats["hand_drawn"] is True
    assert canoe.stats["unsurveyed_spans"][0][2] == "hand"
    sheet = sheet_of(None, stage, network)
    assert sheet.timetable is not None
    drawn = sheet.timetable.legs[1]
    assert drawn.hand_drawn and drawn.unsurveyed_m == pytest.approx(drawn.length_m, abs=1.0)
    assert drawn.length_m == pytest.approx(600, abs=5)


def test_a_canoe_leg_without_water_must_be_drawn() -> None:
    from app.leg_routing import _routed_stop

    dry = replace(stairs_and_lake())
    with pytest.raises(LegError, match="à la main"):
        _routed_stop(dry, A, [])


def test_the_command_line_syntax() -> None:
    places = {"Loos-en-Gohelle": _stop("Loos", 0, 0), "T075": _stop("T075", 1, 1),
              "Oignies": _stop("Oignies", 2, 2)}
    legs = [parse_leg(text, places.__getitem__, first=i == 0) for i, text in enumerate((
        "vtt:Loos-en-Gohelle:T075", "transition:10min", "trail:Oignies",
        "epreuve:45min/1h15:-:course d'orientation", "canoe:main:Oignies:T075:Oignies"))]
    assert [leg.kind for leg in legs] == [LegKind.VTT, LegKind.TRANSITION, LegKind.TRAIL,
                                          LegKind.EPREUVE, LegKind.CANOE]
    vtt, transition, trail, epreuve, canoe = chained(legs)
    assert (vtt.start, vtt.end) == (places["Loos-en-Gohelle"], places["T075"])
    assert transition.duration == 10 * MIN and transition.start == places["T075"]
    assert trail.start == places["T075"] and trail.end == places["Oignies"]
    assert epreuve.duration == 45 * MIN and epreuve.limit == 75 * MIN
    assert epreuve.name == "course d'orientation" and epreuve.start == places["Oignies"]
    assert canoe.hand_drawn and canoe.via == (places["T075"],)
    assert parse_duration("1h") == 60 * MIN and parse_duration("45") == 45 * MIN
    assert parse_leg("vtt@14/9/500:T075", places.__getitem__, first=False).pace == \
        Pace(14.0, 9.0, 500.0)
    with pytest.raises(LegError, match="allure « 14/20/500 » illisible"):
        parse_leg("vtt@14/20/500:T075", places.__getitem__, first=False)
    with pytest.raises(LegError, match="premier tronçon"):
        chained([parse_leg("trail:Oignies", places.__getitem__, first=False)])
    with pytest.raises(LegError, match="inconnue"):
        parse_leg("parapente:Loos-en-Gohelle:T075", places.__getitem__, first=True)
    with pytest.raises(LegError, match="Durée illisible"):
        parse_leg("transition:dix", places.__getitem__, first=False)


def test_leg_values_are_checked() -> None:
    with pytest.raises(LegError, match="arrivée"):
        Leg(LegKind.VTT, start=A)
    with pytest.raises(LegError, match="durée"):
        Leg(LegKind.TRANSITION)
    with pytest.raises(LegError, match="plus court"):
        Leg(LegKind.EPREUVE, duration=30 * MIN, limit=10 * MIN)
    assert joined_record((Leg(LegKind.VTT, start=A, end=B),)) is None  # not routed yet
    assert set(LEG_PACES) == {k for k in LegKind if k.moving}


def _raid_project() -> Project:
    return Project(*build_template("raid-bassin-minier", 2027))


def test_a_project_saved_with_legs_reopens_identically(tmp_path: Path) -> None:
    network = stairs_and_lake()
    project = _raid_project()
    stage = routed_stage(_stage(), network, _four_legs())
    event = replace(project.event, formats=(stage, *project.event.formats[1:]))
    project = replace(project, event=event)
    path = tmp_path / "raid.cavalier"
    save_project(path, project)
    reopened = open_project(path)
    assert reopened.event == project.event
    assert reopened.event.formats[0].legs == stage.legs
    assert reopened.event.formats[1].legs == project.event.formats[1].legs  # unrouted legs


def test_a_project_of_the_previous_schema_opens_as_one_leg_per_stage(tmp_path: Path) -> None:
    path = tmp_path / "v6.cavalier"
    network = stairs_and_lake()
    routed = routed_stage(_stage(), network, (Leg(LegKind.VTT, start=A, end=B),))
    stage = Format("Étape unique", Discipline.VTT, 2.0, 50, Decimal(10), route=routed.route)
    event = Event("Raid ancien", 2026, dt.date(2026, 6, 6), dt.date(2026, 6, 6), "Club", (stage,))
    save_project(path, Project(event, ()))
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:  # back to schema 6
        conn.execute("DROP TABLE legs")
        conn.execute("PRAGMA user_version = 6")
    reopened = open_project(path)
    (fmt,) = reopened.event.formats
    assert fmt.legs == () and fmt.route == stage.route
    (leg,) = stage_legs(fmt)
    assert leg.kind is LegKind.VTT and leg.route == stage.route
    sheet = sheet_of(reopened.event, fmt, network)
    assert sheet.timetable is not None and len(sheet.timetable.legs) == 1
    with closing(sqlite3.connect(path)) as conn:  # reading never writes the file
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    save_project(path, reopened)  # the next save migrates it
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
        assert conn.execute("SELECT COUNT(*) FROM legs").fetchone()[0] == 0


def test_migration_7_adds_the_legs_table(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "x.db", isolation_level=None)) as conn:
        assert migrate(conn) == 7
        columns = [row[1] for row in conn.execute("PRAGMA table_info(legs)")]
    assert columns[:4] == ["id", "format_id", "position", "kind"]


def test_the_raid_template_ships_legs_and_budget_lines() -> None:
    event, (budget,) = build_template("raid-bassin-minier", 2027)
    stage1, stage2 = event.formats
    kinds1 = {leg.kind for leg in stage1.legs}
    assert {LegKind.VTT, LegKind.TRAIL, LegKind.TRANSITION, LegKind.EPREUVE} <= kinds1
    assert LegKind.CANOE in {leg.kind for leg in stage2.legs}
    assert LegKind.ORIENTATION in {leg.kind for leg in stage2.legs}
    assert all(leg.hand_drawn for leg in stage2.legs if leg.kind is LegKind.CANOE)
    labels = " ".join(line.label for line in budget.lines)
    assert "canoës" in labels and "course d'orientation" in labels
    chained(stage1.legs)  # every leg knows where it starts


def test_the_raid_template_stage_1_has_a_timetable(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "raid.cavalier"
    assert main(["new", "--template", "raid-bassin-minier", "--year", "2027", str(path)]) == 0
    assert main(["leg", str(path), "--format", "1"]) == 0
    out = capsys.readouterr().out
    assert "1. Épreuve : Escalade" in out and "Transition — parc à vélos de Drocourt" in out
    assert "Arrivée de l'étape : heure prévue" in out
    stage = open_project(path).event.formats[0]
    assert stage.route is not None and all(leg.route is not None for leg in stage.legs
                                           if leg.kind.moving)
    from routes.network.model import load_network

    sheet = sheet_of(open_project(path).event, stage, load_network(None))
    table = sheet.timetable
    assert table is not None and len(table.legs) == len(stage.legs) == 10
    assert 80_000 < sheet.length_m < 120_000
    assert sum(t.length_m for t in table.legs) == pytest.approx(sheet.length_m, rel=1e-6)
    heads = [t.head_end for t in table.legs]
    assert heads == sorted(heads) and table.head_finish == heads[-1]


def test_the_leg_command_reads_the_legs_and_plan_makes_one_leg_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "raid.cavalier"
    assert main(["new", "--template", "raid-bassin-minier", "--year", "2027", str(path)]) == 0
    assert main(["leg", str(path), "--format", "2", "--leg", "vtt:Loos-en-Gohelle:T075",
                 "--leg", "transition:10min", "--leg", "trail:T075:Oignies",
                 "--leg", "epreuve:30min:-:tir à l'arc"]) == 0
    out = capsys.readouterr().out
    assert "1. VTT, Loos-en-Gohelle → T075 Pinchonvalles" in out
    assert "2. Transition — zone de transition (T075 Pinchonvalles) : 10 min" in out
    assert "4. Épreuve : tir à l'arc (Oignies) : 30 min (au plus 45 min)" in out
    stage = open_project(path).event.formats[1]
    assert [leg.kind for leg in stage.legs] == [LegKind.VTT, LegKind.TRANSITION, LegKind.TRAIL,
                                                LegKind.EPREUVE]
    assert main(["leg", str(path), "--format", "2", "--leg", "parapente:T075"]) == 1
    assert "discipline « parapente » inconnue" in capsys.readouterr().err
    assert main(["plan", str(path), "--format", "2", "--from", "T116", "--to", "T144"]) == 0
    assert "tronçons" in capsys.readouterr().err
    assert open_project(path).event.formats[1].legs == ()


def test_the_roadbook_prints_the_stage_timetable(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from app.roadbook.content import sheets_for
    from app.roadbook.document import write_roadbook

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) absent")
    network = stairs_and_lake()
    stage = routed_stage(_stage(), network, _four_legs())
    event = Event("Raid", 2027, dt.date(2027, 6, 5), dt.date(2027, 6, 5), "Club", (stage,))
    path = tmp_path / "roadbook.pdf"
    write_roadbook(sheets_for(event, network), network, path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Horaire de l'étape, tronçon par tronçon" in text
    assert "Transition — parc à vélos" in text and "Épreuve : Course d'orientation" in text
    table = sheet_of(event, stage, network).timetable
    assert table is not None
    assert sheet_of(event, stage, network).clock(table.head_finish) in text


def test_places_and_liaisons_never_join_the_water() -> None:
    layers = LayerSet(features=[
        line(LayerKind.PATH, (0, 0), (1000, 0), name="Chemin", highway="track"),
        line(LayerKind.WATER, (0, -100), (1000, -100), name="Canal"),
        point(LayerKind.POLE, 500, -95, ref="P", name="Ponton"),  # 5 m from the water
    ])
    network = network_from_layers(layers, BuildOptions(liaison_max_m=500.0), name="canal")
    graph = network.graph
    water = {u for u, _, d in graph.edges(data=True) if d.get("water")}
    (place,) = [n for n, d in graph.nodes(data=True) if d.get("place")]
    assert all(v not in water for v in graph.successors(place))  # reached from the path
    assert not any(d.get("liaison") for _, _, d in graph.edges(data=True))
    assert {d.get("water", False) for _, _, d in graph.edges(data=True)} == {True, False}


def _ladder_stage() -> tuple[Network, Format]:
    """VTT base → T074, a 10 min transition, trail to the south road: routed on the ladder,
    whose road crossings make marshal posts."""
    network = network_from_layers(ladder(), name="échelle")

    def stop(name: str) -> Stop:
        place = network.places.resolve(name)
        return Stop(place.label, place.lon, place.lat)

    legs = (Leg(LegKind.VTT, start=stop("base"), end=stop("T074")),
            Leg(LegKind.TRANSITION, duration=10 * MIN),
            Leg(LegKind.TRAIL, end=_stop("route sud", 2000, 0)))
    return network, routed_stage(_stage(), network, legs)


def test_marshal_posts_carry_the_leg_that_crosses_there() -> None:
    network, stage = _ladder_stage()
    sheet = sheet_of(None, stage, network)
    assert sheet.timetable is not None
    _, transition, trail = sheet.timetable.legs
    on_trail = [p for p in sheet.posts if p.distance_m > trail.start_m]
    assert on_trail and all(p.leg == "Trail" for p in on_trail)
    assert all(p.head is not None and p.head >= transition.head_end for p in on_trail)
    assert all(p.cutoff is not None and p.cutoff >= transition.cutoff_end for p in on_trail)


def test_legs_not_on_the_course_are_not_used() -> None:
    network = stairs_and_lake()
    stage = routed_stage(_stage(), network, _four_legs())
    (trail,) = route_legs((Leg(LegKind.TRAIL, start=A, end=B),), network)
    redrawn = replace(stage, route=trail.route, pace=TRAIL_PACE)  # e.g. redrawn in the window
    sheet = sheet_of(None, redrawn, network)
    assert sheet.timetable is not None and sheet.timetable.stale_legs
    assert len(sheet.timetable.legs) == 1
    assert sheet.finish.head == TRAIL_PACE.expected(sheet.length_m, None)
    unrouted = replace(redrawn, legs=build_template("raid-bassin-minier", 2027)[0]
                       .formats[0].legs)
    assert sheet_of(None, unrouted, network).timetable.stale_legs  # type: ignore[union-attr]
    assert not sheet_of(None, stage, network).timetable.stale_legs  # type: ignore[union-attr]


@pytest.mark.parametrize(("sql", "field"), [
    ("UPDATE legs SET kind = 'parapente' WHERE position = 0", "kind"),
    ("UPDATE legs SET duration_s = -60 WHERE kind = 'transition'", "duration_s"),
    ("UPDATE legs SET duration_s = NULL WHERE kind = 'transition'", "kind"),
    ("UPDATE legs SET end_stop = '[\"x\", 500, 50]' WHERE position = 0", "end_stop"),
    ("UPDATE legs SET via = 'pas du json' WHERE position = 0", "via"),
], ids=["discipline", "durée négative", "sans durée", "arrêt hors du monde", "json"])
def test_damaged_legs_are_named_in_french(tmp_path: Path, sql: str, field: str) -> None:
    path = tmp_path / "raid.cavalier"
    save_project(path, _raid_project())
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(sql)
    with pytest.raises(ProjectFileError, match=f"table « legs », champ « {field} »"):
        open_project(path)


def test_each_leg_adds_its_own_climb_at_its_own_pace() -> None:
    import copy

    import numpy as np
    import shapely
    from layer_factory import DEG_PER_M_LAT, LAT0

    network = copy.copy(stairs_and_lake())
    graph = network.graph.copy()
    network.graph = graph

    def height(lat: float) -> float:  # 10 m per 100 m north: the cavalier tops out at 80 m
        return max(0.0, (lat - LAT0) / DEG_PER_M_LAT) * 0.1

    for _, data in graph.nodes(data=True):
        data["elevation"] = height(data["y"])
    for _, _, data in graph.edges(data=True):
        count = max(1, int(data["length"] // 25))
        fractions = np.arange(1, count + 1) / (count + 1)
        points = shapely.get_coordinates(shapely.line_interpolate_point(
            data["geometry"], fractions, normalized=True))
        data["elevations"] = [height(lat) for lat in points[:, 1]]
    graph.graph["elevation_source"] = "pente de test"
    stage = routed_stage(_stage(), network, _four_legs())
    sheet = sheet_of(None, stage, network)
    assert sheet.timetable is not None and sheet.climb.d_plus is not None
    vtt, transition, trail, _ = sheet.timetable.legs
    assert vtt.climb_m == pytest.approx(80, abs=8) and trail.climb_m == pytest.approx(0, abs=2)
    assert vtt.head_end == pytest.approx(
        dt.timedelta(hours=vtt.length_m / 1000 / 15 + (vtt.climb_m or 0) / 500),
        abs=dt.timedelta(seconds=1))
    assert trail.head_end - trail.head_start == pytest.approx(
        dt.timedelta(hours=trail.length_m / 1000 / 9 + (trail.climb_m or 0) / 600),
        abs=dt.timedelta(seconds=1))
    assert sheet.climb.d_plus == pytest.approx((vtt.climb_m or 0) + (trail.climb_m or 0), abs=1)
    assert transition.head_start == vtt.head_end


def test_the_fit_course_has_course_points_at_the_transitions() -> None:
    """One course for the whole stage (Garmin's FIT SDK reads it): the transition and the
    épreuve are course points at the km the timetable gives, with their leg's times."""
    from garmin_fit_sdk import Decoder, Stream

    from app.exports.courses import course_of_format
    from app.exports.fit import fit_bytes

    network = stairs_and_lake()
    stage = routed_stage(_stage(), network, _four_legs())
    event = Event("Raid", 2027, dt.date(2027, 6, 5), dt.date(2027, 6, 5), "Club", (stage,))
    sheet = sheet_of(event, stage, network)
    assert sheet.timetable is not None
    vtt, transition, _trail, epreuve = sheet.timetable.legs
    messages, errors = Decoder(Stream.from_byte_array(bytearray(
        fit_bytes(course_of_format(event, stage, sheet))))).read()
    assert errors == []
    points = {p["name"]: p for p in messages["course_point_mesgs"]}
    at_transition = next(p for name, p in points.items() if name.startswith("Transition"))
    assert at_transition["type"] == "checkpoint"
    assert abs(at_transition["distance"] - transition.start_m) < 1.0
    assert abs(at_transition["distance"] - vtt.end_m) < 1.0
    at_epreuve = next(p for name, p in points.items() if name.startswith("Course d'orientation"))
    assert abs(at_epreuve["distance"] - epreuve.start_m) < 1.0


def test_the_dossier_gives_each_post_the_time_window_of_its_leg() -> None:
    """The declaration file's marshal posts read their times from the stage's timetable: a
    post on the trail leg opens at the trail's pace, after the transition."""
    from app.dossier.content import build_dossier

    network, stage = _ladder_stage()
    event = Event("Raid", 2027, dt.date(2027, 6, 5), dt.date(2027, 6, 5), "Club", (stage,))
    (fmt,) = build_dossier(event, network, today=dt.date(2027, 1, 1)).formats
    table = fmt.sheet.timetable
    assert table is not None and fmt.sheet.posts
    trail = table.legs[2]
    on_trail = [p for p in fmt.sheet.posts if p.distance_m > trail.start_m]
    assert on_trail
    for post in on_trail:
        assert post.leg == "Trail"
        assert post.head is not None and trail.head_start <= post.head <= trail.head_end
        assert post.cutoff is not None and trail.cutoff_start <= post.cutoff <= trail.cutoff_end


def test_the_canoe_refusal_gives_each_asker_its_own_way_to_draw_by_hand(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The refusal the window shows names no command-line syntax (the window offers a button
    instead); the command line's names its syntax."""
    from app.leg_routing import NoWaterError

    with pytest.raises(NoWaterError) as refused:
        route_legs((Leg(LegKind.CANOE, start=_stop("Loin", 0, 5000), end=B),),
                   stairs_and_lake())
    assert "à la main" in str(refused.value) and "canoe:" not in str(refused.value)
    path = tmp_path / "raid.cavalier"
    assert main(["new", "--template", "raid-bassin-minier", "--year", "2027", str(path)]) == 0
    capsys.readouterr()
    assert main(["leg", str(path), "--format", "2", "--leg", "canoe:Oignies:T075"]) == 1
    assert "--leg canoe:main:" in capsys.readouterr().err
