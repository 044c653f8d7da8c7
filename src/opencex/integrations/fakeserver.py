"""A small JSON HTTP server on loopback, run in a thread: what the back offices' fakes are built
on, so that the demo and the tests talk HTTP to them exactly as to the real systems."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class FakeBackOffice:
    """Subclasses answer `handle(method, path, query, headers, body)` with (status, json)."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, token: str = "") -> None:
        self.token = token
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, method: str) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    with fake.lock:
                        status, answer = fake.handle(
                            method,
                            parts.path,
                            query,
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                        )
                except Refused as refused:
                    status, answer = refused.status, {"error": str(refused)}
                except ValueError:
                    status, answer = 400, {"error": "The body is not JSON."}
                encoded = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(encoded)))
                self.end_headers()
                self.wfile.write(encoded)

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                self._answer("POST")

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet: the tests and the demo do not want an access log on stderr

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeBackOffice:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: Any
    ) -> tuple[int, Any]:
        raise NotImplementedError
