"""Greeting, main menu, ``/lang`` and ``/cancel``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from crystalbay_bot import keyboards
from crystalbay_bot.callbacks import LangCb, MenuAction, MenuCb
from crystalbay_bot.i18n import remember_language
from crystalbay_bot.states import Booking
from crystalbay_bot.texts import CATALOGUES, texts_for
from crystalbay_bot.views import show

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext
    from aiogram.utils.callback_answer import CallbackAnswer

    from crystalbay_bot.texts import Texts

__all__ = ["router"]


async def start(message: Message, state: FSMContext, texts: Texts) -> None:
    """Greet the customer and offer the menu (any unfinished flow is dropped)."""
    await state.clear()
    name = message.from_user.first_name if message.from_user else ""
    await message.answer(texts.greeting.format(name=name), reply_markup=keyboards.menu(texts))


async def cancel(message: Message, state: FSMContext, texts: Texts) -> None:
    """Leave whatever flow the customer is in."""
    current = await state.get_state()
    await state.clear()
    if current is None:
        await message.answer(texts.nothing_to_cancel, reply_markup=keyboards.menu(texts))
        return
    if current in Booking.__state_names__:  # a reply keyboard is open: take it away
        await message.answer(texts.cancelled, reply_markup=ReplyKeyboardRemove())
        await message.answer(texts.command_start, reply_markup=keyboards.menu(texts))
        return
    await message.answer(texts.cancelled, reply_markup=keyboards.menu(texts))


async def lang_command(
    message: Message, command: CommandObject, state: FSMContext, texts: Texts
) -> None:
    """``/lang`` offers the languages; ``/lang en`` switches at once."""
    code = (command.args or "").strip().lower()
    if code in CATALOGUES:
        await _switch(message, state, code)
        return
    await message.answer(texts.choose_language, reply_markup=keyboards.languages())


async def lang_menu(callback: CallbackQuery, texts: Texts) -> None:
    """The language menu entry."""
    await show(callback, texts.choose_language, keyboards.languages())


async def lang_chosen(
    callback: CallbackQuery,
    callback_data: LangCb,
    state: FSMContext,
    texts: Texts,
    callback_answer: CallbackAnswer,
) -> None:
    """Remember the chosen language and show the menu in it."""
    if callback_data.code not in CATALOGUES:
        callback_answer.text = texts.button_outdated  # no such button was ever sent
        return
    await remember_language(state, callback_data.code)
    texts = texts_for(callback_data.code)
    await show(callback, texts.language_set, keyboards.menu(texts))


async def _switch(message: Message, state: FSMContext, code: str) -> None:
    await remember_language(state, code)
    texts = texts_for(code)
    await message.answer(texts.language_set, reply_markup=keyboards.menu(texts))


def router() -> Router:
    """The start router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="start")
    r.message.register(start, CommandStart())
    r.message.register(cancel, Command("cancel"))
    r.message.register(lang_command, Command("lang"))
    r.callback_query.register(lang_menu, MenuCb.filter(F.action == MenuAction.LANGUAGE))
    r.callback_query.register(lang_chosen, LangCb.filter())
    return r
