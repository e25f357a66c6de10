"""Paper roadbook of an event's formats: map, elevation profile, waypoint, rupture-point, commune
and road tables (what volunteers carry and what a prefecture asks for). Written with reportlab."""

from app.roadbook.content import RoadbookError, Sheet, sheets_for
from app.roadbook.document import write_roadbook

__all__ = ["RoadbookError", "Sheet", "sheets_for", "write_roadbook"]
