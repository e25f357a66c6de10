"""Work-around: per-thread pyproj transformers for routes.geodesy.

``routes.geodesy`` caches one pyproj Transformer per CRS pair for the whole process; pyproj
transformers must not be shared between threads (a transformer built in the GUI thread and used
in a worker crashes with a segmentation fault). Until routes.geodesy keeps one per thread, the UI,
which is the only multi-threaded caller, swaps its cache for a thread-local one.
"""

from __future__ import annotations

import threading

from pyproj import Transformer

from routes import geodesy

_local = threading.local()


def _thread_transformer(source: str, target: str) -> Transformer:
    cache: dict[tuple[str, str], Transformer] | None = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    key = (source, target)
    if key not in cache:
        cache[key] = Transformer.from_crs(source, target, always_xy=True)
    return cache[key]


def install() -> None:
    if getattr(geodesy._transformer, "__name__", "") != "_thread_transformer":
        geodesy._transformer = _thread_transformer  # type: ignore[assignment]
