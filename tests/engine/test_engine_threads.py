"""The window routes in worker threads: one engine, shared by every thread of the pool, must
answer from any of them (the library's query objects belong to the thread that made them)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from engine_graphs import random_graph

from routes.search.engine import engine_for


def _in_thread(work: Callable[[], object]) -> object:
    found: dict[str, object] = {}

    def run() -> None:
        try:
            found["result"] = work()
        except BaseException as exc:  # a pyo3 panic is a BaseException: report it, not hang
            found["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert "error" not in found, repr(found.get("error"))
    return found["result"]


def test_one_engine_answers_from_several_threads() -> None:
    graph = random_graph(300, 7)
    engine = engine_for(graph, "trail")
    nodes = list(graph.nodes)
    source, target = nodes[0], nodes[-1]
    here = engine.shortest_path(source, target)
    for _ in range(3):  # a pool hands each job to whichever thread is free
        there = _in_thread(lambda: engine.shortest_path(source, target))
        assert there == here
    edge = here.edges[0]
    penalised = _in_thread(lambda: engine.search(engine.node_index(source),
                                                 engine.node_index(target), {edge: 50.0}))
    assert penalised is not None  # a partial metric update, then its undoing, in a worker
    assert engine.shortest_path(source, target) == here
