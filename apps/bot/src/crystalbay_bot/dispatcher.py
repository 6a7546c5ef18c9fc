"""``build_dispatcher(hub)``: the bot's routers, middlewares, FSM storage and the hub."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Dispatcher, F
from aiogram.enums import ChatType
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from crystalbay_bot import routers
from crystalbay_bot.i18n import LanguageMiddleware
from crystalbay_bot.limits import Limits
from crystalbay_bot.middlewares import FlowExpiryMiddleware, ThrottleMiddleware, make_rate_store
from crystalbay_plugins.telegram.config import PLUGIN_NAME, TelegramConfig

if TYPE_CHECKING:
    from crystalbay.hub import Hub

__all__ = ["FSM_PREFIX", "build_dispatcher", "make_storage"]

FSM_PREFIX = "crystalbay:bot"
"""Prefix of the bot's Redis keys: ``crystalbay:bot:<chat>:<user>:<destiny>:<state|data>``."""


def make_storage(redis_url: str | None, *, prefix: str = FSM_PREFIX) -> BaseStorage:
    """FSM storage: Redis with ``REDIS_URL`` (state survives restarts), memory otherwise."""
    if not redis_url:
        return MemoryStorage()
    # ``with_destiny``: the language choice lives beside the conversation (see ``i18n``).
    key_builder = DefaultKeyBuilder(prefix=prefix, with_destiny=True)
    return RedisStorage.from_url(redis_url, key_builder=key_builder)


def _isolation(storage: BaseStorage) -> BaseEventIsolation:
    """One update at a time per chat, across processes when the storage is Redis."""
    if isinstance(storage, RedisStorage):
        return storage.create_isolation()
    return SimpleEventIsolation()


def build_dispatcher(
    hub: Hub, *, storage: BaseStorage | None = None, limits: Limits | None = None
) -> Dispatcher:
    """The customer bot's dispatcher, bound to ``hub``.

    Handlers receive the hub as ``hub``, the customer's language as ``lang`` and ``texts``,
    and ``managers_chat_id`` (``TELEGRAM_MANAGERS_CHAT_ID`` or ``None``). Floods are
    throttled and flows left too long restart (see :mod:`crystalbay_bot.middlewares`).

    Args:
        hub: A started hub.
        storage: FSM storage; by default Redis when ``REDIS_URL`` is set, else memory. The
            throttle counts in the same place.
        limits: Flow expiry and throttle settings (defaults: a day; 20 updates in 10 s).
    """
    limits = limits or Limits()
    storage = storage or make_storage(hub.settings.redis_url)
    dispatcher = Dispatcher(storage=storage, events_isolation=_isolation(storage))
    config = hub.plugin_config(PLUGIN_NAME, TelegramConfig)
    dispatcher["hub"] = hub
    dispatcher["managers_chat_id"] = config.managers_chat_id if config else None
    # Customers write in private chats; the managers' group only hears from the bot.
    dispatcher.message.filter(F.chat.type == ChatType.PRIVATE)
    dispatcher.callback_query.filter(F.message.chat.type == ChatType.PRIVATE)
    # Outer middlewares run in this order, after aiogram's own (errors, user, FSM).
    dispatcher.update.outer_middleware(LanguageMiddleware())
    rates = make_rate_store(storage, fallback_prefix=FSM_PREFIX)
    dispatcher.update.outer_middleware(ThrottleMiddleware(rates, limits))
    dispatcher.update.outer_middleware(FlowExpiryMiddleware(limits))
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    dispatcher.include_routers(
        routers.errors.router(),
        routers.start.router(),
        routers.media.router(),  # before the wizard: files are kept in any flow
        routers.search.router(),
        routers.results.router(),
        routers.booking.router(),
        routers.bookings.router(),
        routers.manager.router(),
        routers.inbox.router(),  # text no other flow wants
        routers.outdated.router(),  # last: buttons no other flow wants
    )
    return dispatcher
