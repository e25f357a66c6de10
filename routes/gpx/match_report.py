"""Figures of an imported track before and after map matching, for the organiser to judge.

Before matching: length, points and the share of points already close to the network. After:
kilometres matched, kilometres off the network (the parts at least ``flag_m`` long are flagged
« non relevé »: nobody surveyed a path there, the recording only says someone went through) and
the longest gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from routes.frenchfmt import km_text, number, pct_text
from routes.gpx.geo import path_length
from routes.gpx.importer import ImportedTrack
from routes.network.nearness import distances_to_network_m
from routes.provenance import UNSURVEYED_LABEL

#: A recorded point this close to an edge counts as on the network (GPS noise, path width).
NEAR_NETWORK_M = 25.0
#: An off-network part at least this long is flagged as unsurveyed in the report.
FLAG_OFF_NETWORK_M = 50.0


@dataclass(frozen=True)
class TrackFigures:
    length_m: float
    point_count: int
    near_share: float  # share of points within NEAR_NETWORK_M of an edge

    def french_lines(self) -> list[str]:
        return [f"Longueur : {km_text(self.length_m, 2)}",
                f"Points : {number(self.point_count, 0)}",
                f"À moins de {NEAR_NETWORK_M:.0f} m du réseau : {pct_text(self.near_share)}"
                " des points"]


def track_figures(track: ImportedTrack, graph: nx.MultiDiGraph | None) -> TrackFigures:
    points = track.points
    share = 0.0
    if graph is not None and points:
        distances = distances_to_network_m(graph, [p.lon for p in points],
                                           [p.lat for p in points])
        share = float(np.mean(distances <= NEAR_NETWORK_M))
    return TrackFigures(track.length_m, len(points), share)


@dataclass(frozen=True)
class MatchSummary:
    matched_m: float
    off_network_m: float
    flagged_m: float  # off-network parts at least FLAG_OFF_NETWORK_M long
    flagged_parts: int
    max_gap_m: float
    breaks: int

    def french_lines(self) -> list[str]:
        lines = [f"Calé sur le réseau : {km_text(self.matched_m, 2)}",
                 f"Hors réseau : {km_text(self.off_network_m, 2)}"]
        if self.flagged_parts:
            lines.append(f"dont {km_text(self.flagged_m, 2)} en {self.flagged_parts} partie(s) "
                         f"d'au moins {FLAG_OFF_NETWORK_M:.0f} m, marquée(s) "
                         f"« {UNSURVEYED_LABEL} » : aucun chemin relevé, le parcours n'y "
                         "passera pas tel quel")
        lines.append(f"Plus grand écart : {_metres(self.max_gap_m)}")
        if self.breaks:
            lines.append(f"Coupures sans chemin sur le réseau : {self.breaks}")
        return lines


def match_summary(track: ImportedTrack) -> MatchSummary:
    """Figures of a matched track (``track.snap`` set)."""
    if track.snap is None:
        raise ValueError("trace non calée")
    matched = off = flagged = gap = 0.0
    parts = 0
    for piece in track.snap.pieces:
        length = path_length(piece.points)
        if piece.on_network:
            matched += length
            continue
        off += length
        gap = max(gap, length)
        if length >= FLAG_OFF_NETWORK_M:
            flagged += length
            parts += 1
    return MatchSummary(matched, off, flagged, parts, gap, track.snap.report.breaks)


def _metres(value: float) -> str:
    return f"{number(value, 0)} m" if value < 1000 else km_text(value, 2)
