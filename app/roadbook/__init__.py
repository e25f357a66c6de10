"""Paper roadbook of an event's formats: map, elevation profile, waypoint, rupture-point, commune
and road tables (what volunteers carry and what a prefecture asks for). Written with reportlab.

The desktop menu entry calls :func:`export_roadbook` in a worker (it takes ``progress`` and
``cancel``)."""

from app.project_store import project_network
from app.roadbook.content import RoadbookError, Sheet, sheets_for
from app.roadbook.document import write_roadbook
from app.roadbook.export import export_roadbook

__all__ = ["RoadbookError", "Sheet", "export_roadbook", "project_network", "sheets_for",
           "write_roadbook"]
