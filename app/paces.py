"""Default pace models: usual figures for a mid-pack participant of each discipline (a format
can override them: ``cavalier allure``, or the window's pace field)."""

from __future__ import annotations

from app.model import Discipline, Pace

#: Pace of a course whose format has none.
FALLBACK_PACE = Pace(10.0, 6.0, 600.0)

DEFAULT_PACES: dict[Discipline, Pace] = {
    Discipline.TRAIL: Pace(9.0, 6.0, 600.0),
    Discipline.VTT: Pace(15.0, 10.0, 500.0),
    Discipline.RAID: Pace(8.0, 5.0, 500.0),
    Discipline.RANDO: Pace(4.5, 3.5, 300.0),
    Discipline.VELO: Pace(22.0, 15.0, 600.0),
    Discipline.COURSE_ORIENTATION: Pace(6.0, 4.0, 400.0),
    Discipline.CANOE: Pace(6.0, 4.0, 1000.0),
    Discipline.TIR_ARC: Pace(4.0, 3.0, 300.0),
    Discipline.ESCALADE: Pace(3.0, 2.0, 200.0),
    Discipline.RUN_BIKE: Pace(10.0, 7.0, 600.0),
}
