"""GPX 1.1 export for participants' GPS watches and phones (Garmin, Suunto, Coros…).

One ``<trk>`` per format or stage, elevation when known, a ``<wpt>`` per point of interest with a
Garmin ``<sym>`` and a ``<type>`` (Garmin Connect turns them into course points), and optionally a
``<rte>`` of at most :data:`MAX_ROUTE_POINTS` points for devices that navigate routes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import defusedxml.ElementTree as SafeET
import gpxpy.gpx
import numpy as np

from routes.atomic import write_text
from routes.gpx.errors import GpxError
from routes.gpx.model import (
    OSM_ATTRIBUTION,
    OSM_LICENCE_URL,
    CourseTrack,
    CourseWaypoint,
    GpxMeta,
)
from routes.gpx.simplify import simplify_to_budget

MAX_ROUTE_POINTS = 250
CREATOR = "Cavalier"
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EMAIL = re.compile(r"[^@\s\"<>&']+@[^@\s\"<>&']+\.[^@\s\"<>&']+")
COORD_DECIMALS = 7  # about 1 cm: finer digits only make files bigger


def build_gpx(
    courses: Sequence[CourseTrack], meta: GpxMeta, *, with_route: bool = False,
    created: datetime | None = None,
) -> gpxpy.gpx.GPX:
    if not courses:
        raise GpxError(f"{meta.event} : aucun parcours à exporter.")
    meta = replace(meta, event=_clean(meta.event), format_name=_clean(meta.format_name),
                   organiser=_clean(meta.organiser), licence=_clean(meta.licence),
                   notes=tuple(_clean(n) for n in meta.notes),
                   attributions=tuple(_clean(a) for a in meta.attributions),
                   author=_clean(meta.author), contact=_clean(meta.contact),
                   website=_clean(meta.website))
    courses = [_clean_course(course) for course in courses]
    gpx = gpxpy.gpx.GPX()
    gpx.creator = CREATOR
    gpx.name = " — ".join(part for part in (meta.event, meta.format_name) if part)
    gpx.description = _description(meta)
    gpx.time = (created or datetime.now(UTC)).replace(microsecond=0)
    _author(gpx, meta)
    keywords = [meta.event, meta.format_name, meta.organiser]
    gpx.keywords = ", ".join(k.replace(",", " ") for k in keywords if k) or None
    if meta.osm_attribution:
        gpx.copyright_author = "OpenStreetMap contributors"
        gpx.copyright_license = OSM_LICENCE_URL
        gpx.link = "https://www.openstreetmap.org/copyright"
        gpx.link_text = OSM_ATTRIBUTION
    elif meta.licence:
        gpx.copyright_author = _attribute(meta.author or meta.organiser or meta.event)
        gpx.copyright_license = meta.licence
    for course in courses:
        gpx.tracks.append(_track(course))
        for wp in course.waypoints:
            gpx.waypoints.append(gpxpy.gpx.GPXWaypoint(
                wp.lat, wp.lon, wp.ele, name=wp.name or wp.style.label,
                description=wp.description or None, comment=wp.style.label,
                symbol=wp.style.sym, type=wp.style.type,
            ))
        if with_route:
            gpx.routes.append(_route(course))
    return gpx


def gpx_xml(courses: Sequence[CourseTrack], meta: GpxMeta, *, with_route: bool = False,
            created: datetime | None = None) -> str:
    xml: str = build_gpx(courses, meta, with_route=with_route, created=created).to_xml("1.1")
    try:  # gpxpy writes some attributes unescaped: never hand out a file that does not parse
        SafeET.fromstring(xml.encode("utf-8"))
    except Exception as exc:
        raise GpxError(f"{meta.event} : le GPX produit est mal formé ({exc}).") from exc
    return xml


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters)."""
    return _XML_INVALID.sub("", text)


