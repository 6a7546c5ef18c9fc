"""``FakeHTTPServer`` that stops in milliseconds instead of half a second."""

from __future__ import annotations

import threading
from typing import Self

from crystalbay.testing import FakeHTTPServer

__all__ = ["QuickServer"]


class QuickServer(FakeHTTPServer):
    """Polls for shutdown every 10 ms (``serve_forever`` polls every 0.5 s by default).

    TODO: drop this once ``crystalbay.testing.FakeHTTPServer`` takes a ``poll_interval``.
    """

    def start(self) -> Self:
        """Start serving in a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self
