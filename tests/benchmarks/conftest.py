"""Benchmarks share one basin-scale graph (with its node order, computed once per session) and
print the route engine's target table at the end of the run."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from basin_generator import SyntheticBasin, generate_basin
from shared_data import SHARED

from routes.network import node_order

#: Issue 23's figures, in print order: label -> (target, measured line), filled by the benches.
ENGINE_TARGETS: dict[str, tuple[str, str]] = dict.fromkeys((
    "p2p median, >= 250 000-node basin",
    "re-weight one profile",
    "avoid-zone update (10 000 arcs)",
    "race 15 terrils 105 km, same graph",
    "loop 42 km",
    "window Course/Variantes, embedded network",
    "engine ready, saved 500 000-node network",
), ("", "not measured in this run"))


def record(label: str, target: str, measured: str) -> None:
    ENGINE_TARGETS[label] = (target, measured)


@dataclass(frozen=True)
class Basin:
    basin: SyntheticBasin
    generated_s: float
    order_s: float


@pytest.fixture(scope="session")
def big_basin() -> Iterator[Basin]:
    """The synthetic basin (>= 250 000 nodes) with its contraction order computed once (as a
    saved network carries it), shared by the routing and loop benchmarks."""
    start = time.perf_counter()
    basin = generate_basin(shared_dir=SHARED if SHARED.exists() else None)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    node_order.attach(basin.graph, node_order.compute(basin.graph))
    yield Basin(basin, generated, time.perf_counter() - start)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if all(measured == "not measured in this run" for _, measured in ENGINE_TARGETS.values()):
        return
    terminalreporter.section("route engine targets (issue 23)")
    for label, (target, measured) in ENGINE_TARGETS.items():
        terminalreporter.write_line(f"{label:<44} | target {target or '-':<28} | {measured}")
