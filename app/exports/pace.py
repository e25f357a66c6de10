"""Expected times and cut-offs: a pace model per discipline, editable per format.

Time on a stretch = its distance at the flat speed + its climb at the climbing rate (a Naismith
rule). The cut-off (barrière horaire) uses the slower « closing » speed and the same climb rate
halved. Defaults are usual figures for a mid-pack participant of each discipline; a format can
override them: stored in the project (``cavalier allure``) or given for one export
(``cavalier export --allure``).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from app.model import Pace, PaceError
from app.paces import DEFAULT_PACES, FALLBACK_PACE
from routes.frenchfmt import short

#: Times written in course files (FIT, TCX) are in the basin's time zone.
LOCAL_TIME = ZoneInfo("Europe/Paris")
#: When a format has no start time yet (FIT needs one): a fixed, recognisable moment.
NO_START = dt.datetime(2000, 1, 1, 8, 0, tzinfo=dt.UTC)
def parse_pace(text: str) -> tuple[str, Pace]:
    """« Marathon 42 km=9/6/600 » (km/h, km/h de fermeture, m de D+ par heure) -> (format, Pace).

    The third figure is optional (600 m/h)."""
    name, sep, figures = text.rpartition("=")
    parts = figures.replace(",", ".").split("/")
    try:
        if not sep or not name.strip() or len(parts) not in (2, 3):
            raise ValueError
        values = [float(p) for p in parts]
    except ValueError:
        raise PaceError(f"--allure « {text} » : attendu FORMAT=VITESSE/FERMETURE[/D+ HORAIRE], "
                        "par exemple « Marathon 42 km=9/6/600 ».") from None
    return name.strip(), Pace(values[0], values[1], values[2] if len(values) == 3 else 600.0)


def pace_text(pace: Pace) -> str:
    """« 9/6/600 », what :func:`parse_pace` reads back."""
    return "/".join(short(v) for v in (pace.speed_kmh, pace.closing_kmh, pace.climb_m_per_h))


__all__ = ["DEFAULT_PACES", "FALLBACK_PACE", "Pace", "PaceError", "pace_text",
           "parse_pace"]
