"""A small OSM extract near Loos-en-Gohelle with open roads: a path crossing a residential street at
a shared node, a stretch along a departmental road (joined and left), and a motorway the path
passes under (no shared node). The course follows path A, the D 58, then path B."""

from __future__ import annotations

from pathlib import Path

# id: (lat, lon)
NODES = {
    1001: (50.4400, 2.7800), 1002: (50.4400, 2.7830), 1003: (50.4400, 2.7860),
    1004: (50.4400, 2.7890), 1005: (50.4400, 2.7920), 1006: (50.4400, 2.7950),
    1007: (50.4430, 2.7950), 1008: (50.4430, 2.7990),
    1010: (50.4380, 2.7830), 1011: (50.4420, 2.7830),
    1012: (50.4380, 2.7890), 1014: (50.4380, 2.7950),
    1020: (50.4410, 2.7970), 1021: (50.4450, 2.7970),
}
WAYS = {
    2001: ([1001, 1002, 1003, 1004], {"highway": "path", "surface": "ground",
                                      "name": "Chemin du Marais"}),
    2002: ([1010, 1002, 1011], {"highway": "residential", "name": "Rue Jean Jaurès",
                                "surface": "asphalt"}),
    2003: ([1012, 1004, 1005, 1006, 1014], {"highway": "tertiary", "ref": "D 58",
                                            "name": "Route de Lens"}),
    2004: ([1006, 1007, 1008], {"highway": "track", "surface": "gravel",
                                "name": "Chemin des Galibots"}),
    2005: ([1020, 1021], {"highway": "motorway", "ref": "A 21", "bridge": "yes", "layer": "1"}),
}
#: The course: path A, the D 58, path B.
COURSE = (1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008)
#: Posts the course calls for: the crossing of the rue Jean Jaurès, joining and leaving
#: the D 58 (the OSM import keeps the way's name, not its ref).
EXPECTED_POSTS = (("Traversée", "Rue Jean Jaurès", 1002),
                  ("Entrée sur la voie", "Route de Lens", 1004),
                  ("Sortie de la voie", "Route de Lens", 1006))


def write(folder: Path) -> Path:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="tests">']
    for node, (lat, lon) in sorted(NODES.items()):
        parts.append(f'<node id="{node}" version="1" lat="{lat}" lon="{lon}"/>')
    for way, (refs, tags) in sorted(WAYS.items()):
        nds = "".join(f'<nd ref="{r}"/>' for r in refs)
        tag_text = "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
        parts.append(f'<way id="{way}" version="1">{nds}{tag_text}</way>')
    parts.append("</osm>")
    path = folder / "routes-ouvertes.osm"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def course_coords() -> tuple[tuple[float, float], ...]:
    return tuple((NODES[n][1], NODES[n][0]) for n in COURSE)
