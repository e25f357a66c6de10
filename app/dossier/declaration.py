"""Which declaration an event files, with whom, and by when (rules in :mod:`app.dossier.rules`)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from app.dossier import rules
from app.model import Discipline, Event, Format
from app.sheet import CommuneKm

#: Disciplines run as races (timed, ranked) in Cavalier's events; the others are outings.
TIMED_DISCIPLINES = frozenset({Discipline.TRAIL, Discipline.VTT, Discipline.RAID,
                               Discipline.RUN_BIKE, Discipline.COURSE_ORIENTATION,
                               Discipline.CANOE})
CYCLING_DISCIPLINES = frozenset({Discipline.VTT, Discipline.VELO})
#: Above this many participants an untimed outing on the public road is declared (R331-6 2°).
UNTIMED_THRESHOLD = 100

DEPARTMENT_NAMES = {"59": "Nord", "62": "Pas-de-Calais"}


#: A commune the course runs through, from its course sheet (name, INSEE code, département).
Commune = CommuneKm


@dataclass(frozen=True)
class Declaration:
    """One filing: the formats it covers, the form, the authorities, the dates."""

    formats: tuple[str, ...]
    timed: bool
    cycling: bool
    cerfa: str  # "" when no declaration is due
    cerfa_rule: rules.Rule | None
    authorities: tuple[str, ...]
    deadline: dt.date | None
    deadline_rule: rules.Rule | None
    federation_opinion_by: dt.date | None
    marshal_list_by: dt.date | None
    note: str = ""

    @property
    def required(self) -> bool:
        return bool(self.cerfa_rule)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day number ``months`` earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def department_label(code: str) -> str:
    name = DEPARTMENT_NAMES.get(code)
    if name:
        return f"{name} ({code})"
    return f"département {code}" if code else "département inconnu"


def authorities_for(communes: Sequence[Commune]) -> tuple[str, ...]:
    """R331-10: the mayor of a single commune, else the prefect of each department crossed."""
    names = list(dict.fromkeys(c.name for c in communes))
    if not names:
        return ("À déterminer : aucun parcours calculé pour ces formats",)
    if len(names) == 1:
        return (f"Maire de {names[0]}",)
    departments = sorted({c.department for c in communes if c.department})
    if not departments:
        return ("Préfet du département (communes sans code INSEE : à vérifier)",)
    return tuple(f"Préfet du {DEPARTMENT_NAMES.get(d, d)} ({d})"
                 if d in DEPARTMENT_NAMES else f"Préfet du département {d}" for d in departments)


def _cerfa(timed: bool, cycling: bool, participants: int) -> tuple[str, rules.Rule | None, str]:
    if timed and cycling:
        return "Cerfa n° 15827 (à confirmer)", rules.CERFA_CYCLING_TIMED, ""
    if timed:
        return "Cerfa n° 15824", rules.CERFA_15824, ""
    if participants <= UNTIMED_THRESHOLD:
        return "", None, (f"{participants} participants au plus, sans classement : pas de "
                          "déclaration exigée par l'article R331-6.")
    if cycling:
        return "Cerfa n° 15826", rules.CERFA_15826, ""
    return "Cerfa n° 15825", rules.CERFA_15825, ""


def declaration_for(formats: Sequence[Format], day: dt.date,
                    communes: Sequence[Commune]) -> Declaration:
    """The declaration of formats of one kind (timed or not, cycling or not) held on ``day``."""
    timed = formats[0].discipline in TIMED_DISCIPLINES
    cycling = formats[0].discipline in CYCLING_DISCIPLINES
    participants = sum(f.expected for f in formats)
    cerfa, cerfa_rule, note = _cerfa(timed, cycling, participants)
    names = tuple(f.name for f in formats)
    if cerfa_rule is None:
        return Declaration(names, timed, cycling, "", None, (), None, None, None, None, note)
    departments = {c.department for c in communes if c.department}
    if timed:
        months = 3 if len(departments) > 1 else 2
        deadline, deadline_rule = months_before(day, months), rules.DEADLINE_TIMED
        opinion: dt.date | None = months_before(deadline, 1)
    else:
        deadline, deadline_rule, opinion = months_before(day, 1), rules.DEADLINE_UNTIMED, None
    marshals = day - dt.timedelta(weeks=3)
    return Declaration(names, timed, cycling, cerfa, cerfa_rule, authorities_for(communes),
                       deadline, deadline_rule, opinion, marshals, note)


def declarations(event: Event, communes_of: dict[str, list[Commune]]) -> list[Declaration]:
    """One declaration per kind of format (timed or not, cycling or not) and per day."""
    groups: dict[tuple[bool, bool, dt.date], list[Format]] = {}
    for fmt in event.formats:
        key = (fmt.discipline in TIMED_DISCIPLINES, fmt.discipline in CYCLING_DISCIPLINES,
               fmt.day or event.start_date)
        groups.setdefault(key, []).append(fmt)
    result = []
    for (_, _, day), formats in groups.items():
        communes = [c for f in formats for c in communes_of.get(f.name, [])]
        result.append(declaration_for(formats, day, communes))
    return result
