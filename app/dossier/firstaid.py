"""First-aid cover from the RNMSC-DPS risk grid (rules.DPS_GRID, rules.DPS_CATEGORIES)."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Indicator values of the 2006 grid, offered as choices; see rules.DPS_GRID (to confirm).
BEHAVIOUR = {0.25: "public assis", 0.30: "public debout, statique",
             0.35: "public debout, peu mobile", 0.40: "public dynamique ou en mouvement"}
ENVIRONMENT = {0.25: "structures permanentes, voies urbaines", 0.30: "structures non "
               "permanentes, zone rurale", 0.35: "espaces naturels ≤ 2 ha, brancardage 150-300 m",
               0.40: "espaces naturels > 2 ha, brancardage > 300 m, terrain accidenté"}
DELAY = {0.25: "moins de 10 min", 0.30: "10 à 20 min", 0.35: "20 à 30 min",
         0.40: "plus de 30 min"}


@dataclass(frozen=True)
class FirstAidInputs:
    public: int  # spectators present at the same time
    participants: int  # participants present at the same time
    behaviour: float = 0.40
    environment: float = 0.40
    delay: float = 0.30


def delay_indicator(minutes: float) -> float:
    return 0.25 if minutes < 10 else 0.30 if minutes <= 20 else 0.35 if minutes <= 30 else 0.40


@dataclass(frozen=True)
class FirstAidCover:
    inputs: FirstAidInputs
    people: float  # P after the 100 000 rule
    index: float  # i = P2 + E1 + E2
    ris: float
    cover: str
    rescuers: int
    note: str


def weighted_people(count: int) -> float:
    """P: the headcount, halved beyond 100 000 (RNMSC-DPS)."""
    return float(count) if count <= 100_000 else 100_000 + (count - 100_000) / 2


def first_aid(inputs: FirstAidInputs) -> FirstAidCover:
    people = weighted_people(inputs.public + inputs.participants)
    index = inputs.behaviour + inputs.environment + inputs.delay
    ris = index * people / 1000.0
    note = ""
    if ris <= 0.25:
        cover, rescuers = "Aucun DPS exigé par la grille", 0
        note = "L'organisateur reste libre de prévoir un poste de secours."
    elif ris <= 1.125 and not inputs.participants:
        cover, rescuers = "PAPS", 2
    elif ris <= 1.125:
        cover, rescuers = "DPS-PE", 4
        note = ("La grille donne un PAPS, qui ne peut pas assurer la sécurité des participants "
                "(acteurs) : le dossier retient un DPS-PE.")
    elif ris <= 12:
        cover, rescuers = "DPS-PE", max(4, math.ceil(ris))
    elif ris <= 36:
        cover, rescuers = "DPS-ME", math.ceil(ris)
    else:
        cover, rescuers = "DPS-GE", math.ceil(ris)
    return FirstAidCover(inputs, people, index, ris, cover, rescuers, note)