def _attribute(text: str) -> str:
    """gpxpy copies attribute values verbatim, so they are escaped here."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")


def _clean_course(course: CourseTrack) -> CourseTrack:
    waypoints = [CourseWaypoint(_clean(wp.name), wp.lat, wp.lon, wp.kind, wp.ele,
                                _clean(wp.description)) for wp in course.waypoints]
    return CourseTrack(_clean(course.name), course.points, waypoints, _clean(course.description),
                       course.start_time)


def write_gpx(path: str | Path, courses: Sequence[CourseTrack], meta: GpxMeta, *,
              with_route: bool = False) -> Path:
    """Write the GPX atomically (a temporary file renamed into place)."""
    target = Path(path)
    text = gpx_xml(courses, meta, with_route=with_route)
    return write_text(target, text, error=GpxError)


def _author(gpx: gpxpy.gpx.GPX, meta: GpxMeta) -> None:
    """``<metadata><author>``: name, e-mail (when the contact is one) and web site."""
    name = meta.author or meta.organiser
    if name:
        gpx.author_name = name
    email = meta.contact.strip()
    if _EMAIL.fullmatch(email):
        gpx.author_email = _attribute(email)
    if meta.website.startswith(("http://", "https://")) and " " not in meta.website:
        gpx.author_link = _attribute(meta.website)
        gpx.author_link_text = name or meta.event


def _description(meta: GpxMeta) -> str | None:
    parts = [note.rstrip(".") for note in meta.notes]
    if meta.organiser:
        parts.append(f"Organisation : {meta.organiser}")
    if meta.contact:
        parts.append(f"Contact : {meta.contact}")
    if meta.author and meta.author != meta.organiser:
        parts.append(f"Auteur du parcours : {meta.author}")
    if meta.osm_attribution:
        parts.append(f"Fond de parcours {OSM_ATTRIBUTION} (ODbL)")
    if meta.licence:
        parts.append(f"Licence : {meta.licence}")
    parts += [f"Données du réseau : {a}" for a in meta.attributions]
    return ". ".join(parts) or None


def _track(course: CourseTrack) -> gpxpy.gpx.GPXTrack:
    track = gpxpy.gpx.GPXTrack(name=course.name, description=_course_description(course))
    segment = gpxpy.gpx.GPXTrackSegment()
    segment.points = [
        gpxpy.gpx.GPXTrackPoint(round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS),
                                None if ele is None else round(ele, 1))
        for lat, lon, ele in course.points
    ]
    track.segments.append(segment)
    return track


def _course_description(course: CourseTrack) -> str | None:
    parts = [course.description] if course.description else []
    if course.start_time is not None:
        parts.append(f"Départ : {course.start_time:%d/%m/%Y %H:%M}")
    return " — ".join(parts) or None


def nearest_indices(course: CourseTrack) -> list[int]:
    """For each waypoint, the index of the nearest track point."""
    if not course.waypoints:
        return []
    pts = np.radians(np.asarray([(lat, lon) for lat, lon, _ in course.points]))
    cos0 = np.cos(pts[:, 0].mean())
    out = []
    for wp in course.waypoints:
        lat, lon = np.radians(wp.lat), np.radians(wp.lon)
        d2 = (pts[:, 0] - lat) ** 2 + ((pts[:, 1] - lon) * cos0) ** 2
        out.append(int(np.argmin(d2)))
    return out


def _route(course: CourseTrack) -> gpxpy.gpx.GPXRoute:
    wp_at = dict(zip(nearest_indices(course), course.waypoints, strict=True))
    latlons = [(lat, lon) for lat, lon, _ in course.points]
    kept = simplify_to_budget(latlons, MAX_ROUTE_POINTS, keep=wp_at)
    route = gpxpy.gpx.GPXRoute(name=course.name)
    for index in kept:
        lat, lon, ele = course.points[index]
        wp = wp_at.get(index)
        if wp is None:
            route.points.append(gpxpy.gpx.GPXRoutePoint(
                round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS), ele))
        else:
            route.points.append(gpxpy.gpx.GPXRoutePoint(
                wp.lat, wp.lon, wp.ele if wp.ele is not None else ele,
                name=wp.name or wp.style.label, symbol=wp.style.sym, type=wp.style.type,
            ))
    return route
