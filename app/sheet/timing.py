"""Passage times as printed: the clock time of a moment, naming its day when it is not the
start's day (« dimanche 4 à 2 h 26 »), or the elapsed time when the start is not set."""

from __future__ import annotations

import datetime as dt

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def rounded(moment: dt.datetime) -> dt.datetime:
    """To the nearest minute."""
    base = moment.replace(second=0, microsecond=0)
    return base + dt.timedelta(minutes=1) if moment.second >= 30 else base


def clock_text(start: dt.datetime | None, elapsed: dt.timedelta) -> str:
    """« 10 h 42 » on the start's day, « dimanche 4 à 2 h 26 » on another day; without a start
    time, « 1 h 12 après le départ »."""
    if start is None:
        minutes = round(elapsed.total_seconds() / 60)
        return f"{minutes // 60} h {minutes % 60:02d} après le départ"
    moment = rounded(start + elapsed)
    text = f"{moment.hour} h {moment.minute:02d}"
    if moment.date() == start.date():
        return text
    return f"{_WEEKDAYS[moment.weekday()]} {moment.day} à {text}"
