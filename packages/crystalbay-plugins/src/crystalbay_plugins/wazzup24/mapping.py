"""Vendor payloads (``models``) -> the hub's values (``crystalbay.domain`` and ``updates``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain import Attachment, DeliveryStatus, InboundMessage
from crystalbay_plugins.wazzup24.address import channel_name_for, format_address
from crystalbay_plugins.wazzup24.errors import REPLY_WINDOW_HELP, normalize_code
from crystalbay_plugins.wazzup24.updates import Echo, MessageEdit, StatusUpdate

if TYPE_CHECKING:
    from crystalbay_plugins.wazzup24.models import WebhookError, WebhookMessage, WebhookStatus

__all__ = ["explain_delivery_error", "to_echo", "to_edit", "to_inbound", "to_status"]

_STATUSES = {
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "error": DeliveryStatus.FAILED,
}

_MEDIA_KINDS = frozenset({"image", "audio", "video", "document", "vcard", "geo"})
_PHONE_CHATS = frozenset({"whatsapp", "viber"})  # chatId is the phone, digits only (contract 1.3)
_MIN_PHONE, _MAX_PHONE = 7, 15

_DELIVERY_HELP = {
    "24HOURSEXCEEDED": REPLY_WINDOW_HELP,
    "BADCONTACT": "the recipient cannot be reached in this messenger (wrong number or account)",
    "TOOLONGTEXT": "the text is too long for this messenger; shorten it",
    "TOOBIGCONTENT": "the file is too big for this messenger",
    "BADLINK": "Wazzup could not download the file from its link",
    "SPAM": "the messenger treated the message as spam",
}


def to_inbound(item: WebhookMessage) -> InboundMessage:
    """A customer's message (``isEcho: false``)."""
    return InboundMessage(
        channel=channel_name_for(item.chat_type),
        external_id=item.message_id,
        chat_address=format_address(item.channel_id, item.chat_type, item.chat_id),
        text=_text(item),
        sender_name=item.contact.name if item.contact else None,
        phone=_phone(item),
        attachments=_attachments(item),
        sent_at=item.date_time,
    )


def to_echo(item: WebhookMessage) -> Echo:
    """An outgoing message reported back (``isEcho: true``)."""
    return Echo(
        channel=channel_name_for(item.chat_type),
        external_id=item.message_id,
        chat_address=format_address(item.channel_id, item.chat_type, item.chat_id),
        text=_text(item),
        attachments=_attachments(item),
        status=_STATUSES.get(item.status or ""),
        author_id=item.author_id,
        author_name=item.author_name,
        sent_from_app=item.sent_from_app,
        sent_at=item.date_time,
    )


def to_edit(item: WebhookMessage) -> MessageEdit:
    """An edit or delete notification (``isEdited`` / ``isDeleted``)."""
    return MessageEdit(
        channel=channel_name_for(item.chat_type),
        external_id=item.message_id,
        text=item.text or "",
        deleted=item.is_deleted,
        outgoing=item.is_echo,
    )


def to_status(item: WebhookStatus) -> StatusUpdate | None:
    """A status change; ``None`` for values that are no delivery step (``edited``, unknown)."""
    status = _STATUSES.get(item.status)
    if status is None:
        return None
    code, error = (None, None)
    if status is DeliveryStatus.FAILED:
        code, error = explain_delivery_error(item.error)
    return StatusUpdate(
        external_id=item.message_id, status=status, error_code=code, error=error, at=item.timestamp
    )


def explain_delivery_error(error: WebhookError | None) -> tuple[str | None, str]:
    """The code and a sentence a manager can act on, for a failed delivery."""
    if error is None:
        return None, "Wazzup reported a failed delivery without a reason"
    code = error.error
    said = f" ({code}: {error.description or 'no description'})"
    help_text = _DELIVERY_HELP.get(normalize_code(code), "Wazzup could not deliver the message")
    return code, help_text + said


def _text(item: WebhookMessage) -> str:
    if item.text:
        return item.text
    if item.content_uri or item.type in {None, "text"}:
        return ""
    return f"[{item.type}]"  # e.g. a missed call: show the manager something


def _attachments(item: WebhookMessage) -> tuple[Attachment, ...]:
    if not item.content_uri:
        return ()
    kind = item.type if item.type in _MEDIA_KINDS else "file"
    return (Attachment(kind=kind or "file", url=item.content_uri),)


def _phone(item: WebhookMessage) -> str | None:
    candidates = [item.chat_id] if item.chat_type in _PHONE_CHATS else []
    if item.contact and item.contact.phone:
        candidates.append(item.contact.phone)
    for raw in candidates:
        digits = "".join(ch for ch in raw if ch.isascii() and ch.isdigit())
        if _MIN_PHONE <= len(digits) <= _MAX_PHONE:
            return "+" + digits
    return None
