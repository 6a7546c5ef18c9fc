"""Showing a screen: edit the message the button belongs to, or send a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

if TYPE_CHECKING:
    from aiogram.types import InlineKeyboardMarkup

__all__ = ["chat_id_of", "show"]


async def show(event: CallbackQuery | Message, text: str, markup: InlineKeyboardMarkup) -> None:
    """Replace the pressed button's message with the screen, or answer with a new message."""
    if isinstance(event, CallbackQuery):
        if isinstance(event.message, Message):
            try:
                await event.message.edit_text(text, reply_markup=markup)
            except TelegramBadRequest as exc:
                if "message is not modified" not in exc.message:
                    raise
            return
        if event.message is not None and event.bot is not None:
            await event.bot.send_message(event.message.chat.id, text, reply_markup=markup)
        return
    await event.answer(text, reply_markup=markup)


def chat_id_of(event: CallbackQuery | Message) -> int:
    """The chat the event happened in (a button's message, or the user's private chat)."""
    if isinstance(event, Message):
        return event.chat.id
    if event.message is not None:
        return event.message.chat.id
    return event.from_user.id
