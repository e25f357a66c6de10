"""Edits of a stage's legs, for the window (no Qt here).

Each edit gives the stage's new legs: split the course at one of its points (a format without legs
becomes two legs of its discipline's kind), change a leg's discipline, draw a leg by hand, add a
transition or an épreuve after a leg, merge a leg with the next, remove one, give a leg the points
of a generated course; rename a leg, change an épreuve's or a transition's duration and limit, a
moving leg's pace (:func:`pace_of_fields`) or routing profile. :func:`stage_edit` then routes
the legs that changed (their points, profile or drawing differ from their course) with
:func:`app.leg_routing.routed_stage`, the others keeping their course, and returns the one project
edit, with its inverse, that the window pushes as one undo step (:class:`SetStage`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.editing import Edit, Insert, MapPoint, Move, Relabel, Remove
from app.leg_routing import routed_stage
from app.legs import (
    LEG_PACES,
    LEG_PROFILES,
    chained,
    leg_profile,
    leg_stops,
    legs_match_course,
    stage_legs,
)
from app.model import Format, Leg, LegError, LegKind, Pace, PaceError, Stop
from app.project_store import Project
from routes.network.model import Network
from routes.progress import CancelCallback, ProgressCallback

#: The undo steps' names.
SPLIT = "Couper l'étape en deux tronçons"
SET_KIND = "Changer la discipline d'un tronçon"
HAND_DRAWN = "Tracer un tronçon à la main"
ADD_TRANSITION = "Ajouter une zone de transition"
ADD_EPREUVE = "Ajouter une épreuve"
MERGE = "Fusionner deux tronçons"
REMOVE = "Supprimer un tronçon"
GENERATE = "Générer le parcours d'un tronçon"
RENAME = "Renommer un tronçon"
SET_TIMES = "Changer la durée d'un tronçon"
SET_PACE = "Changer l'allure d'un tronçon"
SET_PROFILE = "Changer le profil d'un tronçon"
ROUTE = "Calculer les tronçons"


@dataclass(frozen=True)
class SetStage:
    """A stage (format) replaced by its edited version; the inverse puts the old one back."""

    index: int
    fmt: Format
    label: str = ROUTE

    @property
    def description(self) -> str:
        return self.label

    def apply(self, project: Project) -> tuple[Project, SetStage]:
        formats = list(project.event.formats)
        old = formats[self.index]
        formats[self.index] = self.fmt
        event = replace(project.event, formats=tuple(formats))
        return replace(project, event=event), SetStage(self.index, old, self.label)


def editable_legs(fmt: Format) -> tuple[Leg, ...]:
    """The format's legs as stored; a format without legs: its one leg on its course."""
    if fmt.legs:
        return fmt.legs
    legs = stage_legs(fmt)
    if not legs:
        raise LegError(f"« {fmt.name} » n'a pas encore de parcours : tracez-le d'abord.")
    return legs


def stop_places(fmt: Format) -> list[tuple[int, int]]:
    """For each point of the stage's course as the map numbers them (the stops of the legs'
    joined course, :func:`app.legs.joined_record`), the leg it belongs to and its position among
    that leg's points (a point shared by two legs: the first one's end). None of them when the
    course is not the legs' (redrawn since)."""
    if fmt.legs and not legs_match_course(fmt):
        return []
    if not fmt.legs:
        stops = fmt.route.stops if fmt.route is not None else ()
        return [(0, pos) for pos in range(len(stops))]
    result: list[tuple[int, int]] = []
    last: tuple[float, float] | None = None
    for index, leg in enumerate(chained(fmt.legs)):
        if not leg.kind.moving:
            continue
        for pos, stop in enumerate(leg_stops(leg)):
            if (stop.lon, stop.lat) == last:
                continue
            result.append((index, pos))
            last = (stop.lon, stop.lat)
    return result


def split_place(fmt: Format, stop_index: int) -> tuple[int, int] | None:
    """The leg and the position in it where the course can be split at its point
    ``stop_index``; None at the stage's or a leg's start or end (nothing to split)."""
    places = stop_places(fmt)
    if not 0 <= stop_index < len(places):
        return None
    index, pos = places[stop_index]
    legs = chained(editable_legs(fmt))
    return (index, pos) if 0 < pos < len(leg_stops(legs[index])) - 1 else None


