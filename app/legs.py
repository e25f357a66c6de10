"""A stage's legs: chained one after the other, each with its profile and pace, and joined into
the stage's one course.

A format without legs is one leg (:func:`stage_legs`): everything that reads ``Format.route``
keeps working, and a stage with legs has as its route the legs' courses joined
(:func:`joined_record`), so the course sheet's length and D+ are the sum of the legs'.
The command line's leg syntax is read here too (:func:`parse_leg`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from app.model import (
    Discipline,
    Format,
    Leg,
    LegError,
    LegKind,
    Pace,
    PaceError,
    RouteRecord,
    Stop,
)
from routes.outputs.stats import geodesic_steps
from routes.provenance import SOURCE_HAND

#: The routing profile of each kind of moving leg (a leg can name another).
LEG_PROFILES: dict[LegKind, str] = {
    LegKind.VTT: "vtt",
    LegKind.TRAIL: "trail",
    LegKind.MARCHE_NORDIQUE: "rando",
    LegKind.CANOE: "canoe",
    LegKind.ORIENTATION: "trail",
    LegKind.VELO_ROUTE: "velo",
}

#: Mid-pack team pace of each kind of moving leg: km/h, closing km/h, m of D+ per extra hour.
LEG_PACES: dict[LegKind, Pace] = {
    LegKind.VTT: Pace(15.0, 10.0, 500.0),
    LegKind.TRAIL: Pace(9.0, 6.0, 600.0),
    LegKind.MARCHE_NORDIQUE: Pace(6.0, 4.5, 400.0),
    LegKind.CANOE: Pace(6.0, 4.0, 1000.0),
    LegKind.ORIENTATION: Pace(5.0, 3.5, 400.0),
    LegKind.VELO_ROUTE: Pace(22.0, 15.0, 600.0),
}

#: The colour a leg of each kind is drawn in on the map (the window, the HTML map): strong hues
#: that stay readable on the OpenStreetMap and IGN base maps and differ from the network's layers
#: and from the plain course's blue; an épreuve or a transition is a marker of its colour.
LEG_COLORS: dict[LegKind, str] = {
    LegKind.VTT: "#d81b60",
    LegKind.TRAIL: "#ef6c00",
    LegKind.MARCHE_NORDIQUE: "#7b1fa2",
    LegKind.CANOE: "#0288d1",
    LegKind.ORIENTATION: "#558b2f",
    LegKind.VELO_ROUTE: "#283593",
    LegKind.EPREUVE: "#b71c1c",
    LegKind.TRANSITION: "#37474f",
}

#: The kind of the one leg of a format without legs.
KIND_OF_DISCIPLINE: dict[Discipline, LegKind] = {
    Discipline.TRAIL: LegKind.TRAIL,
    Discipline.VTT: LegKind.VTT,
    Discipline.VELO: LegKind.VELO_ROUTE,
    Discipline.CANOE: LegKind.CANOE,
    Discipline.COURSE_ORIENTATION: LegKind.ORIENTATION,
    Discipline.RUN_BIKE: LegKind.TRAIL,
    Discipline.RANDO: LegKind.MARCHE_NORDIQUE,
}


def leg_profile(leg: Leg) -> str:
    return leg.profile or LEG_PROFILES.get(leg.kind, "trail")


def leg_pace(leg: Leg) -> Pace:
    return leg.pace or LEG_PACES.get(leg.kind, LEG_PACES[LegKind.TRAIL])


def chained(legs: Sequence[Leg]) -> tuple[Leg, ...]:
    """The legs with every missing start set to where the previous leg ends (a site for an
    épreuve or a transition). The first leg must say where it starts."""
    result: list[Leg] = []
    here: Stop | None = None
    for index, leg in enumerate(legs):
        start = leg.start or here
        if start is None:
            raise LegError(f"Tronçon {index + 1} ({leg.title}) : le premier tronçon d'une étape "
                           "doit dire où il part.")
        result.append(replace(leg, start=start))
        here = leg.end if leg.kind.moving else start
    return tuple(result)


def leg_stops(leg: Leg) -> tuple[Stop, ...]:
    """The points a moving leg goes through, start to end (the leg must be chained)."""
    assert leg.start is not None and leg.end is not None
    return (leg.start, *leg.via, leg.end)


def stage_legs(fmt: Format) -> tuple[Leg, ...]:
    """The format's legs, chained; a format without legs is one leg on its course."""
    if fmt.legs:
        return chained(fmt.legs)
    route = fmt.route
    kind = KIND_OF_DISCIPLINE.get(fmt.discipline, LegKind.TRAIL)
    if route is None or not route.stops:
        return ()
    stops = route.stops
    return (Leg(kind, start=stops[0], via=tuple(stops[1:-1]), end=stops[-1],
                profile=route.profile, pace=fmt.pace, route=route),)


