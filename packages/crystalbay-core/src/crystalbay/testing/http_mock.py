"""``HttpMock``: route the hub's shared HTTP client to in-process handlers."""

from __future__ import annotations

from collections.abc import Callable

import httpx

__all__ = ["HttpMock"]

Handler = Callable[[httpx.Request], httpx.Response]


class HttpMock:
    """Answers requests by (method, URL prefix); unmatched requests fail like a dead host.

    Attributes:
        requests: Every request seen, in order.
    """

    def __init__(self) -> None:
        self.routes: list[tuple[str, str, Handler]] = []
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def add(self, method: str, url_prefix: str, handler: Handler) -> None:
        """Answer ``method`` requests whose URL starts with ``url_prefix`` with ``handler``."""
        self.routes.append((method.upper(), url_prefix, handler))

    def json(self, method: str, url_prefix: str, payload: object, status: int = 200) -> None:
        """Answer with a fixed JSON body."""
        self.add(method, url_prefix, lambda _request: httpx.Response(status, json=payload))

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        for method, prefix, handler in reversed(self.routes):
            if request.method == method and url.startswith(prefix):
                return handler(request)
        raise httpx.ConnectError(f"no mocked route for {request.method} {url}", request=request)
