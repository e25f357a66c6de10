"""Safe reading of GPX 1.0 and 1.1 files.

The bytes go through defusedxml with DTDs forbidden, so no entity is ever expanded or fetched from
the disk or the network (entity bombs and XXE are refused before anything is built). Coordinates
are checked as XML Schema decimals, finite and in range; any fault becomes a :class:`GpxError`
whose French message names the file.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from routes.gpx.errors import GpxError

GPX_NAMESPACES = {
    "http://www.topografix.com/GPX/1/1": "1.1",
    "http://www.topografix.com/GPX/1/0": "1.0",
}
_KML_MESSAGE = ("{source} : c'est un fichier KML (Google Earth) renommé, pas un GPX ; "
                "exportez-le en GPX avant de l'importer.")
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
_NOT_DECIMAL = re.compile(r"[_nNiI]")  # underscores, nan, inf, infinity


@dataclass(frozen=True)
class GpxPoint:
    lat: float
    lon: float
    ele: float | None = None
    time: datetime | None = None


@dataclass(frozen=True)
class GpxWaypoint:
    lat: float
    lon: float
    ele: float | None
    name: str
    sym: str
    type: str
    description: str


@dataclass
class GpxLine:
    """A ``<trk>`` (one list per ``<trkseg>``) or a ``<rte>`` (a single segment)."""

    name: str
    kind: str  # "track" or "route"
    segments: list[list[GpxPoint]] = field(default_factory=list)

    @property
    def point_count(self) -> int:
        return sum(len(seg) for seg in self.segments)


@dataclass
class GpxDocument:
    source: str
    version: str
    creator: str
    name: str
    lines: list[GpxLine] = field(default_factory=list)
    waypoints: list[GpxWaypoint] = field(default_factory=list)

    @property
    def point_count(self) -> int:
        return sum(line.point_count for line in self.lines)


def read_gpx(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> GpxDocument:
    """Read a GPX file from disk (see :func:`parse_gpx`)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise GpxError(f"{p.name} : fichier trop volumineux ({size} octets, "
                           f"limite {max_bytes}).")
        data = p.read_bytes()
    except OSError as exc:
        raise GpxError(f"{p.name} : lecture impossible ({exc.strerror or exc}).") from exc
    return parse_gpx(data, source=p.name, max_bytes=max_bytes)


def parse_gpx(
    data: bytes, *, source: str = "GPX", max_bytes: int = DEFAULT_MAX_BYTES
) -> GpxDocument:
    """Parse GPX bytes; every failure is a :class:`GpxError` naming ``source``."""
    if len(data) > max_bytes:
        raise GpxError(f"{source} : fichier trop volumineux ({len(data)} octets, "
                       f"limite {max_bytes}).")
    if not data.strip():
        raise GpxError(f"{source} : le fichier est vide.")
    root = _parse_xml(data, source)
    if root.tag.startswith("{"):
        namespace, _, local = root.tag[1:].partition("}")
    else:
        namespace, local = "", root.tag
    if local.lower() == "kml":
        raise GpxError(_KML_MESSAGE.format(source=source))
    if local != "gpx":
        raise GpxError(f"{source} : ce n'est pas un fichier GPX (élément racine <{local}>).")
    if namespace and namespace not in GPX_NAMESPACES:
        raise GpxError(f"{source} : espace de noms inconnu « {namespace} » ; attendu GPX 1.0 "
                       "ou 1.1 (http://www.topografix.com/GPX/1/1).")
    version = GPX_NAMESPACES.get(namespace) or root.get("version") or "1.1"
    return _Builder(source, namespace).document(root, version)


def _parse_xml(data: bytes, source: str) -> ET.Element:
    try:
        root: ET.Element = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException as exc:
        raise GpxError(f"{source} : le fichier déclare une DTD ou des entités XML, refusées par "
                       "sécurité (aucune entité n'est résolue).") from exc
    except ET.ParseError as exc:
        if b"<kml" in data[:4096].lower():  # a broken KML is still a KML
            raise GpxError(_KML_MESSAGE.format(source=source)) from exc
        line, column = getattr(exc, "position", (0, 0))
        raise GpxError(
            f"{source} : XML invalide ou tronqué (ligne {line}, colonne {column})."
        ) from exc
    except (ValueError, LookupError, RecursionError) as exc:
        # e.g. an unknown encoding declaration, or pathological nesting
        raise GpxError(f"{source} : XML illisible ({exc.__class__.__name__}).") from exc
    return root


