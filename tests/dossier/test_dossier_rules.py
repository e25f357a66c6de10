"""The declaration rules one by one: form, authority, deadlines, FFA category, first-aid grid."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from app.dossier import rules
from app.dossier.checks import CourseChecks, category
from app.dossier.declaration import (
    Commune,
    authorities_for,
    declaration_for,
    declarations,
    months_before,
)
from app.dossier.firstaid import FirstAidInputs, delay_indicator, first_aid, weighted_people
from app.model import Discipline, Event, Format

DAY = dt.date(2027, 10, 3)
LENS = Commune("Lens", "62498", 1000.0, 0.0)
LIEVIN = Commune("Liévin", "62510", 1000.0, 1000.0)
DOUAI = Commune("Douai", "59178", 1000.0, 2000.0)


def _format(discipline: Discipline, participants: int, name: str = "F") -> Format:
    return Format(name, discipline, 20.0, participants, Decimal(10), day=DAY)


@pytest.mark.parametrize(("discipline", "participants", "cerfa"), [
    (Discipline.TRAIL, 50, "Cerfa n° 15824"), (Discipline.RAID, 300, "Cerfa n° 15824"),
    (Discipline.RANDO, 250, "Cerfa n° 15825"), (Discipline.VELO, 150, "Cerfa n° 15826"),
    (Discipline.VTT, 200, "Cerfa n° 15827 (à confirmer)"), (Discipline.RANDO, 100, "")])
def test_form_follows_timing_cycling_and_headcount(discipline: Discipline, participants: int,
                                                  cerfa: str) -> None:
    declaration = declaration_for([_format(discipline, participants)], DAY, [LENS, LIEVIN])
    assert declaration.cerfa == cerfa
    assert declaration.required is bool(cerfa)
    if not cerfa:
        assert "R331-6" in declaration.note


def test_cycling_timed_form_is_flagged_unconfirmed() -> None:
    declaration = declaration_for([_format(Discipline.VTT, 200)], DAY, [LENS])
    assert declaration.cerfa_rule is rules.CERFA_CYCLING_TIMED
    assert not declaration.cerfa_rule.confirmed


def test_authority_is_the_mayor_the_prefect_or_each_prefect() -> None:
    assert authorities_for([LENS, LENS]) == ("Maire de Lens",)
    assert authorities_for([LENS, LIEVIN]) == ("Préfet du Pas-de-Calais (62)",)
    assert authorities_for([LENS, DOUAI]) == ("Préfet du Nord (59)",
                                              "Préfet du Pas-de-Calais (62)")


def test_deadlines_two_or_three_months_one_month_three_weeks() -> None:
    one = declaration_for([_format(Discipline.TRAIL, 200)], DAY, [LENS, LIEVIN])
    assert one.deadline == dt.date(2027, 8, 3)
    assert one.federation_opinion_by == dt.date(2027, 7, 3)
    assert one.marshal_list_by == dt.date(2027, 9, 12)
    both = declaration_for([_format(Discipline.TRAIL, 200)], DAY, [LENS, DOUAI])
    assert both.deadline == dt.date(2027, 7, 3)  # R331-10: three months over two départements
    outing = declaration_for([_format(Discipline.RANDO, 250)], DAY, [LENS])
    assert outing.deadline == dt.date(2027, 9, 3)
    assert outing.federation_opinion_by is None


def test_months_before_keeps_the_day_or_takes_the_month_end() -> None:
    assert months_before(dt.date(2027, 5, 31), 3) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2028, 1, 15), 2) == dt.date(2027, 11, 15)


def test_one_declaration_per_kind_of_format() -> None:
    formats = (_format(Discipline.TRAIL, 100, "Trail"), _format(Discipline.TRAIL, 200, "Court"),
               _format(Discipline.RANDO, 250, "Rando"))
    event = Event("Test", 2027, DAY, DAY, "Club", formats)
    found = declarations(event, {"Trail": [LENS, LIEVIN], "Rando": [LENS]})
    assert [(d.formats, d.cerfa) for d in found] == [
        (("Trail", "Court"), "Cerfa n° 15824"), (("Rando",), "Cerfa n° 15825")]
    assert found[1].authorities == ("Maire de Lens",)


@pytest.mark.parametrize(("effort", "name"), [
    (0.0, "XXS"), (24.9, "XXS"), (25.0, "XS"), (44.9, "XS"), (45.0, "S"), (75.0, "M"),
    (115.0, "L"), (155.0, "XL"), (209.9, "XL"), (210.0, "XXL")])
def test_ffa_categories(effort: float, name: str) -> None:
    assert category(effort) == name


def test_km_effort_and_unknown_climb() -> None:
    measured = CourseChecks(42.2, 850.0, False, 0.0, 0.0, 0.0, True)
    assert measured.km_effort == pytest.approx(50.7)
    assert measured.category == "S"
    unknown = replace(measured, d_plus=None)
    assert unknown.km_effort is None
    assert unknown.climb_text().startswith("inconnu")
    assert "0 m" not in unknown.climb_text()
    assert unknown.category == "XS au moins"


def test_first_aid_grid() -> None:
    assert weighted_people(150_000) == 125_000
    assert delay_indicator(5) == 0.25 and delay_indicator(25) == 0.35
    quiet = first_aid(FirstAidInputs(public=150, participants=0, behaviour=0.25,
                                     environment=0.25, delay=0.25))
    assert quiet.ris == pytest.approx(0.1125) and quiet.rescuers == 0
    spectators = first_aid(FirstAidInputs(public=900, participants=0, behaviour=0.30,
                                          environment=0.30, delay=0.30))
    assert (spectators.cover, spectators.rescuers) == ("PAPS", 2)
    runners = first_aid(FirstAidInputs(public=0, participants=800))
    assert runners.ris == pytest.approx(1.1 * 800 / 1000)
    assert (runners.cover, runners.rescuers) == ("DPS-PE", 4)
    large = first_aid(FirstAidInputs(public=9000, participants=1500))  # RIS 11,55
    assert (large.cover, large.rescuers) == ("DPS-PE", 12)
    crowd = first_aid(FirstAidInputs(public=28_500, participants=1500))  # RIS 33
    assert (crowd.cover, crowd.rescuers) == ("DPS-ME", 33)


def test_every_rule_has_a_source() -> None:
    keys = [r.key for r in rules.ALL_RULES]
    assert len(keys) == len(set(keys))
    for rule in rules.ALL_RULES:
        assert rule.source and rule.url.startswith("http") and len(rule.quote) > 40
