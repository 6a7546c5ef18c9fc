"""Event Webhook: verify SendGrid's ECDSA signature and decode event batches.

Each POST is a JSON array of events, batched every ~30 s or 768 KB; SendGrid retries non-2xx
answers for up to 24 h, so the route should answer 2xx once the batch is stored, and
de-duplicate on :attr:`EmailStatusUpdate.event_id` (``sg_event_id``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import msgspec

from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.sendgrid.config import PLUGIN
from crystalbay_plugins.sendgrid.mapping import event_to_update
from crystalbay_plugins.sendgrid.models import EmailStatusUpdate, EventPayload
from crystalbay_plugins.sendgrid.signing import load_public_key, verify_signature

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cryptography.hazmat.primitives.asymmetric import ec

    from crystalbay_plugins.sendgrid.config import SendGridConfig

__all__ = [
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "EmailStatusUpdate",
    "parse_events",
    "verify_event_request",
    "verify_event_signature",
]

SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"
DEFAULT_TOLERANCE = 600.0
"""Replay window in seconds. SendGrid defines none; ours is inferred (the contract suggests
5-10 minutes). Whether SendGrid re-signs a *retried* batch with a fresh timestamp is not
documented: if retries after a long outage are refused as stale, widen this (up to 24 h, the
retry horizon); de-duplication on ``sg_event_id`` keeps replays harmless either way."""


def verify_event_signature(
    public_key: str | ec.EllipticCurvePublicKey,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE,
) -> bool:
    r"""True when ``body`` carries a valid, fresh SendGrid signature.

    The signed message is the ``X-Twilio-Email-Event-Webhook-Timestamp`` value followed by the
    exact raw body (including its trailing ``\\r\\n``); never re-serialise the JSON first.

    Args:
        public_key: ``SENDGRID_EVENTS_PUBLIC_KEY`` (base64 DER or PEM) or a loaded key.
        headers: The request headers (any letter case).
        body: The raw request body.
        now: The current unix time (tests pin it).
        tolerance: Largest allowed |now - timestamp| in seconds; ``None`` disables the check.

    Raises:
        ConfigurationError: ``public_key`` is not a P-256 public key.
    """
    key = load_public_key(public_key) if isinstance(public_key, str) else public_key
    signature = _header(headers, SIGNATURE_HEADER)
    timestamp = _header(headers, TIMESTAMP_HEADER)
    if not signature or not timestamp or not timestamp.isascii() or not timestamp.isdigit():
        return False
    current = time.time() if now is None else now
    if tolerance is not None and abs(current - int(timestamp)) > tolerance:
        return False
    return verify_signature(key, signature, timestamp, body)


def verify_event_request(
    config: SendGridConfig, headers: Mapping[str, str], body: bytes, *, now: float | None = None
) -> bool:
    """:func:`verify_event_signature` with the configured key; False when none is configured.

    Unsigned events are refused: without ``SENDGRID_EVENTS_PUBLIC_KEY`` anyone could mark
    messages delivered or failed.
    """
    if not config.events_public_key:
        return False
    return verify_event_signature(config.events_public_key, headers, body, now=now)


def parse_events(body: bytes) -> list[EmailStatusUpdate]:
    """Decode a batch into status updates (engagement-only events get ``status=None``).

    Raises:
        IntegrationProtocolError: The body is not a JSON array of events with ``email``,
            ``timestamp`` and ``event``.
    """
    try:
        events = msgspec.json.decode(body, type=list[EventPayload])
        return [event_to_update(event) for event in events]
    except msgspec.DecodeError as exc:
        raise IntegrationProtocolError(
            f"Event Webhook: not a batch of events ({exc})", integration=PLUGIN
        ) from exc
    except (OverflowError, OSError, ValueError) as exc:
        raise IntegrationProtocolError(
            "Event Webhook: an event timestamp is out of range", integration=PLUGIN
        ) from exc


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """Look ``name`` up in any letter case (plain dicts are case-sensitive)."""
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    return next((v for k, v in headers.items() if k.lower() == lowered), None)
