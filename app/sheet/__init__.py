"""One course sheet per format: every figure a document prints about a course, computed once.

The window, the command line, the cue sheet, the participants' page and files, the roadbook, the
declaration file and the budget all read a :class:`CourseSheet`; none of them measures the course
again. See :func:`sheet_of`.
"""

from app.sheet.build import (
    SheetError,
    budget_sheets,
    project_sheets,
    sheet_of,
    sheet_of_track,
    sheets_of,
)
from app.sheet.model import (
    ClimbFigures,
    CommuneKm,
    CourseSheet,
    SheetPoint,
    TerrilPass,
    name_warning,
)
from app.sheet.posts import Crossing, MarshalPost

__all__ = [
    "ClimbFigures",
    "CommuneKm",
    "CourseSheet",
    "Crossing",
    "MarshalPost",
    "SheetError",
    "SheetPoint",
    "TerrilPass",
    "budget_sheets",
    "name_warning",
    "project_sheets",
    "sheet_of",
    "sheet_of_track",
    "sheets_of",
]