def split_at(fmt: Format, stop_index: int) -> tuple[Leg, ...]:
    """The stage split at its point ``stop_index`` into two legs of the kind of the leg holding
    it (start → point, point → end), every point kept."""
    place = split_place(fmt, stop_index)
    if place is None:
        raise LegError("Ce point commence ou termine déjà un tronçon : coupez l'étape à un "
                       "point intermédiaire.")
    index, pos = place
    legs = editable_legs(fmt)
    leg = chained(legs)[index]
    stops = leg_stops(leg)
    first = replace(leg, via=leg.via[:pos - 1], end=stops[pos], route=None)
    name = f"{leg.name} (suite)" if leg.name else ""
    second = replace(leg, name=name, start=stops[pos], via=leg.via[pos:], route=None)
    return (*legs[:index], first, second, *legs[index + 1:])


def set_kind(legs: Sequence[Leg], index: int, kind: LegKind, *,
             hand_drawn: bool = False) -> tuple[Leg, ...]:
    """Leg ``index`` of another discipline: a moving leg takes that kind's profile and pace
    (and is routed again), an épreuve becomes a transition or the other way round."""
    leg = legs[index]
    if leg.kind.moving != kind.moving:
        raise LegError(f"{leg.title} : un tronçon à parcourir reste un tronçon à parcourir, une "
                       "épreuve ou une transition reste sur son site.")
    if kind.moving:
        changed = replace(leg, kind=kind, profile="", pace=None, hand_drawn=hand_drawn,
                          route=None)
    else:
        changed = replace(leg, kind=kind)
    return (*legs[:index], changed, *legs[index + 1:])


def set_hand_drawn(legs: Sequence[Leg], index: int, hand_drawn: bool) -> tuple[Leg, ...]:
    """Leg ``index`` drawn by hand through its points (never routed, « non relevé ») or
    routed again."""
    leg = legs[index]
    if not leg.kind.moving:
        raise LegError(f"{leg.title} : une épreuve ou une transition n'a pas de tracé.")
    return (*legs[:index], replace(leg, hand_drawn=hand_drawn, route=None), *legs[index + 1:])


def insert_transition(legs: Sequence[Leg], after: int, duration: dt.timedelta,
                      name: str = "zone de transition") -> tuple[Leg, ...]:
    """A transition where leg ``after`` ends (its site), lasting ``duration``."""
    transition = Leg(LegKind.TRANSITION, name=name.strip() or "zone de transition",
                     duration=duration)
    return (*legs[:after + 1], transition, *legs[after + 1:])


def insert_epreuve(legs: Sequence[Leg], after: int, duration: dt.timedelta, name: str = "", *,
                   limit: dt.timedelta | None = None) -> tuple[Leg, ...]:
    """An épreuve on the site where leg ``after`` ends, lasting ``duration`` (teams let through
    until ``limit``)."""
    epreuve = Leg(LegKind.EPREUVE, name=name.strip(), duration=duration, limit=limit)
    return (*legs[:after + 1], epreuve, *legs[after + 1:])


def rename_leg(legs: Sequence[Leg], index: int, name: str) -> tuple[Leg, ...]:
    """Leg ``index`` named ``name`` (blank: no name of its own, its discipline names it)."""
    leg = legs[index]
    return (*legs[:index], replace(leg, name=name.strip()), *legs[index + 1:])


def set_times(legs: Sequence[Leg], index: int, duration: dt.timedelta,
              limit: dt.timedelta | None = None) -> tuple[Leg, ...]:
    """Épreuve or transition ``index`` lasting ``duration``, teams let through until ``limit``
    (None: its kind's)."""
    leg = legs[index]
    if leg.kind.moving:
        raise LegError(f"{leg.title} : un tronçon à parcourir n'a pas de durée fixe (changez "
                       "son allure).")
    return (*legs[:index], replace(leg, duration=duration, limit=limit), *legs[index + 1:])


def pace_of_fields(kind: LegKind, speed: str, closing: str, climb: str) -> Pace | None:
    """The pace of a leg of ``kind`` typed in three fields (km/h, closing km/h, m of D+ per extra
    hour; « 12,5 » or « 12.5 »); an empty field takes the discipline's value, all three empty
    (or the discipline's values): None, the discipline's pace."""
    default = LEG_PACES.get(kind, LEG_PACES[LegKind.TRAIL])
    values: list[float] = []
    for text, fallback, what in ((speed, default.speed_kmh, "vitesse"),
                                 (closing, default.closing_kmh, "vitesse de fermeture"),
                                 (climb, default.climb_m_per_h, "dénivelé horaire")):
        cleaned = text.strip().replace(",", ".").replace("\u202f", "").replace(" ", "")
        if not cleaned:
            values.append(fallback)
            continue
        try:
            values.append(float(cleaned))
        except ValueError:
            raise LegError(f"Allure : {what} « {text.strip()} » illisible (un nombre "
                           "attendu).") from None
    try:
        pace = Pace(*values)
    except PaceError as exc:
        raise LegError(str(exc)) from None
    return None if pace == default else pace


