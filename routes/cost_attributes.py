"""The edge attributes a route's cost depends on besides the edge's length, named once: the
profiles cost edges by them (:mod:`routes.search.profiles`), the route engine reads them of each
edge, and a saved network keeps them as columns for the engine (:mod:`routes.network.edge_columns`).
"""

from __future__ import annotations

#: Flags, then texts: an edge's cost signature, in this order.
SIGNATURE_FLAGS = ("cavalier", "veloroute", "hiking", "access", "liaison", "terril", "sensitive",
                   "rupture", "water")
SIGNATURE_TEXTS = ("highway", "surface", "access_tag", "foot", "bicycle", "boat", "sac_scale")
#: What the engine reads of an edge besides its ends, key and length (its kind): the signature's
#: attributes, and whether it says if it was surveyed.
KIND_ATTRIBUTES = (*SIGNATURE_FLAGS, *SIGNATURE_TEXTS, "surveyed")
