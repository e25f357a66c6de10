"""GPX for participants: export that GPS devices accept, safe import, snapping onto the network."""

from routes.gpx.errors import GpxError
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta, WaypointKind

__all__ = ["CourseTrack", "CourseWaypoint", "GpxError", "GpxMeta", "WaypointKind"]
