"""Course checks against the FFA trail rules: km-effort, category, paved share; the figures are
the course sheet's (length, D+, surfaces, unsurveyed km)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.dossier import rules
from app.model import Discipline
from app.roadbook.content import climb_text
from app.sheet import ClimbFigures, CourseSheet
from app.sheet.model import ClimbSource
from routes.frenchfmt import number
from routes.outputs.unsurveyed import has_unsurveyed, length_text

#: FFA km-effort categories: (upper bound exclusive, name). Source: rules.KM_EFFORT.
CATEGORIES = ((25.0, "XXS"), (45.0, "XS"), (75.0, "S"), (115.0, "M"), (155.0, "L"),
              (210.0, "XL"), (float("inf"), "XXL"))
PAVED_LIMIT = 0.25  # rules.PAVED_SHARE


def category(km_effort: float) -> str:
    return next(name for bound, name in CATEGORIES if km_effort < bound)


@dataclass
class CourseChecks:
    length_km: float
    d_plus: float | None  # None: no elevation at all
    d_plus_estimated: bool
    paved_m: float
    unpaved_m: float
    unknown_m: float
    applies_ffa: bool
    unsurveyed_m: float = 0.0  # on edges nobody surveyed (routes.provenance)
    unknown_practicability_m: float = 0.0  # old lines nobody knows the state of
    climb: str = ""  # the D+ as the roadbook words it
    #: For the file's reader (plain French).
    warnings: list[str] = field(default_factory=list)
    #: For the organiser (CLI, window): how to complete the figures.
    hints: list[str] = field(default_factory=list)

    @property
    def km_effort(self) -> float | None:
        return None if self.d_plus is None else self.length_km + self.d_plus / 100.0

    @property
    def category(self) -> str:
        effort = self.km_effort
        return category(effort) if effort is not None else category(self.length_km) + " au moins"

    @property
    def paved_share(self) -> float | None:
        known = self.paved_m + self.unpaved_m
        return self.paved_m / known if known > 0 else None

    def climb_text(self) -> str:
        if self.climb:
            return self.climb
        return ClimbFigures(self.d_plus, None, ClimbSource.ESTIMATE if self.d_plus_estimated
                            else ClimbSource.DEM if self.d_plus is not None
                            else ClimbSource.NONE).text()

    def effort_text(self) -> str:
        effort = self.km_effort
        if effort is None:
            return f"au moins {number(self.length_km)} (D+ inconnu)"
        text = number(effort)
        return text + " (D+ estimé)" if self.d_plus_estimated else text


def course_checks(sheet: CourseSheet, discipline: Discipline) -> CourseChecks:
    climb = sheet.climb
    checks = CourseChecks(sheet.length_m / 1000.0, climb.d_plus, climb.estimated, sheet.paved_m,
                          sheet.unpaved_m, sheet.unknown_surface_m,
                          discipline is Discipline.TRAIL, sheet.unsurveyed_m,
                          sheet.unknown_practicability_m, climb_text(sheet))
    if has_unsurveyed(sheet.unsurveyed_m):
        checks.warnings.append(
            f"{length_text(sheet.unsurveyed_m)} sur une géométrie non relevée (ligne droite "
            "du réseau, personne n'y est passé) : à reconnaître sur le terrain avant la "
            "manifestation.")
    consequence = ("le km-effort et la catégorie FFA sont des minimums" if checks.applies_ffa
                   else "les horaires de passage ne tiennent pas compte du dénivelé")
    if checks.d_plus is None:
        checks.warnings.append(f"D+ inconnu : pas d'altitudes pour ce parcours ; {consequence}.")
        checks.hints.append("D+ inconnu : appliquez un MNT (--dem FICHIER, ou « cavalier "
                            "elevation download ») pour le mesurer.")
    elif checks.d_plus_estimated:
        checks.warnings.append("D+ estimé d'après la hauteur des terrils, sans relevé "
                               "d'altitude : "
                               + ("km-effort et catégorie à confirmer." if checks.applies_ffa
                                  else "horaires de passage à confirmer."))
        checks.hints.append("D+ estimé : appliquez un MNT (--dem FICHIER) pour le mesurer.")
    elif climb.missing_m >= 50:
        checks.warnings.append(f"Altitudes manquantes sur {length_text(climb.missing_m)} : le D+ "
                               f"est mesuré sur le reste du parcours ; {consequence}.")
        checks.hints.append(f"Le MNT ne couvre pas {length_text(climb.missing_m)} du parcours : "
                            "ajoutez la dalle manquante (--dem FICHIER).")
    share = checks.paved_share
    if checks.applies_ffa and share is not None and share > PAVED_LIMIT:
        checks.warnings.append(
            f"Part revêtue {number(share * 100, 0)} % : au-delà de la limite FFA de 25 % "
            f"({rules.PAVED_SHARE.source}).")
    if checks.applies_ffa and sheet.unknown_surface_m > 0.5 * sheet.length_m:
        checks.warnings.append(
            f"Revêtement inconnu sur {number(sheet.unknown_surface_m / 1000)} km : la part "
            "revêtue ne peut pas être vérifiée contre la limite FFA de 25 %.")
    return checks
