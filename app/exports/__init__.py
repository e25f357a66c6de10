"""Every export of Cavalier, for the window and the command line alike: GPX (complet and
compatible), FIT, KML, TCX, the cue sheet, the participants' page, the HTML map and the pack."""

from app.exports.errors import ExportError

__all__ = ["ExportError"]
