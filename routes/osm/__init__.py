"""OpenStreetMap import: files (.osm.pbf, .osm, .osm.bz2), GIS highway lines, Overpass download."""

from routes.osm.errors import OsmImportError
from routes.osm.fusion import PlaceRef, attach_places, flag_cavaliers
from routes.osm.importer import OsmNetwork, import_osm
from routes.osm.lines import graph_from_highway_lines

__all__ = [
    "OsmImportError",
    "OsmNetwork",
    "PlaceRef",
    "attach_places",
    "flag_cavaliers",
    "graph_from_highway_lines",
    "import_osm",
]
