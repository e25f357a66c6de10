"""Paper roadbook (« carnet de route ») of an event's formats: map, elevation profile, points and
passage times, marshal posts, terrils, communes and roads (what volunteers carry). Every figure
comes from the format's course sheet (:mod:`app.sheet`). Written with reportlab.

The desktop menu entry calls :func:`export_roadbook` in a worker (it takes ``progress`` and
``cancel``)."""

from app.project_store import project_network
from app.roadbook.content import RoadbookError, RoadbookPage, roadbook_hints, sheets_for
from app.roadbook.document import write_roadbook
from app.roadbook.export import export_roadbook

__all__ = ["RoadbookError", "RoadbookPage", "export_roadbook", "project_network",
           "roadbook_hints", "sheets_for", "write_roadbook"]
