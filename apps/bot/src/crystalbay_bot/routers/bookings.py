"""``/mybookings``: the customer's bookings and where each one is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from crystalbay_bot import keyboards
from crystalbay_bot.callbacks import MenuAction, MenuCb
from crystalbay_bot.customers import find_contact_id
from crystalbay_bot.formatting import booking_line
from crystalbay_bot.views import chat_id_of, show

if TYPE_CHECKING:
    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["MAX_LISTED", "router"]


MAX_LISTED = 20
"""Newest bookings shown; older ones are rare and a manager can list them."""


async def my_bookings(event: Message | CallbackQuery, hub: Hub, texts: Texts) -> None:
    """List the bookings of the contact behind this chat, newest first."""
    contact_id = await find_contact_id(hub, chat_id_of(event))
    found = (
        (await hub.bookings.list(contact_id=contact_id, limit=MAX_LISTED))[0]
        if contact_id is not None
        else []
    )
    if not found:
        text = texts.bookings_none
    else:
        text = "\n".join([texts.bookings_header, *(booking_line(texts, b) for b in found)])
    await show(event, text, keyboards.menu(texts))


def router() -> Router:
    """The bookings router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="bookings")
    r.message.register(my_bookings, Command("mybookings"))
    r.callback_query.register(my_bookings, MenuCb.filter(F.action == MenuAction.BOOKINGS))
    return r
