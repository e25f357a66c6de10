"""A four-leg stage (VTT, transition, trail, épreuve) on a ``layer_factory`` network with a
« base » and a « T074 »: the sample the multisport documents' tests share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from layer_factory import at

from app.leg_routing import routed_stage
from app.model import Discipline, Format, Leg, LegKind, Stop
from routes.network.model import Network

MIN = dt.timedelta(minutes=1)


def four_leg_stage(network: Network) -> Format:
    """« Étape 1 », 5 June 2027 at 8 h 00: VTT base → T074, 10 min transition, trail to the
    south road 2,9 km east, 30 min épreuve (45 min at most), routed on ``network``."""
    def stop(name: str) -> Stop:
        place = network.places.resolve(name)
        return Stop(place.label, place.lon, place.lat)

    legs = (Leg(LegKind.VTT, start=stop("base"), end=stop("T074")),
            Leg(LegKind.TRANSITION, "parc à vélos", duration=10 * MIN),
            Leg(LegKind.TRAIL, end=Stop("Route sud", *at(2900, 0))),
            Leg(LegKind.EPREUVE, "tir à l'arc", duration=30 * MIN, limit=45 * MIN))
    stage = Format("Étape 1", Discipline.RAID, 5.0, 100, Decimal(20), day=dt.date(2027, 6, 5),
                   start_time=dt.time(8, 0))
    return routed_stage(stage, network, legs)
