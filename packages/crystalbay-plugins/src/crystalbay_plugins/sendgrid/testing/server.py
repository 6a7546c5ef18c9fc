"""A stateful fake of SendGrid served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Self

import httpx

from crystalbay.testing import FakeHTTPServer, FakeRequest
from crystalbay_plugins.sendgrid.testing.mail_api import MailSendApi
from crystalbay_plugins.sendgrid.testing.webhooks import (
    EVENT_DEFAULTS,
    EventSigner,
    encode_events,
    new_event_id,
    post_with_retries,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from types import TracebackType

    from crystalbay_plugins.sendgrid.testing.sent import SentMail

__all__ = ["FakeSendGrid"]


class FakeSendGrid(MailSendApi):
    """SendGrid for tests: Mail Send over real HTTP, signed events and Inbound Parse posts.

    Takes the arguments of :class:`MailSendApi`. Use it as a context manager (the server runs
    inside the ``with`` block); :meth:`reset` lets one server serve many tests.
    """

    def __init__(
        self,
        *,
        api_key: str = "SG.fake-key.crystalbay",
        verified_senders: Iterable[str] | None = None,
        can_send: bool = True,
        rate_limit: int | None = None,
        rate_window: float = 1.0,
        max_bytes: int = 30 * 1024 * 1024,
    ) -> None:
        self._signer = EventSigner()
        self._server = FakeHTTPServer(self.handle)
        super().__init__(
            api_key=api_key,
            verified_senders=verified_senders,
            can_send=can_send,
            rate_limit=rate_limit,
            rate_window=rate_window,
            max_bytes=max_bytes,
        )

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL for ``SENDGRID_API_URL``."""
        return self._server.url

    @property
    def public_key(self) -> str:
        """The event-signing key, as ``SENDGRID_EVENTS_PUBLIC_KEY`` takes it (base64 DER)."""
        return self._signer.public_key

    @property
    def requests(self) -> list[FakeRequest]:
        """Every request received."""
        return self._server.requests

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

    def reset(self) -> None:
        """Forget sent mail, requests and scripted failures; restore the constructor's settings.

        Starting and stopping a server takes ~0.5 s, so test suites share one and reset it.
        """
        super().reset()
        self._server.requests.clear()

    # -- webhooks ----------------------------------------------------------------------------

    def event(
        self, mail: SentMail, event: str = "delivered", **fields: object
    ) -> dict[str, object]:
        """An Event Webhook event for ``mail``, custom args flattened, reserved keys winning."""
        categories = mail.payload.get("categories")
        built: dict[str, object] = {
            **mail.custom_args,
            "email": (mail.to or ["unknown@example.com"])[0],
            "timestamp": int(time.time()),
            "event": event,
            "sg_event_id": new_event_id(),
            "sg_message_id": f"{mail.message_id}.filterdrecv-5645d9c87f-6r8zb-1-67F5E2C3-1.0",
            "smtp-id": f"<{mail.message_id}@ismtpd0001p1lon1.sendgrid.net>",
            **({"category": categories} if categories else {}),
            **EVENT_DEFAULTS.get(event, {}),
        }
        built.update(fields)
        return built

    def sign(self, body: bytes, timestamp: int | None = None) -> dict[str, str]:
        """Signature headers for ``body`` (now, or at ``timestamp``)."""
        return self._signer.headers(body, timestamp)

    async def post_events(
        self,
        url: str,
        events: Sequence[Mapping[str, object]],
        *,
        client: httpx.AsyncClient | None = None,
        attempts: int = 3,
        retry_delay: float = 0.0,
        timestamp: int | None = None,
    ) -> list[int]:
        """POST a signed batch to ``url``; retry on any non-2xx (SendGrid: for up to 24 h).

        The signature is made once and reused on retries (whether SendGrid re-signs is
        undocumented). Returns the status of every attempt.
        """
        body = encode_events(events)
        headers = {"Content-Type": "application/json", **self.sign(body, timestamp)}
        return await post_with_retries(
            url,
            body=body,
            headers=headers,
            should_retry=lambda status: not httpx.codes.is_success(status),
            client=client,
            attempts=attempts,
            retry_delay=retry_delay,
        )

    async def post_inbound(
        self,
        url: str,
        content_type: str,
        body: bytes,
        *,
        client: httpx.AsyncClient | None = None,
        attempts: int = 3,
        retry_delay: float = 0.0,
    ) -> list[int]:
        """POST an Inbound Parse request (see :func:`build_inbound`); retry on 5xx.

        Current docs retry only 5xx (older ones 4xx too: contract, "Uncertain").
        """
        return await post_with_retries(
            url,
            body=body,
            headers={"Content-Type": content_type},
            should_retry=lambda status: status == 0 or httpx.codes.is_server_error(status),
            client=client,
            attempts=attempts,
            retry_delay=retry_delay,
        )
