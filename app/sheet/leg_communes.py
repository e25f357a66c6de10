"""The communes each leg of a stage crosses, with their km: the sheet's commune pieces (computed
once, with the stage's communes) cut at the legs' bounds, so the legs' lengths in a commune add
up to the stage's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from app.sheet.model import CommuneKm
from app.sheet.timetable import Timetable

#: (commune, start, end) metres on the sheet's axis: where the course runs in a commune.
Piece = tuple[str, float, float]


def split_by_leg(pieces: Iterable[Piece], bounds: Sequence[tuple[float, float]],
                 codes: Mapping[str, str], *, keep: Iterable[str],
                 min_m: float) -> list[tuple[CommuneKm, ...]]:
    """For each (start, end) of ``bounds``: the communes of ``keep`` (the stage's, slivers
    dropped) the course runs in there for ``min_m`` at least, in order of first entry."""
    kept = set(keep)
    pieces = [p for p in pieces if p[0] in kept]
    result = []
    for start, end in bounds:
        found: dict[str, list[float]] = {}
        for name, a, b in pieces:
            inside = min(b, end) - max(a, start)
            if inside > 0:
                entry = found.setdefault(name, [0.0, max(a, start)])
                entry[0] += inside
                entry[1] = min(entry[1], max(a, start))
        result.append(tuple(sorted(
            (CommuneKm(name, codes.get(name, ""), length, first)
             for name, (length, first) in found.items() if length >= min_m),
            key=lambda c: c.first_m)))
    return result


def with_communes(timetable: Timetable, pieces: Iterable[Piece], codes: Mapping[str, str],
                  *, keep: Iterable[str], min_m: float) -> Timetable:
    """The timetable with each moving leg's communes (none for an épreuve or a transition:
    they stand in one place, the commune of the leg before)."""
    legs = timetable.legs
    split = split_by_leg(list(pieces), [(leg.start_m, leg.end_m) for leg in legs], codes,
                         keep=keep, min_m=min_m)
    return replace(timetable, legs=tuple(replace(leg, communes=communes if leg.moving else ())
                                         for leg, communes in zip(legs, split, strict=True)))
