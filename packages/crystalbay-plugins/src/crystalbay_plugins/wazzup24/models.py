"""Wazzup24 v3 payloads as msgspec Structs (names follow the vendor's camelCase on the wire).

Unknown fields are ignored everywhere, so that new vendor fields never break decoding.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

__all__ = [
    "ChannelInfo",
    "ErrorBody",
    "NestedErrorCode",
    "SendMessageRequest",
    "SentMessage",
    "WebhookBody",
    "WebhookContact",
    "WebhookError",
    "WebhookMessage",
    "WebhookStatus",
    "WebhookSubscriptions",
    "WebhooksRequest",
    "WebhooksState",
]


class _Camel(msgspec.Struct, frozen=True, kw_only=True, rename="camel", omit_defaults=True):
    """Base: snake_case attributes, camelCase JSON keys, defaults left out when encoding."""


# --- REST API -------------------------------------------------------------------------------


class ChannelInfo(_Camel, frozen=True, kw_only=True):
    """One item of ``GET /v3/channels``."""

    channel_id: str
    transport: str
    plain_id: str | None = None
    state: str = ""
    name: str | None = None  # undocumented, returned by live accounts (contract 1.2)

    @property
    def active(self) -> bool:
        """Only ``active`` can send; spellings of other states vary, so compare loosely."""
        return self.state.lower() == "active"


class SendMessageRequest(_Camel, frozen=True, kw_only=True):
    """Body of ``POST /v3/message``; exactly one of ``text`` and ``content_uri``."""

    channel_id: str
    chat_type: str
    chat_id: str | None = None
    text: str | None = None
    content_uri: str | None = None
    ref_message_id: str | None = None
    crm_user_id: str | None = None
    crm_message_id: str | None = None
    username: str | None = None
    phone: str | None = None
    clear_unanswered: bool | None = None


class SentMessage(_Camel, frozen=True, kw_only=True):
    """Answer 201 of ``POST /v3/message``."""

    message_id: str
    chat_id: str | None = None


class NestedErrorCode(_Camel, frozen=True, kw_only=True):
    """``{"error": {"code": ...}}``, the variant one route uses (contract 1.1)."""

    code: str | None = None


class ErrorBody(_Camel, frozen=True, kw_only=True):
    """A 4xx body: ``error`` (code), ``description``, ``data``, ``status``, ``requestId``."""

    error: str | NestedErrorCode | None = None
    description: str | None = None
    data: object = None
    status: int | None = None
    request_id: str | None = None

    @property
    def code(self) -> str | None:
        """The machine code whichever shape carried it."""
        if isinstance(self.error, NestedErrorCode):
            return self.error.code
        return self.error


class WebhookSubscriptions(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """What ``PATCH /v3/webhooks`` subscribes to (every switch is sent, ``false`` included)."""

    messages_and_statuses: bool = False
    contacts_and_deals_creation: bool = False
    channels_updates: bool = False
    template_status: bool = False


class WebhooksRequest(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """Body of ``PATCH /v3/webhooks``; ``webhooks_uri`` is at most 200 characters."""

    webhooks_uri: str
    subscriptions: WebhookSubscriptions


class WebhooksState(_Camel, frozen=True, kw_only=True):
    """Answer of ``GET /v3/webhooks``.

    The docs show the switches as strings ``"true"``, a live account returned booleans, and
    the template switch has several names (contract 1.4, uncertain item 7): keep them raw.
    """

    webhooks_uri: str | None = None
    subscriptions: dict[str, bool | str | None] = msgspec.field(default_factory=dict)

    def subscribed(self, name: str) -> bool:
        """True when switch ``name`` is on, whether sent as ``true`` or ``"true"``."""
        value = self.subscriptions.get(name)
        return value is True or (isinstance(value, str) and value.lower() == "true")


# --- Webhook deliveries (Wazzup -> hub) ------------------------------------------------------


class WebhookContact(_Camel, frozen=True, kw_only=True):
    """``contact`` of a message; for WhatsApp ``name`` may just be the phone number."""

    name: str | None = None
    avatar_uri: str | None = None
    username: str | None = None
    phone: str | None = None


class WebhookError(_Camel, frozen=True, kw_only=True):
    """``error`` of a failed outgoing message: ``{error: <code>, description}``."""

    error: str | None = None
    description: str | None = None


class WebhookMessage(_Camel, frozen=True, kw_only=True):
    """One item of ``messages``: inbound, echo, edit or delete notification."""

    message_id: str
    channel_id: str
    chat_type: str
    chat_id: str
    date_time: datetime | None = None
    type: str | None = None
    status: str | None = None
    error: WebhookError | None = None
    text: str | None = None
    content_uri: str | None = None
    is_echo: bool = False
    author_name: str | None = None
    author_id: str | None = None
    contact: WebhookContact | None = None
    sent_from_app: bool = False
    is_edited: bool = False
    is_deleted: bool = False


class WebhookStatus(_Camel, frozen=True, kw_only=True):
    """One item of ``statuses``: ``sent``, ``delivered``, ``read``, ``error`` or ``edited``."""

    message_id: str
    status: str
    timestamp: datetime | None = None
    error: WebhookError | None = None


class WebhookBody(_Camel, frozen=True, kw_only=True):
    """A whole delivery; one POST may carry both ``messages`` and ``statuses``.

    ``test`` is ``true`` for the probe Wazzup sends on ``PATCH /v3/webhooks`` (some senders
    stringify it). The other kinds are only noted, never decoded.
    """

    test: bool | str | None = None
    messages: list[WebhookMessage] | None = None
    statuses: list[WebhookStatus] | None = None
    create_contact: object = None
    create_deal: object = None
    channels_updates: object = None
    template_status: object = None
