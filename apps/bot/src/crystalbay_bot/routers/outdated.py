"""Buttons no handler wants: an old keyboard, a flow that expired or ended, forged data.

The customer gets a short "this button is outdated" on the button and the menu in a new
message, so they can carry on from there; nothing changes and nothing is logged as an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Router

from crystalbay_bot import keyboards
from crystalbay_bot.views import chat_id_of

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.types import CallbackQuery
    from aiogram.utils.callback_answer import CallbackAnswer

    from crystalbay_bot.texts import Texts

__all__ = ["outdated_button", "router"]


async def outdated_button(
    callback: CallbackQuery,
    bot: Bot,
    texts: Texts,
    callback_answer: CallbackAnswer,
    flow_expired: bool = False,  # noqa: FBT001, FBT002 - handler data, set by FlowExpiryMiddleware
) -> None:
    """Say the button is outdated (on the button, at once) and offer the menu."""
    callback_answer.disabled = True  # answered here, before the menu goes out
    await bot.answer_callback_query(callback.id, text=texts.button_outdated)
    text = texts.flow_expired if flow_expired else texts.button_outdated_menu
    await bot.send_message(chat_id_of(callback), text, reply_markup=keyboards.menu(texts))


def router() -> Router:
    """The outdated-buttons router; include it last (a new one per dispatcher)."""
    r = Router(name="outdated")
    r.callback_query.register(outdated_button)
    return r
