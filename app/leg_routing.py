"""Route a stage's legs on a network, each with its own profile.

A canoe leg follows water only (the network's water lines, profile ``canoe``): its points are
put in the water at the nearest water node. On a network without water a canoe leg must be drawn
by hand (« tracé à la main, non relevé »); it is never routed on paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from app.legs import chained, hand_drawn_record, joined_record, leg_profile, leg_stops
from app.model import Format, Leg, LegError, RouteRecord, Stop, route_record
from routes.geodesy import metric_xy
from routes.network.model import Network
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report
from routes.search.routing import Router
from routes.search.routing import Stop as RoutedStop


class NoWaterError(LegError):
    """A canoe leg that cannot follow water: its points must come closer to the water, or the
    leg be drawn by hand (each asker says how: the window's box, the command line's syntax)."""


#: A canoe leg's point is put in the water this far at most.
WATER_SNAP_M = 500.0


def _water_nodes(network: Network) -> list[int]:
    graph = network.graph
    return sorted({u for u, _, data in graph.edges(data=True) if data.get("water")})


def _routed_stop(network: Network, stop: Stop, water: Sequence[int] | None) -> RoutedStop:
    """The stop on the network: a place it stands on (its centre or its access), else the
    nearest node (the nearest water node when ``water`` is given)."""
    if water is None:
        nodes = network.graph.nodes
        for place in network.places.places:
            access = ((nodes[place.node]["x"], nodes[place.node]["y"])
                      if place.node is not None and place.node in nodes else None)
            # on the place: at its centre, or at its access on the network (as the window puts
            # a point clicked on a terril or a pole)
            if (place.lon, place.lat) == (stop.lon, stop.lat) or access == (stop.lon, stop.lat):
                return RoutedStop(stop.label, stop.lon, stop.lat, network.node_of(place),
                                  place.key)
        return RoutedStop(stop.label, stop.lon, stop.lat, network.snap(stop.lon, stop.lat))
    if not water:
        raise NoWaterError(f"Le réseau « {network.name} » ne connaît aucune voie d'eau : tracez "
                           "le tronçon de canoë à la main, il sera marqué « tracé à la main, non "
                           "relevé ».")
    graph = network.graph
    xy = metric_xy(np.array([graph.nodes[n]["x"] for n in water], dtype=float),
                   np.array([graph.nodes[n]["y"] for n in water], dtype=float))
    here = metric_xy(np.array([stop.lon]), np.array([stop.lat]))[0]
    gaps = np.hypot(xy[:, 0] - here[0], xy[:, 1] - here[1])
    best = int(np.argmin(gaps))
    if gaps[best] > WATER_SNAP_M:
        raise NoWaterError(f"« {stop.label} » est à {gaps[best] / 1000:.1f} km de l'eau la plus "
                           f"proche (au plus {WATER_SNAP_M:.0f} m) : rapprochez le point de l'eau "
                           "ou tracez le tronçon à la main.")
    return RoutedStop(stop.label, stop.lon, stop.lat, water[best])


def route_leg(leg: Leg, network: Network, router: Router) -> RouteRecord:
    """The course of one chained moving leg: drawn by hand, or routed with its profile."""
    stops = leg_stops(leg)
    if leg.hand_drawn:
        return hand_drawn_record(stops, profile=leg_profile(leg))
    profile = leg_profile(leg)
    water = _water_nodes(network) if profile == "canoe" else None
    route = router.route([_routed_stop(network, s, water) for s in stops], profile)
    record = route_record(route)
    return replace(record, stops=stops,
                   stats={**record.stats, "rupture_labels": [r.label for r in route.ruptures]})


def route_legs(legs: Sequence[Leg], network: Network, *,
               router: Router | None = None, reuse: bool = False,
               progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> tuple[Leg, ...]:
    """Every moving leg routed (chained first); épreuves and transitions unchanged.
    ``reuse``: a leg that has a course keeps it (only the legs an edit changed are routed)."""
    router = router or Router(network)
    result = []
    chain = chained(legs)
    for index, leg in enumerate(chain):
        check_cancel(cancel, "Calcul des tronçons")
        report(progress, index / len(chain), f"Tronçon {index + 1} sur {len(chain)}…")
        if not leg.kind.moving or (reuse and leg.route is not None):
            result.append(leg)
            continue
        try:
            result.append(replace(leg, route=route_leg(leg, network, router)))
        except LegError as exc:
            raise type(exc)(f"Tronçon {index + 1} ({leg.title}) : {exc}") from exc
    return tuple(result)


def routed_stage(fmt: Format, network: Network, legs: Sequence[Leg] | None = None, *,
                 router: Router | None = None, reuse: bool = False,
                 progress: ProgressCallback | None = None,
                 cancel: CancelCallback | None = None) -> Format:
    """The format with its legs (``legs``, else its own) routed and its course their join
    (``reuse``: only the legs without a course are routed)."""
    routed = route_legs(fmt.legs if legs is None else legs, network, router=router,
                        reuse=reuse, progress=progress, cancel=cancel)
    return replace(fmt, legs=routed, route=joined_record(routed))
