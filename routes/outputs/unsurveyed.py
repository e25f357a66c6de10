"""What organisers and participants are told about unsurveyed geometry, and whose data it is.

The figures come from the edges' provenance flag (:mod:`routes.provenance`), already summed on
routes, loops and races; this module only words them, in one place, for the CLI, the window, the
GPX description and the roadbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
from shapely import LineString
from shapely.ops import substring

from routes.frenchfmt import km_text
from routes.geodesy import lonlat_xy, metric_xy
from routes.gpx.model import OSM_ATTRIBUTION
from routes.outputs.stats import Span
from routes.provenance import (
    PRACTICABILITY_UNKNOWN,
    SOURCE_ACCESS,
    SOURCE_CONNECTOR,
    SOURCE_HAND,
    SOURCE_LAYER,
    SOURCE_OSM,
    UNSURVEYED_LABEL,
)

#: Below this, unsurveyed length is the builder's 1 m stubs joining a place lying on a line to it,
#: not a stretch anyone would walk.
MIN_UNSURVEYED_M = 5.0
#: Shorter lengths are written in metres (« 40 m »), longer ones in km (« 0,8 km »).
METRES_BELOW_M = 100.0

ETALAB_ATTRIBUTION = ("Couches Mission Bassin Minier / UNESCO, Licence Ouverte Etalab 2.0 "
                      "(https://www.etalab.gouv.fr/licence-ouverte-open-licence/)")
OSM_DATA_ATTRIBUTION = f"{OSM_ATTRIBUTION}, ODbL (https://www.openstreetmap.org/copyright)"


def has_unsurveyed(metres: float) -> bool:
    return metres >= MIN_UNSURVEYED_M


def length_text(metres: float) -> str:
    return f"{metres:.0f} m" if metres < METRES_BELOW_M else km_text(metres)


def unsurveyed_note(metres: float) -> str:
    """« dont 0,8 km non relevés », or "" when the course runs on surveyed ground only."""
    if not has_unsurveyed(metres):
        return ""
    return f"dont {length_text(metres)} {UNSURVEYED_LABEL}s"


def old_lines_note(metres: float) -> str:
    """« dont 31,2 km d'anciens tracés de praticabilité inconnue », or "" when none."""
    if not has_unsurveyed(metres):
        return ""
    return f"dont {length_text(metres)} d'anciens tracés de praticabilité inconnue"


def with_unsurveyed(text: str, metres: float) -> str:
    """« 12,4 km » → « 12,4 km, dont 0,8 km non relevés » when there is any."""
    note = unsurveyed_note(metres)
    return f"{text}, {note}" if note else text


def gpx_note(metres: float) -> str:
    """The sentence every GPX description carries about unsurveyed parts."""
    if not has_unsurveyed(metres):
        return "Parcours entièrement sur des chemins relevés."
    return (f"Attention : {length_text(metres)} {UNSURVEYED_LABEL}s : ces parties sont des "
            "liaisons en ligne droite tracées par le logiciel, à vérifier sur le terrain avant "
            "la course.")


def export_warning(name: str, metres: float) -> str:
    """The warning printed (CLI) or shown (window) before a course with unsurveyed parts leaves
    the application; "" when there is none."""
    if not has_unsurveyed(metres):
        return ""
    return (f"Attention : « {name} » compte {length_text(metres)} {UNSURVEYED_LABEL}s (liaisons en "
            "ligne droite, pas des chemins relevés). Vérifiez ces parties sur le terrain avant "
            "de diffuser le parcours.")


def has_unknown_practicability(graph: nx.MultiDiGraph) -> bool:
    """Whether the network holds old railway lines of unknown practicability."""
    return any(d.get("practicability") == PRACTICABILITY_UNKNOWN
               for _, _, d in graph.edges(data=True))


def _edge_sources(graph: nx.MultiDiGraph) -> set[str]:
    return {str(d.get("source")) for _, _, d in graph.edges(data=True) if d.get("source")}


def data_attributions(graph: nx.MultiDiGraph, *, layers: bool) -> list[str]:
    """Attribution and licence of the network data a course was computed on.

    ``layers``: the network was built from GIS layers (the Mission Bassin Minier / UNESCO layers
    or the embedded network derived from them). OpenStreetMap is credited when the graph says so
    (its ``source``) or any edge comes from an OSM way.
    """
    source = str(graph.graph.get("source", "")).lower()
    sources = _edge_sources(graph)
    osm = "osm" in source or "openstreetmap" in source or SOURCE_OSM in sources
    # Graphs saved before provenance: their "source" lists the layer files they were built from.
    other_files = bool(source) and not osm
    found = []
    if layers or SOURCE_LAYER in sources or other_files:
        found.append(ETALAB_ATTRIBUTION)
    if osm:
        found.append(OSM_DATA_ATTRIBUTION)
    return found


def stretches_from_stats(stats: Mapping[str, Any]) -> list[Span]:
    """The unsurveyed stretches saved with a route record (name: their provenance source)."""
    spans: Iterable[Any] = stats.get("unsurveyed_spans", ()) or ()
    return [Span(str(span[2]) if len(span) > 2 else SOURCE_CONNECTOR, float(span[0]),
                 float(span[1])) for span in spans]


SOURCE_LABELS = {SOURCE_CONNECTOR: "liaison en ligne droite entre deux parties du réseau",
                 SOURCE_ACCESS: "accès en ligne droite vers un lieu",
                 SOURCE_HAND: "tracé à la main, non relevé"}


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, UNSURVEYED_LABEL)


def stretch_coords(coords: Sequence[Sequence[float]], length_m: float | None,
                   spans: Iterable[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The (lon, lat) parts of a route line between the given distances (route metres, on the
    scale of ``length_m`` when known) - to draw its unsurveyed stretches from a stored record."""
    wanted = [(a, b) for a, b in spans if b > a]
    if len(coords) < 2 or not wanted:
        return []
    lonlat = np.asarray([c[:2] for c in coords], dtype=float)
    line = LineString(metric_xy(lonlat[:, 0], lonlat[:, 1]))
    scale = line.length / length_m if length_m else 1.0
    parts = []
    for start, end in wanted:
        part = substring(line, start * scale, end * scale)
        if part.geom_type == "LineString" and part.length > 0:
            xy = np.asarray(part.coords)
            back = lonlat_xy(xy[:, 0], xy[:, 1])
            parts.append([(float(x), float(y)) for x, y in back])
    return parts
