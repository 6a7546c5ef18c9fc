"""Unfinished flows: resumed within ``Limits.flow_ttl`` they go on, after it they restart.

The decision: a search or booking request the customer leaves for longer than a day (by
default) restarts cleanly. Its dates ("within two weeks") and the prices on screen were
true when the customer stopped, not now, so carrying on would offer yesterday's tours. Within
the limit, the next button or answer continues where the customer stopped, also after a
restart of the bot when the state is in Redis.

The flow's last activity is kept in its FSM data under :data:`TOUCHED`. On expiry the state
and data are cleared before any filter looks at them, and the update is handled as if no flow
were open: an old wizard button gets the outdated-button answer, worded as an expired flow,
with the menu; a typed message or a file goes to the inbox, as always outside a flow, and the
customer is told the flow expired, with the menu; a command simply runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.types import Update

from crystalbay_bot import keyboards

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiogram import Bot
    from aiogram.fsm.context import FSMContext
    from aiogram.types import TelegramObject

    from crystalbay_bot.limits import Limits
    from crystalbay_bot.texts import Texts

__all__ = ["EXPIRED", "TOUCHED", "FlowExpiryMiddleware"]

TOUCHED = "touched"
"""FSM data key: wall-clock seconds of the flow's last update."""

EXPIRED = "flow_expired"
"""Handler data key: True when this update found the customer's flow expired."""


class FlowExpiryMiddleware(BaseMiddleware):
    """Outer middleware on updates, after the FSM and language middlewares.

    Args:
        limits: ``flow_ttl`` and the clock.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:  # noqa: ANN401 - whatever the handler returns
        """Clear an expired flow, run the handler, then note the flow's activity."""
        state: FSMContext | None = data.get("state")
        if state is None:
            return await handler(event, data)
        now = self.limits.clock()
        if data.get("raw_state") is not None and await self._expired(state, now):
            await state.clear()
            data["raw_state"] = None  # what the state filters read
            data[EXPIRED] = True
        result = await handler(event, data)
        if data.get(EXPIRED) and isinstance(event, Update) and _typed(event):
            texts: Texts = data["texts"]
            bot: Bot = data["bot"]
            menu = keyboards.menu(texts)
            await bot.send_message(data["event_chat"].id, texts.flow_expired, reply_markup=menu)
        if await state.get_state() is not None:
            await state.update_data({TOUCHED: now})
        return result

    async def _expired(self, state: FSMContext, now: float) -> bool:
        touched = await state.get_value(TOUCHED)
        if not isinstance(touched, int | float):
            return False  # a flow from before this rule: give it the benefit of the doubt
        return now - touched > self.limits.flow_ttl


def _typed(update: Update) -> bool:
    """A message that is not a command (a command says itself what the customer wants)."""
    message = update.message
    return message is not None and not (message.text or "").startswith("/")
