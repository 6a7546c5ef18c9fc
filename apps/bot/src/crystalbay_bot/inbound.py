"""The hub's view of what a customer sent: text, caption, files and shared contacts.

Files are recorded by reference, ``telegram-file:<file_id>``. A Bot API file URL contains the
bot token, so it is never stored; whoever shows the file asks ``getFile`` for a fresh URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.domain.messages import Attachment, InboundMessage
from crystalbay_bot.customers import CHANNEL
from crystalbay_plugins.telegram.files import FILE_SCHEME

if TYPE_CHECKING:
    from aiogram.types import Message, Sticker

__all__ = ["FILE_SCHEME", "attachment", "inbound"]

_FILES = ("animation", "video", "audio", "document")  # an animation comes with a document too


def attachment(message: Message) -> Attachment | None:
    """The file the message carries (the largest size of a photo), or ``None``."""
    if message.photo:
        return _file("photo", message.photo[-1].file_id)
    if message.sticker:
        return _file("sticker", message.sticker.file_id, mime=_sticker_type(message.sticker))
    if message.voice:
        return _file("voice", message.voice.file_id, mime=message.voice.mime_type)
    if message.video_note:
        return _file("video_note", message.video_note.file_id)
    for kind in _FILES:
        found = getattr(message, kind)
        if found is not None:
            return _file(kind, found.file_id, mime=found.mime_type, name=found.file_name)
    return None


def inbound(message: Message) -> InboundMessage | None:
    """What the inbox stores for ``message``; ``None`` when it holds nothing to keep."""
    found = attachment(message)
    text, phone = _contact(message) if message.contact else (message.text or message.caption, None)
    if not text and found is None:
        return None
    user = message.from_user
    return InboundMessage(
        channel=CHANNEL,
        external_id=f"{message.chat.id}:{message.message_id}",
        chat_address=str(message.chat.id),
        text=text or "",
        sender_name=user.full_name if user else None,
        phone=phone,
        attachments=(found,) if found else (),
        sent_at=message.date,
    )


def _contact(message: Message) -> tuple[str, str | None]:
    """A shared contact as text, and the phone when it is the sender's own number."""
    contact = message.contact
    assert contact is not None  # noqa: S101 - the caller checked
    parts = (contact.first_name, contact.last_name, contact.phone_number)
    text = " ".join(part for part in parts if part)
    sender = message.from_user.id if message.from_user else None
    if contact.user_id is None or contact.user_id != sender:
        return text, None
    phone = contact.phone_number
    return text, phone if phone.startswith("+") else f"+{phone}"  # Telegram sends digits only


def _sticker_type(sticker: Sticker) -> str:
    if sticker.is_video:
        return "video/webm"
    return "application/x-tgsticker" if sticker.is_animated else "image/webp"


def _file(
    kind: str, file_id: str, *, mime: str | None = None, name: str | None = None
) -> Attachment:
    return Attachment(kind=kind, url=f"{FILE_SCHEME}{file_id}", name=name, mime_type=mime)
