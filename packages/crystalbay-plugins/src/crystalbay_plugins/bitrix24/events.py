"""Outbound events from Bitrix24 (outgoing webhook), framework-free (contract 1.13).

Bitrix POSTs a form body with PHP-style keys: ``event=ONCRMDEALUPDATE``,
``data[FIELDS][ID]=42``, ``ts=...``, ``auth[application_token]=...`` and a few more ``auth``
keys. Only the entity id is sent: re-read the deal. There are no retries, so a host route should
verify (:func:`read_event`), enqueue a job and answer 200 at once.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

import msgspec

from crystalbay.errors import AuthenticationError, IntegrationProtocolError
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME
from crystalbay_plugins.bitrix24.params import FormTree, parse_form

if TYPE_CHECKING:
    from crystalbay_plugins.bitrix24.config import BitrixConfig

__all__ = [
    "WEBHOOK_PATH",
    "BitrixEvent",
    "EventAuth",
    "parse_event",
    "read_event",
    "verify_application_token",
]

WEBHOOK_PATH = "/webhooks/bitrix24"
"""The hub's route for outbound events; register ``PUBLIC_URL`` + this path in Bitrix24."""


class EventAuth(msgspec.Struct, frozen=True, kw_only=True):
    """The ``auth[...]`` keys an outgoing webhook sends (no OAuth tokens)."""

    application_token: str = ""
    domain: str = ""
    member_id: str = ""
    client_endpoint: str = ""
    server_endpoint: str = ""

    def __repr__(self) -> str:
        return f"EventAuth(domain={self.domain!r}, member_id={self.member_id!r})"


class BitrixEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One outbound event.

    Attributes:
        event: The event name, upper-cased (``ONCRMDEALUPDATE``).
        entity_id: ``data[FIELDS][ID]``: the changed entity's id.
        ts: Unix seconds, when sent.
        handler_id: ``event_handler_id``; absent in real captures (contract uncertain item 2).
        auth: Portal and token fields.
    """

    event: str
    entity_id: int
    ts: int | None = None
    handler_id: int | None = None
    auth: EventAuth = msgspec.field(default_factory=EventAuth)


class _Fields(msgspec.Struct, frozen=True, rename="upper"):
    id: int


class _Data(msgspec.Struct, frozen=True, rename="upper"):
    fields: _Fields


class _Wire(msgspec.Struct, frozen=True, kw_only=True):
    event: str
    data: _Data
    ts: int | None = None
    event_handler_id: int | None = None
    auth: EventAuth = msgspec.field(default_factory=EventAuth)


def verify_application_token(received: str | None, expected: str | None) -> bool:
    """Constant-time comparison; always ``False`` when either token is missing."""
    if not received or not expected:
        return False
    return hmac.compare_digest(received.encode(), expected.encode())


def read_event(body: bytes, config: BitrixConfig) -> BitrixEvent:
    """Verify and parse one delivery for the configured portal.

    Raises:
        AuthenticationError: ``auth[application_token]`` is missing or is not
            ``BITRIX_APPLICATION_TOKEN`` (or no token is configured): answer 401.
        IntegrationProtocolError: The body is not a Bitrix24 event: answer 400.
    """
    tree = _form(body)
    auth = tree.get("auth")
    received = auth.get("application_token") if isinstance(auth, dict) else None
    if not config.application_token:
        raise AuthenticationError(
            "bitrix24: BITRIX_APPLICATION_TOKEN is not set, so events cannot be verified; copy "
            "the token of the outgoing webhook from Bitrix24 into it"
        )
    if not verify_application_token(
        received if isinstance(received, str) else None, config.application_token
    ):
        raise AuthenticationError("bitrix24: the event's application_token is wrong or missing")
    return _convert(tree)


def parse_event(body: bytes) -> BitrixEvent:
    """Parse a delivery without verifying it (use :func:`read_event` for requests).

    Raises:
        IntegrationProtocolError: The body is not a Bitrix24 event.
    """
    return _convert(_form(body))


def _form(body: bytes) -> FormTree:
    try:
        return parse_form(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise IntegrationProtocolError(
            f"the event body is not a form: {exc}", integration=PLUGIN_NAME
        ) from exc


def _convert(tree: FormTree) -> BitrixEvent:
    try:
        wire = msgspec.convert(tree, type=_Wire, strict=False)
    except msgspec.ValidationError as exc:
        raise IntegrationProtocolError(
            f"the event lacks the documented fields (event, data[FIELDS][ID]): {exc}",
            integration=PLUGIN_NAME,
        ) from exc
    if not wire.event.strip() or wire.data.fields.id <= 0:
        raise IntegrationProtocolError(
            "the event has no name or no positive entity id", integration=PLUGIN_NAME
        )
    return BitrixEvent(
        event=wire.event.strip().upper(),
        entity_id=wire.data.fields.id,
        ts=wire.ts,
        handler_id=wire.event_handler_id,
        auth=wire.auth,
    )
