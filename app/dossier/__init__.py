"""The prefecture declaration file of an event, straight from its routes: which Cerfa, which
authority, by when; communes and roads; marshal posts at every open-road crossing and turn; FFA
course checks; protected areas; first-aid cover (RNMSC-DPS). Each rule cites its source
(:mod:`app.dossier.rules`).

The desktop menu entry calls :func:`export_dossier` in a worker (``progress`` and ``cancel``)."""

from app.dossier.content import Dossier, DossierError, build_dossier
from app.dossier.export import export_dossier, load_areas

__all__ = ["Dossier", "DossierError", "build_dossier", "export_dossier", "load_areas"]
