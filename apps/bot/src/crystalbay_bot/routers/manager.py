"""Talk to a manager: the conversation goes to manual mode and the managers hear of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from crystalbay_bot.callbacks import MenuAction, MenuCb
from crystalbay_bot.customers import hand_over
from crystalbay_bot.notify import handover_notice, tell_managers
from crystalbay_bot.views import chat_id_of

if TYPE_CHECKING:
    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["router"]


async def call_manager(
    event: Message | CallbackQuery,
    bot: Bot,
    hub: Hub,
    texts: Texts,
    managers_chat_id: int | None,
) -> None:
    """Hand the chat over to the managers; the customer keeps writing here."""
    chat_id = chat_id_of(event)
    user = event.from_user
    name = user.full_name if user else ""
    lead = await hand_over(hub, chat_id, name=name, title=f"Telegram: {name or chat_id}")
    await bot.send_message(chat_id, texts.manager_called)
    await tell_managers(bot, managers_chat_id, handover_notice(name, chat_id, lead))


def router() -> Router:
    """The manager router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="manager")
    r.message.register(call_manager, Command("manager"))
    r.callback_query.register(call_manager, MenuCb.filter(F.action == MenuAction.MANAGER))
    return r
