"""Results: paging, offer cards, back to the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery

from crystalbay_bot.callbacks import ResultsAction, ResultsCb
from crystalbay_bot.search import load
from crystalbay_bot.search.results import offer_screen, results_page, stored_results
from crystalbay_bot.states import Search
from crystalbay_bot.views import show

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext
    from aiogram.utils.callback_answer import CallbackAnswer

    from crystalbay.hub import Hub
    from crystalbay_bot.texts import Texts

__all__ = ["router"]


async def turn_page(
    callback: CallbackQuery,
    *,
    callback_data: ResultsCb,
    hub: Hub,
    state: FSMContext,
    texts: Texts,
    callback_answer: CallbackAnswer,
) -> None:
    """Show the page before or after the one on screen (pages turn one at a time)."""
    on_screen = (await load(state)).page
    if callback_data.value < 1 or abs(callback_data.value - on_screen) != 1:
        callback_answer.text = texts.button_outdated  # an older page's button, or forged
        return
    await show(callback, *await results_page(hub, state, texts, callback_data.value))


async def open_offer(
    callback: CallbackQuery,
    callback_data: ResultsCb,
    state: FSMContext,
    texts: Texts,
    callback_answer: CallbackAnswer,
) -> None:
    """Show one offer's card."""
    screen = await offer_screen(state, texts, callback_data.value)
    if screen is None:
        callback_answer.text = texts.button_outdated
        return
    await show(callback, *screen)


async def back_to_list(callback: CallbackQuery, state: FSMContext, texts: Texts) -> None:
    """From an offer card back to its page."""
    await show(callback, *await stored_results(state, texts))


def router() -> Router:
    """The results router (a new one per dispatcher: a router has one parent)."""
    r = Router(name="results")
    r.callback_query.filter(StateFilter(Search.results))
    r.callback_query.register(turn_page, ResultsCb.filter(F.action == ResultsAction.PAGE))
    r.callback_query.register(open_offer, ResultsCb.filter(F.action == ResultsAction.OFFER))
    r.callback_query.register(back_to_list, ResultsCb.filter(F.action == ResultsAction.LIST))
    return r
