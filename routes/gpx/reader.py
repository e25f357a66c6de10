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
from datetime import UTC, datetime
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from routes.errors import french_reason
from routes.gpx.errors import GpxError

GPX_NAMESPACES = {
    "http://www.topografix.com/GPX/1/1": "1.1",
    "http://www.topografix.com/GPX/1/0": "1.0",
}
_KML_MESSAGE = ("{source} : c'est un fichier KML (Google Earth) renommé, pas un GPX ; "
                "exportez-le en GPX avant de l'importer.")
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
MAX_NAME_CHARS = 200  # a name, symbol or type (it becomes a label of documents and files)
MAX_DESC_CHARS = 5000
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
        with p.open("rb") as stream:  # bounded: a pipe or /dev/zero has no size to check first
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise GpxError(f"{p.name} : lecture impossible ({french_reason(exc)}).") from exc
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
        if _foreign_encoding(data):
            raise GpxError(_xml_reason(source, data, exc)) from exc
        line, column = getattr(exc, "position", (0, 0))
        raise GpxError(
            f"{source} : XML invalide ou tronqué (ligne {line}, colonne {column})."
        ) from exc
    except LookupError as exc:  # an encoding Python does not know
        raise GpxError(f"{source} : encodage « {_declared_encoding(data)} » inconnu : "
                       "enregistrez le fichier en UTF-8.") from exc
    except (ValueError, RecursionError, UnicodeError) as exc:
        raise GpxError(_xml_reason(source, data, exc)) from exc
    return root


_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']{1,40})["']""")


def _declared_encoding(data: bytes) -> str:
    found = _ENCODING.search(data[:200])
    return found.group(1).decode("ascii", "replace") if found else "?"


_READ_ENCODINGS = ("utf8", "utf16", "iso88591", "latin1", "usascii", "ascii")


def _utf32_or_ebcdic(data: bytes) -> bool:
    return data[:4] in (b"\x00\x00\x00<", b"<\x00\x00\x00", b"\x00\x00\xfe\xff",
                        b"\xff\xfe\x00\x00") or data[:2] == b"\x4c\x6f"  # EBCDIC « <? »


def _foreign_encoding(data: bytes) -> bool:
    encoding = _declared_encoding(data)
    return _utf32_or_ebcdic(data) or (encoding != "?" and encoding.lower().replace(
        "-", "").replace("_", "") not in _READ_ENCODINGS)


def _xml_reason(source: str, data: bytes, exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return f"{source} : XML imbriqué trop profondément (fichier piégé ou endommagé)."
    if _utf32_or_ebcdic(data):
        return (f"{source} : encodage non pris en charge (UTF-32 ou EBCDIC) : enregistrez le "
                "fichier en UTF-8.")
    if _foreign_encoding(data):
        return (f"{source} : encodage « {_declared_encoding(data)} » non pris en charge : "
                "enregistrez le fichier en UTF-8.")
    return f"{source} : XML illisible ({french_reason(exc)}) : enregistrez le fichier en UTF-8."


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
        text = "" if child is None or child.text is None else child.text.strip()
        limit = MAX_DESC_CHARS if tag == "desc" else MAX_NAME_CHARS
        if len(text) > limit:
            raise GpxError(f"{self.source} : <{tag}> de {len(text):,} caractères, au plus "
                           f"{limit:,} ; raccourcissez-le.".replace(",", "\u202f"))
        return text


def _decimal(text: str) -> float | None:
    """An XML Schema decimal: ``float()`` minus what it also takes ("nan", "1_000", "٣")."""
    if not text.isascii() or _NOT_DECIMAL.search(text):
        return None
    try:
        return float(text)
    except ValueError:
        return None


MIN_ELE_M, MAX_ELE_M = -500.0, 9000.0  # the elevations a project stores (app.project_store)


def _optional_float(text: str | None) -> float | None:
    """A tolerated field (elevation): unreadable, non-finite or impossible values (« 1e308 »,
    « -1e7 », beyond the Dead Sea and Everest) count as missing."""
    value = None if text is None else _decimal(text)
    return value if value is not None and MIN_ELE_M <= value <= MAX_ELE_M else None


def _optional_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    # GPX times are UTC; one without an offset is read as UTC, so every time of a file compares
    # with every other (a naive one beside an aware one made the recce cleaning raise).
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