class _Builder:
    def __init__(self, source: str, namespace: str) -> None:
        self.source = source
        self.ns = f"{{{namespace}}}" if namespace else ""

    def document(self, root: ET.Element, version: str) -> GpxDocument:
        ns = self.ns
        meta = root.find(f"{ns}metadata")
        name = self._text(meta if meta is not None else root, "name")
        doc = GpxDocument(self.source, version, root.get("creator", ""), name)
        for index, wpt in enumerate(root.iter(f"{ns}wpt"), start=1):
            lat, lon = self._position(wpt, f"point d'intérêt {index}")
            doc.waypoints.append(GpxWaypoint(
                lat, lon, self._elevation(wpt), self._text(wpt, "name"), self._text(wpt, "sym"),
                self._text(wpt, "type"), self._text(wpt, "desc"),
            ))
        for t_index, trk in enumerate(root.iter(f"{ns}trk"), start=1):
            line = GpxLine(self._text(trk, "name"), "track")
            for s_index, seg in enumerate(trk.iter(f"{ns}trkseg"), start=1):
                where = f"trace {t_index}, segment {s_index}, point"
                line.segments.append(self._points(seg.iter(f"{ns}trkpt"), where))
            doc.lines.append(line)
        for r_index, rte in enumerate(root.iter(f"{ns}rte"), start=1):
            line = GpxLine(self._text(rte, "name"), "route")
            line.segments.append(self._points(rte.iter(f"{ns}rtept"), f"route {r_index}, point"))
            doc.lines.append(line)
        return doc

    def _points(self, elements: Iterator[ET.Element], where: str) -> list[GpxPoint]:
        ns = self.ns
        out: list[GpxPoint] = []
        append = out.append
        for index, el in enumerate(elements, start=1):
            lat, lon = self._position(el, f"{where} {index}")
            ele_el = el.find(f"{ns}ele")
            time_el = el.find(f"{ns}time")
            append(GpxPoint(
                lat, lon,
                None if ele_el is None else _optional_float(ele_el.text),
                None if time_el is None else _optional_time(time_el.text),
            ))
        return out

    def _position(self, el: ET.Element, where: str) -> tuple[float, float]:
        lat = self._coordinate(el.get("lat"), "latitude", where)
        lon = self._coordinate(el.get("lon"), "longitude", where)
        if not -90.0 <= lat <= 90.0:
            raise GpxError(f"{self.source} : {where} : latitude {lat} hors de [-90, 90].")
        if not -180.0 <= lon <= 180.0:
            raise GpxError(f"{self.source} : {where} : longitude {lon} hors de [-180, 180].")
        return lat, lon

    def _coordinate(self, raw: str | None, label: str, where: str) -> float:
        if raw is None:
            raise GpxError(f"{self.source} : {where} : {label} absente.")
        value = _decimal(raw)
        if value is None:
            raise GpxError(f"{self.source} : {where} : {label} non numérique « {raw[:40]} ».")
        if not math.isfinite(value):
            raise GpxError(f"{self.source} : {where} : {label} non finie « {raw[:40]} ».")
        return value

    def _elevation(self, el: ET.Element) -> float | None:
        child = el.find(f"{self.ns}ele")
        return None if child is None else _optional_float(child.text)

    def _text(self, el: ET.Element, tag: str) -> str:
        child = el.find(f"{self.ns}{tag}")
        return "" if child is None or child.text is None else child.text.strip()


def _decimal(text: str) -> float | None:
    """An XML Schema decimal: ``float()`` minus what it also takes ("nan", "1_000", "٣")."""
    if not text.isascii() or _NOT_DECIMAL.search(text):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _optional_float(text: str | None) -> float | None:
    """A tolerated field (elevation): unreadable or non-finite values count as missing."""
    value = None if text is None else _decimal(text)
    return value if value is not None and math.isfinite(value) else None


def _optional_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None
