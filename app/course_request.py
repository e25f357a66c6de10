"""One builder of generation requests for the command line and the window (no Qt here).

``cavalier loop|race|variant`` and the route panel's « Options » give the same settings (length
tolerance, reuse limit, overlap with last edition, within the start's terril, via points, number
of terrils and of proposals); :func:`build_request` turns them into the
:class:`~routes.courses.generate.CourseRequest` the generator answers, so both ask for the same
thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from routes.courses.controls import CLI_CONTROLS, Controls
from routes.courses.generate import DEFAULT_MAX_OVERLAP, MAX_REUSE, CourseKind, CourseRequest
from routes.courses.loops import LoopError
from routes.network.model import Network
from routes.network.places import Place
from routes.search.routing import StopInput

#: The route panel's controls, as a window message names them (the labels of its « Options »).
WINDOW_CONTROLS = Controls(
    length="« Longueur visée »",
    tolerance="« Écart de longueur admis » dans Options",
    max_reuse="« Chemins repris au plus » dans Options",
    recce_tracks="« Réseau › Importer des traces de reconnaissance… »")
#: How the window names « within the terril » (its Options check box).
WINDOW_WITHIN_TERRIL = "« Rester sur le terril de départ »"


@dataclass(frozen=True)
class GenerationOptions:
    """The settings beside the kind, start and length; the command line's defaults."""

    tolerance: float | None = None  # share of the length; None: 2 % a loop, 5 % a race
    max_reuse: float = MAX_REUSE
    max_overlap: float = DEFAULT_MAX_OVERLAP
    within_terril: bool = False
    terril_count: int | None = None  # a race's terrils; None: one every 7 km
    count: int = 3


DEFAULT_OPTIONS = GenerationOptions()


def build_request(network: Network, kind: CourseKind, profile: str, start: StopInput,
                  length_m: float, options: GenerationOptions = DEFAULT_OPTIONS, *,
                  finish: StopInput | None = None, via: Sequence[StopInput] = (),
                  required: Sequence[str] = (), ordered: bool = False,
                  previous: Sequence[tuple[float, float]] = (),
                  within_terril_name: str = "--within-terril") -> CourseRequest:
    """The generator's request; ``within_terril_name`` is how the asker names that setting."""
    area = None
    area_name = ""
    if options.within_terril:
        place = (start if isinstance(start, Place)
                 else network.places.resolve(start) if isinstance(start, str) else None)
        if place is None or place.kind != "terril" or place.footprint is None:
            label = place.label if place is not None else "ce départ"
            raise LoopError(f"{within_terril_name} demande un départ sur un terril dont "
                            f"l'emprise est connue ; « {label} » n'en a pas.")
        area = place.footprint
        area_name = place.label
    return CourseRequest(kind, profile, start, length_m, finish=finish, via=tuple(via),
                         area=area, area_name=area_name, previous=tuple(previous),
                         terril_count=options.terril_count, required=tuple(required),
                         ordered=ordered, tolerance=options.tolerance,
                         max_reuse=options.max_reuse, max_overlap=options.max_overlap,
                         count=options.count)


__all__ = ["CLI_CONTROLS", "DEFAULT_OPTIONS", "WINDOW_CONTROLS", "GenerationOptions",
           "build_request"]