def hand_drawn_record(stops: Sequence[Stop], *, profile: str = "canoe") -> RouteRecord:
    """A line drawn by hand through ``stops``: never routed, all of it unsurveyed (« tracé à la
    main, non relevé »)."""
    if len(stops) < 2:
        raise LegError("Un tracé à la main demande au moins deux points.")
    length = float(geodesic_steps(np.asarray([(s.lon, s.lat) for s in stops])).sum())
    return RouteRecord(profile, tuple(stops), tuple((s.lon, s.lat) for s in stops),
                       {"length_m": length, "layer_share": {}, "ruptures": [], "terrils": [],
                        "unsurveyed_m": length, "unsurveyed_spans": [[0.0, length, SOURCE_HAND]],
                        "hand_drawn": True})


def joined_record(legs: Sequence[Leg]) -> RouteRecord | None:
    """The stage's course: the moving legs' courses end to end (None until every moving leg has
    one). Lengths, layer shares, rupture points, terrils and unsurveyed stretches add up."""
    moving = [leg for leg in legs if leg.kind.moving]
    if not moving or any(leg.route is None or len(leg.route.geometry) < 2 for leg in moving):
        return None
    geometry: list[tuple[float, ...]] = []
    stops: list[Stop] = []
    layers: dict[str, float] = {}
    ruptures: list[Any] = []
    labels: list[Any] = []
    terrils: list[str] = []
    spans: list[list[Any]] = []
    length = 0.0
    for leg in moving:
        route = leg.route
        assert route is not None
        points = list(route.geometry)
        if geometry and points[0][:2] != geometry[-1][:2]:  # a leg starting elsewhere: the
            gap = float(geodesic_steps(np.asarray([geometry[-1][:2], points[0][:2]])).sum())
            spans.append([length, length + gap, SOURCE_HAND])  # straight line between is a sketch
            length += gap
        geometry.extend(points[1:] if geometry and points[0][:2] == geometry[-1][:2]
                        else points)
        for stop in route.stops:
            if not stops or (stop.lon, stop.lat) != (stops[-1].lon, stops[-1].lat):
                stops.append(stop)
        # on the geodesic axis of the course sheet: the router's metres scaled to the leg's line
        leg_length = float(geodesic_steps(np.asarray([p[:2] for p in points])).sum())
        stored = float(route.stats.get("length_m", 0.0) or 0.0)
        scale = leg_length / stored if stored > 0 else 1.0
        for layer, share in (route.stats.get("layer_share", {}) or {}).items():
            layers[layer] = layers.get(layer, 0.0) + float(share) * leg_length
        ruptures.extend(route.stats.get("ruptures", ()) or ())
        labels.extend(route.stats.get("rupture_labels", ()) or ())
        terrils.extend(t for t in route.stats.get("terrils", ()) or () if t not in terrils)
        spans.extend([float(s[0]) * scale + length, float(s[1]) * scale + length, *s[2:]]
                     for s in route.stats.get("unsurveyed_spans", ()) or ())
        length += leg_length
    stats: dict[str, Any] = {
        "length_m": length,
        "layer_share": {k: v / length if length else 0.0 for k, v in layers.items()},
        "ruptures": ruptures, "terrils": terrils,
        "unsurveyed_m": sum(float(s[1]) - float(s[0]) for s in spans),
        "unsurveyed_spans": spans, "legs": len(legs)}
    if labels:
        stats["rupture_labels"] = labels
    return RouteRecord("raid", tuple(stops), tuple(geometry), stats)


def legs_on_course(fmt: Format) -> tuple[Leg, ...]:
    """The format's legs, chained, when its course is their courses joined (every moving leg
    routed, the course not redrawn since); none otherwise."""
    if not fmt.legs:
        return ()
    try:
        legs = chained(fmt.legs)
    except LegError:
        return ()
    joined = joined_record(legs)
    if (joined is None or fmt.route is None
            or [p[:2] for p in joined.geometry] != [p[:2] for p in fmt.route.geometry]):
        return ()
    return legs


def legs_match_course(fmt: Format) -> bool:
    """Whether the format's course is its legs' courses joined."""
    return bool(legs_on_course(fmt))


def with_legs(fmt: Format, legs: Sequence[Leg]) -> Format:
    """The format with these legs, its course the legs' courses joined (None until all are
    routed)."""
    legs = chained(legs)
    return replace(fmt, legs=legs, route=joined_record(legs))


