"""One leg's line of a stage's timetable, as ``cavalier leg`` prints it and the window's leg
editor shows it: « 2. VTT — …, T074 → T075 : 9,1 km, D+ 120 m, allure 15 km/h … — départ 8 h 10,
arrivée 8 h 52 (barrière 9 h 20) »."""

from __future__ import annotations

from app.legs import duration_text
from app.model import LegKind
from app.sheet import CourseSheet
from app.sheet.timetable import LegTimes
from routes.frenchfmt import number, short
from routes.outputs.unsurveyed import with_unsurveyed


def _km(metres: float) -> str:
    return number(metres / 1000)


def leg_line(sheet: CourseSheet, leg: LegTimes) -> str:
    if not leg.moving:
        title = f"Épreuve : {leg.mark}" if leg.kind is LegKind.EPREUVE else leg.title
        ref = leg.start_label.split(" ")[0] if leg.start_label else ""
        where = f" ({leg.start_label})" if ref and ref not in title else ""
        return (f"{leg.number}. {title}{where} : {minutes_text(leg)} — "
                f"{sheet.clock(leg.head_start)} → {sheet.clock(leg.head_end)} "
                f"(barrière {sheet.clock(leg.cutoff_end)})")
    climb = "D+ inconnu" if leg.climb_m is None else f"D+ {leg.climb_m:.0f} m"
    distance = with_unsurveyed(f"{_km(leg.length_m)} km", leg.unsurveyed_m)
    notes = [climb]
    if leg.pace is not None:
        notes.append(f"allure {short(leg.pace.speed_kmh)} km/h (fermeture "
                     f"{short(leg.pace.closing_kmh)} km/h)")
    if leg.hand_drawn:
        notes.append("tracé à la main, non relevé")
    if leg.unknown_practicability_m >= 50:
        notes.append(f"{_km(leg.unknown_practicability_m)} km de praticabilité inconnue")
    return (f"{leg.number}. {leg.title}, {leg.start_label} → {leg.end_label} : {distance}, "
            f"{', '.join(notes)} — départ {sheet.clock(leg.head_start)}, arrivée "
            f"{sheet.clock(leg.head_end)} (barrière {sheet.clock(leg.cutoff_end)})")


def minutes_text(leg: LegTimes) -> str:
    """« 45 min (au plus 1 h 00) »: an épreuve's or a transition's duration and limit."""
    text = duration_text(leg.duration)
    if leg.limit is not None and leg.limit != leg.duration:
        text += f" (au plus {duration_text(leg.limit)})"
    return text
