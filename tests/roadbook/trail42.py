"""A plausible 42 km route for the Trail template's marathon, stored in a project file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.model import RouteRecord, Stop, Waypoint, WaypointKind
from app.project_store import NetworkRef, Project, save_project
from app.templates import build_template
from routes.network import store as netstore
from routes.network.model import Network
from routes.search.routing import Route, Router

FORMAT = "Marathon 42 km"
#: Start at the 11/19 base, over both twin terrils, past the Louvre-Lens and Pinchonvalles
#: (the template's aid station), through the Parc des Îles and Drocourt, to the 9-9bis.
STOPS = ("Base 11/19", "T074", "T074a", "T080a", "Louvre-Lens", "T075", "Glissoire",
         "Natura Sport", "Parc des Îles", "T101", "T116", "9-9bis")


def record_of(route: Route) -> RouteRecord:
    return RouteRecord(
        profile=route.profile,
        stops=tuple(Stop(s.label, s.lon, s.lat) for s in route.stops),
        geometry=tuple((round(x, 6), round(y, 6)) for x, y in route.coords),
        stats={"length_m": route.length_m, "climb_m": 0.0,
               "layer_share": {k: route.share(k) for k in route.layer_lengths},
               "ruptures": [r.ident for r in route.ruptures], "terrils": route.terrils})


def trail_project(network: Network, path: Path, *, year: int = 2027) -> Route:
    """Save the Trail template with the marathon routed (and a marshal post on its first
    rupture point) to ``path``, with ``network`` stored in the project; returns the route."""
    event, budgets = build_template("trail-pyramides-noires", year)
    route = Router(network).route(list(STOPS), "trail")
    first = route.ruptures[0]
    fmt = event.format_named(FORMAT)
    marshal = Waypoint(WaypointKind.MARSHAL_POST, "Signaleur — passage à niveau de Liévin",
                       first.lon, first.lat)
    fmt = replace(fmt, route=record_of(route), waypoints=(*fmt.waypoints, marshal))
    event = replace(event, formats=tuple(fmt if f.name == FORMAT else f for f in event.formats))
    stored = netstore.save(network.graph, path.with_suffix(netstore.SUFFIX))
    ref = NetworkRef(network.name, "test", data=stored.read_bytes())
    save_project(path, Project(event, budgets, ref))
    return route
