"""An event budget in the layout of the CERFA n° 12156 (budget de l'action, demande de subvention).

Charges are accounts 60–68 plus 86 (emplois des contributions volontaires en nature); produits are
70–78 plus 87 (contributions volontaires en nature). Sponsoring is a service the association sells
(account 706) and mécénat a gift (account 75): they stay on separate lines even though both count
as private partners in the funding split. Money is ``Decimal`` rounded to the cent.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

from app.model import Format
from routes.errors import CavalierError

CENT = Decimal("0.01")
NNBSP = "\u202f"  # French thousands separator
ZERO = Decimal(0)


def money(value: Decimal | int | str | float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class Side(StrEnum):
    CHARGE = "charge"
    PRODUIT = "produit"


class Column(StrEnum):
    PLANNED = "prevu"
    ACTUAL = "realise"


class Category(StrEnum):
    """The three sources a comité balances, plus everything else."""

    REGISTRATIONS = "inscriptions"
    PUBLIC = "public"
    PRIVATE = "prive"
    OTHER = "autre"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.REGISTRATIONS: "Inscriptions",
    Category.PUBLIC: "Financements publics",
    Category.PRIVATE: "Partenaires privés",
    Category.OTHER: "Autres produits",
}
SPLIT_CATEGORIES = (Category.REGISTRATIONS, Category.PUBLIC, Category.PRIVATE)


class Driver(StrEnum):
    """What a priced line's quantity follows when participation changes."""

    FIXED = "fixe"
    PARTICIPANTS = "participants"  # every expected participant of the budget's formats
    FORMAT = "format"  # the expected participants of one format (``format_name``)


@dataclass(frozen=True)
class AccountGroup:
    code: str
    title: str
    side: Side
    in_kind: bool = False


ACCOUNT_GROUPS: tuple[AccountGroup, ...] = (
    AccountGroup("60", "Achats", Side.CHARGE),
    AccountGroup("61", "Services extérieurs", Side.CHARGE),
    AccountGroup("62", "Autres services extérieurs", Side.CHARGE),
    AccountGroup("63", "Impôts et taxes", Side.CHARGE),
    AccountGroup("64", "Charges de personnel", Side.CHARGE),
    AccountGroup("65", "Autres charges de gestion courante", Side.CHARGE),
    AccountGroup("66", "Charges financières", Side.CHARGE),
    AccountGroup("67", "Charges exceptionnelles", Side.CHARGE),
    AccountGroup("68", "Dotation aux amortissements, provisions et engagements", Side.CHARGE),
    AccountGroup("86", "Emplois des contributions volontaires en nature", Side.CHARGE, True),
    AccountGroup("70", "Vente de produits finis, de marchandises, prestations de services",
                 Side.PRODUIT),
    AccountGroup("73", "Dotations et produits de tarification", Side.PRODUIT),
    AccountGroup("74", "Subventions d'exploitation", Side.PRODUIT),
    AccountGroup("75", "Autres produits de gestion courante", Side.PRODUIT),
    AccountGroup("76", "Produits financiers", Side.PRODUIT),
    AccountGroup("77", "Produits exceptionnels", Side.PRODUIT),
    AccountGroup("78", "Reprises sur amortissements et provisions", Side.PRODUIT),
    AccountGroup("87", "Contributions volontaires en nature", Side.PRODUIT, True),
)
GROUPS_BY_CODE = {g.code: g for g in ACCOUNT_GROUPS}
_GROUP_ORDER = {g.code: i for i, g in enumerate(ACCOUNT_GROUPS)}

# The subsidy lines of account 74 in the CERFA, in its order.
SUBSIDY_FUNDERS: tuple[str, ...] = (
    "État : Agence nationale du sport (ANS)",
    "Région Hauts-de-France",
    "Département",
    "Intercommunalité (EPCI)",
    "Commune(s)",
    "Autres établissements publics",
    "Fonds européens",
)

# Valuation of an hour of volunteer work (SMIC horaire brut 2025), for accounts 864 / 870.
VOLUNTEER_HOUR_EUR = Decimal("11.88")


