"""SendGrid payloads <-> hub domain values."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from crystalbay.domain import Attachment, DeliveryStatus, InboundMessage, OutboundMessage
from crystalbay_plugins.sendgrid.models import (
    IDEMPOTENCY_ARG,
    EmailStatusUpdate,
    EventPayload,
    InboundEmail,
    InboundFile,
    MailAddress,
    MailAttachment,
    MailContent,
    MailSendRequest,
    Personalization,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "CHANNEL",
    "data_url",
    "derive_subject",
    "event_to_update",
    "inbound_to_message",
    "to_mail_request",
]

CHANNEL = "email"
_SUBJECT_MAX = 78  # RFC 5322's recommended line length keeps subjects readable in lists
_GREETING_MAX = 40
_GREETING = re.compile(
    r"^(здравствуйте|добрый (день|вечер|утро)|доброе утро|привет|приветствую|"
    r"hello|hi|dear|good (morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_REPLY_PREFIX = re.compile(r"^\s*(re|fw|fwd|отв|ответ|пересл)\s*(\[\d+\])?\s*:", re.IGNORECASE)
_STATUS = {
    "processed": DeliveryStatus.SENT,
    "deferred": DeliveryStatus.SENT,  # SendGrid keeps trying; the status does not move
    "delivered": DeliveryStatus.DELIVERED,
    "open": DeliveryStatus.READ,
    "click": DeliveryStatus.READ,
    "bounce": DeliveryStatus.FAILED,
    "dropped": DeliveryStatus.FAILED,
}


# -- outbound ----------------------------------------------------------------------------------


def derive_subject(text: str, fallback: str) -> str:
    """A subject from the message: its first meaningful line, shortened at a word boundary.

    A short greeting line ("Здравствуйте, Анна!") is skipped; ``fallback`` is used for an
    empty text.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    meaningful = [line for line in lines if not _is_greeting(line)]
    line = (meaningful or lines or [fallback])[0]
    if len(line) <= _SUBJECT_MAX:
        return line
    head = line[: _SUBJECT_MAX - 1]
    words = head.rsplit(" ", 1)[0]
    return (words if len(words) > _SUBJECT_MAX // 2 else head).rstrip(" ,.;:-") + "…"


def _is_greeting(line: str) -> bool:
    return len(line) <= _GREETING_MAX and _GREETING.match(line) is not None


def to_mail_request(
    message: OutboundMessage,
    *,
    recipient: str,
    sender: tuple[str, str | None],
    attachments: Sequence[MailAttachment] = (),
) -> MailSendRequest:
    """Build the Mail Send body; our idempotency key goes into ``custom_args``."""
    address, name = sender
    subject = derive_subject(message.text, fallback=name or address)
    return MailSendRequest(
        personalizations=(
            Personalization(
                to=(MailAddress(email=recipient),),
                custom_args={IDEMPOTENCY_ARG: message.idempotency_key},
            ),
        ),
        from_=MailAddress(email=address, name=_safe_name(name)),
        subject=subject,
        # An empty value is a 400 (``content.0.value``): an attachments-only mail says its subject.
        content=(MailContent(type="text/plain", value=message.text or subject),),
        attachments=tuple(attachments) or None,
    )


def _safe_name(name: str | None) -> str | None:
    """SendGrid refuses names containing ``;`` or ``,``."""
    if not name:
        return None
    return " ".join(name.replace(";", " ").replace(",", " ").split()) or None


# -- Event Webhook -----------------------------------------------------------------------------


def event_to_update(event: EventPayload) -> EmailStatusUpdate:
    """Map one event; unknown event names map to ``status=None`` rather than failing.

    Raises:
        OverflowError, ValueError, OSError: The timestamp is out of range.
    """
    return EmailStatusUpdate(
        event_id=event.sg_event_id or _event_hash(event),
        event=event.event,
        status=_STATUS.get(event.event),
        message_id=_x_message_id(event),
        sg_message_id=event.sg_message_id,
        idempotency_key=event.idempotency_key,
        email=event.email,
        occurred_at=datetime.fromtimestamp(event.timestamp, tz=UTC),
        detail=_event_detail(event),
    )


def _x_message_id(event: EventPayload) -> str | None:
    """``sg_message_id`` begins with the X-Message-Id, followed by ``.filter...`` suffixes."""
    if event.sg_message_id:
        return event.sg_message_id.split(".", 1)[0]
    # Inferred, not documented: ``smtp-id`` is ``<X-Message-Id@host>`` in every sample.
    if event.smtp_id and "@" in event.smtp_id:
        return event.smtp_id.strip("<>").split("@", 1)[0] or None
    return None


def _event_detail(event: EventPayload) -> str | None:
    if event.event == "bounce":
        kind = f"bounce ({event.bounce_type})" if event.bounce_type else "bounce"
        parts = [kind, event.reason, f"[{event.status}]" if event.status else None]
        return " ".join(part for part in parts if part)
    if event.event == "dropped":
        return event.reason or "dropped"
    if event.event == "deferred":
        attempt = f" (attempt {event.attempt})" if event.attempt is not None else ""
        return (event.response or "deferred") + attempt
    return None


def _event_hash(event: EventPayload) -> str:
    key = f"{event.email}|{event.timestamp}|{event.event}|{event.sg_message_id}"
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


# -- Inbound Parse -----------------------------------------------------------------------------


def data_url(file: InboundFile) -> str:
    """An RFC 2397 ``data:`` URL holding the file (the default until an upload store exists)."""
    return f"data:{file.content_type};base64," + base64.b64encode(file.content).decode()


def inbound_to_message(
    email: InboundEmail, *, attachment_url: Callable[[InboundFile], str] = data_url
) -> InboundMessage:
    """The hub's :class:`InboundMessage` for an inbound e-mail.

    A fresh subject is kept as the first line of the text (it often says what the customer
    wants); a reply's or forward's subject (``Re: ...``) only repeats ours and is left out.
    """
    text = email.text.strip()
    subject = email.subject.strip()
    if subject and not _REPLY_PREFIX.match(subject) and not text.startswith(subject):
        text = f"{subject}\n\n{text}" if text else subject
    return InboundMessage(
        channel=CHANNEL,
        external_id=email.external_id,
        chat_address=email.address,
        text=text,
        sender_name=email.sender_name,
        email=email.address,
        attachments=tuple(
            Attachment(
                kind=_kind(file.content_type),
                url=attachment_url(file),
                name=file.filename,
                mime_type=file.content_type,
            )
            for file in email.files
        ),
        sent_at=email.sent_at,
    )


def _kind(content_type: str) -> str:
    major = content_type.split("/", 1)[0].lower()
    return major if major in ("image", "audio", "video") else "document"