def set_pace(legs: Sequence[Leg], index: int, pace: Pace | None) -> tuple[Leg, ...]:
    """Moving leg ``index`` at ``pace`` (None: its discipline's); its course stays, its times
    change."""
    leg = legs[index]
    if not leg.kind.moving:
        raise LegError(f"{leg.title} : une épreuve ou une transition a une durée, pas une allure.")
    if pace == LEG_PACES.get(leg.kind):
        pace = None
    return (*legs[:index], replace(leg, pace=pace), *legs[index + 1:])


def set_profile(legs: Sequence[Leg], index: int, profile: str) -> tuple[Leg, ...]:
    """Moving leg ``index`` routed with ``profile`` ("" or its discipline's: its
    discipline's); routed again."""
    leg = legs[index]
    if not leg.kind.moving:
        raise LegError(f"{leg.title} : une épreuve ou une transition n'a pas de parcours.")
    own = "" if profile == LEG_PROFILES.get(leg.kind) else profile
    return (*legs[:index], replace(leg, profile=own, route=None), *legs[index + 1:])


def _same_place(a: Stop | None, b: Stop | None) -> bool:
    return a is not None and b is not None and (a.lon, a.lat) == (b.lon, b.lat)


def _rechained(legs: Sequence[Leg], first: int, old_site: Stop | None,
               new_site: Stop | None) -> tuple[Leg, ...]:
    """From leg ``first`` on, up to the next moving leg, the legs that started where a changed
    leg ended (``old_site``) start where it ends now (``new_site``; None: chained)."""
    result = list(legs)
    for i in range(first, len(result)):
        leg = result[i]
        if _same_place(leg.start, old_site):
            result[i] = replace(leg, start=new_site if i == 0 else None)
        if leg.kind.moving:
            break
    return tuple(result)


def merge_with_next(legs: Sequence[Leg], index: int) -> tuple[Leg, ...]:
    """Leg ``index`` and the next one, both to be ridden or run, as one leg of the first one's
    kind through all their points."""
    chain = chained(legs)
    if index + 1 >= len(chain) or not (chain[index].kind.moving and chain[index + 1].kind.moving):
        raise LegError("Seuls deux tronçons à parcourir qui se suivent peuvent être fusionnés.")
    a, b = legs[index], chain[index + 1]
    assert a.end is not None
    bridge = () if _same_place(b.start, a.end) or b.start is None else (b.start,)
    merged = replace(a, via=(*a.via, a.end, *bridge, *b.via), end=b.end, route=None)
    return (*legs[:index], merged, *legs[index + 2:])


def remove_leg(legs: Sequence[Leg], index: int) -> tuple[Leg, ...]:
    """The stage without leg ``index``: the first one removed, the stage starts where it ended;
    another one, the legs that started where it ended start where it started (one course on)."""
    if len(legs) < 2:
        raise LegError("Une étape garde au moins un tronçon.")
    chain = chained(legs)
    removed = chain[index]
    rest = (*legs[:index], *legs[index + 1:])
    if not any(leg.kind.moving for leg in rest):
        raise LegError("Une étape garde au moins un tronçon à parcourir.")
    if index == 0:
        return (replace(rest[0], start=chain[1].start), *rest[1:])
    site = removed.end if removed.kind.moving else removed.start
    return _rechained(rest, index, site, None)


def stops_of_points(points: Sequence[MapPoint]) -> tuple[Stop, ...]:
    """Route points of the map as the stops of a course."""
    return tuple(Stop(p.label or f"{p.lat:.5f}, {p.lon:.5f}", p.lon, p.lat) for p in points)


def replace_stops(legs: Sequence[Leg], index: int, stops: Sequence[Stop]) -> tuple[Leg, ...]:
    """Leg ``index`` through other points (a generated course); the legs after it start where
    it now ends."""
    leg = chained(legs)[index]
    if not leg.kind.moving or len(stops) < 2:
        raise LegError(f"{leg.title} : un parcours de tronçon demande au moins deux points.")
    changed = replace(legs[index], start=stops[0], via=tuple(stops[1:-1]), end=stops[-1],
                      route=None)
    rest = _rechained(legs[index + 1:], 0, leg.end, None)
    return (*legs[:index], changed, *rest)


