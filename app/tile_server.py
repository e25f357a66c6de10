"""Serve an MBTiles file to the map page from 127.0.0.1 only (no Qt: a stdlib HTTP server).

Leaflet asks ``http://127.0.0.1:PORT/{z}/{x}/{y}``; the server answers from the SQLite file
(XYZ rows turned into TMS rows) or with 404, which Leaflet reports as a tile error.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from app.offline_tiles import OfflineMap, read_offline_map

_PATH = re.compile(r"^/(\d+)/(\d+)/(\d+)(?:\.\w+)?$")
_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


class TileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, offline: OfflineMap) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.offline = offline
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{{z}}/{{x}}/{{y}}"

    def tile(self, zoom: int, x: int, y: int) -> bytes | None:
        # One short read-only connection per request: request threads come and go.
        with closing(sqlite3.connect(f"file:{self.offline.path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? "
                             "AND tile_row=?", (zoom, x, 2 ** zoom - 1 - y)).fetchone()
        return bytes(row[0]) if row else None

    def start(self) -> TileServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True,
                                        name="cavalier-tiles")
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: TileServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        match = _PATH.match(self.path)
        data = self.server.tile(*(int(g) for g in match.groups())) if match else None
        if data is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", _TYPES.get(self.server.offline.image_format,
                                                    "image/png"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=86400")
        self.end_headers()
        self.wfile.write(data)


def serve_offline_map(path: Path) -> TileServer:
    """Start serving ``path`` (an MBTiles file) on a free localhost port."""
    return TileServer(read_offline_map(path)).start()