# Sensible bounds of an event budget: beyond them a number is a typo or a hostile file, and
# would overflow the cent arithmetic of every total.
MAX_AMOUNT = Decimal(1_000_000_000)  # € per line, planned or realised
MAX_QUANTITY = Decimal(10_000_000)


class BudgetError(CavalierError, ValueError):
    """A budget line does not fit the CERFA layout."""


def check_number(value: Decimal, limit: Decimal, what: str) -> None:
    """Raise :class:`BudgetError` unless ``value`` is finite and within ±``limit``."""
    if not value.is_finite():
        raise BudgetError(f"{what} : « {value} » n'est pas un nombre fini")
    if abs(value) > limit:
        bound = f"{limit:,.0f}".replace(",", NNBSP)
        raise BudgetError(f"{what} : {value} hors des bornes admises (±{bound})")


@dataclass(frozen=True)
class BudgetLine:
    account: str  # the CERFA group code: "60".."68", "86", "70".."78", "87"
    label: str
    amount: Decimal = ZERO  # planned amount of a line without unit price
    actual: Decimal | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    category: Category = Category.OTHER  # produits only
    driver: Driver = Driver.FIXED
    format_name: str = ""

    def __post_init__(self) -> None:
        if self.account not in GROUPS_BY_CODE:
            raise BudgetError(
                f"Compte « {self.account} » hors du plan CERFA (ligne « {self.label} »)")
        if self.side is Side.CHARGE and self.category is not Category.OTHER:
            raise BudgetError(f"Une charge n'a pas de catégorie de financement (« {self.label} »)")
        if (self.quantity is None) != (self.unit_price is None):
            raise BudgetError(f"« {self.label} » : quantité et prix unitaire vont ensemble")
        for what, value, limit in (("montant prévu", self.amount, MAX_AMOUNT),
                                   ("montant réalisé", self.actual, MAX_AMOUNT),
                                   ("quantité", self.quantity, MAX_QUANTITY),
                                   ("prix unitaire", self.unit_price, MAX_AMOUNT)):
            if value is not None:
                check_number(value, limit, f"« {self.label} », {what}")

    @property
    def group(self) -> AccountGroup:
        return GROUPS_BY_CODE[self.account]

    @property
    def side(self) -> Side:
        return self.group.side

    @property
    def in_kind(self) -> bool:
        return self.group.in_kind

    @property
    def priced(self) -> bool:
        return self.quantity is not None and self.unit_price is not None

    @property
    def planned(self) -> Decimal:
        if self.quantity is not None and self.unit_price is not None:
            return money(self.quantity * self.unit_price)
        return money(self.amount)

    def value(self, column: Column) -> Decimal:
        if column is Column.PLANNED:
            return self.planned
        return money(self.actual) if self.actual is not None else ZERO

    @property
    def gap(self) -> Decimal | None:
        """Écart réalisé − prévu, or None while nothing is realised."""
        return None if self.actual is None else money(self.actual) - self.planned


@dataclass(frozen=True)
class Budget:
    name: str
    lines: tuple[BudgetLine, ...]
    split_targets: Mapping[Category, Decimal] = field(default_factory=dict)
    format_names: tuple[str, ...] = ()  # formats whose participants this budget counts; () = all

    def __post_init__(self) -> None:
        # Lines are kept in the order of the CERFA (stable within a group), whatever their source.
        ordered = tuple(sorted(self.lines, key=lambda ln: _GROUP_ORDER[ln.account]))
        object.__setattr__(self, "lines", ordered)

    def on_side(self, side: Side, *, in_kind: bool | None = None) -> tuple[BudgetLine, ...]:
        return tuple(
            ln for ln in self.lines
            if ln.side is side and (in_kind is None or ln.in_kind is in_kind)
        )

    def group_lines(self, code: str) -> tuple[BudgetLine, ...]:
        return tuple(ln for ln in self.lines if ln.account == code)


