"""Results pages and offer cards.

Each page is asked from ``hub.tours.search`` with ``page_size=5``; with several providers a
page holds up to five offers from each, merged and sorted by price. The page on screen is
kept in the draft, so an offer card and a booking use exactly the offer the customer saw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from crystalbay_bot import keyboards
from crystalbay_bot.callbacks import MenuAction, MenuCb, NavCb
from crystalbay_bot.formatting import offer_card, results_text
from crystalbay_bot.search.draft import load, save
from crystalbay_bot.search.errors import SearchUnavailable
from crystalbay_bot.states import Search

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext

    from crystalbay.domain.tours import TourOffer
    from crystalbay.hub import Hub
    from crystalbay.services.tours import TourSearchResult
    from crystalbay_bot.search.steps import Screen
    from crystalbay_bot.texts import Texts

__all__ = ["chosen_offer", "offer_screen", "results_page", "stored_results"]


async def results_page(hub: Hub, state: FSMContext, texts: Texts, page: int) -> Screen:
    """Search page ``page`` of the draft's query and show it.

    Raises:
        InvalidValue: The query breaks a rule.
        SearchUnavailable: Every provider failed or refused.
    """
    draft = await load(state)
    found = await hub.tours.search(draft.query(page))
    if not found.offers and found.failures:
        raise _failed(found)
    draft = msgspec.structs.replace(
        draft, page=page, offers=found.offers, has_more=found.has_more and bool(found.offers)
    )
    await save(state, draft)
    await state.set_state(Search.results)
    if not draft.offers:
        return texts.no_results, _no_results_keyboard(texts)
    return results_text(texts, draft), keyboards.results(texts, draft)


async def stored_results(state: FSMContext, texts: Texts) -> Screen:
    """The results page on screen, without searching again."""
    draft = await load(state)
    await state.set_state(Search.results)
    if not draft.offers:
        return texts.no_results, _no_results_keyboard(texts)
    return results_text(texts, draft), keyboards.results(texts, draft)


async def chosen_offer(state: FSMContext, index: int) -> TourOffer | None:
    """Offer ``index`` of the page on screen (``None`` for a stale button)."""
    offers = (await load(state)).offers
    return offers[index] if 0 <= index < len(offers) else None


async def offer_screen(state: FSMContext, texts: Texts, index: int) -> Screen | None:
    """The card of offer ``index`` of the page on screen."""
    offer = await chosen_offer(state, index)
    if offer is None:
        return None
    return offer_card(texts, offer), keyboards.offer(texts, index)


def _no_results_keyboard(texts: Texts) -> InlineKeyboardMarkup:
    rows = [
        (texts.back, NavCb().pack()),
        (texts.new_search, MenuCb(action=MenuAction.SEARCH).pack()),
        (texts.menu_manager, MenuCb(action=MenuAction.MANAGER).pack()),
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d)] for t, d in rows]
    )


def _failed(found: TourSearchResult) -> SearchUnavailable:
    names = ", ".join(f.provider for f in found.failures)
    detail = "; ".join(f"{f.provider}: {f.detail}" for f in found.failures)
    failure = SearchUnavailable(detail, integration=names)
    failure.retryable = any(f.retryable for f in found.failures)
    return failure
