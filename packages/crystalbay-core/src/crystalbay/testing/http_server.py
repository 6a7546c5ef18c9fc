"""A real HTTP server on 127.0.0.1 for vendor fakes.

Vendor fakes (``crystalbay_plugins.<vendor>.testing``) describe the vendor's behaviour as a
handler function; :class:`FakeHTTPServer` serves it over real HTTP from a background thread,
so that the production client, its transports and proxy routing are exercised for real.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

import msgspec

__all__ = ["FakeHTTPServer", "FakeRequest", "FakeResponse"]


class FakeRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A request as the fake saw it (header names lower-cased)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    client_ip: str

    def arg(self, name: str, default: str | None = None) -> str | None:
        """The first query value of ``name``."""
        values = self.query.get(name)
        return values[0] if values else default

    def json(self) -> object:
        """The body decoded as JSON."""
        return json.loads(self.body or b"null")


class FakeResponse(msgspec.Struct, frozen=True, kw_only=True):
    """What the fake answers."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = msgspec.field(default_factory=dict)

    @classmethod
    def json(
        cls, payload: object, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> FakeResponse:
        """A JSON answer (UTF-8, non-ASCII kept as is, like most vendors)."""
        body = json.dumps(payload, ensure_ascii=False).encode()
        merged = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        return cls(status=status, body=body, headers=merged)


Handler = Callable[[FakeRequest], FakeResponse]


class _Server(ThreadingHTTPServer):
    """Quiet about clients that hang up (a bot ending its long poll, a test closing early)."""

    daemon_threads = True
    request_queue_size = 128  # a burst of connections is queued, not reset (the default is 5)

    def handle_error(self, request: Any, client_address: Any) -> None:  # noqa: ANN401
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeHTTPServer:
    """Serve ``handler`` on ``127.0.0.1`` (an ephemeral port unless ``port`` is given).

    Built for tests that send thousands of small requests and start and stop servers often:
    answers go out without Nagle's delay (else each keep-alive answer waits ~40 ms for the
    client's delayed ACK), the accept queue is deep, and ``stop`` returns within ~10 ms.

    Args:
        handler: Turns each request into a response; it runs in the server's threads.
        latency: Seconds to sleep before answering (to imitate a slow vendor).
        port: A fixed port, or 0 for an ephemeral one.

    Attributes:
        requests: Every request received, in order.
    """

    def __init__(self, handler: Handler, *, latency: float = 0.0, port: int = 0) -> None:
        self.handler = handler
        self.latency = latency
        self.requests: list[FakeRequest] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", port), self._request_class())
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        """Start serving in a daemon thread (checking for ``stop`` every 10 ms)."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _dispatch(self, request: FakeRequest) -> FakeResponse:
        with self._lock:
            self.requests.append(request)
        if self.latency:
            time.sleep(self.latency)
        return self.handler(request)

    def _request_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = FakeRequest(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                    client_ip=self.client_address[0],
                )
                response = fake._dispatch(request)
                self.send_response(response.status)
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                del format, args  # keep test output quiet

        return _Handler