@dataclass(frozen=True)
class Totals:
    charges: Decimal  # 60–68
    produits: Decimal  # 70–78
    charges_in_kind: Decimal  # 86
    produits_in_kind: Decimal  # 87

    @property
    def charges_all(self) -> Decimal:
        return self.charges + self.charges_in_kind

    @property
    def produits_all(self) -> Decimal:
        return self.produits + self.produits_in_kind

    @property
    def result(self) -> Decimal:
        """Produits − charges (excedent > 0, deficit < 0), contributions in kind excluded."""
        return self.produits - self.charges

    @property
    def balanced(self) -> bool:
        return self.charges == self.produits and self.charges_all == self.produits_all


def _sum(lines: Iterable[BudgetLine], column: Column) -> Decimal:
    return sum((ln.value(column) for ln in lines), ZERO)


def group_total(budget: Budget, code: str, column: Column = Column.PLANNED) -> Decimal:
    return _sum(budget.group_lines(code), column)


def totals(budget: Budget, column: Column = Column.PLANNED) -> Totals:
    return Totals(
        charges=_sum(budget.on_side(Side.CHARGE, in_kind=False), column),
        produits=_sum(budget.on_side(Side.PRODUIT, in_kind=False), column),
        charges_in_kind=_sum(budget.on_side(Side.CHARGE, in_kind=True), column),
        produits_in_kind=_sum(budget.on_side(Side.PRODUIT, in_kind=True), column),
    )


def imbalance_message(budget: Budget, column: Column = Column.PLANNED) -> str | None:
    """None when charges equal produits (the CERFA requires it), else the French reason."""
    t = totals(budget, column)
    if t.balanced:
        return None
    parts = []
    if t.charges != t.produits:
        parts.append(f"charges {fmt_eur(t.charges)} ≠ produits {fmt_eur(t.produits)}")
    if t.charges_in_kind != t.produits_in_kind:
        parts.append(f"contributions en nature : emplois {fmt_eur(t.charges_in_kind)} ≠ "
                     f"ressources {fmt_eur(t.produits_in_kind)}")
    return f"Budget « {budget.name} » déséquilibré : " + " ; ".join(parts)


@dataclass(frozen=True)
class SplitShare:
    category: Category
    amount: Decimal
    share: Decimal  # fraction of the produits 70–78
    target: Decimal | None  # fraction aimed at, if any

    @property
    def gap(self) -> Decimal | None:
        return None if self.target is None else self.share - self.target


def split(budget: Budget, column: Column = Column.PLANNED) -> tuple[SplitShare, ...]:
    """Registrations / public funding / private partners (and others) as shares of the produits."""
    produits = budget.on_side(Side.PRODUIT, in_kind=False)
    total = _sum(produits, column)
    shares = []
    for cat in Category:
        amount = _sum((ln for ln in produits if ln.category is cat), column)
        if cat is Category.OTHER and amount == ZERO and cat not in budget.split_targets:
            continue
        share = amount / total if total else ZERO
        shares.append(SplitShare(cat, amount, share, budget.split_targets.get(cat)))
    return tuple(shares)


def _in_budget(budget: Budget, formats: Sequence[Format]) -> list[Format]:
    if not budget.format_names:
        return list(formats)
    return [f for f in formats if f.name in budget.format_names]


def registration_lines(formats: Sequence[Format]) -> tuple[BudgetLine, ...]:
    """One line per format in account 70: fee × expected participants."""
    return tuple(
        BudgetLine(
            "70", f"Inscriptions — {f.name}", quantity=Decimal(f.expected), unit_price=f.fee_eur,
            category=Category.REGISTRATIONS, driver=Driver.FORMAT, format_name=f.name,
        )
        for f in formats
    )


