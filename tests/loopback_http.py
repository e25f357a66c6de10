"""A loopback HTTP server (127.0.0.1) serving one fixture file, with scripted failures.

Each request takes the next action of ``plan`` (then serves normally once it is empty):

- ``"ok"``: the file, honouring ``Range: bytes=N-`` with ``If-Range`` (206 + ``Content-Range``);
- ``"drop:N"``: announce the full length, send N bytes of the body, then drop the connection;
- ``"cut:N"``: like a normal answer, but the body always stops at byte N of the file (a server
  whose responses are truncated, resumed or not);
- ``"429:S"`` / ``"503:S"``: that status with ``Retry-After: S`` (seconds or an HTTP date);
  ``"500"``: a server error;
- ``"norange"``: the whole file with 200, whatever ``Range`` asked (a server without ranges).

``requests`` records the headers of every request, ``served`` the bytes of body sent.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ETAG = '"cavalier-fixture-1"'


@dataclass
class Scripted:
    body: bytes
    plan: list[str] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)
    served: int = 0
    url: str = ""


def _handler(script: Scripted) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: pytest would show the server's log lines."""

        def do_GET(self) -> None:
            script.requests.append(dict(self.headers.items()))
            action = script.plan.pop(0) if script.plan else "ok"
            kind, _, argument = action.partition(":")
            if kind in {"429", "503", "500"}:
                self.send_response(int(kind))
                if argument:
                    self.send_header("Retry-After", argument)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            start = 0 if kind == "norange" else self._range_start()
            body = script.body[start:]
            self.send_response(206 if start else 200)
            if start:
                self.send_header("Content-Range",
                                 f"bytes {start}-{len(script.body) - 1}/{len(script.body)}")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", ETAG)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            if kind == "drop":
                body = body[:int(argument)]
            elif kind == "cut":
                body = body[:max(0, int(argument) - start)]
            self.wfile.write(body)
            self.wfile.flush()
            script.served += len(body)
            if kind in {"drop", "cut"}:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)

        def _range_start(self) -> int:
            wanted = self.headers.get("Range", "")
            if not wanted.startswith("bytes=") or self.headers.get("If-Range") != ETAG:
                return 0
            first = wanted[6:].split("-", 1)[0]
            return int(first) if first.isdigit() and int(first) < len(script.body) else 0

    return Handler


@contextmanager
def serving(script: Scripted, name: str = "nord-pas-de-calais-latest.osm.pbf") -> Iterator[
        Scripted]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    script.url = f"http://127.0.0.1:{server.server_address[1]}/{name}"
    try:
        yield script
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/nord-pas-de-calais-latest.osm.pbf"
