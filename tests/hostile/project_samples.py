"""A realistic saved project (route, waypoints, budgets, network) for the hostile tests."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from app.model import RouteRecord, Stop, Waypoint, WaypointKind
from app.project_store import NetworkRef, Project, save_project
from app.templates import build_template


def sample_project(key: str = "trail-pyramides-noires") -> Project:
    event, budgets = build_template(key, 2027)
    route = RouteRecord(
        "trail", (Stop("Départ 11/19", 2.783, 50.445), Stop("Arrivée", 2.8, 50.405)),
        ((2.783, 50.445, 70.0), (2.79, 50.43, 140.5), (2.8, 50.405, 60.0)),
        {"length_m": 4870.5, "climb_m": 160.0, "ruptures": ["R12"], "terrils": ["T074"]},
    )
    first = replace(event.formats[0], route=route, waypoints=(
        Waypoint(WaypointKind.AID_STATION, "Ravito base 11/19", 2.79, 50.43),))
    event = replace(event, formats=(first, *event.formats[1:]))
    return Project(event, budgets, NetworkRef("Bassin minier", "UNESCO + MBM",
                                              ("zt-cavaliers.geojson",), b"\x00graph\x01"))


def saved_sample(path: Path) -> Path:
    save_project(path, sample_project())
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