def sync_quantities(
    budget: Budget, formats: Sequence[Format], *, rate: float = 1.0
) -> Budget:
    """Quantities of participant-driven lines set to the expected participants × ``rate``.

    A format never takes more than its maximum; registrations follow the format's current fee.
    """
    counted = _in_budget(budget, formats)
    by_name = {f.name: f for f in counted}
    per_format = {f.name: min(f.max_participants, math.floor(f.expected * rate + 0.5))
                  for f in counted}
    everyone = sum(per_format.values())
    lines = []
    for ln in budget.lines:
        new = ln
        if ln.driver is Driver.PARTICIPANTS:
            new = replace(ln, quantity=Decimal(everyone))
        elif ln.driver is Driver.FORMAT and ln.format_name in per_format:
            new_qty = Decimal(per_format[ln.format_name])
            unit = by_name[ln.format_name].fee_eur if ln.category is Category.REGISTRATIONS \
                else ln.unit_price
            new = replace(ln, quantity=new_qty, unit_price=unit)
        lines.append(new)
    return replace(budget, lines=tuple(lines))


def break_even_fee(budget: Budget, formats: Sequence[Format]) -> Decimal:
    """The single fee, paid by every expected participant, at which produits cover the charges.

    Charges that grow with participants stay as planned (quantities at the expected participation);
    the other produits (subsidies, partners...) are kept. Rounded up to the cent.
    """
    counted = _in_budget(budget, formats)
    participants = sum(f.expected for f in counted)
    if participants <= 0:
        raise BudgetError(f"Budget « {budget.name} » : aucun participant attendu")
    t = totals(budget)
    others = sum((ln.planned for ln in budget.on_side(Side.PRODUIT, in_kind=False)
                  if ln.category is not Category.REGISTRATIONS), ZERO)
    needed = max(ZERO, t.charges - others)
    return (needed / participants).quantize(CENT, rounding=ROUND_CEILING)


@dataclass(frozen=True)
class Scenario:
    name: str
    rate: float  # participation relative to the expected one


DEFAULT_SCENARIOS = (Scenario("Basse", 0.7), Scenario("Attendue", 1.0), Scenario("Haute", 1.15))


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    participants: int
    registrations: Decimal
    charges: Decimal
    produits: Decimal

    @property
    def result(self) -> Decimal:
        return self.produits - self.charges


def scenarios(
    budget: Budget, formats: Sequence[Format],
    which: Sequence[Scenario] = DEFAULT_SCENARIOS,
) -> tuple[ScenarioResult, ...]:
    """Low / expected / high participation: registrations and per-participant charges follow."""
    results = []
    for sc in which:
        b = sync_quantities(budget, formats, rate=sc.rate)
        regs = [ln for ln in b.lines if ln.category is Category.REGISTRATIONS]
        participants = sum(
            int(ln.quantity) for ln in regs if ln.driver is Driver.FORMAT and ln.quantity
        )
        t = totals(b)
        results.append(ScenarioResult(sc, participants, _sum(regs, Column.PLANNED),
                                      t.charges, t.produits))
    return tuple(results)


@dataclass(frozen=True)
class SeriesRow:
    name: str
    planned: Totals
    actual: Totals


@dataclass(frozen=True)
class SeriesSummary:
    rows: tuple[SeriesRow, ...]
    planned: Totals
    actual: Totals
    split: tuple[SplitShare, ...]


def series_summary(budgets: Sequence[Budget]) -> SeriesSummary:
    """Per-round totals and the series total (the split of the whole series)."""
    rows = tuple(SeriesRow(b.name, totals(b), totals(b, Column.ACTUAL)) for b in budgets)

    def add(ts: Iterable[Totals]) -> Totals:
        items = list(ts)
        return Totals(
            sum((t.charges for t in items), ZERO), sum((t.produits for t in items), ZERO),
            sum((t.charges_in_kind for t in items), ZERO),
            sum((t.produits_in_kind for t in items), ZERO),
        )

    merged = Budget(
        "Série", tuple(ln for b in budgets for ln in b.lines),
        budgets[0].split_targets if budgets else {},
    )
    return SeriesSummary(rows, add(r.planned for r in rows), add(r.actual for r in rows),
                         split(merged))


def for_next_edition(budget: Budget) -> Budget:
    """Same planned budget, nothing realised yet."""
    return replace(budget, lines=tuple(replace(ln, actual=None) for ln in budget.lines))


def fmt_eur(value: Decimal) -> str:
    """French money text: 45 000,00 €."""
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{NNBSP.join(groups)},{cents} €"