def _with_stops(leg: Leg, stops: Sequence[Stop]) -> Leg:
    return replace(leg, start=stops[0], via=tuple(stops[1:-1]), end=stops[-1], route=None)


def _point_stop(point: MapPoint) -> Stop:
    return stops_of_points([point])[0]


def point_edit(fmt: Format, edit: Edit) -> tuple[Leg, ...] | None:
    """A route point moved, added or removed on the map of a stage with legs, as the legs'
    edit: the point in the leg it belongs to (a point added between two legs' points goes to
    the leg there; at the end, to the last leg). None: not a route point's edit (a waypoint's:
    the legs do not change). Raises LegError for what a stage with legs cannot do that way."""
    if isinstance(edit, Move | Insert | Remove | Relabel) and edit.group != "s":
        return None
    if not isinstance(edit, Move | Insert | Remove):
        raise LegError(f"« {edit.description} » : sur une étape à tronçons, modifiez les "
                       "tronçons (arbre de l'événement) : discipline, parcours généré, coupe.")
    legs = fmt.legs
    chain = chained(legs)
    places = stop_places(fmt)
    moving = [i for i, leg in enumerate(chain) if leg.kind.moving]
    if isinstance(edit, Insert):
        new = _point_stop(edit.point)
        if edit.index >= len(places):
            index, pos = moving[-1], len(leg_stops(chain[moving[-1]]))
        elif edit.index <= 0:
            index, pos = moving[0], 0
        else:
            index, pos = places[edit.index]
            if pos == 0:  # a leg starting elsewhere: the point ends the leg before
                index, before = places[edit.index - 1]
                pos = before + 1
        stops = list(leg_stops(chain[index]))
        old_end = stops[-1]
        stops.insert(pos, new)
        changed = (*legs[:index], _with_stops(chain[index], stops), *legs[index + 1:])
        if pos == len(stops) - 1:  # a new end: the next legs start there
            return (*changed[:index + 1], *_rechained(changed[index + 1:], 0, old_end, None))
        return changed
    if not 0 <= edit.index < len(places):
        raise LegError("Point inconnu.")
    index, pos = places[edit.index]
    stops = list(leg_stops(chain[index]))
    old = stops[pos]
    if isinstance(edit, Remove):
        if pos in (0, len(stops) - 1):
            raise LegError(f"« {old.label} » commence ou termine un tronçon : supprimez ou "
                           "fusionnez le tronçon (arbre de l'événement) plutôt que le point.")
        del stops[pos]
        return (*legs[:index], _with_stops(chain[index], stops), *legs[index + 1:])
    moved = Stop(old.label, edit.lon, edit.lat)
    stops[pos] = moved
    changed = (*legs[:index], _with_stops(chain[index], stops), *legs[index + 1:])
    if pos == len(stops) - 1:  # the next legs start where this one ends now
        return (*changed[:index + 1], *_rechained(changed[index + 1:], 0, old, None))
    return changed


def needs_routing(leg: Leg) -> bool:
    """A chained moving leg whose course is missing or no longer goes through its points with
    its profile and drawing."""
    route = leg.route
    if not leg.kind.moving:
        return False
    return (route is None or route.stops != leg_stops(leg) or route.profile != leg_profile(leg)
            or bool(route.stats.get("hand_drawn")) != leg.hand_drawn)


def waterless_canoe_legs(legs: Sequence[Leg]) -> list[int]:
    """The canoe legs a refused routing may be about: routed on water, still to route (they
    can be drawn by hand instead, :func:`drawn_by_hand`)."""
    return [i for i, leg in enumerate(chained(legs))
            if leg.kind.moving and leg_profile(leg) == "canoe" and not leg.hand_drawn
            and needs_routing(leg)]


def drawn_by_hand(legs: Sequence[Leg], indices: Sequence[int]) -> tuple[Leg, ...]:
    """The legs with those of ``indices`` drawn by hand."""
    new = tuple(legs)
    for i in indices:
        new = set_hand_drawn(new, i, True)
    return new


def stage_edit(project: Project, index: int, legs: Sequence[Leg], network: Network, *,
               label: str = ROUTE, progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> SetStage:
    """The project edit giving format ``index`` these legs, the changed ones routed (plain
    function, run in a worker). Raises LegError (a canoe leg on a network without water...)."""
    fmt = project.event.formats[index]
    chain = chained(legs)
    cleared = [replace(leg, route=None) if needs_routing(link) else leg
               for leg, link in zip(legs, chain, strict=True)]
    return SetStage(index, routed_stage(fmt, network, cleared, reuse=True, progress=progress,
                                        cancel=cancel), label)
