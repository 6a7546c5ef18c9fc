"""The flood guard: at most ``Limits.rate`` updates per customer in ``Limits.per`` seconds.

A throttled update reaches no handler, but nothing the customer wrote is lost: a throttled
message (text, file, contact) is still stored in the inbox, where managers read it. The
first throttled update of a flood gets one "please slow down"; the rest get no answer, except
that a throttled button press is answered so that its spinner stops. Commands are not stored:
they steer the bot and mean nothing to a manager.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.types import Update

from crystalbay_bot.inbound import inbound
from crystalbay_bot.middlewares.rates import MemoryRateStore, RateStore, RedisRateStore

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiogram import Bot
    from aiogram.fsm.storage.base import BaseStorage
    from aiogram.types import Chat, TelegramObject, User

    from crystalbay.hub import Hub
    from crystalbay_bot.limits import Limits
    from crystalbay_bot.texts import Texts

__all__ = ["ThrottleMiddleware", "make_rate_store"]

logger = logging.getLogger("crystalbay.bot")


def make_rate_store(storage: BaseStorage, *, fallback_prefix: str) -> RateStore:
    """Redis when the FSM storage is Redis (``REDIS_URL``), memory otherwise."""
    if isinstance(storage, RedisStorage):
        prefix = getattr(storage.key_builder, "prefix", fallback_prefix)
        return RedisRateStore(storage.redis, prefix=f"{prefix}:throttle")
    return MemoryRateStore()


class ThrottleMiddleware(BaseMiddleware):
    """Outer middleware on updates, after the FSM and language middlewares.

    Args:
        store: Where hits are counted.
        limits: ``rate`` and ``per`` (and the clock).
    """

    def __init__(self, store: RateStore, limits: Limits) -> None:
        self.store = store
        self.limits = limits

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:  # noqa: ANN401 - whatever the handler returns
        """Let the update through, or keep it and (once per flood) ask to slow down."""
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if not isinstance(event, Update) or user is None or chat is None:
            return await handler(event, data)
        if chat.type != ChatType.PRIVATE:
            return await handler(event, data)
        hits = await self.store.hit(str(user.id), now=self.limits.clock(), per=self.limits.per)
        if hits <= self.limits.rate:
            return await handler(event, data)
        await self._hold(event, data, chat.id, warn=hits == self.limits.rate + 1)
        return None

    async def _hold(
        self, update: Update, data: dict[str, Any], chat_id: int, *, warn: bool
    ) -> None:
        bot: Bot = data["bot"]
        hub: Hub = data["hub"]
        texts: Texts = data["texts"]
        message = update.message
        if message is not None and not (message.text or "").startswith("/"):
            kept = inbound(message)
            if kept is not None:
                await hub.inbox.receive(kept)
        try:
            if update.callback_query is not None:
                await bot.answer_callback_query(update.callback_query.id)
            if warn:
                await bot.send_message(chat_id, texts.slow_down)
        except TelegramAPIError as exc:  # e.g. the query expired meanwhile
            logger.warning("bot: could not answer a throttled update in chat %s: %s", chat_id, exc)
