"""Photos, stickers, voice notes, other files and shared contacts, in any flow.

They go to the inbox (the file by reference, never by a URL with the bot token) and the
customer is thanked once, once per album too; a wizard question stays where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import StateFilter

from crystalbay_bot.inbound import inbound
from crystalbay_bot.states import Booking

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext
    from aiogram.types import Message

    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["MEDIA", "received", "router"]

MEDIA = F.photo | F.sticker | F.voice | F.video | F.video_note | F.audio | F.document | F.animation
"""Messages that carry a file."""

_ALBUM = "album"


async def received(message: Message, hub: Hub, state: FSMContext, texts: Texts) -> None:
    """Store what the customer sent and say thank you (once for a whole album)."""
    kept = inbound(message)
    if kept is not None:
        await hub.inbox.receive(kept)
    album = message.media_group_id
    if album is not None:
        if await state.get_value(_ALBUM) == album:
            return
        await state.update_data({_ALBUM: album})
    await message.answer(texts.media_received)


def router() -> Router:
    """The media router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="media")
    r.message.register(received, MEDIA)
    # A shared contact answers the booking's phone question; anywhere else it is kept.
    r.message.register(received, F.contact, ~StateFilter(Booking.phone))
    return r
