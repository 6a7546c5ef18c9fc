"""The customer's language: their choice (``/lang``) if any, else their Telegram language.

The choice lives in the FSM storage under its own destiny (``prefs``), so ``/cancel`` and
finished wizards, which clear the conversation's data, keep it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext

from crystalbay_bot.texts import CATALOGUES, language_for, texts_for

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiogram.types import TelegramObject, User

__all__ = ["PREFS_DESTINY", "LanguageMiddleware", "chosen_language", "remember_language"]

PREFS_DESTINY = "prefs"


def _prefs(state: FSMContext) -> FSMContext:
    return FSMContext(storage=state.storage, key=replace(state.key, destiny=PREFS_DESTINY))


async def chosen_language(state: FSMContext | None) -> str | None:
    """The language the customer chose with ``/lang``, if they did."""
    if state is None:
        return None
    code = await _prefs(state).get_value("lang")
    return code if isinstance(code, str) and code in CATALOGUES else None


async def remember_language(state: FSMContext, code: str) -> None:
    """Keep the customer's choice of language."""
    await _prefs(state).update_data(lang=code)


class LanguageMiddleware(BaseMiddleware):
    """Puts ``lang`` (``"ru"``/``"en"``) and ``texts`` (the catalogue) into handler data.

    Register it as an outer middleware on updates, after the FSM middleware: the errors
    router then gets the same ``texts``.
    """

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:  # noqa: ANN401 - whatever the handler returns
        """Choose the language, then call the handler."""
        state: FSMContext | None = data.get("state")
        user: User | None = data.get("event_from_user")
        code = await chosen_language(state) or language_for(user.language_code if user else None)
        data["lang"] = code
        data["texts"] = texts_for(code)
        return await handler(event, data)
