"""Which OSM objects a sport network keeps, and how their tags become edge attributes."""

from __future__ import annotations

import math
from typing import Protocol

from routes.provenance import SOURCE_OSM, provenance


class Tags(Protocol):
    """What is read from a tag set: a dict or pyosmium's TagList."""

    def get(self, key: str, /) -> str | None: ...

    def __contains__(self, key: str, /) -> bool: ...


def tag(tags: Tags, key: str) -> str:
    """The value of ``key`` or "" when absent."""
    return tags.get(key) or ""


# highway values that are not ways one can follow (plans, building sites, platforms, areas...).
NOT_ROUTABLE_HIGHWAYS = frozenset({
    "proposed", "construction", "planned", "platform", "raceway", "bus_guideway", "escape",
    "elevator", "bus_stop", "rest_area", "services", "razed", "no", "emergency_bay",
})
OLD_RAILWAY_VALUES = frozenset({"abandoned", "disused"})

PAVED = frozenset({
    "paved", "asphalt", "concrete", "concrete:plates", "concrete:lanes", "paving_stones",
    "sett", "cobblestone", "unhewn_cobblestone", "metal", "wood", "chipseal", "brick", "bricks",
    "stone", "tartan", "rubber", "acrylic", "artificial_turf",
})
UNPAVED = frozenset({
    "unpaved", "compacted", "fine_gravel", "gravel", "pebblestone", "ground", "dirt", "earth",
    "grass", "grass_paver", "mud", "sand", "woodchips", "rock", "rocks", "gravel_turf", "clay",
    "shells", "soil", "snow", "ice", "salt",
})

# Raw OSM keys copied onto edges, under the attribute name of the graph contract.
RAW_KEYS: tuple[tuple[str, str], ...] = (
    ("tracktype", "tracktype"),
    ("smoothness", "smoothness"),
    ("mtb:scale", "mtb_scale"),
    ("sac_scale", "sac_scale"),
    ("foot", "foot"),
    ("bicycle", "bicycle"),
    ("access", "access_tag"),
)

BICYCLE_ROUTES = frozenset({"bicycle"})
HIKING_ROUTES = frozenset({"hiking", "foot", "walking"})
MTB_ROUTES = frozenset({"mtb"})

SPOIL_TAGS: tuple[tuple[str, str], ...] = (
    ("man_made", "spoil_heap"),
    ("landuse", "spoil_heap"),
    ("natural", "spoil_heap"),
)
# Keys whose presence, with a name containing "terril", marks a spoil heap named as such.
TERRIL_NAME_KEYS = ("natural", "landuse", "man_made", "historic", "place", "leisure")


def is_kept_way(tags: Tags) -> bool:
    """True for a way sport routing can follow: a highway, or an abandoned/disused railway."""
    highway = tag(tags, "highway")
    if highway:
        return highway not in NOT_ROUTABLE_HIGHWAYS and tag(tags, "area") != "yes"
    return tag(tags, "railway") in OLD_RAILWAY_VALUES


def is_old_railway(tags: Tags) -> bool:
    """A former railway (cavalier candidate), whether or not it is a path today."""
    return (
        tag(tags, "railway") in OLD_RAILWAY_VALUES
        or tag(tags, "historic") == "railway"
        or "abandoned:railway" in tags
        or "disused:railway" in tags
        or "historic:railway" in tags
    )


def surface_class(tags: Tags) -> str:
    """"paved", "unpaved" or "" from ``surface`` (or, failing that, ``tracktype``)."""
    surface = tag(tags, "surface").split(";")[0].strip()
    if surface in PAVED:
        return "paved"
    if surface in UNPAVED:
        return "unpaved"
    if surface:
        return ""
    tracktype = tag(tags, "tracktype")
    if tracktype == "grade1":
        return "paved"
    if tracktype in {"grade2", "grade3", "grade4", "grade5"}:
        return "unpaved"
    return ""


def edge_attributes(tags: Tags) -> dict[str, object]:
    """Edge attributes of the graph contract for a kept way (route flags added later)."""
    attrs: dict[str, object] = {
        "highway": tag(tags, "highway"),
        "surface": surface_class(tags),
        "name": tag(tags, "name"),
        "cavalier": is_old_railway(tags),
        "veloroute": False,
        "hiking": False,
        "mtb_route": False,
        "route_names": "",
        "access": False,
        "liaison": False,
        "sensitive": False,
        "terril": "",
        "rupture": "",
        "ref": tag(tags, "ref"),
        "bridge": is_bridge(tags),
        "tunnel": is_tunnel(tags),
        "layer": layer_of(tags),
        **provenance(SOURCE_OSM),
    }
    for osm_key, attr in RAW_KEYS:
        attrs[attr] = tag(tags, osm_key)
    return attrs


def is_bridge(tags: Tags) -> bool:
    """A way on a bridge (``bridge=*`` other than "no", or ``man_made=bridge``)."""
    return tag(tags, "bridge") not in {"", "no"} or tag(tags, "man_made") == "bridge"


