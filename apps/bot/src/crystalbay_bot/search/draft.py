"""The search the customer is building, kept in FSM data as JSON-ready builtins."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.leads import Budget, TripBrief
from crystalbay.domain.tours import TourOffer, TourQuery

if TYPE_CHECKING:
    from aiogram.fsm.context import FSMContext

__all__ = ["PAGE_SIZE", "Choice", "SearchDraft", "load", "save"]

PAGE_SIZE = 5
"""Offers per results page."""

_KEY = "search"


class Choice(msgspec.Struct, frozen=True, kw_only=True):
    """An option offered by a provider dictionary: its key and what the customer sees."""

    key: str
    name: str


class SearchDraft(msgspec.Struct, frozen=True, kw_only=True):
    """Answers so far, the options on screen, and the current page of results.

    Attributes:
        options: The dictionary entries the buttons on screen point at (by index).
        children: How many children the customer said travel (ages follow).
        offers: The results page on screen (snapshots, as the provider returned them).
    """

    city: Choice | None = None
    country: Choice | None = None
    date_from: date | None = None
    date_to: date | None = None
    nights_min: int | None = None
    nights_max: int | None = None
    adults: int | None = None
    children: int = 0
    child_ages: tuple[int, ...] = ()
    budget: float | None = None
    currency: str = "USD"
    options: tuple[Choice, ...] = ()
    page: int = 1
    has_more: bool = False
    offers: tuple[TourOffer, ...] = ()

    def query(self, page: int) -> TourQuery:
        """The tour query for results page ``page``.

        Raises:
            ValueError: A question is still unanswered.
        """
        if not (self.city and self.country and self.date_from and self.date_to):
            raise ValueError("the search is not complete")
        return TourQuery(
            departure_city=self.city.key,
            country=self.country.key,
            date_from=self.date_from,
            date_to=self.date_to,
            nights_min=self.nights_min or 7,
            nights_max=self.nights_max or self.nights_min or 7,
            adults=self.adults or 2,
            child_ages=self.child_ages,
            budget=self.budget,
            currency=self.currency,
            page=page,
            page_size=PAGE_SIZE,
        )

    def brief(self) -> TripBrief:
        """What the customer asked for, as a lead's trip brief."""
        return TripBrief(
            departure_city=self.city.name if self.city else None,
            country=self.country.name if self.country else None,
            date_from=self.date_from,
            date_to=self.date_to,
            nights_min=self.nights_min,
            nights_max=self.nights_max,
            adults=self.adults,
            child_ages=self.child_ages,
            budget=Budget(amount=self.budget, currency=self.currency) if self.budget else None,
        )


async def load(state: FSMContext) -> SearchDraft:
    """The draft in the FSM data (an empty one when there is none)."""
    raw = await state.get_value(_KEY)
    return msgspec.convert(raw, SearchDraft) if raw else SearchDraft()


async def save(state: FSMContext, draft: SearchDraft) -> None:
    """Store ``draft`` in the FSM data."""
    await state.update_data({_KEY: msgspec.to_builtins(draft)})
