"""Figures beyond physical sense, refused where a track enters (GPX, GeoJSON line, recce tracks).

A course longer than 2 000 km, a jump of more than 50 km between two consecutive points (a (0, 0)
fix, a shuffled file, thousands of one-point tracks joined) or a track far outside the
Nord–Pas-de-Calais is not a course of the basin: the reader refuses it with a French message
naming the file and the fault, instead of printing « 5 641 km » or writing it as a participant's
file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from routes.errors import CavalierError
from routes.frenchfmt import number

# Lon/lat box of the Nord and Pas-de-Calais departments, with a margin of a few kilometres.
REGION = (1.45, 49.95, 4.35, 51.15)
MAX_COURSE_M = 2_000_000.0
MAX_JUMP_M = 50_000.0
MAX_OUTSIDE_REGION_M = 100_000.0  # a course may start in Belgium or the Somme, not in Provence
_EARTH_RADIUS_M = 6_371_008.8


def _steps(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    a = np.sin(np.diff(la) / 2) ** 2 + np.cos(la[:-1]) * np.cos(la[1:]) * np.sin(
        np.diff(lo) / 2) ** 2
    return np.asarray(2 * _EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def length_m(latlons: Sequence[tuple[float, float]] | np.ndarray) -> float:
    """Length in metres of a (lat, lon) polyline (0 for fewer than two points)."""
    arr = np.asarray(latlons, dtype=float).reshape(-1, 2)
    return float(_steps(arr[:, 0], arr[:, 1]).sum()) if len(arr) >= 2 else 0.0


def km_text(metres: float) -> str:
    return f"{number(metres / 1000.0, 0 if metres >= 10_000 else 1)} km"


def distance_outside_region_m(lat: np.ndarray, lon: np.ndarray) -> float:
    """How far the farthest point lies outside :data:`REGION` (0 inside), roughly in metres."""
    west, south, east, north = REGION
    dlat = np.maximum(np.maximum(south - lat, lat - north), 0.0) * 111_320.0
    dlon = np.maximum(np.maximum(west - lon, lon - east), 0.0) * 111_320.0 * np.cos(
        np.radians(np.clip(lat, -89.0, 89.0)))
    return float(np.hypot(dlat, dlon).max()) if len(lat) else 0.0


def check_track(latlons: Sequence[tuple[float, float]] | np.ndarray, source: str,
                error: type[CavalierError], *, region: bool = False) -> float:
    """Refuse a track whose figures are beyond physical sense; return its length in metres.

    ``region``: also refuse a track lying more than 100 km outside the Nord–Pas-de-Calais
    (recce tracks that build the network)."""
    arr = np.asarray(latlons, dtype=float).reshape(-1, 2)
    if not np.isfinite(arr).all():
        raise error(f"{source} : coordonnées non finies (NaN, infini) dans la trace.")
    lat, lon = arr[:, 0], arr[:, 1]
    steps = _steps(lat, lon) if len(arr) >= 2 else np.zeros(0)
    if len(steps) and steps.max() > MAX_JUMP_M:
        at = int(steps.argmax())
        raise error(
            f"{source} : saut de {km_text(float(steps[at]))} entre les points {at + 1} et "
            f"{at + 2} ({lat[at]:.5f}, {lon[at]:.5f} → {lat[at + 1]:.5f}, {lon[at + 1]:.5f}) ; "
            f"au plus {km_text(MAX_JUMP_M)} entre deux points : point aberrant (0, 0), points "
            "dans le désordre ou traces sans lien réunies ; corrigez le fichier.")
    length = float(steps.sum())
    if length > MAX_COURSE_M:
        raise error(f"{source} : trace de {km_text(length)}, au plus {km_text(MAX_COURSE_M)} "
                    "pour un parcours ; le fichier n'est pas un parcours (points dans le "
                    "désordre ?).")
    if region:
        away = distance_outside_region_m(lat, lon)
        if away > MAX_OUTSIDE_REGION_M:
            raise error(f"{source} : trace à {km_text(away)} du Nord–Pas-de-Calais ; seules les "
                        "traces du bassin minier servent au réseau (latitude et longitude "
                        "inversées ?).")
    return length
