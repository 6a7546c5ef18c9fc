"""The one place where errors become messages to the customer (never a traceback)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter

from crystalbay.errors import DomainError, IntegrationError
from crystalbay_bot.rescue import rescue_search
from crystalbay_bot.search import SearchUnavailable
from crystalbay_bot.texts import texts_for

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext
    from aiogram.types import ErrorEvent, User

    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["router"]

logger = logging.getLogger("crystalbay.bot")


async def integration_failed(event: ErrorEvent, bot: Bot, texts: Texts | None = None) -> None:
    """A vendor (tour provider, Telegram) failed: say so, log it, carry on."""
    logger.warning("bot: %s", event.exception)
    texts = texts or texts_for("")
    await _tell(bot, event, texts.error_unavailable)


async def search_down(
    event: ErrorEvent,
    *,
    bot: Bot,
    hub: Hub,
    texts: Texts | None = None,
    state: FSMContext | None = None,
    event_from_user: User | None = None,
    managers_chat_id: int | None = None,
) -> None:
    """No tour provider answered: a lead with the brief so far, and a manager will write."""
    logger.warning("bot: %s", event.exception)
    texts = texts or texts_for("")
    chat_id = _chat_id(event)
    if chat_id is None:
        return
    try:
        await rescue_search(
            hub, bot, chat_id, user=event_from_user, state=state, managers_chat_id=managers_chat_id
        )
    except Exception:  # the database may be what failed: still answer the customer
        logger.exception("bot: chat %s could not be handed over after a failed search", chat_id)
        await _tell(bot, event, texts.error_unavailable)
        return
    await _tell(bot, event, texts.search_down)


async def refused(event: ErrorEvent, bot: Bot, texts: Texts | None = None) -> None:
    """A business rule refused what the customer asked."""
    detail = getattr(event.exception, "detail", str(event.exception))
    logger.info("bot: refused: %s", detail)
    texts = texts or texts_for("")
    await _tell(bot, event, texts.error_invalid.format(detail=detail))


async def unexpected(event: ErrorEvent, bot: Bot, texts: Texts | None = None) -> None:
    """Anything else: log the traceback, apologise to the customer."""
    logger.error("bot: update %s failed", event.update.update_id, exc_info=event.exception)
    texts = texts or texts_for("")
    await _tell(bot, event, texts.error_general)


async def _tell(bot: Bot, event: ErrorEvent, text: str) -> None:
    chat_id = _chat_id(event)
    if chat_id is None:
        return
    try:
        await bot.send_message(chat_id, text)
    except TelegramAPIError as exc:  # e.g. the customer blocked the bot meanwhile
        logger.warning("bot: could not tell chat %s about an error: %s", chat_id, exc)


def _chat_id(event: ErrorEvent) -> int | None:
    update = event.update
    if update.message is not None:
        return update.message.chat.id
    query = update.callback_query
    if query is not None:
        return query.message.chat.id if query.message else query.from_user.id
    return None


def router() -> Router:
    """The errors router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="errors")
    r.errors.register(search_down, ExceptionTypeFilter(SearchUnavailable))
    r.errors.register(integration_failed, ExceptionTypeFilter(IntegrationError))
    r.errors.register(refused, ExceptionTypeFilter(DomainError))
    r.errors.register(unexpected)
    return r
