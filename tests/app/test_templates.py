"""The three templates match what the organisers run today."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from shared_data import shared_path

from app.budget import Category, imbalance_message, split, totals
from app.model import Discipline, WaypointKind
from app.templates import TEMPLATES, VTT_TERRILS, UnknownTemplateError, build_template

THIRD = Decimal(1) / Decimal(3)


def test_raid_bassin_minier() -> None:
    event, (budget,) = build_template("raid-bassin-minier", 2027)
    assert (event.end_date - event.start_date).days == 1
    assert event.start_date.weekday() == 5  # a Saturday
    assert sum(f.target_distance_km for f in event.formats) == 200.0
    assert all(f.expected == 300 for f in event.formats)
    assert event.stage_race and event.headcount == 300
    epreuves = [w for f in event.formats for w in f.waypoints if w.kind is WaypointKind.EPREUVE]
    assert {w.discipline for w in epreuves} >= {Discipline.ESCALADE, Discipline.CANOE}
    assert totals(budget).charges == totals(budget).produits == Decimal(45000)
    assert imbalance_message(budget) is None
    shares = {s.category: s for s in split(budget)}
    for cat in (Category.REGISTRATIONS, Category.PUBLIC, Category.PRIVATE):
        assert shares[cat].amount == Decimal(15000)
        assert shares[cat].gap == 0


def test_trail_pyramides_noires() -> None:
    event, (budget,) = build_template("trail-pyramides-noires", 2027)
    assert [f.target_distance_km for f in event.formats][:3] == [100.0, 42.0, 21.0]
    assert event.formats[3].discipline is Discipline.RANDO
    assert event.expected_participants == event.headcount == 800
    assert totals(budget).produits == Decimal(45000)
    assert imbalance_message(budget) is None
    assert all(s.share == THIRD for s in split(budget))
    labels = [ln.label for ln in budget.lines]
    assert "Parrainage (sponsoring)" in labels and "Mécénat (dons d'entreprises)" in labels


def test_challenge_vtt_xc_rounds() -> None:
    event, budgets = build_template("challenge-vtt-xc", 2028)
    assert len(budgets) == len(event.formats) == 6
    assert len({f.venue for f in event.formats}) == 6
    assert all(5.0 <= f.target_distance_km <= 7.0 and f.expected == 200 for f in event.formats)
    assert all(f.day is not None and f.day.year == 2028 for f in event.formats)
    for b in budgets:
        assert totals(b).charges == totals(b).produits == Decimal(1000)
        shares = {s.category: s.share for s in split(b)}
        assert shares[Category.REGISTRATIONS] == shares[Category.PRIVATE] == Decimal("0.5")


def test_vtt_terrils_are_real_unesco_terrils(unesco_dir: object) -> None:
    path = shared_path("data", "bassin-minier-unesco", "terrils.geojson")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    refs = {f["properties"]["no_terril"]: f["properties"] for f in features}
    for terril in VTT_TERRILS:
        assert terril.ref in refs
        assert refs[terril.ref]["commune_1"].lower() == terril.commune.lower()


def test_unknown_template_lists_known_ones() -> None:
    with pytest.raises(UnknownTemplateError, match="trail-pyramides-noires"):
        build_template("marathon", 2027)
    assert len(TEMPLATES) == 3
