"""Leg edits without Qt (app.leg_edits): split, discipline, transition, épreuve, merge, remove,
a generated course; each routed by app.leg_routing and undone by its inverse; the map's data
(app.leg_map)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.editing import VIA, MapPoint, Plan, place_point
from app.leg_edits import (
    SET_PACE,
    SPLIT,
    drawn_by_hand,
    editable_legs,
    insert_epreuve,
    insert_transition,
    merge_with_next,
    pace_of_fields,
    point_edit,
    remove_leg,
    rename_leg,
    replace_stops,
    set_hand_drawn,
    set_kind,
    set_pace,
    set_profile,
    set_times,
    split_at,
    split_place,
    stage_edit,
    stop_places,
    waterless_canoe_legs,
)
from app.leg_map import leg_bounds, stage_geojson
from app.leg_routing import routed_stage
from app.legs import LEG_COLORS, LEG_PACES, legs_match_course
from app.model import Format, LegError, LegKind, Pace
from app.project_plan import record_from_route
from app.project_store import Project
from app.sheet import sheet_of
from app.templates import build_template
from routes.network.model import Network, load_network
from routes.search.routing import Router


@pytest.fixture(scope="module")
def network() -> Network:
    return load_network()


def _with_format(project: Project, index: int, fmt: Format) -> Project:
    formats = list(project.event.formats)
    formats[index] = fmt
    return replace(project, event=replace(project.event, formats=tuple(formats)))


@pytest.fixture(scope="module")
def challenge(network: Network) -> Project:
    """Round 1 of the Challenge VTT routed T074 → a point on the cavalier → T075, as the window
    routes it (the terrils' points at their access)."""
    project = Project(*build_template("challenge-vtt-xc", 2026))
    first, last = place_point(network, "T074"), place_point(network, "T075")
    assert first is not None and last is not None
    plan = Plan("vtt", (first, MapPoint(VIA, 2.82039, 50.42308, "Point 2"), last))
    places = [network.places.get("T074"), (2.82039, 50.42308), network.places.get("T075")]
    route = Router(network).route(places, "vtt")
    fmt = replace(project.event.formats[0], route=record_from_route(route, plan))
    return _with_format(project, 0, fmt)


@pytest.fixture(scope="module")
def raid(network: Network) -> Project:
    """The raid's first stage with its legs routed."""
    project = Project(*build_template("raid-bassin-minier", 2027))
    return _with_format(project, 0, routed_stage(project.event.formats[0], network))


def test_splitting_a_course_without_legs_makes_two_legs_of_its_discipline(
        network: Network, challenge: Project) -> None:
    fmt = challenge.event.formats[0]
    assert split_place(fmt, 0) is None and split_place(fmt, 2) is None
    legs = split_at(fmt, 1)
    assert [leg.kind for leg in legs] == [LegKind.VTT, LegKind.VTT]
    edit = stage_edit(challenge, 0, legs, network, label=SPLIT)
    after, undo = edit.apply(challenge)
    split = after.event.formats[0]
    assert fmt.route is not None and split.route is not None
    assert split.route.stats["length_m"] == pytest.approx(fmt.route.stats["length_m"], abs=1.0)
    assert [s.label for s in split.route.stops] == [s.label for s in fmt.route.stops]
    assert split.legs[0].end == fmt.route.stops[1] == split.legs[1].start
    assert legs_match_course(split)
    assert edit.description == "Couper l'étape en deux tronçons"
    restored, _ = undo.apply(after)
    assert restored == challenge


def test_splitting_a_leg_keeps_the_other_legs_courses(network: Network, raid: Project) -> None:
    fmt = raid.event.formats[0]
    # VTT — terrils de Lens et Liévin: T074 → T081 → T075; T081 is the stage's second point
    places = stop_places(fmt)
    at = places.index((1, 1))
    assert fmt.route is not None and fmt.route.stops[at].label.startswith("T081")
    edit = stage_edit(raid, 0, split_at(fmt, at), network)
    legs = edit.fmt.legs
    assert len(legs) == len(fmt.legs) + 1
    assert [legs[1].kind, legs[2].kind] == [LegKind.VTT, LegKind.VTT]
    assert legs[1].end is not None and legs[1].end.label.startswith("T081")
    assert legs[2].name == "terrils de Lens et Liévin (suite)"
    assert legs[4].route is fmt.legs[3].route  # not routed again
    assert edit.fmt.route is not None
    assert edit.fmt.route.stats["length_m"] == pytest.approx(fmt.route.stats["length_m"],
                                                             abs=1.0)


def test_a_new_discipline_routes_the_leg_with_its_profile(network: Network,
                                                          raid: Project) -> None:
    fmt = raid.event.formats[0]
    edit = stage_edit(raid, 0, set_kind(fmt.legs, 5, LegKind.VTT), network)
    leg = edit.fmt.legs[5]
    assert leg.kind is LegKind.VTT and leg.route is not None and leg.route.profile == "vtt"
    assert fmt.legs[5].route is not None and fmt.legs[5].route.profile == "trail"
    assert edit.fmt.legs[3].route is fmt.legs[3].route
    after, undo = edit.apply(raid)
    assert undo.apply(after)[0] == raid
    with pytest.raises(LegError, match="ne connaît aucune voie d'eau"):
        stage_edit(raid, 0, set_kind(fmt.legs, 5, LegKind.CANOE), network)
    refused = set_kind(fmt.legs, 5, LegKind.CANOE)
    assert waterless_canoe_legs(refused) == [5] and waterless_canoe_legs(fmt.legs) == []
    assert drawn_by_hand(refused, [5]) == set_kind(fmt.legs, 5, LegKind.CANOE, hand_drawn=True)
    drawn = stage_edit(raid, 0, set_kind(fmt.legs, 5, LegKind.CANOE, hand_drawn=True), network)
    canoe = drawn.fmt.legs[5]
    assert canoe.route is not None and canoe.route.stats["hand_drawn"]
    with pytest.raises(LegError):
        set_kind(fmt.legs, 0, LegKind.VTT)  # an épreuve stays on its site
    with pytest.raises(LegError):  # routed again: no water
        stage_edit(raid, 0, set_hand_drawn(drawn.fmt.legs, 5, False), network)
    sketch = stage_edit(raid, 0, set_hand_drawn(fmt.legs, 3, True), network).fmt.legs[3]
    assert sketch.route is not None and sketch.route.geometry == tuple(
        (s.lon, s.lat) for s in (sketch.start, *sketch.via, sketch.end) if s is not None)


def test_transitions_epreuves_merges_and_removals(network: Network, raid: Project) -> None:
    fmt = raid.event.formats[0]
    legs = insert_transition(fmt.legs, 3, dt.timedelta(minutes=15), "parc de Drocourt")
    assert legs[4].kind is LegKind.TRANSITION and legs[4].duration == dt.timedelta(minutes=15)
    legs = insert_epreuve(legs, 4, dt.timedelta(minutes=30), "Sarbacane",
                          limit=dt.timedelta(minutes=45))
    edit = stage_edit(raid, 0, legs, network)
    assert [leg.kind for leg in edit.fmt.legs[3:7]] == [
        LegKind.VTT, LegKind.TRANSITION, LegKind.EPREUVE, LegKind.TRANSITION]
    assert edit.fmt.legs[5].start == fmt.legs[3].end  # on the site where the VTT leg ends
    with pytest.raises(LegError):
        insert_transition(fmt.legs, 3, dt.timedelta(0))
    with pytest.raises(LegError):
        merge_with_next(fmt.legs, 0)  # an épreuve
    two = routed_stage(fmt, network, split_at(fmt, stop_places(fmt).index((1, 1))))
    joined = merge_with_next(two.legs, 1)
    assert [s.label for s in joined[1].via] == [s.label for s in fmt.legs[1].via]
    merged = stage_edit(raid, 0, joined, network)
    assert merged.fmt.route is not None and merged.fmt.route.stops == fmt.route.stops
    removed = stage_edit(raid, 0, remove_leg(fmt.legs, 4), network)  # a transition
    assert len(removed.fmt.legs) == len(fmt.legs) - 1
    assert removed.fmt.route is not None
    assert removed.fmt.route.stats["length_m"] == pytest.approx(fmt.route.stats["length_m"]
                                                                if fmt.route else 0, abs=1.0)
    first = remove_leg(fmt.legs, 0)
    assert first[0].start == fmt.legs[1].start


def test_a_generated_course_replaces_one_leg(network: Network, raid: Project) -> None:
    fmt = raid.event.formats[0]
    leg = editable_legs(fmt)[9]
    assert leg.start is not None
    with pytest.raises(LegError):
        replace_stops(fmt.legs, 9, (leg.start,))
    t116 = leg.start
    edit = stage_edit(raid, 0, replace_stops(fmt.legs, 9, (t116, fmt.legs[7].via[0], t116)),
                      network)
    assert edit.fmt.legs[9].route is not None
    assert edit.fmt.legs[:9] == fmt.legs[:9]


def test_the_map_draws_each_leg_in_its_colour(raid: Project) -> None:
    fmt = raid.event.formats[0]
    data = stage_geojson(fmt, selected=1)
    assert data is not None
    lines = [f["properties"] for f in data["features"] if f["properties"]["role"] == "troncon"]
    sites = [f["properties"] for f in data["features"] if f["properties"]["role"] == "site"]
    assert [p["color"] for p in lines] == [LEG_COLORS[leg.kind] for leg in fmt.legs
                                          if leg.kind.moving]
    assert len(sites) == 5 and sites[0]["color"] == LEG_COLORS[LegKind.EPREUVE]
    assert [p["selected"] for p in lines][:2] == [True, False]
    assert data["legend"] == [[LEG_COLORS[LegKind.EPREUVE], "Épreuve sur site", "site"],
                              [LEG_COLORS[LegKind.VTT], "VTT", "line"],
                              [LEG_COLORS[LegKind.TRANSITION], "Transition", "site"],
                              [LEG_COLORS[LegKind.TRAIL], "Trail", "line"]]
    assert [p["ring"] for p in sites] == [0] * 5  # one per site: a ring around its point
    both = stage_geojson(replace(fmt, legs=insert_transition(fmt.legs, 2, dt.timedelta(
        minutes=5))))  # an épreuve then a transition at T075: one ring around the other
    assert both is not None
    assert [(f["properties"]["kind"], f["properties"]["ring"]) for f in both["features"]
            if f["properties"]["role"] == "site"][:3] == [
        ("epreuve", 0), ("epreuve", 0), ("transition", 1)]
    assert len(set(LEG_COLORS.values())) == len(LegKind)
    assert leg_bounds(fmt.legs[1]) is not None
    stale = replace(fmt, route=None)
    assert stage_geojson(stale) is None


def test_route_point_edits_are_the_legs_points(network: Network, raid: Project) -> None:
    from app.editing import Insert, Move, Remove, SetProfile

    fmt = raid.event.formats[0]
    assert fmt.route is not None
    stops = fmt.route.stops
    moved = point_edit(fmt, Move("s", 2, stops[2].lon + 0.001, stops[2].lat))  # T075
    assert moved is not None
    assert moved[1].end is not None and moved[1].end.lon == stops[2].lon + 0.001
    assert moved[2].start is None and moved[3].start is None  # chained from the new end
    edit = stage_edit(raid, 0, moved, network)
    assert legs_match_course(edit.fmt)
    added = point_edit(fmt, Insert("s", 2, MapPoint(VIA, 2.81, 50.41, "Point 3")))
    assert added is not None and [s.label for s in added[1].via][-1] == "Point 3"
    assert point_edit(fmt, Insert("w", 0, MapPoint("ravitaillement", 2.8, 50.4))) is None
    assert point_edit(fmt, Remove("s", 1)) is not None  # T081, inside a leg
    with pytest.raises(LegError, match="commence ou termine"):
        point_edit(fmt, Remove("s", 2))
    with pytest.raises(LegError):
        point_edit(fmt, SetProfile("trail"))


def test_the_html_map_draws_the_legs_in_their_colours(raid: Project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.exports.map import export_map

    page = export_map(tmp_path / "raid.html", raid.event, tiles=False).read_text("utf-8")
    assert LEG_COLORS[LegKind.VTT] in page and LEG_COLORS[LegKind.TRAIL] in page
    assert LEG_COLORS[LegKind.TRANSITION] in page
    assert "Transition — parc à vélos de Drocourt" in page
    assert '"radius": 15' in page  # épreuves and transitions: rings around their site's point


def test_routing_the_legs_reports_progress_and_can_be_cancelled(network: Network) -> None:
    from routes.progress import OperationCancelled

    project = Project(*build_template("raid-bassin-minier", 2027))
    steps: list[float] = []
    edit = stage_edit(project, 0, project.event.formats[0].legs, network,
                      progress=lambda fraction, _message: steps.append(fraction))
    assert edit.fmt.route is not None and steps == sorted(steps) and len(steps) >= 10
    with pytest.raises(OperationCancelled):
        stage_edit(project, 0, project.event.formats[0].legs, network, cancel=lambda: True)


def test_a_legs_name_times_pace_and_profile_are_edited(network: Network, raid: Project) -> None:
    fmt = raid.event.formats[0]
    renamed = stage_edit(raid, 0, rename_leg(fmt.legs, 1, "  terrils du Louvre-Lens "), network)
    assert renamed.fmt.legs[1].name == "terrils du Louvre-Lens"
    assert renamed.fmt.legs[1].route == fmt.legs[1].route  # no routing
    assert rename_leg(fmt.legs, 1, "").__getitem__(1).title == "VTT"

    timed = set_times(fmt.legs, 4, dt.timedelta(minutes=20), dt.timedelta(minutes=30))
    assert timed[4].duration == dt.timedelta(minutes=20)
    assert timed[4].limit == dt.timedelta(minutes=30)
    with pytest.raises(LegError, match="plus court que la durée"):
        set_times(fmt.legs, 4, dt.timedelta(minutes=20), dt.timedelta(minutes=10))
    with pytest.raises(LegError, match="pas de durée fixe"):
        set_times(fmt.legs, 1, dt.timedelta(minutes=20))
    flipped = set_kind(fmt.legs, 4, LegKind.EPREUVE)  # a transition becomes an épreuve
    assert flipped[4].kind is LegKind.EPREUVE and flipped[4].duration == fmt.legs[4].duration
    assert set_kind(flipped, 4, LegKind.TRANSITION)[4] == fmt.legs[4]

    assert pace_of_fields(LegKind.VTT, "", "", "") is None
    assert pace_of_fields(LegKind.VTT, "15", "10,0", " ") is None  # the discipline's values
    assert pace_of_fields(LegKind.VTT, "12,5", "", "") == Pace(12.5, 10.0, 500.0)
    with pytest.raises(LegError, match="vitesse « vite » illisible"):
        pace_of_fields(LegKind.VTT, "vite", "", "")
    with pytest.raises(LegError, match="Allure invalide"):
        pace_of_fields(LegKind.VTT, "8", "", "")  # closing faster than mid-pack
    slow = stage_edit(raid, 0, set_pace(fmt.legs, 1, Pace(10.0, 7.0, 500.0)), network,
                      label=SET_PACE)
    assert slow.fmt.legs[1].route == fmt.legs[1].route and slow.description == SET_PACE
    before = sheet_of(raid.event, fmt, network).timetable
    after = sheet_of(raid.event, slow.fmt, network).timetable
    assert before is not None and after is not None
    assert after.legs[1].head_end - after.legs[1].head_start \
        > before.legs[1].head_end - before.legs[1].head_start
    assert set_pace(fmt.legs, 1, LEG_PACES[LegKind.VTT])[1].pace is None
    with pytest.raises(LegError, match="pas une allure"):
        set_pace(fmt.legs, 4, None)

    assert set_profile(fmt.legs, 1, "vtt")[1].profile == ""  # the discipline's
    rando = stage_edit(raid, 0, set_profile(fmt.legs, 1, "rando"), network)
    leg = rando.fmt.legs[1]
    assert leg.profile == "rando" and leg.route is not None and leg.route.profile == "rando"
    assert rando.fmt.legs[3].route == fmt.legs[3].route
    with pytest.raises(LegError, match="n'a pas de parcours"):
        set_profile(fmt.legs, 4, "vtt")
