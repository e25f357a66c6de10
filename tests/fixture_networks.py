"""Networks for tests that need what the embedded network cannot know (crossings)."""

from __future__ import annotations

from functools import cache

from shared_data import REPO

from routes.network.model import EMBEDDED_OPTIONS, Network, load_network

EMBEDDED_FOLDER = REPO / "assets" / "network"
TEST_CROSSINGS = REPO / "tests" / "data" / "test_crossings"


@cache
def network_with_test_crossings() -> Network:
    """The embedded network plus seven FICTITIOUS rupture points on its lines (see
    ``tests/data/test_crossings/README.md``), built like the embedded network."""
    return load_network(layers=[EMBEDDED_FOLDER, TEST_CROSSINGS],
                        tolerance_m=EMBEDDED_OPTIONS.tolerance_m,
                        liaison_max_m=EMBEDDED_OPTIONS.liaison_max_m)