def duration_text(duration: dt.timedelta | None) -> str:
    """« 10 min », « 1 h 15 »: an épreuve's or a transition's duration as documents print it."""
    minutes = round((duration or dt.timedelta(0)).total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


def leg_summary(leg: Leg) -> str:
    """What the event tree says of a leg: « 9,1 km, T074 → T075 », « 10 min (T101) »,
    « pas encore de parcours »."""
    from routes.frenchfmt import number

    if not leg.kind.moving:
        text = duration_text(leg.duration)
        return f"{text} ({leg.start.label})" if leg.start else text
    ends = " → ".join(s.label for s in (leg.start, leg.end) if s is not None)
    if leg.route is None:
        return f"{ends}, pas encore de parcours"
    drawn = ", tracé à la main" if leg.hand_drawn else ""
    return f"{number(leg.route.length_km)} km{drawn}, {ends}"


# -- the command line's syntax -------------------------------------------------------------
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*(?:min|mn|m)?)?\s*$", re.IGNORECASE)
_KIND_WORDS: Mapping[str, LegKind] = {
    "vtt": LegKind.VTT, "trail": LegKind.TRAIL, "course": LegKind.TRAIL,
    "marche-nordique": LegKind.MARCHE_NORDIQUE, "marche": LegKind.MARCHE_NORDIQUE,
    "canoe": LegKind.CANOE, "canoë": LegKind.CANOE, "kayak": LegKind.CANOE,
    "orientation": LegKind.ORIENTATION, "co": LegKind.ORIENTATION,
    "velo-route": LegKind.VELO_ROUTE, "velo": LegKind.VELO_ROUTE, "vélo": LegKind.VELO_ROUTE,
    "route": LegKind.VELO_ROUTE,
    "epreuve": LegKind.EPREUVE, "épreuve": LegKind.EPREUVE,
    "transition": LegKind.TRANSITION, "parc": LegKind.TRANSITION,
}
HAND_WORD = "main"
LEG_SYNTAX = (
    "DISCIPLINE[@ALLURE]:[DÉPART:][ÉTAPE:…]ARRIVÉE (vtt, trail, marche-nordique, canoe, "
    "orientation, velo-route ; ALLURE : km/h/fermeture/D+ par heure, ex. vtt@14/9/500 ; "
    "canoe:main:A:B:… trace à la main), transition:DURÉE[:NOM], "
    "epreuve:DURÉE[/LIMITE][:LIEU[:NOM]] (sans LIEU ou « - » : là où finit le tronçon "
    "précédent)")


def parse_duration(text: str) -> dt.timedelta:
    """« 10min », « 45 », « 1h15 », « 2h » -> a duration (minutes when no unit is given)."""
    match = _DURATION.match(text)
    if not text.strip() or match is None or not (match.group(1) or match.group(2)):
        raise LegError(f"Durée illisible « {text} » : écrivez 10min, 45, 1h15 ou 2h.")
    return dt.timedelta(hours=int(match.group(1) or 0), minutes=int(match.group(2) or 0))


def parse_leg(text: str, resolve: Callable[[str], Stop], *, first: bool) -> Leg:
    """One ``--leg`` value (:data:`LEG_SYNTAX`); ``resolve`` turns a place name into a stop.
    Of two points or more, the first is where a moving leg starts; a leg naming one point goes
    there from where the previous leg ends (the stage's ``first`` leg must name two)."""
    head, _, rest = text.partition(":")
    word, _, pace_text = head.partition("@")
    kind = _KIND_WORDS.get(word.strip().casefold())
    if kind is None:
        raise LegError(f"Tronçon « {text} » : discipline « {word} » inconnue ; syntaxe : "
                       f"{LEG_SYNTAX}.")
    parts = [p.strip() for p in rest.split(":")] if rest else []
    if pace_text and not kind.moving:
        raise LegError(f"Tronçon « {text} » : seul un tronçon à parcourir a une allure.")
    if kind is LegKind.TRANSITION:
        if not parts:
            raise LegError(f"Tronçon « {text} » : durée manquante (transition:10min).")
        return Leg(kind, name=":".join(parts[1:]) or "zone de transition",
                   duration=parse_duration(parts[0]))
    if kind is LegKind.EPREUVE:
        if not parts:
            raise LegError(f"Tronçon « {text} » : attendu epreuve:DURÉE[/LIMITE][:LIEU[:NOM]].")
        duration, _, limit = parts[0].partition("/")
        site = None if len(parts) < 2 or parts[1] in ("", "-") else resolve(parts[1])
        return Leg(kind, name=":".join(parts[2:]), start=site,
                   duration=parse_duration(duration),
                   limit=parse_duration(limit) if limit else None)
    hand = bool(parts) and parts[0].casefold() == HAND_WORD
    if hand:
        parts = parts[1:]
    if not parts or any(not p for p in parts) or (first and len(parts) < 2):
        raise LegError(f"Tronçon « {text} » : points manquants ; syntaxe : {LEG_SYNTAX}.")
    pace = _pace(pace_text, text) if pace_text else None
    stops = [resolve(p) for p in parts]
    if len(stops) == 1:
        return Leg(kind, end=stops[0], hand_drawn=hand, pace=pace)
    return Leg(kind, start=stops[0], via=tuple(stops[1:-1]), end=stops[-1], hand_drawn=hand,
               pace=pace)


def _pace(text: str, leg_text: str) -> Pace:
    """« 14/9/500 »: km/h, closing km/h, metres of D+ per extra hour."""
    try:
        values = [float(v.replace(",", ".")) for v in text.split("/")]
        if len(values) != 3:
            raise ValueError(text)
        return Pace(*values)
    except (ValueError, PaceError) as exc:
        why = str(exc) if isinstance(exc, PaceError) else "attendu VITESSE/FERMETURE/D+ par heure"
        raise LegError(f"Tronçon « {leg_text} » : allure « {text} » illisible ({why}).") from None
