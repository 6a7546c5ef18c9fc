"""How the fake posts webhooks to a hub: signing, event shapes and SendGrid's redelivery."""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import time
from typing import TYPE_CHECKING

import httpx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from crystalbay_plugins.sendgrid.events import SIGNATURE_HEADER, TIMESTAMP_HEADER

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = ["EVENT_DEFAULTS", "EventSigner", "encode_events", "new_event_id", "post_with_retries"]

EVENT_DEFAULTS: Mapping[str, Mapping[str, object]] = {
    "delivered": {"response": "250 2.0.0 OK", "tls": 1},
    "deferred": {"response": "421 4.7.0 Try again later", "attempt": "1"},
    "bounce": {"type": "bounce", "reason": "550 5.1.1 user unknown", "status": "5.1.1"},
    "dropped": {"reason": "Bounced Address", "status": "5.0.0"},
    "open": {"useragent": "Mozilla/5.0", "ip": "198.51.100.4"},
    "click": {"useragent": "Mozilla/5.0", "ip": "198.51.100.4", "url": "https://example.com"},
}
"""Extra fields SendGrid adds per event type (contract, 1.3)."""


class EventSigner:
    """A P-256 key pair that signs like SendGrid's signed Event Webhook."""

    def __init__(self) -> None:
        self._key = ec.generate_private_key(ec.SECP256R1())

    @property
    def public_key(self) -> str:
        """Base64 DER SubjectPublicKeyInfo, as ``SENDGRID_EVENTS_PUBLIC_KEY`` takes it."""
        der = self._key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return base64.b64encode(der).decode()

    def headers(self, body: bytes, timestamp: int | None = None) -> dict[str, str]:
        """The signature headers for ``body``: ECDSA-SHA256 over timestamp + raw body."""
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        signature = self._key.sign(stamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        return {SIGNATURE_HEADER: base64.b64encode(signature).decode(), TIMESTAMP_HEADER: stamp}


def encode_events(events: Sequence[Mapping[str, object]]) -> bytes:
    r"""A batch as SendGrid posts it: compact JSON array ending with ``\\r\\n``."""
    return json.dumps(list(events), separators=(",", ":"), ensure_ascii=False).encode() + b"\r\n"


def new_event_id() -> str:
    """A URL-safe ``sg_event_id``."""
    return secrets.token_urlsafe(16)


async def post_with_retries(
    url: str,
    *,
    body: bytes,
    headers: Mapping[str, str],
    should_retry: Callable[[int], bool],
    client: httpx.AsyncClient | None,
    attempts: int,
    retry_delay: float,
) -> list[int]:
    """POST until ``should_retry`` says the answer is final; return every status.

    Network errors count as status 0 and are retried like a failure.
    """
    if client is None:
        async with httpx.AsyncClient() as own:
            return await post_with_retries(
                url,
                body=body,
                headers=headers,
                should_retry=should_retry,
                client=own,
                attempts=attempts,
                retry_delay=retry_delay,
            )
    statuses: list[int] = []
    for attempt in range(max(attempts, 1)):
        if attempt:
            await asyncio.sleep(retry_delay * 2 ** (attempt - 1))
        try:
            response = await client.post(url, content=body, headers=dict(headers))
            status = response.status_code
        except httpx.HTTPError:
            status = 0
        statuses.append(status)
        if not should_retry(status):
            break
    return statuses
