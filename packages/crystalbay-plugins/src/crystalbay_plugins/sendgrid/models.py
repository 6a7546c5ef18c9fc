"""SendGrid payloads (vendor field names) and what the plugin hands to the hub.

Field names follow the contract (``shared/contracts/sendgrid.md``); Python-reserved or hyphenated
names are renamed with ``msgspec.field(name=...)``.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from crystalbay.domain import DeliveryStatus

__all__ = [
    "IDEMPOTENCY_ARG",
    "AttachmentInfo",
    "EmailStatusUpdate",
    "Envelope",
    "ErrorBody",
    "ErrorItem",
    "EventPayload",
    "InboundEmail",
    "InboundFile",
    "MailAddress",
    "MailAttachment",
    "MailContent",
    "MailSendRequest",
    "MailSettings",
    "Personalization",
    "SandboxMode",
]

IDEMPOTENCY_ARG = "crystalbay_idempotency_key"
"""The ``custom_args`` key carrying our idempotency key; SendGrid echoes it in every event."""


# -- Mail Send (POST /v3/mail/send) -----------------------------------------------------------


class MailAddress(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """``{email, name}``; a name must not contain ``;`` or ``,``."""

    email: str
    name: str | None = None


class Personalization(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One envelope: recipients plus per-recipient overrides."""

    to: tuple[MailAddress, ...]
    cc: tuple[MailAddress, ...] | None = None
    bcc: tuple[MailAddress, ...] | None = None
    subject: str | None = None
    headers: dict[str, str] | None = None
    custom_args: dict[str, str] | None = None


class MailContent(msgspec.Struct, frozen=True, kw_only=True):
    """A body part; ``text/plain`` must come before ``text/html``."""

    type: str
    value: str


class MailAttachment(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A file: ``content`` is base64."""

    content: str
    filename: str
    type: str | None = None
    disposition: str | None = None
    content_id: str | None = None


class SandboxMode(msgspec.Struct, frozen=True, kw_only=True):
    """``mail_settings.sandbox_mode``: validate only, answer 200, send nothing."""

    enable: bool


class MailSettings(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """The subset of ``mail_settings`` the hub uses."""

    sandbox_mode: SandboxMode | None = None


class MailSendRequest(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """The Mail Send request body."""

    personalizations: tuple[Personalization, ...]
    from_: MailAddress = msgspec.field(name="from")
    subject: str
    content: tuple[MailContent, ...]
    reply_to: MailAddress | None = None
    attachments: tuple[MailAttachment, ...] | None = None
    categories: tuple[str, ...] | None = None
    headers: dict[str, str] | None = None
    # The OAS types the top-level ``custom_args`` as a string; the SDK and the event docs use
    # an object, and so do we (contract, "Uncertain").
    custom_args: dict[str, str] | None = None
    mail_settings: MailSettings | None = None


class ErrorItem(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of ``errors[]``; ``field`` and ``help`` may be null."""

    message: str = ""
    field: str | None = None
    help: str | None = None


class ErrorBody(msgspec.Struct, frozen=True, kw_only=True):
    """Every 4xx/5xx body: ``{"errors": [...], "id": ...}``."""

    errors: tuple[ErrorItem, ...] = ()
    id: str | None = None


# -- Event Webhook ------------------------------------------------------------------------------


class EventPayload(msgspec.Struct, frozen=True, kw_only=True):
    """One event of an Event Webhook batch; custom args arrive flattened as top-level keys."""

    email: str
    timestamp: int | float
    event: str
    sg_event_id: str | None = None
    sg_message_id: str | None = None  # missing for async bounces
    smtp_id: str | None = msgspec.field(default=None, name="smtp-id")
    category: str | list[str] | None = None
    reason: str | None = None
    status: str | None = None
    response: str | None = None
    attempt: str | int | None = None
    bounce_type: str | None = msgspec.field(default=None, name="type")
    url: str | None = None
    idempotency_key: str | None = msgspec.field(default=None, name=IDEMPOTENCY_ARG)


class EmailStatusUpdate(msgspec.Struct, frozen=True, kw_only=True):
    """A delivery status change decoded from one event.

    Attributes:
        event_id: ``sg_event_id`` (or a hash of the event when absent): de-duplicate on it.
        event: SendGrid's event name (``delivered``, ``bounce``, ...).
        status: The hub's status, or ``None`` for events that do not move delivery
            (``spamreport``, ``unsubscribe``, unknown future events).
        message_id: The ``X-Message-Id`` that ``send`` returned (prefix of ``sg_message_id``).
        sg_message_id: The full ``sg_message_id``.
        idempotency_key: Our outbox key, echoed from ``custom_args``.
        email: The recipient.
        occurred_at: When it happened (UTC).
        detail: Reason, SMTP response or bounce type, for the operator.
    """

    event_id: str
    event: str
    status: DeliveryStatus | None
    message_id: str | None
    sg_message_id: str | None
    idempotency_key: str | None
    email: str
    occurred_at: datetime
    detail: str | None = None


# -- Inbound Parse ------------------------------------------------------------------------------


class Envelope(msgspec.Struct, frozen=True, kw_only=True):
    """The ``envelope`` field: SMTP recipients and return path."""

    to: list[str] = msgspec.field(default_factory=list)
    from_: str | None = msgspec.field(default=None, name="from")


class AttachmentInfo(msgspec.Struct, frozen=True, kw_only=True):
    """One value of the ``attachment-info`` field."""

    filename: str | None = None
    name: str | None = None
    type: str | None = None
    content_id: str | None = msgspec.field(default=None, name="content-id")


class InboundFile(msgspec.Struct, frozen=True, kw_only=True):
    """An attachment of an inbound e-mail, with its bytes."""

    filename: str
    content_type: str
    content: bytes
    content_id: str | None = None


class InboundEmail(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the hub may want from one Inbound Parse post."""

    external_id: str
    address: str
    sender_name: str | None
    subject: str
    text: str
    html: str | None
    to: tuple[str, ...]
    files: tuple[InboundFile, ...]
    message_id: str | None = None
    in_reply_to: str | None = None
    sent_at: datetime | None = None
    raw_mode: bool = False
