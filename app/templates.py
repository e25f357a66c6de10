"""Event templates from what organisers in the Bassin minier run today.

Each template builds an :class:`Event` and its budget(s) for a given edition year. Budgets balance
(charges = produits) and hit their split targets exactly at the expected participation. Places are
real terrils of the UNESCO list (reference, name, commune; positions are footprint centroids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from app.budget import (
    VOLUNTEER_HOUR_EUR,
    Budget,
    BudgetLine,
    Category,
    Driver,
    registration_lines,
)
from app.model import (
    ORGANISER_PLACEHOLDER,
    Discipline,
    Event,
    Format,
    Leg,
    LegKind,
    Stop,
    Waypoint,
    WaypointKind,
)
from routes.errors import CavalierError

THIRD = Decimal(1) / Decimal(3)
HALF = Decimal("0.5")


class UnknownTemplateError(CavalierError, LookupError):
    """No template has that name."""


@dataclass(frozen=True)
class Terril:
    ref: str
    name: str
    commune: str
    lon: float
    lat: float

    @property
    def title(self) -> str:
        return f"{self.ref} {self.name} ({self.commune})"


T074 = Terril("T074", "11/19 de Lens Est", "Loos-en-Gohelle", 2.78305, 50.44540)
T075 = Terril("T075", "Pinchonvalles", "Avion", 2.80054, 50.40521)
T101 = Terril("T101", "Lavoir de Drocourt", "Hénin-Beaumont", 2.92222, 50.40776)
T116 = Terril("T116", "10 d'Oignies", "Dourges", 2.99006, 50.45218)
T144 = Terril("T144", "Rieulay", "Rieulay", 3.24175, 50.38133)
T171 = Terril("T171", "Mare à Goriaux", "Wallers", 3.43632, 50.39357)
VTT_TERRILS = (T074, T075, T101, T116, T144, T171)


def _sunday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(6 - day.weekday()) % 7)


def _line(account: str, label: str, amount: str | int, **kw: object) -> BudgetLine:
    return BudgetLine(account, label, amount=Decimal(amount), **kw)  # type: ignore[arg-type]


def _priced(account: str, label: str, qty: int, unit: str, **kw: object) -> BudgetLine:
    return BudgetLine(account, label, quantity=Decimal(qty), unit_price=Decimal(unit),
                      **kw)  # type: ignore[arg-type]


def _volunteering(hours: int) -> tuple[BudgetLine, ...]:
    """Volunteer time, valued at the SMIC hour, in both 86 (emploi) and 87 (ressource)."""
    unit = str(VOLUNTEER_HOUR_EUR)
    return (
        _priced("86", "Personnel bénévole (heures valorisées)", hours, unit),
        _priced("87", "Bénévolat (heures valorisées)", hours, unit),
    )


def _subsidies(amounts: tuple[int, int, int, int, int]) -> tuple[BudgetLine, ...]:
    funders = ("État : Agence nationale du sport (ANS)", "Région Hauts-de-France",
               "Département", "Intercommunalité (EPCI)", "Commune(s)")
    return tuple(_line("74", f, a, category=Category.PUBLIC) for f, a in zip(funders, amounts,
                                                                            strict=True))


#: Other places of the raid (poles of the embedded network, rounded).
OIGNIES_9_9BIS = Stop("Site du 9-9bis (Oignies)", 2.98703, 50.46079)
LEWARDE = Stop("Centre historique minier (Lewarde)", 3.17221, 50.33185)
MARE_A_GORIAUX = Stop("Mare à Goriaux", 3.43294, 50.39613)
ARENBERG = Stop("Arenberg Creative Mine (Wallers-Arenberg)", 3.42651, 50.38356)
#: The canoe loop on the Argales lakes at Rieulay, from the pontoon where the cavaliers meet the
#: shore: drawn by hand (the embedded network knows no water), flagged « tracé à la main, non
#: relevé » until someone records it on the water.
ARGALES_LOOP = (Stop("Ponton des Argales (Rieulay)", 3.24537, 50.37490),
                Stop("Étang des Argales, bouée 1", 3.25000, 50.37200),
                Stop("Étang des Argales, bouée 2", 3.25700, 50.37350),
                Stop("Étang des Argales, bouée 3", 3.25300, 50.37650),
                Stop("Ponton des Argales (Rieulay)", 3.24537, 50.37490))


def _at(terril: Terril) -> Stop:
    return Stop(f"{terril.ref} {terril.name}", terril.lon, terril.lat)


def _minutes(minutes: int) -> dt.timedelta:
    return dt.timedelta(minutes=minutes)


def raid_stage_legs() -> tuple[tuple[Leg, ...], tuple[Leg, ...]]:
    """The two stages' legs: VTT, trail, canoe and orientation between Loos-en-Gohelle, Oignies
    and Wallers-Arenberg, with épreuves on mining sites (the épreuves' names are those of the
    stages' épreuve waypoints, which say who staffs them)."""
    t093 = Stop("T093 21 Nord Courrières", 2.89018, 50.45135)
    t142 = Stop("T142 8 de l'Escarpelle", 3.04199, 50.41091)
    t081 = Stop("T081 5 de Lens est", 2.83507, 50.41907)
    t153 = Stop("T153 Audiffret Sud", 3.34712, 50.34619)
    stage1 = (
        Leg(LegKind.EPREUVE, f"Escalade — terril {T074.title}", start=_at(T074),
            duration=_minutes(45), limit=_minutes(60)),
        Leg(LegKind.VTT, "terrils de Lens et Liévin", via=(t081,), end=_at(T075)),
        Leg(LegKind.EPREUVE, f"Course d'orientation — {T075.title}", duration=_minutes(60),
            limit=_minutes(90)),
        Leg(LegKind.VTT, "cavaliers de la Gohelle", end=_at(T101)),
        Leg(LegKind.TRANSITION, "parc à vélos de Drocourt", duration=_minutes(10)),
        Leg(LegKind.TRAIL, "terrils de Drocourt et Courrières", end=t093),
        Leg(LegKind.TRANSITION, "parc à vélos de Courrières", duration=_minutes(10)),
        Leg(LegKind.VTT, "vers Oignies", via=(t142,), end=_at(T116)),
        Leg(LegKind.EPREUVE, f"Tir à l'arc — {T116.title}", duration=_minutes(30),
            limit=_minutes(45)),
        Leg(LegKind.TRAIL, "arrivée au 9-9bis", end=OIGNIES_9_9BIS),
    )
    stage2 = (
        Leg(LegKind.VTT, "par le Centre historique minier", start=OIGNIES_9_9BIS,
            via=(LEWARDE,), end=_at(T144)),
        Leg(LegKind.TRANSITION, "parc à vélos des Argales", duration=_minutes(15)),
        Leg(LegKind.CANOE, "deux tours de l'étang des Argales", start=ARGALES_LOOP[0],
            via=ARGALES_LOOP[1:] + ARGALES_LOOP[1:-1], end=ARGALES_LOOP[-1], hand_drawn=True),
        Leg(LegKind.TRANSITION, "zone de transition des Argales", duration=_minutes(10)),
        Leg(LegKind.TRAIL, "vers les terrils d'Audiffret", end=t153),
        Leg(LegKind.TRANSITION, "parc à vélos d'Escaudain", duration=_minutes(10)),
        Leg(LegKind.VTT, "forêt de Raismes", end=_at(T171)),
        Leg(LegKind.TRANSITION, "parc à vélos de la Mare à Goriaux", duration=_minutes(10)),
        Leg(LegKind.ORIENTATION, "autour de la Mare à Goriaux", via=(MARE_A_GORIAUX,),
            end=ARENBERG),
        Leg(LegKind.EPREUVE, "Corde — chevalements d'Arenberg", duration=_minutes(45),
            limit=_minutes(60)),
    )
    return stage1, stage2


def raid_bassin_minier(year: int) -> tuple[Event, tuple[Budget, ...]]:
    day1 = _sunday_on_or_after(dt.date(year, 6, 1)) - dt.timedelta(days=1)  # a Saturday
    day2 = day1 + dt.timedelta(days=1)
    legs1, legs2 = raid_stage_legs()
    stage1 = Format(
        "Étape 1 — Loos-en-Gohelle → Oignies", Discipline.RAID, 110.0, 350, Decimal(25),
        expected_participants=300, day=day1, start_time=dt.time(8, 0),
        waypoints=(
            Waypoint(WaypointKind.EPREUVE, f"Escalade — terril {T074.title}", T074.lon, T074.lat,
                     Discipline.ESCALADE),
            Waypoint(WaypointKind.EPREUVE, f"Course d'orientation — {T075.title}", T075.lon,
                     T075.lat, Discipline.COURSE_ORIENTATION),
            Waypoint(WaypointKind.AID_STATION, f"Ravitaillement — {T101.title}", T101.lon,
                     T101.lat),
            Waypoint(WaypointKind.EPREUVE, f"Tir à l'arc — {T116.title}", T116.lon, T116.lat,
                     Discipline.TIR_ARC),
        ),
        legs=legs1,
    )
    stage2 = Format(
        "Étape 2 — Oignies → Wallers-Arenberg", Discipline.RAID, 90.0, 350, Decimal(25),
        expected_participants=300, day=day2, start_time=dt.time(8, 0),
        waypoints=(
            Waypoint(WaypointKind.CHECKPOINT, f"Départ — {T116.title}", T116.lon, T116.lat),
            Waypoint(WaypointKind.AID_STATION, f"Ravitaillement — {T144.title}", T144.lon,
                     T144.lat),
            Waypoint(WaypointKind.EPREUVE, "Canoë — étang des Argales (Rieulay)",
                     ARGALES_LOOP[0].lon, ARGALES_LOOP[0].lat, Discipline.CANOE),
            Waypoint(WaypointKind.FIRST_AID, f"Poste de secours — {T171.title}", T171.lon,
                     T171.lat),
            Waypoint(WaypointKind.EPREUVE, "Corde — chevalements d'Arenberg", ARENBERG.lon,
                     ARENBERG.lat, Discipline.ESCALADE),
        ),
        legs=legs2,
    )
    event = Event("Raid Bassin Minier", year, day1, day2, ORGANISER_PLACEHOLDER,
                  (stage1, stage2), template="raid-bassin-minier", stage_race=True)
    s1, s2 = stage1.name, stage2.name
    lines = (
        _priced("60", "Ravitaillements et repas — étape 1", 300, "12", driver=Driver.FORMAT,
                format_name=s1),
        _priced("60", "Ravitaillements et repas — étape 2", 300, "12", driver=Driver.FORMAT,
                format_name=s2),
        _priced("60", "Tee-shirts et lots des participants", 300, "10", driver=Driver.FORMAT,
                format_name=s1),
        _line("60", "Balisage et petit matériel", 1800),
        _priced("61", "Location de canoës biplaces et gilets (étape 2, étang des Argales)", 150,
                "20"),
        _line("61", "Location de barnums, parcs à vélos et bivouac", 4500),
        _line("61", "Assurance responsabilité civile organisateur", 1500),
        _line("62", "Chronométrage", 3500),
        _line("62", "Dispositif prévisionnel de secours", 4000),
        _line("62", "Transports et navettes", 5000),
        _line("62", "Communication et impressions", 2000),
        _priced("60", "Cartes de course d'orientation (T075 et Mare à Goriaux)", 250, "2"),
        _line("62", "Honoraires des encadrants diplômés (épreuves)", 3000),
        _line("63", "Droits d'auteur (SACEM)", 300),
        _line("64", "Coordination (contrat à durée déterminée)", 4500),
        _line("65", "Reversements fédéraux (titres de participation)", 1200),
        *_volunteering(60 * 2 * 8),
        _line("86", "Mise à disposition gratuite de sites et de salles", 2000),
        *registration_lines(event.formats),
        _line("70", "Parrainage (sponsoring)", 12000, category=Category.PRIVATE),
        *_subsidies((3000, 4000, 4000, 2500, 1500)),
        _line("75", "Mécénat (dons d'entreprises)", 3000, category=Category.PRIVATE),
        _line("87", "Prêts gratuits de sites et de salles", 2000),
    )
    targets = {Category.REGISTRATIONS: THIRD, Category.PUBLIC: THIRD, Category.PRIVATE: THIRD}
    return event, (Budget("Budget de l'action", lines, targets),)


def trail_pyramides_noires(year: int) -> tuple[Event, tuple[Budget, ...]]:
    day = _sunday_on_or_after(dt.date(year, 10, 1))
    formats = (
        Format("Ultra 100 km", Discipline.TRAIL, 100.0, 150, Decimal(60), day=day,
               expected_participants=100,
               start_time=dt.time(5, 0),
               waypoints=(
                   Waypoint(WaypointKind.AID_STATION, f"Ravitaillement — {T074.title}", T074.lon,
                            T074.lat),
                   Waypoint(WaypointKind.AID_STATION, f"Ravitaillement — {T101.title}", T101.lon,
                            T101.lat),
                   Waypoint(WaypointKind.FIRST_AID, f"Poste de secours — {T116.title}", T116.lon,
                            T116.lat),
               )),
        Format("Marathon 42 km", Discipline.TRAIL, 42.0, 250, Decimal(25), day=day,
               expected_participants=200,
               start_time=dt.time(8, 30),
               waypoints=(Waypoint(WaypointKind.AID_STATION, f"Ravitaillement — {T075.title}",
                                   T075.lon, T075.lat),)),
        Format("Semi 21 km", Discipline.TRAIL, 21.0, 300, Decimal(12), day=day,
               expected_participants=250,
               start_time=dt.time(9, 30)),
        Format("Rando famille", Discipline.RANDO, 10.0, 300, Decimal(4), day=day,
               expected_participants=250,
               start_time=dt.time(10, 0)),
    )
    event = Event("Trail des Pyramides Noires", year, day, day, ORGANISER_PLACEHOLDER, formats,
                  template="trail-pyramides-noires")
    lines = (
        _priced("60", "Ravitaillements", 800, "6", driver=Driver.PARTICIPANTS),
        _priced("60", "Lots finishers et tee-shirts", 800, "8", driver=Driver.PARTICIPANTS),
        _line("60", "Balisage et petit matériel", 1800),
        _line("61", "Location de barnums, sonorisation et sanitaires", 5500),
        _line("61", "Assurance responsabilité civile organisateur", 1500),
        _priced("62", "Chronométrage (puces)", 800, "4", driver=Driver.PARTICIPANTS),
        _line("62", "Dispositif prévisionnel de secours", 5800),
        _line("62", "Communication et impressions", 3000),
        _line("62", "Navettes", 3000),
        _line("62", "Médecin de course", 1000),
        _line("63", "Droits d'auteur (SACEM)", 400),
        _line("64", "Coordination (contrat à durée déterminée)", 6000),
        _line("65", "Reversements fédéraux (titres de participation)", 2600),
        *_volunteering(120 * 8),
        *registration_lines(formats),
        _line("70", "Parrainage (sponsoring)", 12500, category=Category.PRIVATE),
        *_subsidies((2000, 5000, 4500, 2000, 1500)),
        _line("75", "Mécénat (dons d'entreprises)", 2500, category=Category.PRIVATE),
    )
    targets = {Category.REGISTRATIONS: THIRD, Category.PUBLIC: THIRD, Category.PRIVATE: THIRD}
    return event, (Budget("Budget de l'action", lines, targets),)


def challenge_vtt_xc(year: int) -> tuple[Event, tuple[Budget, ...]]:
    loops_km = (6.0, 5.5, 7.0, 6.0, 5.0, 6.5)
    formats = []
    for i, (terril, loop) in enumerate(zip(VTT_TERRILS, loops_km, strict=True)):
        day = _sunday_on_or_after(dt.date(year, 3 + i, 1))
        formats.append(Format(
            f"Manche {i + 1} — {terril.ref} {terril.name}", Discipline.VTT, loop, 250,
            Decimal("2.50"), expected_participants=200, day=day, start_time=dt.time(9, 30),
            venue=terril.title,
            waypoints=(
                Waypoint(WaypointKind.CHECKPOINT, f"Départ-arrivée — {terril.title}",
                         terril.lon, terril.lat),
                Waypoint(WaypointKind.FIRST_AID, f"Poste de secours — {terril.title}",
                         terril.lon, terril.lat),
            ),
        ))
    event = Event("Challenge VTT XC des terrils", year, formats[0].day or dt.date(year, 3, 1),
                  formats[-1].day or dt.date(year, 8, 31), ORGANISER_PLACEHOLDER, tuple(formats),
                  is_series=True, template="challenge-vtt-xc")
    targets = {Category.REGISTRATIONS: HALF, Category.PRIVATE: HALF}
    budgets = []
    for fmt in formats:
        name = fmt.name
        lines = (
            _priced("60", "Ravitaillement", 200, "0.75", driver=Driver.FORMAT, format_name=name),
            _line("60", "Lots et récompenses", 200),
            _line("60", "Rubalise et balisage", 100),
            _line("61", "Assurance de la manche", 150),
            _priced("62", "Chronométrage (plaques)", 200, "1", driver=Driver.FORMAT,
                    format_name=name),
            _line("62", "Secouristes", 200),
            *_volunteering(15 * 6),
            *registration_lines((fmt,)),
            _line("70", "Parrainage (sponsoring)", 500, category=Category.PRIVATE),
        )
        budgets.append(Budget(name, lines, targets, format_names=(name,)))
    return event, tuple(budgets)


Builder = Callable[[int], tuple[Event, tuple[Budget, ...]]]


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    build: Builder


TEMPLATES: dict[str, Template] = {
    t.key: t for t in (
        Template("raid-bassin-minier", "Raid Bassin Minier (2 jours, 200 km, 300 participants)",
                 raid_bassin_minier),
        Template("trail-pyramides-noires",
                 "Trail des Pyramides Noires (100 km, 42 km, 21 km, rando famille)",
                 trail_pyramides_noires),
        Template("challenge-vtt-xc", "Challenge VTT XC (6 manches sur 6 terrils)",
                 challenge_vtt_xc),
    )
}


def build_template(key: str, year: int) -> tuple[Event, tuple[Budget, ...]]:
    try:
        template = TEMPLATES[key]
    except KeyError:
        known = ", ".join(TEMPLATES)
        raise UnknownTemplateError(f"Modèle « {key} » inconnu ; modèles : {known}") from None
    return template.build(year)
