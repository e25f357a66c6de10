"""Network building: layers → noded graph → saved network, places to route between."""
