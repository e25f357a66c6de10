"""Budget arithmetic: totals, balance, split, break-even fee, scenarios, series."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.budget import (
    Budget,
    BudgetError,
    BudgetLine,
    Category,
    Column,
    Driver,
    Scenario,
    break_even_fee,
    fmt_eur,
    for_next_edition,
    group_total,
    imbalance_message,
    registration_lines,
    scenarios,
    series_summary,
    split,
    sync_quantities,
    totals,
)
from app.model import Discipline, Format
from app.templates import build_template

D = Decimal


def _formats() -> tuple[Format, ...]:
    return (
        Format("Long", Discipline.TRAIL, 42.0, 120, D(30), expected_participants=100),
        Format("Court", Discipline.TRAIL, 12.0, 200, D(10), expected_participants=200),
    )


def _budget() -> Budget:
    fmts = _formats()
    lines = (
        BudgetLine("60", "Ravitaillement", quantity=D(300), unit_price=D(5),
                   driver=Driver.PARTICIPANTS),
        BudgetLine("62", "Secours", amount=D(2500)),
        BudgetLine("86", "Bénévolat", quantity=D(100), unit_price=D("11.88")),
        *registration_lines(fmts),
        BudgetLine("74", "Département", amount=D(1000), category=Category.PUBLIC),
        BudgetLine("70", "Parrainage (sponsoring)", amount=D(500), category=Category.PRIVATE),
        BudgetLine("87", "Bénévolat", quantity=D(100), unit_price=D("11.88")),
    )
    return Budget("Test", lines, {Category.REGISTRATIONS: D("0.6")})


def test_registrations_are_fee_times_expected_participants() -> None:
    regs = registration_lines(_formats())
    assert [ln.planned for ln in regs] == [D(3000), D(2000)]
    assert all(ln.category is Category.REGISTRATIONS for ln in regs)


def test_totals_and_groups() -> None:
    b = _budget()
    t = totals(b)
    assert t.charges == D(4000)  # 300 x 5 + 2500
    assert t.produits == D(6500)  # 3000 + 2000 + 1000 + 500
    assert t.charges_in_kind == t.produits_in_kind == D("1188.00")
    assert t.result == D(2500)
    assert group_total(b, "70") == D(5500)
    assert not t.balanced
    message = imbalance_message(b)
    assert message is not None and "4\u202f000,00 €" in message and "6\u202f500,00 €" in message


def test_actual_column_and_gap() -> None:
    b = _budget()
    line = replace(b.lines[1], actual=D("2630.5"))
    assert line.gap == D("130.50")
    assert b.lines[0].gap is None
    t = totals(replace(b, lines=(line, *b.lines[2:])), Column.ACTUAL)
    assert t.charges == D("2630.50")


def test_split_shares_and_targets() -> None:
    shares = {s.category: s for s in split(_budget())}
    assert shares[Category.REGISTRATIONS].amount == D(5000)
    assert shares[Category.REGISTRATIONS].share == D(5000) / D(6500)
    assert shares[Category.PUBLIC].share == D(1000) / D(6500)
    assert shares[Category.PRIVATE].amount == D(500)
    gap = shares[Category.REGISTRATIONS].gap
    assert gap is not None and gap == pytest.approx(D(5000) / D(6500) - D("0.6"))
    assert shares[Category.PUBLIC].target is None
    assert Category.OTHER not in shares


def test_break_even_fee() -> None:
    b = _budget()
    # charges 4000 minus the other produits 1500 over 300 participants
    assert break_even_fee(b, _formats()) == D("8.34")
    rich = replace(b, lines=(*b.lines, BudgetLine("74", "Région", amount=D(9000),
                                                  category=Category.PUBLIC)))
    assert break_even_fee(rich, _formats()) == D(0)
    empty = tuple(replace(f, expected_participants=0) for f in _formats())
    with pytest.raises(BudgetError):
        break_even_fee(b, empty)


def test_break_even_fee_balances_the_template_budgets() -> None:
    for key, fee in (("raid-bassin-minier", D(25)), ("trail-pyramides-noires", D("18.75"))):
        event, (budget,) = build_template(key, 2027)
        assert break_even_fee(budget, event.formats) == fee
        uniform = tuple(replace(f, fee_eur=fee) for f in event.formats)
        at_fee = sync_quantities(budget, uniform)
        assert totals(at_fee).result == 0


def test_scenarios_scale_registrations_and_variable_charges() -> None:
    results = {r.scenario.name: r for r in scenarios(_budget(), _formats())}
    low, mid, high = results["Basse"], results["Attendue"], results["Haute"]
    assert (low.participants, mid.participants, high.participants) == (210, 300, 315)
    assert low.registrations == D(70 * 30 + 140 * 10)
    assert low.charges == D(210 * 5 + 2500)
    # high: Long capped at 115 (1.15 x 100), Court capped at its maximum of 200
    assert high.registrations == D(115 * 30 + 200 * 10)
    assert mid.result == D(2500)
    assert low.result < mid.result < high.result
    zero = scenarios(_budget(), _formats(), [Scenario("Annulé", 0.0)])[0]
    assert zero.participants == 0 and zero.registrations == 0


def test_series_totals_are_sums_of_rounds() -> None:
    event, budgets = build_template("challenge-vtt-xc", 2027)
    summary = series_summary(budgets)
    assert len(summary.rows) == 6
    assert all(r.planned.charges == D(1000) for r in summary.rows)
    assert summary.planned.charges == summary.planned.produits == D(6000)
    shares = {s.category: s.share for s in summary.split}
    assert shares[Category.REGISTRATIONS] == shares[Category.PRIVATE] == D("0.5")
    assert summary.actual.charges == 0
    assert event.is_series and len(event.formats) == 6


def test_line_validation() -> None:
    with pytest.raises(BudgetError, match="69"):
        BudgetLine("69", "Inconnu", amount=D(1))
    with pytest.raises(BudgetError, match="charge"):
        BudgetLine("60", "Achat", amount=D(1), category=Category.PUBLIC)
    with pytest.raises(BudgetError, match="vont ensemble"):
        BudgetLine("60", "Achat", quantity=D(1))


def test_next_edition_clears_actuals() -> None:
    b = _budget()
    done = replace(b, lines=tuple(replace(ln, actual=ln.planned) for ln in b.lines))
    assert totals(done, Column.ACTUAL).charges == D(4000)
    again = for_next_edition(done)
    assert totals(again, Column.ACTUAL).charges == 0
    assert totals(again) == totals(b)


def test_french_money_text() -> None:
    assert fmt_eur(D("45000")) == "45\u202f000,00 €"
    assert fmt_eur(D("-1234567.5")) == "-1\u202f234\u202f567,50 €"
    assert fmt_eur(D("0.07")) == "0,07 €"


_amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False,
                       allow_infinity=False)


@given(
    charges=st.lists(_amounts, min_size=1, max_size=8),
    subsidies=st.lists(_amounts, max_size=5),
    expected=st.lists(st.integers(min_value=1, max_value=900), min_size=1, max_size=4),
)
def test_break_even_fee_is_the_smallest_balancing_fee(
    charges: list[Decimal], subsidies: list[Decimal], expected: list[int]
) -> None:
    formats = tuple(Format(f"F{i}", Discipline.TRAIL, 10.0, n, D(0), expected_participants=n)
                    for i, n in enumerate(expected))
    lines = (*(BudgetLine("60", f"C{i}", amount=a) for i, a in enumerate(charges)),
             *(BudgetLine("74", f"S{i}", amount=a, category=Category.PUBLIC)
               for i, a in enumerate(subsidies)),
             *registration_lines(formats))
    budget = Budget("B", lines)
    fee = break_even_fee(budget, formats)

    def result_at(value: Decimal) -> Decimal:
        priced = tuple(replace(f, fee_eur=value) for f in formats)
        return totals(sync_quantities(budget, priced)).result

    assert result_at(fee) >= 0
    if fee > 0:
        assert result_at(fee - D("0.01")) < 0
    shares = split(budget)
    assert sum(s.amount for s in shares) == totals(budget).produits
