"""A stand-in for the hub's webhook route, to test what the fake Wazzup24 posts."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Self

from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["WebhookRecorder"]


class WebhookRecorder:
    """Records every POST and answers scripted statuses (then 200 once they run out).

    Args:
        answers: Statuses for the first requests, in order, e.g. ``[500, 500]``.
    """

    def __init__(self, answers: list[int] | None = None) -> None:
        self.answers = list(answers or [])
        self.requests: list[FakeRequest] = []
        self._lock = threading.Lock()
        self._server = FakeHTTPServer(self._handle)

    @property
    def url(self) -> str:
        """Base URL; pass it as the hub's public URL."""
        return self._server.url

    @property
    def bodies(self) -> list[bytes]:
        """The bodies received, in order."""
        return [r.body for r in self.requests]

    def __enter__(self) -> Self:
        self._server.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.stop()

    def _handle(self, request: FakeRequest) -> FakeResponse:
        with self._lock:
            self.requests.append(request)
            status = self.answers.pop(0) if self.answers else 200
        return FakeResponse(status=status)
