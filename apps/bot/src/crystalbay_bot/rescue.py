"""When tour search fails, the customer is not lost: the managers take the request over."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay_bot.customers import hand_over
from crystalbay_bot.notify import search_down_notice, tell_managers
from crystalbay_bot.search import SearchDraft, load

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.fsm.context import FSMContext
    from aiogram.types import User

    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub

__all__ = ["rescue_search"]


async def rescue_search(
    hub: Hub,
    bot: Bot,
    chat_id: int,
    *,
    user: User | None,
    state: FSMContext | None,
    managers_chat_id: int | None,
) -> Lead:
    """Record the brief so far on the customer's lead and hand the chat to the managers.

    The contact and the open lead are found or created, the wizard's answers become the
    lead's trip brief, the conversation goes to manual mode (a manager answers), and the
    managers' chat hears of it. The wizard's state is kept, so the customer may try again.

    Returns:
        The customer's lead.
    """
    draft = await load(state) if state is not None else SearchDraft()
    brief = draft.brief()
    name = user.full_name if user else ""
    title = f"Telegram: {name or chat_id}"
    lead = await hand_over(hub, chat_id, name=name, title=title, brief=brief)
    await tell_managers(bot, managers_chat_id, search_down_notice(name, chat_id, lead, brief))
    return lead
