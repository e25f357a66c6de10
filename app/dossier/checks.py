"""Course checks against the FFA trail rules: km-effort, category, paved share."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.dossier import rules
from app.dossier.itinerary import Itinerary
from app.model import Discipline
from app.sheet.surfaces import surface_of
from routes.frenchfmt import number
from routes.network.model import Network
from routes.outputs.stats import RouteLine, edges_along
from routes.provenance import is_surveyed

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
    warnings: list[str] = field(default_factory=list)

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
        if self.d_plus is None:
            return "inconnu (aucune altitude dans le réseau)"
        text = f"{self.d_plus:.0f} m"
        return text + " (estimation, sans MNT)" if self.d_plus_estimated else text

    def effort_text(self) -> str:
        effort = self.km_effort
        if effort is None:
            return f"au moins {number(self.length_km)} (D+ inconnu)"
        text = number(effort)
        return text + " (D+ estimé)" if self.d_plus_estimated else text


def course_checks(itinerary: Itinerary, network: Network) -> CourseChecks:
    stats = itinerary.stats
    route = itinerary.fmt.route
    assert route is not None
    _middles, under = edges_along(network, RouteLine(route.geometry))
    step = stats.length_m / len(under) if under else 0.0
    paved = unpaved = unknown = unsurveyed = 0.0
    for edge in under:
        if edge is not None and not is_surveyed(edge):
            unsurveyed += step
        state = surface_of(edge) if edge is not None else None
        if state is True:
            paved += step
        elif state is False:
            unpaved += step
        else:
            unknown += step
    trace = stats.profile
    has_climb = trace.available and (not trace.is_estimate or stats.d_plus > 0)
    checks = CourseChecks(stats.length_m / 1000.0, stats.d_plus if has_climb else None,
                          trace.is_estimate, paved, unpaved, unknown,
                          itinerary.fmt.discipline is Discipline.TRAIL, unsurveyed)
    if unsurveyed > 0:
        checks.warnings.append(
            f"{number(unsurveyed / 1000, 2)} km sur une géométrie non relevée (ligne droite "
            "du réseau, personne n'y est passé) : à reconnaître sur le terrain avant de "
            "déclarer ce parcours.")
    consequence = ("le km-effort et la catégorie FFA sont des minimums" if checks.applies_ffa
                   else "les horaires de passage ne tiennent pas compte du dénivelé")
    if checks.d_plus is None:
        checks.warnings.append(f"D+ inconnu : aucune altitude dans le réseau (importez un MNT) ; "
                               f"{consequence}.")
    elif checks.d_plus_estimated:
        checks.warnings.append("D+ estimé d'après la hauteur des terrils (pas de MNT) : "
                               + ("km-effort et catégorie à confirmer." if checks.applies_ffa
                                  else "horaires de passage à confirmer."))
    share = checks.paved_share
    if checks.applies_ffa and share is not None and share > PAVED_LIMIT:
        checks.warnings.append(
            f"Part revêtue {number(share * 100, 0)} % : au-delà de la limite FFA de 25 % "
            f"({rules.PAVED_SHARE.source}).")
    if checks.applies_ffa and unknown > 0.5 * stats.length_m:
        checks.warnings.append(
            f"Revêtement inconnu sur {number(unknown / 1000)} km : la part revêtue ne peut pas "
            "être vérifiée contre la limite FFA de 25 %.")
    return checks
