"""The tour search wizard: start, answers by button, the dates step, typed budget, Back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec
from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, Message

from crystalbay_bot import keyboards
from crystalbay_bot.callbacks import DateAction, DateCb, MenuAction, MenuCb, NavCb, PickCb
from crystalbay_bot.search import (
    chosen_window,
    in_horizon,
    load,
    parse_budget,
    parse_month,
    save,
)
from crystalbay_bot.search.results import results_page
from crystalbay_bot.search.steps import PREVIOUS, STEPS, answer, enter
from crystalbay_bot.states import Search
from crystalbay_bot.views import show

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext
    from aiogram.utils.callback_answer import CallbackAnswer

    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["router"]


async def begin(event: Message | CallbackQuery, hub: Hub, state: FSMContext, texts: Texts) -> None:
    """Start a new search at the first question."""
    await state.clear()
    await show(event, *await enter(Search.city, hub, state, texts))


async def picked(
    callback: CallbackQuery,
    *,
    callback_data: PickCb,
    hub: Hub,
    state: FSMContext,
    texts: Texts,
    callback_answer: CallbackAnswer,
) -> None:
    """An option of the question on screen: record it and ask the next question."""
    answered = None
    if STEPS.get(await state.get_state()) is callback_data.step:
        answered = answer(callback_data.step, callback_data.index, await load(state))
    if answered is None:  # a button of an earlier question, or tampered data
        callback_answer.text = texts.button_outdated
        return
    draft, following = answered
    if following == Search.results:
        await save(state, draft)
        await show(callback, *await results_page(hub, state, texts, 1))
        return
    await show(callback, *await enter(following, hub, state, texts, draft))


async def dates_step(
    callback: CallbackQuery,
    *,
    callback_data: DateCb,
    hub: Hub,
    state: FSMContext,
    texts: Texts,
    callback_answer: CallbackAnswer,
) -> None:
    """Quick choices, calendar months and days."""
    today = date.today()  # noqa: DTZ011 - travel dates are the customer's calendar dates
    if callback_data.action is DateAction.MONTH:
        first = parse_month(callback_data.value, today)
        if not in_horizon(first, today):
            callback_answer.text = texts.button_outdated
            return
        await show(callback, texts.ask_day, keyboards.calendar(texts, first, today))
        return
    window = chosen_window(callback_data.action, callback_data.value, today)
    if window is None:
        if callback_data.action is not DateAction.NOOP:  # a blank cell says nothing
            callback_answer.text = texts.button_outdated
        return
    draft = msgspec.structs.replace(await load(state), date_from=window[0], date_to=window[1])
    await show(callback, *await enter(Search.nights, hub, state, texts, draft))


async def back(callback: CallbackQuery, hub: Hub, state: FSMContext, texts: Texts) -> None:
    """Back to the previous question; from the first one, back to the menu."""
    previous = PREVIOUS.get(await state.get_state())
    if previous is None:
        await state.clear()
        await show(callback, texts.command_start, keyboards.menu(texts))
        return
    await show(callback, *await enter(previous, hub, state, texts))


async def typed_budget(message: Message, hub: Hub, state: FSMContext, texts: Texts) -> None:
    """A budget typed as a number."""
    amount = parse_budget(message.text or "")
    if amount is None:
        await message.answer(texts.budget_invalid)
        return
    await save(state, msgspec.structs.replace(await load(state), budget=amount))
    await show(message, *await results_page(hub, state, texts, 1))


async def stray_text(message: Message, texts: Texts) -> None:
    """Anything typed where a button is expected."""
    await message.answer(texts.use_buttons)


def router() -> Router:
    """The search router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="search")
    r.message.register(begin, Command("search"))
    r.callback_query.register(begin, MenuCb.filter(F.action == MenuAction.SEARCH))
    r.callback_query.register(picked, StateFilter(Search), PickCb.filter())
    r.callback_query.register(dates_step, StateFilter(Search.dates), DateCb.filter())
    r.callback_query.register(back, StateFilter(Search), NavCb.filter())
    r.message.register(typed_budget, StateFilter(Search.budget), F.text)
    r.message.register(
        stray_text, StateFilter(*[s for s in Search.__states__ if s != Search.results])
    )
    return r
