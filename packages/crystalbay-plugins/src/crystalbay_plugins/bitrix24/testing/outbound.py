"""Automatic outbound events of the fake: deal changes posted to subscribed handler URLs."""

from __future__ import annotations

import threading

import httpx

from crystalbay_plugins.bitrix24.testing.events import event_body

__all__ = ["Subscribers"]


class Subscribers:
    """Handler URLs registered for deal events, and what was delivered to them.

    Args:
        application_token: The token put into every event.

    Attributes:
        urls: Handler URLs.
        sent: ``(url, event, deal_id, status)`` per delivery; status 0 when unreachable.
    """

    def __init__(self, application_token: str) -> None:
        self.application_token = application_token
        self.urls: list[str] = []
        self.sent: list[tuple[str, str, int, int]] = []
        self._lock = threading.Lock()

    def notify(self, event: str, deal_id: int) -> None:
        """Post ``event`` for ``deal_id`` to every URL from background threads, once each."""
        body = event_body(event, deal_id, application_token=self.application_token)
        for url in self.urls:
            args = (url, event, deal_id, body)
            threading.Thread(target=self._deliver, args=args, daemon=True).start()

    def _deliver(self, url: str, event: str, deal_id: int, body: bytes) -> None:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        try:
            status = httpx.post(url, content=body, headers=headers, timeout=10).status_code
        except httpx.HTTPError:
            status = 0  # Bitrix logs the failure and does not retry (contract 1.13)
        with self._lock:
            self.sent.append((url, event, deal_id, status))