def is_tunnel(tags: Tags) -> bool:
    """A way in a tunnel or under a cover (``tunnel=*``/``covered=yes``)."""
    return tag(tags, "tunnel") not in {"", "no"} or tag(tags, "covered") == "yes"


def layer_of(tags: Tags) -> int:
    """The OSM ``layer`` as an integer (0 when absent or unreadable)."""
    try:
        return int(tag(tags, "layer").split(";")[0].strip() or 0)
    except ValueError:
        return 0


def is_rail(tags: Tags) -> bool:
    """A railway in use that a course may cross (``railway=rail``)."""
    return tag(tags, "railway") == "rail"


#: Road classes a course crosses with a marshal, and the French class name of each.
CROSSING_ROAD_CLASSES: dict[str, str] = {
    "motorway": "autoroute", "motorway_link": "autoroute",
    "trunk": "nationale", "trunk_link": "nationale",
    "primary": "primaire", "primary_link": "primaire",
    "secondary": "secondaire", "secondary_link": "secondaire",
    "tertiary": "tertiaire", "tertiary_link": "tertiaire",
}
RAIL_CLASS = "voie ferrée"
#: Ways with no motor traffic: the paths courses run on and cross roads from.
NON_MOTOR_HIGHWAYS = frozenset({
    "path", "footway", "cycleway", "bridleway", "track", "pedestrian", "steps", "corridor",
})

#: Node tags marking a place where a way crosses a railway or a road at grade.
CROSSING_NODE_TAGS: tuple[tuple[str, str], ...] = (
    ("railway", "level_crossing"),
    ("railway", "crossing"),
    ("highway", "crossing"),
)


def crossing_node_kind(tags: Tags) -> str:
    """"rail" for a level crossing node, "road" for a road crossing node, else ""."""
    if tag(tags, "railway") in {"level_crossing", "crossing"}:
        return "rail"
    if tag(tags, "highway") == "crossing":
        return "road"
    return ""


def route_flag(tags: Tags) -> str | None:
    """Edge flag a route relation sets on its member ways, or None for other relations."""
    if tag(tags, "type") not in {"route", "superroute"}:
        return None
    route = tag(tags, "route")
    if route in BICYCLE_ROUTES:
        return "veloroute"
    if route in HIKING_ROUTES:
        return "hiking"
    if route in MTB_ROUTES:
        return "mtb_route"
    return None


def is_spoil_heap(tags: Tags) -> bool:
    """man_made/landuse/natural=spoil_heap, or a hill/landmark whose name says "terril"."""
    if any(tag(tags, key) == value for key, value in SPOIL_TAGS):
        return True
    name = tag(tags, "name").lower()
    return "terril" in name and any(key in tags for key in TERRIL_NAME_KEYS)


def parse_metres(value: str) -> float | None:
    """A height/ele tag in metres ("87", "87 m", "87,5"), or None when unreadable."""
    text = value.strip().lower().removesuffix("m").strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) else number


# -- water a canoe can follow -----------------------------------------------------------------
#: Waterways a canoe follows unless tagged otherwise.
CANOE_WATERWAYS = frozenset({"river", "canal"})
#: Streams are kept only when tagged as open to canoes or boats.
CANOE_STREAMS = frozenset({"stream"})
CANOE_OPEN = frozenset({"yes", "permissive", "designated"})
#: Waterway nodes a canoe must be carried around (portage), and their French names.
WATER_OBSTACLES: dict[str, str] = {
    "weir": "seuil", "dam": "barrage", "lock_gate": "porte d'écluse", "waterfall": "chute",
}


def is_canoe_waterway(tags: Tags) -> bool:
    """A waterway a canoe leg may follow: ``waterway=river|canal`` unless ``canoe=no`` or
    ``boat=no``; ``waterway=stream`` only with ``canoe=yes|permissive|designated`` or
    ``boat=yes``; never a culvert (``tunnel=culvert``)."""
    waterway = tag(tags, "waterway")
    if waterway not in CANOE_WATERWAYS | CANOE_STREAMS:
        return False
    canoe, boat = tag(tags, "canoe"), tag(tags, "boat")
    if canoe == "no" or boat == "no" or tag(tags, "tunnel") == "culvert":
        return False
    return waterway in CANOE_WATERWAYS or canoe in CANOE_OPEN or boat == "yes"


def water_attributes(tags: Tags) -> dict[str, object]:
    """Edge attributes of a canoeable waterway: the graph contract's, no highway, and ``water``
    set (only the canoe profile follows it)."""
    attrs = edge_attributes(tags)
    attrs.update(highway="", water=True, waterway=tag(tags, "waterway"),
                 surface="", cavalier=False)
    return attrs


def water_obstacle(tags: Tags) -> str:
    """The French name of a waterway node a canoe is carried around (« seuil »), else ""."""
    return WATER_OBSTACLES.get(tag(tags, "waterway"), "")
