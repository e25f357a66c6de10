"""What « À propos » says: the application, its version, and whose data it works on.

Plain text, no Qt: the window shows it, and tests read it without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from routes.network.model import Network
from routes.outputs.unsurveyed import ETALAB_ATTRIBUTION, OSM_DATA_ATTRIBUTION, data_attributions
from routes.provenance import PRACTICABILITY_UNKNOWN_LABEL, UNSURVEYED_LABEL

APP_NAME = "Cavalier"
APP_LICENCE = "GPL-3.0-or-later"

#: Every data source Cavalier can work on, with its licence.
DATA_LICENCES = (
    ETALAB_ATTRIBUTION,
    "Itinéraire EuroVelo 5 et données OpenStreetMap : " + OSM_DATA_ATTRIBUTION,
    "Fond de carte en ligne (facultatif, désactivé par défaut) : tuiles OpenStreetMap, "
    "© les contributeurs d'OpenStreetMap",
)

#: Libraries shipped with the application, with their licences.
LIBRARIES = ("Qt for Python (LGPL-3.0)", "Leaflet (BSD-2-Clause)", "folium (MIT)",
             "networkx (BSD-3-Clause)", "osmnx (MIT)", "shapely (BSD-3-Clause)",
             "gpxpy (Apache-2.0)", "reportlab (BSD)", "openpyxl (MIT)")


def version() -> str:
    try:
        return metadata.version("cavalier")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "version de développement"


@dataclass(frozen=True)
class About:
    title: str
    summary: str
    network: list[str]
    licences: tuple[str, ...]
    libraries: tuple[str, ...]
    provenance: str


def about(network: Network | None = None) -> About:
    """The « À propos » content; ``network``: the one open in the window (its credits)."""
    credits = (data_attributions(network.graph, layers=network.layers is not None)
               if network is not None else [])
    shown = [f"{network.name} : {c}" for c in credits] if network is not None else []
    return About(
        title=f"{APP_NAME} {version()}",
        summary=("Planification d'événements sport-nature du Bassin minier du Nord–Pas-de-Calais "
                 f"(terrils, cavaliers, Trame verte et bleue). Logiciel libre, {APP_LICENCE}."),
        network=shown,
        licences=DATA_LICENCES,
        libraries=LIBRARIES,
        provenance=(f"Les tronçons « {UNSURVEYED_LABEL} » (liaisons et accès en ligne droite "
                    "tracés par le logiciel) sont en tirets sur la carte, comptés dans les "
                    "statistiques, listés dans le roadbook et signalés dans chaque GPX ; les "
                    f"lignes « {PRACTICABILITY_UNKNOWN_LABEL} » sont en pointillés violets."),
    )
