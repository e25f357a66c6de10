"""Dates in French, one wording for every document: « samedi 3 octobre 2027 », and an event's
days as « le samedi 3 octobre 2027 » (one day) or « du samedi 2 au dimanche 3 octobre 2027 »."""

from __future__ import annotations

import datetime as dt

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _day_number(day: dt.date) -> str:
    return "1er" if day.day == 1 else str(day.day)


def french_date(day: dt.date) -> str:
    """« samedi 3 octobre 2027 », « dimanche 1er novembre 2027 »."""
    return f"{WEEKDAYS[day.weekday()]} {_day_number(day)} {MONTHS[day.month - 1]} {day.year}"


def event_days(start: dt.date, end: dt.date) -> str:
    """The days of an event, lower case, ready to follow a name: « le samedi 3 octobre 2027 »
    for a one-day event, « du samedi 2 au dimanche 3 octobre 2027 » otherwise (the month and
    the year are said once when both days share them)."""
    if end < start:
        raise ValueError("la date de fin précède la date de début")
    if start == end:
        return f"le {french_date(start)}"
    if start.year != end.year:
        first = french_date(start)
    elif start.month != end.month:
        first = f"{WEEKDAYS[start.weekday()]} {_day_number(start)} {MONTHS[start.month - 1]}"
    else:
        first = f"{WEEKDAYS[start.weekday()]} {_day_number(start)}"
    return f"du {first} au {french_date(end)}"


def sentence_start(text: str) -> str:
    """``text`` with a capital first letter, to open a sentence or a line (« Le samedi… »)."""
    return text[:1].upper() + text[1:]
